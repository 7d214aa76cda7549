import { buildCollectiveWorld, type CollectiveWorld } from './collective-world.js'
import { approvedProject, sourceBody } from './funds-fixtures.js'
import { ADMIN_KEY, seedDivisions, type TestApp } from './helpers.js'
import { collectiveUscc, voucher } from './ledger-helpers.js'

/**
 * The small but complete world the authorization matrix runs against, built through the API as
 * the bootstrap admin (`*`). Everything an operation touches sits in the "home" village 李孟德村,
 * its township 唐坊镇, its county 高青县 and its alliance; the other divisions and alliance exist
 * only to mint out-of-scope keys from.
 */
export const CODES = {
  village: '370322104203', // 李孟德村: home village, member of the home alliance
  peerVillage: '370322104201', // 仇家村: same township, member of the home alliance
  otherVillage: '370322104202', // 和店村: same township, in no alliance
  township: '370322104', // 唐坊镇
  otherTownship: '370322105', // 常家镇: its own alliance with 蓑衣樊村
  otherTownshipVillage: '370322105201', // 蓑衣樊村, member of the other alliance
  otherTownshipFreeVillage: '370322105202', // 常家镇 village in no alliance
  county: '370322', // 高青县
  otherCounty: '370323', // 沂源县
} as const

/** Personal data of the home village's secretary: it must never show on a public route. */
export const SECRETARY = { name: '王建国', phone: '13812345678', idNumber: '11010519491231002X' }

export interface World {
  alliance: string
  otherAlliance: string
  partnerId: string
  partnerMemberId: string
  people: { secretary: string; deputy: string; rep1: string; rep2: string; member: string }
  /** A person of the other county. */
  farPersonId: string
  committeePostId: string
  /** Records under a parent the home keys do not reach, to address through a home parent. */
  foreign: { villagePostId: string; allianceMemberId: string; draftVoucherId: string; trancheId: string }
  ledgerId: string
  peerLedgerId: string
  postedVoucherId: string
  draftVoucherId: string
  spareDraftId: string
  /** The home side of a 飞地抱团 link to the peer village's ledger. */
  linkVoucherId: string
  disclosureId: string
  /** The 晒村务 (resolution) disclosure of `matterId`. */
  matterDisclosureId: string
  matterId: string
  freshMatterId: string
  /** A 户 of the home village, headed by rep1. */
  householdId: string
  objectionId: string
  allianceMatterId: string
  councilId: string
  acceptedTopicId: string
  pendingTopicId: string
  sessionId: string
  sourceId: string
  otherSourceId: string
  projectId: string
  trancheId: string
  revenueId: string
  runId: string
  /** An auditor key of the home township that revokeApiKey may revoke. */
  spareKeyId: string
  /** A key that was revoked: every protected route answers 401 to it. */
  revokedSecret: string
  /** The 三资 registers of the home village (collective-world.ts). */
  collective: CollectiveWorld
}

export async function buildWorld(t: TestApp, mintKey: (role: string, scope: string) => Promise<string>) {
  const send = async (method: string, url: string, body?: unknown, key = ADMIN_KEY) => {
    const response = await t.call(method, url, { key, ...(body === undefined ? {} : { body }) })
    if (response.statusCode >= 300)
      throw new Error(`world: ${method} ${url}: ${response.statusCode} ${response.body}`)
    return response.json()
  }
  const post = (url: string, body: unknown = {}, key?: string) => send('POST', url, body, key)
  const id = async (url: string, body: unknown, key?: string) => (await post(url, body, key)).id as string
  const { village, peerVillage, township, county } = CODES

  await seedDivisions(t)
  await send('PUT', `/v1/divisions/${CODES.otherTownshipFreeVillage}`, { name: '常家村', kind: 'village' })

  // People and the village bodies whose rosters judge the 四议两公开 meetings.
  const person = (name: string, extra: object = {}) =>
    id('/v1/people', { name, villageCode: village, ...extra })
  const people = {
    secretary: await person(SECRETARY.name, { phone: SECRETARY.phone, idNumber: SECRETARY.idNumber }),
    deputy: await person('李副书记'),
    rep1: await person('村民代表甲'),
    rep2: await person('村民代表乙'),
    member: await person('村委委员'),
  }
  const appoint = (body: string, title: string, personId: string) =>
    id(`/v1/villages/${village}/posts`, { body, title, personId, from: '2020-01-01' })
  await appoint('party_branch', 'secretary', people.secretary)
  await appoint('party_branch', 'deputy_secretary', people.deputy)
  await appoint('village_committee', 'chair', people.secretary)
  const committeePostId = await appoint('village_committee', 'member', people.member)
  const farPersonId = await id('/v1/people', { name: '沂源村民', villageCode: '370323107201' })
  const neighbour = await id('/v1/people', { name: '和店村书记', villageCode: CODES.otherVillage })
  const foreignPostId = await id(`/v1/villages/${CODES.otherVillage}/posts`, {
    body: 'party_branch',
    title: 'secretary',
    personId: neighbour,
    from: '2020-01-01',
  })
  for (const personId of [people.secretary, people.deputy])
    await post(`/v1/villages/${village}/party-members`, { personId, status: 'full', from: '2010-01-01' })
  for (const personId of [people.rep1, people.rep2])
    await post(`/v1/villages/${village}/representatives`, { personId, from: '2021-01-01' })

  // Alliances: the home one (two villages and a partner) and one in the other township.
  const partnerId = await id('/v1/partners', {
    name: '高青黑牛养殖有限公司',
    kind: 'enterprise',
    countyCode: county,
  })
  const alliance = await id('/v1/alliances', {
    name: '黑牛盒马联村党委',
    townshipCode: township,
    mode: 'mutual_aid',
    level: 'party_committee',
    establishedOn: '2020-01-01',
  })
  await post(`/v1/alliances/${alliance}/members`, { villageCode: village, role: 'lead', from: '2020-01-01' })
  await post(`/v1/alliances/${alliance}/members`, {
    villageCode: peerVillage,
    role: 'member',
    from: '2020-01-01',
  })
  const partnerMemberId = await id(`/v1/alliances/${alliance}/members`, {
    partnerId,
    role: 'member',
    from: '2020-01-01',
  })
  const otherAlliance = await id('/v1/alliances', {
    name: '常家联村党总支',
    townshipCode: CODES.otherTownship,
    mode: 'mutual_aid',
    level: 'general_branch',
    establishedOn: '2020-01-01',
  })
  const foreignMemberId = await id(`/v1/alliances/${otherAlliance}/members`, {
    villageCode: CODES.otherTownshipVillage,
    role: 'lead',
    from: '2020-01-01',
  })

  // Books: January posted, closed and disclosed; two June drafts prepared by the village bookkeeper.
  const bookkeeper = await mintKey('bookkeeper', village)
  const ledger = (villageCode: string, body: string) =>
    id('/v1/ledgers', {
      villageCode,
      collective: { name: `${villageCode} 股份经济合作社`, uscc: collectiveUscc(body) },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    })
  const ledgerId = await ledger(village, 'MA3C4D5E')
  const peerLedgerId = await ledger(peerVillage, 'MA3C4D6F')
  const vouchers = `/v1/ledgers/${ledgerId}/vouchers`
  const postedVoucherId = await id(
    vouchers,
    voucher('2024-01-10', '102', '501', '1000.00', '土地租金'),
    bookkeeper,
  )
  await post(`${vouchers}/${postedVoucherId}/post`)
  await post(`/v1/ledgers/${ledgerId}/periods/2024-01/close`)
  const disclosureId = await id(`/v1/ledgers/${ledgerId}/disclosures`, { period: '2024-01' })
  const draftVoucherId = await id(vouchers, voucher('2024-06-15', '102', '501', '10.00'), bookkeeper)
  const spareDraftId = await id(vouchers, voucher('2024-06-16', '102', '501', '20.00'), bookkeeper)
  const foreignDraftId = await id(
    `/v1/ledgers/${peerLedgerId}/vouchers`,
    voucher('2024-06-15', '102', '501', '30.00'),
  )
  const link = await post('/v1/ledger-links', {
    date: '2024-06-18',
    summary: '投资飞地抱团项目',
    amount: '500.00',
    purpose: 'investment',
    from: { ledgerId, debit: '141', credit: '102' },
    to: { ledgerId: peerLedgerId, debit: '102', credit: '301' },
  })

  // A matter through its four stages, disclosed, with an objection; and one untouched matter.
  const matter = () =>
    id('/v1/matters', {
      villageCode: village,
      title: '土地集中流转方案',
      category: 'land_contracting',
      description: '80亩',
    })
  const matterId = await matter()
  const freshMatterId = await matter()
  const stage = (path: string, attendees: string[], extra: object = {}) =>
    post(`/v1/matters/${matterId}/${path}`, {
      heldOn: '2024-03-01',
      minutes: '会议记录',
      attendees,
      votes: { yes: attendees.length, no: 0, abstain: 0 },
      ...extra,
    })
  await stage('proposal', [people.secretary, people.deputy])
  await stage('consultation', [people.secretary, people.deputy, people.member])
  await stage('party-review', [people.secretary, people.deputy])
  // The 村民代表会议 is the 村委会 and the 村民代表 (组织法 Art. 25): 3 of its 4 members attend.
  await stage('resolution', [people.rep1, people.rep2, people.member], { body: 'representatives_meeting' })
  const matterDisclosureId = await id(`/v1/matters/${matterId}/disclosures`, {
    kind: 'resolution',
    channels: ['notice_board'],
    from: '2024-03-10',
    until: '2024-03-16',
  })
  const objectionId = await id(`/v1/matters/${matterId}/objections`, {
    submittedOn: '2024-03-12',
    content: '价格偏低',
  })
  const allianceMatterId = await id('/v1/alliance-matters', {
    allianceId: alliance,
    title: '联村统一流转土地',
    category: 'land_contracting',
    villageCodes: [village],
  })

  // 乡村夜话: a council with a chair and a member, an accepted and a pending topic, a session.
  const councilId = await id('/v1/councils', {
    villageCode: village,
    name: '李孟德村群众议事会',
    establishedOn: '2021-01-01',
  })
  for (const [personId, post_] of [
    [people.secretary, 'chair'],
    [people.deputy, 'member'],
  ] as const)
    await post(`/v1/councils/${councilId}/members`, {
      personId,
      category: 'two_committees',
      post: post_,
      from: '2021-01-01',
    })
  const topic = (title: string) =>
    id(`/v1/councils/${councilId}/topics`, { title, description: '说明', proposedBy: people.deputy })
  const acceptedTopicId = await topic('路灯')
  await post(`/v1/topics/${acceptedTopicId}/review`, { decision: 'accepted' })
  const pendingTopicId = await topic('垃圾清运')
  const sessionId = await id(`/v1/councils/${councilId}/sessions`, {
    scheduledOn: '2024-12-30',
    venue: '党群服务中心',
    topicIds: [acceptedTopicId],
    noticeSentOn: '2024-12-28',
  })

  // Funds: a township source, another township's source, and a project run up to a distribution.
  const sourceId = await id('/v1/fund-sources', sourceBody())
  const otherSourceId = await id(
    '/v1/fund-sources',
    sourceBody({ name: '常家镇资金', holder: { kind: 'township', code: CODES.otherTownship } }),
  )
  const admin = { village: ADMIN_KEY, township: ADMIN_KEY, county: ADMIN_KEY }
  const projectId = await approvedProject(t, admin)
  const project = `/v1/projects/${projectId}`
  const step = (body: object) => send('POST', `${project}/transitions`, body)
  await post(`${project}/allocations`, { fundSourceId: sourceId, amount: '40000.00' })
  const plan = await post(`${project}/payment-plan`, {
    tranches: [{ label: '一次拨付', trigger: 'start', percent: '100.00' }],
  })
  await step({ to: 'started', note: '开工', on: '2024-03-01' })
  // A first payment freezes the plan, so later steps address a tranche that stays.
  const trancheId = plan.tranches[0].id as string
  await post(`${project}/disbursements`, {
    trancheId,
    fundSourceId: sourceId,
    amount: '100.00',
    ledgerId,
    date: '2024-03-05',
  })
  await post(`${project}/notices`, { stage: 'completion', from: '2024-09-01', channels: ['村务公开栏'] })
  await step({
    to: 'accepted',
    note: '验收合格',
    on: '2024-09-11',
    acceptance: {
      assetClass: 'operating',
      shares: [
        { holder: { villageCode: village }, contribution: 'land', valuation: '300000.00' },
        { holder: { villageCode: peerVillage }, contribution: 'money', valuation: '100000.00' },
      ],
      // 资产确权: the 40,000 planned formed an asset of the village.
      assets: [
        {
          name: '牛舍',
          assetClass: 'operating',
          cost: '40000.00',
          owners: [{ villageCode: village, value: '40000.00' }],
        },
      ],
    },
  })
  await step({ to: 'operating', note: '交合作社运营', on: '2024-10-01' })
  // The 收益分配方案, decided by the village through the same roster and disclosed.
  const planMatterId = await id('/v1/matters', {
    villageCode: village,
    title: '2024年收益分配方案',
    category: 'collective_income_use',
    amount: '36000.00',
    description: '按股分红',
  })
  const planStage = (path: string, attendees: string[], extra: object = {}) =>
    post(`/v1/matters/${planMatterId}/${path}`, {
      heldOn: '2024-12-01',
      minutes: '会议记录',
      attendees,
      votes: { yes: attendees.length, no: 0, abstain: 0 },
      ...extra,
    })
  await planStage('proposal', [people.secretary, people.deputy])
  await planStage('consultation', [people.secretary, people.deputy, people.member])
  await planStage('party-review', [people.secretary, people.deputy])
  await planStage('resolution', [people.rep1, people.rep2, people.member], {
    body: 'representatives_meeting',
  })
  await post(`/v1/matters/${planMatterId}/disclosures`, {
    kind: 'resolution',
    channels: ['notice_board'],
    from: '2024-12-02',
    until: '2024-12-08',
  })
  const revenueId = await id(`${project}/revenues`, {
    period: '2024',
    amount: '36000.00',
    receivedOn: '2024-12-20',
  })
  const runId = await id(`${project}/distributions`, {
    revenueId,
    decisionRef: planMatterId,
    policy: { version: '2024-1', shortfall: 'pro_rata' },
  })

  const otherProject = await approvedProject(t, admin, {
    name: '常家镇项目',
    townshipCode: CODES.otherTownship,
    implementer: { villageCode: CODES.otherTownshipVillage },
    beneficiaries: [{ villageCode: CODES.otherTownshipVillage, units: 10 }],
  })
  await post(`/v1/projects/${otherProject}/allocations`, { fundSourceId: otherSourceId, amount: '100.00' })
  const otherPlan = await post(`/v1/projects/${otherProject}/payment-plan`, {
    tranches: [{ label: '完工拨付', trigger: 'milestone', percent: '100.00' }],
  })

  const householdId = await id(`/v1/villages/${village}/households`, {
    headPersonId: people.rep1,
    members: [],
    from: '2010-01-01',
  })

  const spareKeyId = await id('/v1/api-keys', { name: 'spare', role: 'auditor', scope: township })
  const revoked = await post('/v1/api-keys', { name: 'revoked', role: 'admin', scope: '*' })
  await post(`/v1/api-keys/${revoked.id}/revoke`)

  return {
    alliance,
    otherAlliance,
    partnerId,
    partnerMemberId,
    people,
    farPersonId,
    committeePostId,
    foreign: {
      villagePostId: foreignPostId,
      allianceMemberId: foreignMemberId,
      draftVoucherId: foreignDraftId,
      trancheId: otherPlan.tranches[0].id as string,
    },
    ledgerId,
    peerLedgerId,
    postedVoucherId,
    draftVoucherId,
    spareDraftId,
    linkVoucherId: link.from.voucherId as string,
    disclosureId,
    matterDisclosureId,
    matterId,
    freshMatterId,
    householdId,
    objectionId,
    allianceMatterId,
    councilId,
    acceptedTopicId,
    pendingTopicId,
    sessionId,
    sourceId,
    otherSourceId,
    projectId,
    trancheId,
    revenueId,
    runId,
    spareKeyId,
    revokedSecret: revoked.secret as string,
    collective: await buildCollectiveWorld(post, ledgerId),
  } satisfies World
}
