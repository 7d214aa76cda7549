import { organizationCodeCheckCharacter, usccCheckCharacter } from '@liancun/core'
import {
  AllocationInput,
  CreateFundSourceInput,
  CreateNoticeInput,
  CreateProjectInput,
  DisbursementInput,
  DistributionInput,
  PaymentPlanInput,
  RecordResultInput,
  RevenueInput,
  TransitionInput,
} from '@liancun/funds'
import { CreateMatterInput, MatterMeetingInput, type Stage } from '@liancun/governance'
import type { z } from 'zod'
import type { Services } from '../services.js'
import { disburseToLedger } from '../workflows/disburse-to-ledger.js'
import { distributeRevenue } from '../workflows/distribute-revenue.js'
import { resolveFundHolder } from '../workflows/fund-holder.js'
import { openLedger } from '../workflows/open-ledger.js'
import { recordMatterStage } from '../workflows/record-matter-stage.js'
import { transitionProject } from '../workflows/transition-project.js'
import { demoDataset } from './dataset.js'

/**
 * Demo project funds (seed 001 §二(二)(三)), loaded through the funds service and the app's
 * workflows, so the 四议两公开 gate, the 公告公示 days, allocation limits, tranche triggers and
 * the ledgers' open periods all apply.
 *
 * From seed 001: 朱家户联村党委 累计整合上级资金 6,000 万元 (the four sources below sum to exactly
 * 60,000,000.00; the split by kind, level, year and document numbers is illustrative); the 香菇
 * 产业园 and the 49 高标准种植大棚 of its 产业示范基地 (the seed counts 香菇、樱桃、草莓 … together;
 * here all 49 are the project's output target), the 160 户 / 80 亩 land consolidation (the
 * governance demo's matter, reused as the approval's decision); 瓦泉联村党委's 榛子产业园 of
 * 1,300 余亩 built with integrated 支农惠农 funds; 黑牛盒马联村党委, where 李孟德村以村集体土地入股
 * and 仇家村 joins (here with money, the 飞地抱团 investment of the ledger demo). The city-wide
 * totals of the seed (3.9 亿元, 271 projects by 2021-10) are not reproduced: the demo holds three
 * projects. Budgets, allocations, payment plans, revenue, the distribution policy, people, dates
 * and document numbers are illustrative.
 */
const ACTOR = 'demo:fund-manager'
const REVIEWER = 'demo:reviewer'

const ZHUJIAHU = '370323104201'
const SHIJINGHE = '370323104202'
const SHANGWAQUAN = '370304104201'
const ZHONGWAQUAN = '370304104202'
const XIAWAQUAN = '370304104203'
const QIUJIA = '370322104201'
const LIMENGDE = '370322104203'

function usccOf(countyCode: string, body: string): string {
  const first16 = `N2${countyCode}${body}`
  const first17 = first16 + organizationCodeCheckCharacter(first16.slice(8, 16))
  return first17 + usccCheckCharacter(first17)
}

async function allianceId(services: Services, key: string): Promise<string> {
  const spec = demoDataset.alliances.find((a) => a.key === key)
  if (!spec) throw new Error(`demo funds: no alliance ${key} in the dataset`)
  const page = await services.organization.listAlliances({
    within: spec.townshipCode,
    asOf: spec.establishedOn,
    limit: 50,
    after: null,
  })
  const found = page.items.find((a) => a.name === spec.name)
  if (!found) throw new Error(`demo funds: alliance ${spec.name} is not loaded`)
  return found.id
}

async function addSource(services: Services, body: z.input<typeof CreateFundSourceInput>) {
  const input = CreateFundSourceInput.parse(body)
  const { divisionCode } = await resolveFundHolder(services, input.holder)
  return services.funds.createFundSource(input, divisionCode, ACTOR)
}

/** A lifecycle step through the app workflow (the 四议两公开 gate runs on approval). */
function step(services: Services, projectId: string, body: z.input<typeof TransitionInput>) {
  const input = TransitionInput.parse(body)
  return transitionProject(services, projectId, input, ACTOR, input.on!)
}

/** submit → review → approval notice (10 days) → approve, dated from `submittedOn`. */
async function approve(
  services: Services,
  projectId: string,
  dates: { submitted: string; reviewed: string; notice: string; approved: string },
  decisionRef: string,
) {
  await step(services, projectId, {
    to: 'submitted',
    note: '村两委申报，联村党委统筹入库',
    on: dates.submitted,
  })
  await step(services, projectId, { to: 'reviewed', note: '镇党委政府审核通过', on: dates.reviewed })
  await services.funds.addNotice(
    projectId,
    CreateNoticeInput.parse({
      stage: 'approval',
      from: dates.notice,
      channels: ['村务公开栏', '镇政府网站'],
    }),
  )
  await step(services, projectId, { to: 'approved', note: '县级审定', on: dates.approved, decisionRef })
}

interface DemoMatter {
  villageCode: string
  village: string
  title: string
  category: 'collective_project' | 'land_contracting'
  amount: string
  description: string
  /** Roster start (换届) and the four meetings, then the resolution disclosure (7 days or more). */
  since: string
  meetings: [string, string, string, string]
  disclosure: [string, string]
}

/**
 * A village's 四议两公开 decision taken through its four meetings and the resolution disclosure,
 * judged against a small roster (branch committee of three, the secretary also chairing the
 * village committee, five full Party members, five 村民代表). People are illustrative.
 */
async function resolvedMatter(services: Services, spec: DemoMatter): Promise<string> {
  const org = services.organization
  const person = async (role: string) =>
    (await org.createPerson({ name: `${spec.village}${role}（示例）`, villageCode: spec.villageCode })).id
  const secretary = await person('党支部书记')
  const deputy = await person('党支部副书记')
  const member = await person('支部委员')
  const partyMembers = [secretary, deputy, member, await person('党员1'), await person('党员2')]
  const representatives = [
    ...partyMembers.slice(3),
    await person('村民代表1'),
    await person('村民代表2'),
    await person('村民代表3'),
  ]
  const from = spec.since
  const posts = [
    { body: 'party_branch', title: 'secretary', personId: secretary },
    { body: 'party_branch', title: 'deputy_secretary', personId: deputy },
    { body: 'party_branch', title: 'committee_member', personId: member },
    // 一肩挑 and 交叉任职: the secretary chairs the village committee, the deputy is its vice chair.
    { body: 'village_committee', title: 'chair', personId: secretary },
    { body: 'village_committee', title: 'vice_chair', personId: deputy },
  ] as const
  for (const post of posts) await org.appointVillagePost(spec.villageCode, { ...post, from })
  for (const id of partyMembers)
    await org.addPartyMember(spec.villageCode, { personId: id, status: 'full', from })
  for (const id of representatives)
    await org.addRepresentative(spec.villageCode, { personId: id, households: 30, from })

  const matter = await services.governance.createMatter(
    CreateMatterInput.parse({
      villageCode: spec.villageCode,
      title: spec.title,
      category: spec.category,
      amount: spec.amount,
      description: spec.description,
    }),
  )
  const [proposal, consultation, review, resolution] = spec.meetings
  const meeting = (heldOn: string, attendees: string[], minutes: string) => ({
    heldOn,
    attendees,
    votes: { yes: attendees.length, no: 0, abstain: 0 },
    minutes,
  })
  await recordMatterStage(
    services,
    matter.id,
    'proposal',
    meeting(proposal, [secretary, deputy, member], '支部委员会提议'),
  )
  await recordMatterStage(
    services,
    matter.id,
    'consultation',
    meeting(consultation, [secretary, deputy, member], '两委联席会议商议'),
  )
  await recordMatterStage(services, matter.id, 'party_review', meeting(review, partyMembers, '党员大会审议'))
  await recordMatterStage(services, matter.id, 'resolution', {
    ...meeting(resolution, representatives, '村民代表会议表决通过'),
    body: 'representatives_meeting' as const,
  })
  await services.governance.discloseMatter(matter.id, {
    kind: 'resolution',
    channels: ['notice_board'],
    from: spec.disclosure[0],
    until: spec.disclosure[1],
  })
  return matter.id
}

/**
 * A second matter decided at the meetings that decided `sameAs`: each stage recorded again with
 * the attendees and votes of that meeting, and the same resolution disclosure window.
 */
async function decidedAtTheSameMeetings(
  services: Services,
  sameAs: string,
  body: z.input<typeof CreateMatterInput>,
  dates?: { meetings: [string, string, string, string]; disclosure: [string, string] },
): Promise<string> {
  const source = await services.governance.getMatter(sameAs)
  const matter = await services.governance.createMatter(CreateMatterInput.parse(body))
  for (const [index, meeting] of source.meetings.entries()) {
    const record = meeting.record as Record<string, unknown>
    const input = MatterMeetingInput.parse({
      heldOn: dates ? dates.meetings[index] : meeting.heldOn,
      attendees: record.attendees,
      votes: record.votes,
      minutes: `${String(record.minutes ?? '会议记录')}（同次会议决定项目建设方案）`.slice(0, 20000),
      ...(record.body ? { body: record.body } : {}),
      ...(record.noticeSentOn ? { noticeSentOn: record.noticeSentOn } : {}),
      ...(record.absentees ? { absentees: record.absentees } : {}),
      ...(record.writtenOpinions ? { writtenOpinions: record.writtenOpinions } : {}),
      ...(record.presentHouseholds !== undefined ? { presentHouseholds: record.presentHouseholds } : {}),
    })
    await recordMatterStage(services, matter.id, meeting.stage as Stage, input)
  }
  // By default the land matter's resolution disclosure (2019-03-23 … 03-31, governance demo).
  await services.governance.discloseMatter(matter.id, {
    kind: 'resolution',
    channels: ['notice_board', 'broadcast'],
    from: dates ? dates.disclosure[0] : '2019-03-23',
    until: dates ? dates.disclosure[1] : '2019-03-31',
  })
  return matter.id
}

/** 朱家户: 6,000 万 pooled by the alliance; the 香菇产业园 with 49 greenhouses, started and paid into. */
async function loadZhujiahu(services: Services): Promise<void> {
  const alliance = await allianceId(services, 'zhujiahu')
  const holder = { kind: 'alliance', id: alliance } as const
  const integrated = await addSource(services, {
    name: '2019年统筹整合涉农资金（朱家户片区）',
    kind: 'integrated_agri_funds',
    level: 'county',
    documentNo: '源财农字〔2019〕15号（示例）',
    fiscalYear: 2019,
    amount: '18000000.00',
    receivedOn: '2019-03-15',
    holder,
    allowedCategories: ['industry', 'infrastructure', 'livelihood'],
    excludedUses: ['偿还村级债务', '发放村干部报酬'],
    directFund: false,
  })
  const support = await addSource(services, {
    name: '2019年扶持壮大村级集体经济资金',
    kind: 'collective_economy_support',
    level: 'provincial',
    documentNo: '鲁财农指〔2019〕21号（示例）',
    fiscalYear: 2019,
    amount: '3000000.00',
    receivedOn: '2019-04-10',
    holder,
    allowedCategories: ['industry'],
    excludedUses: ['偿还村级债务', '发放村干部报酬'],
    directFund: false,
  })
  await addSource(services, {
    name: '2020年乡村振兴示范片区奖补资金（“乡村里的中国”片区）',
    kind: 'demonstration_award',
    level: 'city',
    documentNo: '淄财农指〔2020〕9号（示例）',
    fiscalYear: 2020,
    amount: '15000000.00',
    receivedOn: '2020-05-20',
    holder,
    allowedCategories: ['industry', 'infrastructure', 'public_welfare'],
    directFund: false,
  })
  await addSource(services, {
    name: '2021年中央财政衔接推进乡村振兴补助资金（朱家户片区）',
    kind: 'connection_fund',
    level: 'central',
    documentNo: '鲁财农指〔2021〕5号（示例）',
    fiscalYear: 2021,
    amount: '24000000.00',
    receivedOn: '2021-03-01',
    holder,
    allowedCategories: ['industry', 'infrastructure'],
    excludedUses: ['偿还村级债务', '发放村干部报酬', '购买交通工具'],
    directFund: true,
  })

  const project = await services.funds.createProject(
    CreateProjectInput.parse({
      name: '朱家户香菇产业园（一期）',
      category: 'industry',
      allianceId: alliance,
      townshipCode: '370323104',
      implementer: { villageCode: ZHUJIAHU },
      budget: '7800000.00',
      location: '燕崖镇朱家户村、石井河村集中连片地块',
      startOn: '2019-04-22',
      endOn: '2019-10-31',
      beneficiaries: [
        { villageCode: ZHUJIAHU, units: 100 },
        { villageCode: SHIJINGHE, units: 60 },
      ],
      targets: [
        { level1: 'output', indicator: '新建香菇大棚', unit: '个', target: '49' },
        { level1: 'output', indicator: '集中流转土地', unit: '亩', target: '80' },
      ],
      benefitMechanism:
        '联村党委统一建设，大棚租给种植户（“飞地”模式），租金收益按出资比例分配给联建村集体；流转土地农户得租金',
      proposedBy: 'alliance',
    }),
    ACTOR,
  )
  // The 160 户 / 80 亩 land matter of the governance demo decides the land, not the spending: a land
  // plan authorises no project. The same four meetings also decided the project itself (a meeting
  // may decide several items), recorded as 朱家户村's collective-project matter covering its budget.
  const matters = await services.governance.listMatters({ within: ZHUJIAHU, limit: 50, after: null })
  const landMatter = matters.items.find((m) => m.title.startsWith('香菇产业园土地集中流转方案'))
  if (!landMatter) throw new Error('demo funds: the 朱家户 land matter is not loaded')
  const projectMatter = await decidedAtTheSameMeetings(services, landMatter.id, {
    villageCode: ZHUJIAHU,
    title: '朱家户香菇产业园（一期）建设方案',
    category: 'collective_project',
    amount: '7800000.00',
    object: '朱家户香菇产业园（一期）49个香菇大棚',
    projects: [project.id],
    description: '联村党委统一建设香菇产业园一期，朱家户村实施，石井河村联建，概算 780 万元。',
  })
  await approve(
    services,
    project.id,
    { submitted: '2019-04-03', reviewed: '2019-04-08', notice: '2019-04-09', approved: '2019-04-19' },
    projectMatter,
  )
  await services.funds.allocate(
    project.id,
    AllocationInput.parse({ fundSourceId: integrated.id, amount: '4800000.00' }),
    ACTOR,
  )
  await services.funds.allocate(
    project.id,
    AllocationInput.parse({ fundSourceId: support.id, amount: '3000000.00' }),
    ACTOR,
  )
  const tranches = await services.funds.setPaymentPlan(
    project.id,
    PaymentPlanInput.parse({
      tranches: [
        { label: '开工预拨', trigger: 'start', percent: '40.00' },
        { label: '主体完工', trigger: 'milestone', percent: '55.00' },
        { label: '质保金', trigger: 'acceptance', percent: '5.00', retention: true },
      ],
    }),
  )
  await step(services, project.id, { to: 'started', note: '香菇大棚开工建设', on: '2019-04-22' })

  let ledgerId = (await services.ledger.ledgersOfVillages([ZHUJIAHU]))[0]?.id
  if (!ledgerId) {
    ledgerId = (
      await openLedger(services, {
        villageCode: ZHUJIAHU,
        collective: { name: '朱家户村股份经济合作社', uscc: usccOf('370323', 'MA3ZJH01') },
        firstPeriod: '2019-01',
        chart: 'rcea-2023',
      })
    ).id
  }
  const paid = await disburseToLedger(
    services,
    project.id,
    DisbursementInput.parse({
      trancheId: tranches[0]!.id,
      fundSourceId: integrated.id,
      amount: '3120000.00',
      ledgerId,
      date: '2019-04-25',
    }),
    ACTOR,
  )
  // The village's reviewer books it (记账 ≠ 审核): this disbursement shows as booked.
  await services.ledger.postVoucher(ledgerId, paid.voucherId, REVIEWER)
}

/** 瓦泉: the 榛子产业园 of 1,300 亩, approved with 上瓦泉村's decision and started. */
async function loadWaquan(services: Services): Promise<void> {
  const alliance = await allianceId(services, 'waquan')
  const source = await addSource(services, {
    name: '2020年统筹整合涉农资金（瓦泉片区榛子产业）',
    kind: 'integrated_agri_funds',
    level: 'county',
    documentNo: '博财农字〔2020〕7号（示例）',
    fiscalYear: 2020,
    amount: '4000000.00',
    receivedOn: '2020-03-10',
    holder: { kind: 'alliance', id: alliance },
    allowedCategories: ['industry'],
    directFund: false,
  })
  const decision = await resolvedMatter(services, {
    villageCode: SHANGWAQUAN,
    village: '上瓦泉村',
    title: '榛子产业园建设及土地连片流转方案',
    category: 'collective_project',
    amount: '3900000.00',
    description: '瓦泉联村党委统一规划，上瓦泉村牵头连片流转土地，建设高质量榛子产业园 1300 亩。',
    since: '2018-01-01',
    meetings: ['2020-03-02', '2020-03-04', '2020-03-09', '2020-03-13'],
    disclosure: ['2020-03-14', '2020-03-20'],
  })
  const project = await services.funds.createProject(
    CreateProjectInput.parse({
      name: '瓦泉片区榛子产业园',
      category: 'industry',
      allianceId: alliance,
      townshipCode: '370304104',
      implementer: { villageCode: SHANGWAQUAN },
      budget: '3900000.00',
      location: '博山镇上瓦泉、中瓦泉、下瓦泉村连片山地',
      startOn: '2020-04-15',
      endOn: '2021-10-31',
      beneficiaries: [
        { villageCode: SHANGWAQUAN, units: 600 },
        { villageCode: ZHONGWAQUAN, units: 400 },
        { villageCode: XIAWAQUAN, units: 300 },
      ],
      targets: [{ level1: 'output', indicator: '榛子种植', unit: '亩', target: '1300' }],
      benefitMechanism: '土地连片流转，村集体按入园面积分享榛子产业收益，农户得流转租金和务工收入',
      proposedBy: 'alliance',
    }),
    ACTOR,
  )
  await approve(
    services,
    project.id,
    { submitted: '2020-03-23', reviewed: '2020-03-26', notice: '2020-03-27', approved: '2020-04-08' },
    decision,
  )
  await services.funds.allocate(
    project.id,
    AllocationInput.parse({ fundSourceId: source.id, amount: '3900000.00' }),
    ACTOR,
  )
  await step(services, project.id, { to: 'started', note: '榛子苗木栽植开工', on: '2020-04-15' })
}

/**
 * 黑牛盒马: a 李孟德村 project taken to operating, with 李孟德村's land and 仇家村's money as
 * shares, and its 2024 revenue distributed into both villages' books. The ledger demo closes
 * every month of 2024 there, so the distribution's vouchers are dated January 2025, an open period.
 */
async function loadHeiniu(services: Services): Promise<void> {
  const alliance = await allianceId(services, 'heiniu')
  const source = await addSource(services, {
    name: '2024年中央财政衔接推进乡村振兴补助资金（高青县）',
    kind: 'connection_fund',
    level: 'central',
    documentNo: '高财农指〔2024〕3号（示例）',
    fiscalYear: 2024,
    amount: '3000000.00',
    receivedOn: '2024-01-20',
    holder: { kind: 'county', code: '370322' },
    allowedCategories: ['industry', 'infrastructure'],
    excludedUses: ['偿还村级债务', '发放村干部报酬'],
    minIndustryShare: '60.00',
    directFund: true,
  })
  const decision = await resolvedMatter(services, {
    villageCode: LIMENGDE,
    village: '李孟德村',
    title: '村集体土地入股黑牛养殖园区建设方案',
    category: 'collective_project',
    amount: '1000000.00',
    description: '李孟德村以村集体土地入股，村党支部领办黑牛养殖专业合作社，联合仇家村建设黑牛养殖园区。',
    since: '2021-01-01',
    meetings: ['2024-01-08', '2024-01-10', '2024-01-15', '2024-01-19'],
    disclosure: ['2024-01-20', '2024-01-26'],
  })
  const project = await services.funds.createProject(
    CreateProjectInput.parse({
      name: '李孟德村黑牛养殖园区',
      category: 'industry',
      allianceId: alliance,
      townshipCode: '370322104',
      implementer: { villageCode: LIMENGDE },
      budget: '1000000.00',
      location: '唐坊镇李孟德村北',
      startOn: '2024-03-01',
      endOn: '2024-06-30',
      beneficiaries: [
        { villageCode: LIMENGDE, units: 190 },
        { villageCode: QIUJIA, units: 260 },
      ],
      targets: [
        { level1: 'output', indicator: '新建标准化牛舍', unit: '栋', target: '4' },
        { level1: 'benefit', indicator: '村集体年增收', unit: '万元', target: '30' },
      ],
      benefitMechanism:
        '李孟德村以土地、仇家村以资金入股；纽澜地公司提供能繁母牛和技术并兜底收购；李孟德村保底分红，余额提取公积、留出防返贫监测户份额后按股分红',
      proposedBy: 'alliance',
    }),
    ACTOR,
  )
  await approve(
    services,
    project.id,
    { submitted: '2024-01-29', reviewed: '2024-02-02', notice: '2024-02-05', approved: '2024-02-19' },
    decision,
  )
  await services.funds.allocate(
    project.id,
    AllocationInput.parse({ fundSourceId: source.id, amount: '1000000.00' }),
    ACTOR,
  )
  // 先建后补: paid after acceptance, 5% held as 质保金 for two years.
  const heiniuTranches = await services.funds.setPaymentPlan(
    project.id,
    PaymentPlanInput.parse({
      tranches: [
        { label: '验收后拨付', trigger: 'acceptance', percent: '95.00' },
        { label: '质保金', trigger: 'date', percent: '5.00', retention: true, dueOn: '2026-06-30' },
      ],
    }),
  )
  await step(services, project.id, { to: 'started', note: '牛舍开工建设', on: '2024-03-01' })
  await services.governance.recordImplementation(decision, { status: 'started', on: '2024-03-01' })
  await services.funds.addNotice(
    project.id,
    CreateNoticeInput.parse({ stage: 'completion', from: '2024-06-10', channels: ['村务公开栏'] }),
  )
  await step(services, project.id, {
    to: 'accepted',
    note: '镇县联合验收合格',
    on: '2024-06-24',
    acceptance: {
      assetClass: 'operating',
      shares: [
        { holder: { villageCode: LIMENGDE }, contribution: 'land', valuation: '300000.00' },
        { holder: { villageCode: QIUJIA }, contribution: 'money', valuation: '100000.00' },
      ],
      // 资产确权: the sheds are 经营性, owned by the two collectives in their 3:1 shares; valued at the
      // money the project pays (先建后补: the plan's 1,000,000, paid after acceptance). 2024 is
      // closed in the demo's books, so the entries are drafted in January 2025.
      assets: [
        {
          name: '黑牛养殖园区标准化牛舍（4栋）',
          assetClass: 'operating',
          cost: '1000000.00',
          owners: [
            { villageCode: LIMENGDE, value: '750000.00' },
            { villageCode: QIUJIA, value: '250000.00' },
          ],
        },
      ],
      bookOn: '2025-01-06',
      note: '李孟德村集体土地折股；仇家村飞地抱团出资 10 万元',
    },
  })
  await step(services, project.id, { to: 'operating', note: '交村党支部领办合作社运营', on: '2024-07-01' })
  await services.funds.recordResult(
    project.id,
    RecordResultInput.parse({ indicator: '新建标准化牛舍', period: '2024', actual: '4' }),
  )

  // Paid after acceptance into 李孟德村's bank sub-account (10201); 2024 is closed in the demo's
  // books, so it is booked in January 2025 and left as a draft for the village's reviewer.
  const [limengdeLedger] = await services.ledger.ledgersOfVillages([LIMENGDE])
  await disburseToLedger(
    services,
    project.id,
    DisbursementInput.parse({
      trancheId: heiniuTranches[0]!.id,
      fundSourceId: source.id,
      amount: '950000.00',
      ledgerId: limengdeLedger!.id,
      date: '2025-01-08',
    }),
    ACTOR,
  )

  const revenue = await services.funds.recordRevenue(
    project.id,
    RevenueInput.parse({ period: '2024', amount: '360000.00', receivedOn: '2024-12-28' }),
    ACTOR,
  )
  // The 2024 收益分配方案, decided by 李孟德村's 村民代表会议 (the same roster that decided the
  // project) and disclosed before the run: a matter on the use of collective income.
  const plan = await decidedAtTheSameMeetings(
    services,
    decision,
    {
      villageCode: LIMENGDE,
      title: '黑牛养殖园区2024年收益分配方案',
      category: 'collective_income_use',
      amount: '360000.00',
      object: '黑牛养殖园区2024年收益 36 万元',
      description: '保底 8 万元归李孟德村，余额提取公积公益金 10%、留出防返贫监测户 5% 后按股分红。',
    },
    {
      meetings: ['2024-12-28', '2024-12-29', '2024-12-30', '2024-12-31'],
      disclosure: ['2025-01-01', '2025-01-07'],
    },
  )
  // 360,000 − 80,000 保底 = 280,000; 公积 10% = 28,000; 监测户 5% of 252,000 = 12,600 (to three
  // named households, 4,200 each); 239,400 by shares 3:1 → 李孟德村 259,550.00, 仇家村 59,850.00.
  // The reserve and the households' payables are booked in 李孟德村's ledger; all drafts.
  await distributeRevenue(
    services,
    project.id,
    DistributionInput.parse({
      revenueId: revenue.id,
      policy: {
        version: '黑牛养殖园区收益分配方案 2024',
        guaranteed: [{ villageCode: LIMENGDE, amount: '80000.00' }],
        reservePercent: '10.00',
        monitoredHouseholdsPercent: '5.00',
        shortfall: 'pro_rata',
      },
      date: '2025-01-10',
      decisionRef: plan,
      monitoredHouseholds: [
        { ref: '李孟德村1组监测户A' },
        { ref: '李孟德村3组监测户B' },
        { ref: '李孟德村5组监测户C' },
      ],
    }),
    ACTOR,
  )
  await services.funds.recordResult(
    project.id,
    RecordResultInput.parse({ indicator: '村集体年增收', period: '2024', actual: '31.94' }),
  )
}

export async function loadDemoFunds(services: Services): Promise<void> {
  await loadZhujiahu(services)
  await loadWaquan(services)
  await loadHeiniu(services)
}
