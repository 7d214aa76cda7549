import type { Services } from '../services.js'
import { recordMatterStage } from '../workflows/record-matter-stage.js'

/**
 * Demo 四议两公开 matter for 朱家户村 (seed 001: the 朱家户 alliance consolidated 160 households'
 * 80 亩 for the 香菇 industrial park). People and dates are illustrative; the six steps, the
 * rosters they are judged against and the disclosures are real records of the system.
 */
const ZHUJIAHU = '370323104201'

export async function loadDemoGovernance(services: Services): Promise<void> {
  const org = services.organization
  const person = async (name: string) => (await org.createPerson({ name, villageCode: ZHUJIAHU })).id
  const secretary = await person('朱家户村党支部书记（示例）')
  const deputy = await person('朱家户村党支部副书记（示例）')
  const member = await person('朱家户村支部委员（示例）')
  const vice = await person('朱家户村委会副主任（示例）')
  const partyMembers = [secretary, deputy, member]
  for (let i = 1; i <= 6; i++) partyMembers.push(await person(`朱家户村党员${i}（示例）`))
  const probationary = await person('朱家户村预备党员（示例）')
  const representatives: string[] = []
  for (let i = 1; i <= 9; i++) representatives.push(await person(`朱家户村村民代表${i}（示例）`))

  await org.appointVillagePost(ZHUJIAHU, {
    body: 'party_branch',
    title: 'secretary',
    personId: secretary,
    from: '2016-01-01',
  })
  await org.appointVillagePost(ZHUJIAHU, {
    body: 'party_branch',
    title: 'deputy_secretary',
    personId: deputy,
    from: '2016-01-01',
  })
  await org.appointVillagePost(ZHUJIAHU, {
    body: 'party_branch',
    title: 'committee_member',
    personId: member,
    from: '2016-01-01',
  })
  await org.appointVillagePost(ZHUJIAHU, {
    body: 'village_committee',
    title: 'chair',
    personId: secretary,
    from: '2018-01-01',
  })
  await org.appointVillagePost(ZHUJIAHU, {
    body: 'village_committee',
    title: 'vice_chair',
    personId: vice,
    from: '2018-01-01',
  })
  for (const id of partyMembers)
    await org.addPartyMember(ZHUJIAHU, { personId: id, status: 'full', from: '2010-07-01' })
  await org.addPartyMember(ZHUJIAHU, { personId: probationary, status: 'probationary', from: '2018-12-01' })
  for (const id of representatives)
    await org.addRepresentative(ZHUJIAHU, { personId: id, households: 18, from: '2018-01-01' })

  const matter = await services.governance.createMatter({
    villageCode: ZHUJIAHU,
    title: '香菇产业园土地集中流转方案（160户、80亩）',
    category: 'land_contracting',
    description: '朱家户联村党委统筹，选择有大棚种植基础的两个邻近村集中流转土地，建设香菇产业园一期。',
  })
  const meeting = (heldOn: string, attendees: string[], yes: number, minutes: string) => ({
    heldOn,
    attendees,
    votes: { yes, no: attendees.length - yes, abstain: 0 },
    minutes,
  })
  await recordMatterStage(
    services,
    matter.id,
    'proposal',
    meeting('2019-03-04', [secretary, deputy, member], 3, '支部委员会提议土地集中流转'),
  )
  await recordMatterStage(
    services,
    matter.id,
    'consultation',
    meeting('2019-03-08', [secretary, deputy, member, vice], 4, '两委会商议流转方案'),
  )
  await recordMatterStage(services, matter.id, 'party_review', {
    ...meeting(
      '2019-03-15',
      [...partyMembers.slice(0, 8), probationary],
      7,
      '党员大会审议（预备党员列席不表决）',
    ),
    // Eight full members vote; the probationary member attends without a vote.
    votes: { yes: 7, no: 1, abstain: 0 },
  })
  await recordMatterStage(services, matter.id, 'resolution', {
    ...meeting('2019-03-22', representatives.slice(0, 8), 8, '村民代表会议表决通过'),
    body: 'representatives_meeting' as const,
  })
  await services.governance.discloseMatter(matter.id, {
    kind: 'resolution',
    channels: ['notice_board', 'broadcast'],
    from: '2019-03-23',
    until: '2019-03-31',
  })
  await services.governance.recordImplementation(matter.id, { status: 'started', on: '2019-04-02' })
  await services.governance.recordImplementation(matter.id, { status: 'completed', on: '2019-10-31' })
  await services.governance.discloseMatter(matter.id, {
    kind: 'result',
    channels: ['notice_board'],
    from: '2019-11-05',
    until: '2019-11-15',
  })
}
