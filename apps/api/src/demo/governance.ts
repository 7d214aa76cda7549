import type { Services } from '../services.js'
import { recordMatterStage } from '../workflows/record-matter-stage.js'

/**
 * Demo 四议两公开 matter for 朱家户村 (seed 001: the 朱家户 alliance consolidated 160 households'
 * 80 亩 for the 香菇 industrial park). People and dates are illustrative; the six steps, the
 * rosters they are judged against and the disclosures are real records of the system.
 */
const ZHUJIAHU = '370323104201'
const SUOYIFAN = '370322105201'

export async function loadDemoGovernance(services: Services): Promise<void> {
  const org = services.organization
  // Birth dates and genders are illustrative: the villagers' roster (18+) and the 村民代表会议's
  // make-up (women at least 1/3) are computed from them.
  let born = 0
  const person = async (name: string, gender: 'male' | 'female' = 'male') =>
    (
      await org.createPerson({
        name,
        villageCode: ZHUJIAHU,
        gender,
        birthDate: `19${60 + (born++ % 30)}-0${1 + (born % 9)}-15`,
      })
    ).id
  const secretary = await person('朱家户村党支部书记（示例）')
  const deputy = await person('朱家户村党支部副书记（示例）')
  const member = await person('朱家户村支部委员（示例）')
  const vice = await person('朱家户村委会副主任（示例）')
  const partyMembers = [secretary, deputy, member]
  for (let i = 1; i <= 6; i++) partyMembers.push(await person(`朱家户村党员${i}（示例）`))
  const probationary = await person('朱家户村预备党员（示例）')
  const representatives: string[] = []
  for (let i = 1; i <= 9; i++)
    representatives.push(await person(`朱家户村村民代表${i}（示例）`, i <= 4 ? 'female' : 'male'))

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

  // 户: each representative heads a household, with one Party member each.
  for (const [i, head] of representatives.entries()) {
    const members = partyMembers.slice(i, i + 1).map((personId) => ({ personId, relation: 'other' as const }))
    await org.createHousehold(ZHUJIAHU, {
      number: String(i + 1).padStart(4, '0'),
      headPersonId: head,
      members,
      from: '2010-01-01',
    })
  }

  // The 村民代表会议 of 2019-03-22 is the 村委会 (secretary-chair, vice chair) and the nine
  // representatives: 11 members, 2/3 quorum 8; a 承包方案 also needs 2/3 of the representatives
  // (农村土地承包法 2018 Art. 19(3)): 6 of 9.
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

/**
 * Demo 乡村夜话 council for 蓑衣樊村 (seed 002/001: 议事会, 议前审查, 2/3 quorum, 逐一销号): three
 * sessions in 2024 — one resolving a topic, one closing its resolution with evidence.
 */
export async function loadDemoCouncil(services: Services): Promise<void> {
  const org = services.organization
  const gov = services.governance
  const council = await gov.createCouncil({
    villageCode: SUOYIFAN,
    name: '蓑衣樊村群众议事会',
    establishedOn: '2021-05-01',
  })
  const categories = [
    'two_committees',
    'resident_cadre',
    'villager_rep',
    'villager_rep',
    'new_sage',
    'other',
  ] as const
  const members: string[] = []
  for (const [i, category] of categories.entries()) {
    const id = (await org.createPerson({ name: `蓑衣樊村议事会成员${i + 1}（示例）`, villageCode: SUOYIFAN }))
      .id
    members.push(id)
    await gov.addCouncilMember(council.id, {
      personId: id,
      category,
      post: i === 0 ? 'chair' : i === 1 ? 'supervisor' : 'member',
      from: '2021-05-01',
    })
  }
  const topic = await gov.proposeTopic(council.id, {
    title: '稻田蟹塘旁游客步道增设路灯',
    description: '夜间游客多，步道照明不足，存在安全隐患',
    proposedBy: members[2]!,
  })
  await gov.reviewTopic(topic.id, { decision: 'accepted', reviewerId: members[0]! })
  const first = await gov.scheduleSession(council.id, {
    scheduledOn: '2024-05-16',
    venue: '蓑衣樊联村党委党群服务中心',
    topicIds: [topic.id],
    noticeSentOn: '2024-05-13',
    invitees: [{ name: '镇司法所干部（示例）', role: 'legal_advisor' }],
  })
  const held = await gov.recordMinutes(first.id, {
    heldOn: '2024-05-16',
    present: members.slice(0, 5),
    progressReports: [],
    deliberations: [
      {
        topicId: topic.id,
        outcome: 'resolved',
        votes: { yes: 5, no: 0, abstain: 0 },
        resolution: { text: '沿步道安装太阳能路灯 20 盏', owner: '村委会主任', dueOn: '2024-07-31' },
      },
    ],
    closures: [],
  })
  const resolution = held.resolutions[0]!
  const second = await gov.proposeTopic(council.id, {
    title: '旅游旺季垃圾清运频次',
    description: '周末垃圾堆积',
    proposedBy: members[3]!,
  })
  await gov.reviewTopic(second.id, { decision: 'accepted', reviewerId: members[0]! })
  const later = await gov.scheduleSession(council.id, {
    scheduledOn: '2024-08-15',
    venue: '蓑衣樊联村党委党群服务中心',
    topicIds: [second.id],
    noticeSentOn: '2024-08-12',
    invitees: [],
  })
  await gov.recordMinutes(later.id, {
    heldOn: '2024-08-15',
    present: members.slice(0, 4),
    progressReports: [{ resolutionId: resolution.id, note: '20 盏路灯已安装并通电', percent: 100 }],
    deliberations: [{ topicId: second.id, outcome: 'deferred' }],
    closures: [{ resolutionId: resolution.id, reason: 'solved', evidence: '验收照片及村民满意度回访记录' }],
  })
}
