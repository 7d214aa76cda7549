import { DomainError, decodeCursor, fixedClock, newId } from '@liancun/core'
import { createTestDatabase, expectDomainError, type TestDatabase, testEngine } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  AllocationInput,
  CreateFundSourceInput,
  CreateNoticeInput,
  CreateProjectInput,
  createFundsService,
  DisbursementInput,
  DistributionPolicyInput,
  type FundsService,
  MilestoneInput,
  migrateFunds,
  PaymentPlanInput,
  PutFundRulesInput,
  RevenueInput,
  TransitionInput,
} from '../src/index.js'

const TODAY = '2024-12-31T04:00:00Z'
const COUNTY = '370323' // 沂源县
const TOWNSHIP = '370323107' // 燕崖镇
const V1 = '370323107201' // 朱家户村
const V2 = '370323107202'
const OTHER_TOWNSHIP = '370323108'
const OTHER_VILLAGE = '370323108201'
const MANAGER = 'key-fund-manager'
const CLERK = 'key-clerk'

let database: TestDatabase
let funds: FundsService

const expectCode = expectDomainError

beforeEach(async () => {
  database = await createTestDatabase('funds', migrateFunds)
  funds = createFundsService({ db: database.db, clock: fixedClock(TODAY) })
})
afterEach(() => database.close())

// ---- inputs in wire form, parsed by the package's own zod schemas ----

function sourceInput(overrides: Partial<z.input<typeof CreateFundSourceInput>> = {}) {
  return CreateFundSourceInput.parse({
    name: '2024年扶持壮大村级集体经济资金',
    kind: 'collective_economy_support',
    level: 'provincial',
    documentNo: '鲁财农指〔2024〕8号',
    fiscalYear: 2024,
    amount: '1000000.00',
    receivedOn: '2024-02-20',
    holder: { kind: 'township', code: TOWNSHIP },
    allowedCategories: ['industry', 'livelihood'],
    directFund: false,
    ...overrides,
  })
}

const createSource = (overrides: Partial<z.input<typeof CreateFundSourceInput>> = {}, division = TOWNSHIP) =>
  funds.createFundSource(sourceInput(overrides), division, MANAGER)

function projectInput(overrides: Partial<z.input<typeof CreateProjectInput>> = {}) {
  return CreateProjectInput.parse({
    name: '朱家户香菇产业园',
    category: 'industry',
    townshipCode: TOWNSHIP,
    implementer: { villageCode: V1 },
    budget: '3000000.00',
    location: '燕崖镇朱家户村东',
    startOn: '2024-04-01',
    endOn: '2024-10-31',
    beneficiaries: [
      { villageCode: V1, units: 160 },
      { villageCode: V2, units: 90 },
    ],
    targets: [{ level1: 'output', indicator: '新建香菇大棚', unit: '个', target: '49' }],
    benefitMechanism: '大棚租给合作社，村集体按出资比例分红',
    proposedBy: 'alliance',
    ...overrides,
  })
}

const createProject = (overrides: Partial<z.input<typeof CreateProjectInput>> = {}) =>
  funds.createProject(projectInput(overrides), CLERK)

const step = (id: string, to: string, on: string, extra: Record<string, unknown> = {}) =>
  funds.transition(id, TransitionInput.parse({ to, note: `${to}: 记录`, on, ...extra }), CLERK)

const notice = (id: string, stage: 'approval' | 'completion', from: string) =>
  funds.addNotice(id, CreateNoticeInput.parse({ stage, from, channels: ['村务公开栏', '镇政府网站'] }))

/** candidate → submitted (03-01) → notice 03-02…03-11 → reviewed (03-05) → approved (03-12). */
async function approve(id: string) {
  await step(id, 'submitted', '2024-03-01')
  await notice(id, 'approval', '2024-03-02')
  await step(id, 'reviewed', '2024-03-05')
  return step(id, 'approved', '2024-03-12')
}

const allocate = (service: FundsService, projectId: string, fundSourceId: string, amount: string) =>
  service.allocate(projectId, AllocationInput.parse({ fundSourceId, amount }), MANAGER)

const plan = (projectId: string, tranches: unknown[]) =>
  funds.setPaymentPlan(projectId, PaymentPlanInput.parse({ tranches }))

const PLAN_40_55_5 = [
  { label: '开工预拨', trigger: 'start', percent: '40.00' },
  { label: '主体完工', trigger: 'milestone', percent: '55.00' },
  { label: '质保金', trigger: 'acceptance', percent: '5.00', retention: true },
]

const LEDGER = newId()

const disburse = (
  service: FundsService,
  projectId: string,
  input: { trancheId: string; fundSourceId: string; amount: string; date: string },
) => service.disburse(projectId, DisbursementInput.parse({ ...input, ledgerId: LEDGER }), MANAGER)

describe('fund sources', () => {
  it('records a source held by its township, with totals summed from nothing yet', async () => {
    const created = await createSource({ minIndustryShare: '55.00', excludedUses: ['偿还村级债务'] })
    expect(created.amount).toBe(100_000_000n)
    expect(created.holder).toEqual({ kind: 'township', code: TOWNSHIP })
    expect(created.divisionCode).toBe(TOWNSHIP)
    expect(created.minIndustryShareBp).toBe(5500n)
    expect(created.excludedUses).toEqual(['偿还村级债务'])
    const got = await funds.getFundSource(created.id)
    expect(got).toMatchObject({
      id: created.id,
      amount: 100_000_000n,
      allocated: 0n,
      disbursed: 0n,
      available: 100_000_000n,
      allowedCategories: ['industry', 'livelihood'],
      fiscalYear: 2024,
    })
    await expectCode(createSource({}, OTHER_TOWNSHIP), 'funds.holder_mismatch')
    await expectCode(
      createSource({ holder: { kind: 'county', code: COUNTY } }, TOWNSHIP),
      'funds.holder_mismatch',
    )
    await expectCode(createSource({ fiscalYear: 2026 }), 'funds.received_before_year')
    await expectCode(funds.getFundSource(newId()), 'funds.source_not_found')
  })

  it('lists by division prefix and year, paging by cursor', async () => {
    const a = await createSource({ name: '镇 2024 A' })
    const b = await createSource({ name: '镇 2023', fiscalYear: 2023, receivedOn: '2023-03-01' })
    const c = await createSource(
      { name: '邻镇 2024', holder: { kind: 'township', code: OTHER_TOWNSHIP } },
      OTHER_TOWNSHIP,
    )
    const d = await createSource({ name: '县 2024', holder: { kind: 'county', code: COUNTY } }, COUNTY)
    const ids = (page: { items: { id: string }[] }) => page.items.map((s) => s.id).sort()
    const list = (query: { within?: string; year?: number }, limit = 50, after: string | null = null) =>
      funds.listFundSources({ ...query, limit, after })

    expect(ids(await list({ within: TOWNSHIP }))).toEqual([a.id, b.id].sort())
    expect(ids(await list({ within: TOWNSHIP, year: 2024 }))).toEqual([a.id])
    expect(ids(await list({ within: COUNTY, year: 2024 }))).toEqual([a.id, c.id, d.id].sort())
    expect(ids(await list({ within: '370322' }))).toEqual([])

    const seen: string[] = []
    let after: string | null = null
    let pages = 0
    do {
      const page = await list({ within: COUNTY }, 1, after)
      expect(page.items).toHaveLength(1)
      seen.push(page.items[0]!.id)
      after = page.nextCursor === null ? null : decodeCursor(page.nextCursor)
      pages += 1
    } while (after !== null && pages < 10)
    expect(pages).toBe(4)
    expect(seen).toEqual([a.id, b.id, c.id, d.id].sort())
  })
})

describe('projects', () => {
  it('enters the library as a candidate with its targets and beneficiaries', async () => {
    const project = await createProject()
    expect(project.status).toBe('candidate')
    expect(project.budget).toBe(300_000_000n)
    expect(project.implementer).toEqual({ villageCode: V1 })
    expect(project.beneficiaries).toEqual([
      { villageCode: V1, units: 160n },
      { villageCode: V2, units: 90n },
    ])
    expect(project.targets).toEqual([
      { level1: 'output', indicator: '新建香菇大棚', unit: '个', target: '49', actuals: [] },
    ])
    expect(project).toMatchObject({
      allocated: 0n,
      disbursed: 0n,
      acceptance: null,
      paymentPlan: [],
      funding: [],
    })
    expect((await funds.getProject(project.id)).name).toBe('朱家户香菇产业园')
    await expectCode(funds.getProject(newId()), 'funds.project_not_found')
  })

  it('refuses a project without targets, benefit mechanism or a village of its township', async () => {
    await expectCode(createProject({ targets: [] }), 'funds.targets_required')
    await expectCode(createProject({ benefitMechanism: '   ' }), 'funds.benefit_mechanism_required')
    await expectCode(
      createProject({ implementer: { villageCode: OTHER_VILLAGE } }),
      'funds.implementer_outside_township',
    )
    await expectCode(createProject({ startOn: '2024-11-01' }), 'funds.ends_before_start')
    await expectCode(
      createProject({ beneficiaries: [{ villageCode: '370322104203', units: 1 }] }),
      'funds.beneficiary_outside_county',
    )
    const page = await funds.listProjects({ within: COUNTY, limit: 10, after: null })
    expect(page.items).toEqual([])
  })

  it('lists projects by division, status, category and year', async () => {
    const a = await createProject({ name: 'A' })
    const b = await createProject({ name: 'B', category: 'livelihood', startOn: '2023-05-01' })
    const c = await createProject({
      name: 'C',
      townshipCode: OTHER_TOWNSHIP,
      implementer: { villageCode: OTHER_VILLAGE },
      beneficiaries: [{ villageCode: OTHER_VILLAGE, units: 40 }],
    })
    await step(a.id, 'submitted', '2024-03-01')
    const names = async (query: {
      within?: string
      status?: 'submitted'
      category?: string
      year?: number
    }) => (await funds.listProjects({ ...query, limit: 10, after: null })).items.map((p) => p.name).sort()
    expect(await names({ within: TOWNSHIP })).toEqual(['A', 'B'])
    expect(await names({ within: COUNTY })).toEqual(['A', 'B', 'C'])
    expect(await names({ within: COUNTY, status: 'submitted' })).toEqual(['A'])
    expect(await names({ within: COUNTY, category: 'livelihood' })).toEqual(['B'])
    expect(await names({ within: COUNTY, year: 2024 })).toEqual(['A', 'C'])
    expect(await names({ within: COUNTY, year: 2023 })).toEqual(['B'])
    // a village sees what it implements or benefits from
    expect(await names({ within: OTHER_VILLAGE })).toEqual(['C'])
    expect(await names({ within: V2 })).toEqual(['A', 'B'])
    const first = await funds.listProjects({ within: COUNTY, limit: 2, after: null })
    expect(first.items.map((p) => p.id)).toEqual([a.id, b.id])
    const second = await funds.listProjects({
      within: COUNTY,
      limit: 2,
      after: decodeCursor(first.nextCursor!),
    })
    expect(second.items.map((p) => p.id)).toEqual([c.id])
    expect(second.nextCursor).toBeNull()
  })
})

describe('lifecycle', () => {
  it('goes step by step, approval only after the approval notice ran its days', async () => {
    const { id } = await createProject()
    await expectCode(step(id, 'approved', '2024-03-01'), 'funds.transition_out_of_order')
    await step(id, 'submitted', '2024-03-01')
    await expectCode(step(id, 'submitted', '2024-03-01'), 'funds.transition_out_of_order')
    await expectCode(step(id, 'reviewed', '2024-02-28'), 'funds.step_before_previous')
    await step(id, 'reviewed', '2024-03-02')
    await expectCode(step(id, 'approved', '2024-03-20'), 'funds.notice_required')

    const posted = await notice(id, 'approval', '2024-03-04')
    expect(posted).toMatchObject({ stage: 'approval', from: '2024-03-04', until: '2024-03-13', days: 10 })
    const early = await expectCode(step(id, 'approved', '2024-03-13'), 'funds.notice_required')
    expect(early.context).toMatchObject({ stage: 'approval', until: '2024-03-13' })
    await expectCode(step(id, 'approved', '2025-01-01'), 'funds.future_step')

    const decisionRef = newId()
    const approved = await funds.transition(
      id,
      TransitionInput.parse({ to: 'approved', note: '县审定', on: '2024-03-14', decisionRef }),
      'key-county',
      {
        decision: { ref: decisionRef, kind: 'four_deliberations', satisfied: true, missing: [] },
        majorMatterAmount: 50_000_00n,
      },
    )
    expect(approved.status).toBe('approved')
    expect(approved.notices.map((n) => n.until)).toEqual(['2024-03-13'])
    await expectCode(notice(id, 'approval', '2024-03-15'), 'funds.notice_out_of_stage')

    await step(id, 'started', '2024-04-01')
    await expectCode(step(id, 'accepted', '2024-10-20'), 'funds.acceptance_required')
    const shares = [
      { holder: { villageCode: V1 }, contribution: 'money', valuation: '600000.00' },
      { holder: { villageCode: V2 }, contribution: 'land', valuation: '300000.00' },
    ]
    await expectCode(
      step(id, 'accepted', '2024-10-20', { acceptance: { assetClass: 'operating', shares } }),
      'funds.notice_required',
    )
    await expectCode(step(id, 'operating', '2024-10-20'), 'funds.transition_out_of_order')
    await notice(id, 'completion', '2024-10-01')
    await expectCode(
      step(id, 'accepted', '2024-10-10', { acceptance: { assetClass: 'operating', shares } }),
      'funds.notice_required',
    )
    await expectCode(
      step(id, 'accepted', '2024-10-11', {
        acceptance: { assetClass: 'operating', shares: [...shares, shares[0]] },
      }),
      'funds.duplicate_holder',
    )
    const accepted = await step(id, 'accepted', '2024-10-11', {
      acceptance: { assetClass: 'operating', shares, note: '镇验收小组' },
    })
    expect(accepted.status).toBe('accepted')
    expect(accepted.acceptance).toEqual({
      acceptedOn: '2024-10-11',
      assetClass: 'operating',
      note: '镇验收小组',
      shares: [
        { holder: `village:${V1}`, contribution: 'money', units: 60_000_000n },
        { holder: `village:${V2}`, contribution: 'land', units: 30_000_000n },
      ],
    })
    await step(id, 'operating', '2024-11-01')
    await expectCode(step(id, 'cancelled', '2024-11-02'), 'funds.transition_out_of_order')

    const steps = await funds.listTransitions(id)
    expect(steps.map(({ from, to, on, note, actor }) => ({ from, to, on, note, actor }))).toEqual([
      { from: 'candidate', to: 'submitted', on: '2024-03-01', note: 'submitted: 记录', actor: CLERK },
      { from: 'submitted', to: 'reviewed', on: '2024-03-02', note: 'reviewed: 记录', actor: CLERK },
      { from: 'reviewed', to: 'approved', on: '2024-03-14', note: '县审定', actor: 'key-county' },
      { from: 'approved', to: 'started', on: '2024-04-01', note: 'started: 记录', actor: CLERK },
      { from: 'started', to: 'accepted', on: '2024-10-11', note: 'accepted: 记录', actor: CLERK },
      { from: 'accepted', to: 'operating', on: '2024-11-01', note: 'operating: 记录', actor: CLERK },
    ])
    expect(steps[2]!.decisionRef).toBe(decisionRef)
    expect(steps[2]!.gate).toEqual({
      decision: { ref: decisionRef, kind: 'four_deliberations', satisfied: true, missing: [] },
      majorMatterFen: '5000000',
      notice: { id: posted.id, until: '2024-03-13' },
    })
    expect(steps[0]!.gate).toBeNull()
    expect((steps[4]!.gate as { notice: { until: string } }).notice.until).toBe('2024-10-10')
    expect((await funds.getProject(id)).status).toBe('operating')
  })

  it('takes notice days from the township over the county, from their effective day', async () => {
    // the county's setting is the later one; the township's still wins for its villages
    await funds.putRules(
      TOWNSHIP,
      PutFundRulesInput.parse({ effectiveFrom: '2024-01-01', noticeDays: 7 }),
      MANAGER,
    )
    await funds.putRules(
      COUNTY,
      PutFundRulesInput.parse({ effectiveFrom: '2024-02-01', noticeDays: 15 }),
      MANAGER,
    )
    expect((await funds.getRules(V1, '2023-12-31')).noticeDays).toBe(10)
    expect((await funds.getRules(V1, '2024-01-15')).noticeDays).toBe(7)
    expect((await funds.getRules(V1, '2024-03-01')).noticeDays).toBe(7)
    expect((await funds.getRules(OTHER_VILLAGE, '2024-01-15')).noticeDays).toBe(10)
    expect((await funds.getRules(OTHER_VILLAGE, '2024-03-01')).noticeDays).toBe(15)
    // the same day's setting is replaced
    await funds.putRules(
      TOWNSHIP,
      PutFundRulesInput.parse({ effectiveFrom: '2024-01-01', noticeDays: 8 }),
      MANAGER,
    )
    expect((await funds.getRules(V1, '2024-03-01')).noticeDays).toBe(8)
    await funds.putRules(
      TOWNSHIP,
      PutFundRulesInput.parse({ effectiveFrom: '2024-01-01', noticeDays: 7 }),
      MANAGER,
    )

    const here = await createProject()
    await step(here.id, 'submitted', '2024-03-01')
    const seven = await notice(here.id, 'approval', '2024-03-02')
    expect(seven).toMatchObject({ days: 7, until: '2024-03-08' })
    await step(here.id, 'reviewed', '2024-03-05')
    await expectCode(step(here.id, 'approved', '2024-03-08'), 'funds.notice_required')
    expect((await step(here.id, 'approved', '2024-03-09')).status).toBe('approved')

    const there = await createProject({
      townshipCode: OTHER_TOWNSHIP,
      implementer: { villageCode: OTHER_VILLAGE },
    })
    await step(there.id, 'submitted', '2024-03-01')
    expect(await notice(there.id, 'approval', '2024-03-02')).toMatchObject({ days: 15, until: '2024-03-16' })
  })
})

describe('allocations', () => {
  it('commits money to approved projects within category, source, budget and industry share', async () => {
    const source = await createSource({ minIndustryShare: '60.00' })
    const industry = await createProject({ name: '产业', budget: '800000.00' })
    const livelihood = await createProject({ name: '民生', category: 'livelihood', budget: '600000.00' })
    const road = await createProject({ name: '道路', category: 'infrastructure' })
    const candidate = await createProject({ name: '候选' })
    for (const p of [industry, livelihood, road]) await approve(p.id)

    await expectCode(allocate(funds, candidate.id, source.id, '1000.00'), 'funds.project_not_approved')
    await expectCode(allocate(funds, road.id, source.id, '1000.00'), 'funds.category_not_allowed')
    await expectCode(allocate(funds, industry.id, newId(), '1000.00'), 'funds.source_not_found')
    // A holder allocates within its reach: another township's money, or an alliance's money to a
    // project not of that alliance, is refused; the county's reaches every township.
    const elsewhere = await createSource(
      { name: '邻镇资金', holder: { kind: 'township', code: OTHER_TOWNSHIP } },
      OTHER_TOWNSHIP,
    )
    await expectCode(allocate(funds, industry.id, elsewhere.id, '1000.00'), 'funds.source_out_of_reach')
    const pooled = await createSource(
      { name: '联村统筹', holder: { kind: 'alliance', id: newId() } },
      TOWNSHIP,
    )
    await expectCode(allocate(funds, industry.id, pooled.id, '1000.00'), 'funds.source_out_of_reach')
    expect((await funds.getFundSource(pooled.id)).allocated).toBe(0n)

    const first = await allocate(funds, livelihood.id, source.id, '300000.00')
    expect(first).toMatchObject({ projectId: livelihood.id, fundSourceId: source.id, amount: 30_000_000n })
    expect(first.sourceAvailable).toBe(70_000_000n)
    // 60% for industry: non-industry may take at most 400,000.00 of 1,000,000.00
    await expectCode(allocate(funds, livelihood.id, source.id, '100000.01'), 'funds.industry_share')
    await allocate(funds, livelihood.id, source.id, '100000.00')
    // industry allocations are not bound by the non-industry ceiling
    const big = await allocate(funds, industry.id, source.id, '600000.00')
    expect(big.sourceAvailable).toBe(0n)
    await expectCode(allocate(funds, industry.id, source.id, '0.01'), 'funds.insufficient_source')

    const second = await createSource({
      name: '第二笔',
      amount: '2000000.00',
      allowedCategories: ['industry'],
    })
    await expectCode(allocate(funds, industry.id, second.id, '200000.01'), 'funds.over_budget')
    await allocate(funds, industry.id, second.id, '200000.00')
    await expectCode(allocate(funds, industry.id, second.id, '0.01'), 'funds.over_budget')

    expect(await funds.getFundSource(source.id)).toMatchObject({
      amount: 100_000_000n,
      allocated: 100_000_000n,
      available: 0n,
      disbursed: 0n,
    })
    expect(await funds.getFundSource(second.id)).toMatchObject({
      allocated: 20_000_000n,
      available: 180_000_000n,
    })
    const funded = await funds.getProject(industry.id)
    expect(funded.allocated).toBe(80_000_000n)
    expect(funded.funding.map((f) => [f.fundSourceId, f.allocated]).sort()).toEqual(
      [
        [source.id, 60_000_000n],
        [second.id, 20_000_000n],
      ].sort(),
    )
    expect((await funds.getProject(livelihood.id)).allocated).toBe(40_000_000n)

    // started projects still take money; accepted ones no more
    await step(industry.id, 'started', '2024-04-01')
    await step(road.id, 'cancelled', '2024-04-01')
    await expectCode(allocate(funds, road.id, second.id, '1.00'), 'funds.project_not_approved')
  })
})

describe('payment plan and disbursement', () => {
  it('pays tranches on their triggers within tranche, allocation and plan, and traces the money', async () => {
    const a = await createSource({ name: '资金A', allowedCategories: ['industry'] })
    const b = await createSource({
      name: '资金B',
      amount: '500000.00',
      allowedCategories: ['industry'],
      directFund: true,
    })
    const project = await createProject({ budget: '2000000.00' })
    await approve(project.id)
    await expectCode(plan(project.id, PLAN_40_55_5), 'funds.nothing_allocated')
    await allocate(funds, project.id, a.id, '600000.01')
    await allocate(funds, project.id, b.id, '400000.00')

    // 40/55/5 of 1,000,000.01: largest remainder gives the odd fen to the 55% tranche
    const firstPlan = await plan(project.id, PLAN_40_55_5)
    expect(firstPlan.map((t) => t.amount)).toEqual([40_000_000n, 55_000_001n, 5_000_000n])
    expect(firstPlan.reduce((s, t) => s + t.amount, 0n)).toBe(100_000_001n)
    expect(firstPlan.map((t) => t.percentBp)).toEqual([4000n, 5500n, 500n])
    await expectCode(
      plan(project.id, [
        { label: '一', trigger: 'start', percent: '40.00' },
        { label: '二', trigger: 'milestone', percent: '50.00' },
      ]),
      'funds.plan_not_whole',
    )

    // start trigger: not before the project started
    await expectCode(
      disburse(funds, project.id, {
        trancheId: firstPlan[0]!.id,
        fundSourceId: a.id,
        amount: '1.00',
        date: '2024-03-20',
      }),
      'funds.tranche_not_triggered',
    )
    await step(project.id, 'started', '2024-04-01')
    await expectCode(
      disburse(funds, project.id, {
        trancheId: firstPlan[0]!.id,
        fundSourceId: a.id,
        amount: '1.00',
        date: '2024-03-31',
      }),
      'funds.tranche_not_triggered',
    )

    // more money after the plan: no payment until the plan is set again (replaced freely, nothing paid yet)
    await allocate(funds, project.id, a.id, '99999.99')
    await expectCode(
      disburse(funds, project.id, {
        trancheId: firstPlan[0]!.id,
        fundSourceId: a.id,
        amount: '1.00',
        date: '2024-04-10',
      }),
      'funds.plan_outdated',
    )
    const byAmount = await plan(project.id, [
      { label: '开工', trigger: 'start', amount: '500000.00' },
      { label: '完工', trigger: 'milestone', amount: '600000.00' },
    ])
    expect(byAmount.map((t) => t.amount)).toEqual([50_000_000n, 60_000_000n])
    const tranches = await plan(project.id, PLAN_40_55_5)
    expect(tranches.map((t) => t.amount)).toEqual([44_000_000n, 60_500_000n, 5_500_000n])
    expect((await funds.getProject(project.id)).paymentPlan.map((t) => t.id)).toEqual(
      tranches.map((t) => t.id),
    )
    const [start, milestone, retention] = tranches as [
      (typeof tranches)[0],
      (typeof tranches)[0],
      (typeof tranches)[0],
    ]
    expect(retention.retention).toBe(true)
    await expectCode(
      disburse(funds, project.id, {
        trancheId: firstPlan[0]!.id,
        fundSourceId: a.id,
        amount: '1.00',
        date: '2024-04-10',
      }),
      'funds.tranche_not_found',
    )

    const paid = await disburse(funds, project.id, {
      trancheId: start.id,
      fundSourceId: a.id,
      amount: '300000.00',
      date: '2024-04-10',
    })
    expect(paid).toMatchObject({
      amount: 30_000_000n,
      trancheLabel: '开工预拨',
      sourceName: '资金A',
      voucherId: null,
    })
    const voucherId = newId()
    await funds.attachVoucher(paid.id, voucherId)
    await expectCode(funds.attachVoucher(newId(), voucherId), 'funds.disbursement_not_found')
    await expectCode(
      disburse(funds, project.id, {
        trancheId: start.id,
        fundSourceId: a.id,
        amount: '140000.01',
        date: '2024-04-11',
      }),
      'funds.over_tranche',
    )
    await disburse(funds, project.id, {
      trancheId: start.id,
      fundSourceId: a.id,
      amount: '140000.00',
      date: '2024-04-11',
    })

    // the plan is in use from the first payment on
    await expectCode(plan(project.id, PLAN_40_55_5), 'funds.plan_in_use')

    // milestone trigger: only once verified, and not for payments dated before it
    await expectCode(
      disburse(funds, project.id, {
        trancheId: milestone.id,
        fundSourceId: b.id,
        amount: '1.00',
        date: '2024-07-20',
      }),
      'funds.tranche_not_triggered',
    )
    await expectCode(
      funds.markMilestone(
        project.id,
        start.id,
        MilestoneInput.parse({ metOn: '2024-07-15', evidence: '现场核验' }),
      ),
      'funds.not_a_milestone',
    )
    await funds.markMilestone(
      project.id,
      milestone.id,
      MilestoneInput.parse({ metOn: '2024-07-15', evidence: '现场核验' }),
    )
    await expectCode(
      disburse(funds, project.id, {
        trancheId: milestone.id,
        fundSourceId: b.id,
        amount: '1.00',
        date: '2024-07-14',
      }),
      'funds.tranche_not_triggered',
    )
    // B allocated 400,000.00 to the project; the tranche (605,000.00) would allow more
    await expectCode(
      disburse(funds, project.id, {
        trancheId: milestone.id,
        fundSourceId: b.id,
        amount: '400000.01',
        date: '2024-07-20',
      }),
      'funds.over_allocation',
    )
    await disburse(funds, project.id, {
      trancheId: milestone.id,
      fundSourceId: b.id,
      amount: '400000.00',
      date: '2024-07-20',
    })
    await disburse(funds, project.id, {
      trancheId: milestone.id,
      fundSourceId: a.id,
      amount: '205000.00',
      date: '2024-07-21',
    })
    await expectCode(
      disburse(funds, project.id, {
        trancheId: milestone.id,
        fundSourceId: a.id,
        amount: '0.01',
        date: '2024-07-21',
      }),
      'funds.over_tranche',
    )
    // the retention waits for the acceptance
    await expectCode(
      disburse(funds, project.id, {
        trancheId: retention.id,
        fundSourceId: a.id,
        amount: '1.00',
        date: '2024-12-01',
      }),
      'funds.tranche_not_triggered',
    )

    const listed = await funds.listDisbursements(project.id)
    expect(listed.map((d) => [d.date, d.amount, d.voucherId])).toEqual([
      ['2024-04-10', 30_000_000n, voucherId],
      ['2024-04-11', 14_000_000n, null],
      ['2024-07-20', 40_000_000n, null],
      ['2024-07-21', 20_500_000n, null],
    ])

    const traceA = await funds.traceSource(a.id)
    expect(traceA.totals).toEqual({
      amount: 100_000_000n,
      allocated: 70_000_000n,
      disbursed: 64_500_000n,
      allocatedNotDisbursed: 5_500_000n,
      available: 30_000_000n,
      reconciles: true,
    })
    expect(traceA.totals.available + traceA.totals.allocated).toBe(traceA.totals.amount)
    expect(traceA.totals.disbursed + traceA.totals.allocatedNotDisbursed).toBe(traceA.totals.allocated)
    expect(traceA.allocations.map((x) => x.amount)).toEqual([60_000_001n, 9_999_999n])
    expect(traceA.disbursements.map((d) => d.amount)).toEqual([30_000_000n, 14_000_000n, 20_500_000n])
    expect(traceA.disbursements[0]!.voucherId).toBe(voucherId)
    const traceB = await funds.traceSource(b.id)
    expect(traceB.totals).toMatchObject({
      amount: 50_000_000n,
      allocated: 40_000_000n,
      disbursed: 40_000_000n,
      reconciles: true,
    })

    const trace = await funds.traceProject(project.id)
    expect(trace.project).toMatchObject({ id: project.id, status: 'started', budget: 200_000_000n })
    const moneyIn = Object.fromEntries(
      trace.moneyIn.map((m) => [m.name, [m.allocated, m.disbursed, m.directFund]]),
    )
    expect(moneyIn).toEqual({
      资金A: [70_000_000n, 64_500_000n, false],
      资金B: [40_000_000n, 40_000_000n, true],
    })
    expect(trace.moneyOut.map((t) => [t.label, t.planned, t.disbursed, t.disbursements.length])).toEqual([
      ['开工预拨', 44_000_000n, 44_000_000n, 2],
      ['主体完工', 60_500_000n, 60_500_000n, 2],
      ['质保金', 5_500_000n, 0n, 0],
    ])
    expect(trace.totals).toEqual({
      allocated: 110_000_000n,
      disbursed: 104_500_000n,
      revenue: 0n,
      distributedToVillages: 0n,
    })
  })
})

describe('revenue and distribution', () => {
  it('splits a revenue exactly by guarantees, reserve, monitored households and shares, once', async () => {
    const partnerId = newId()
    const source = await createSource({ allowedCategories: ['industry'] })
    const project = await createProject()
    await approve(project.id)
    await allocate(funds, project.id, source.id, '1000000.00')
    const [start] = await plan(project.id, [{ label: '一次拨付', trigger: 'start', percent: '100' }])
    await step(project.id, 'started', '2024-04-01')
    await disburse(funds, project.id, {
      trancheId: start!.id,
      fundSourceId: source.id,
      amount: '250000.00',
      date: '2024-04-02',
    })

    const revenue = (amount: string) =>
      funds.recordRevenue(
        project.id,
        RevenueInput.parse({ period: '2024', amount, receivedOn: '2024-12-20' }),
        MANAGER,
      )
    await expectCode(revenue('1.00'), 'funds.not_operating')
    await notice(project.id, 'completion', '2024-10-01')
    await step(project.id, 'accepted', '2024-10-11', {
      acceptance: {
        assetClass: 'operating',
        shares: [
          { holder: { villageCode: V1 }, contribution: 'money', valuation: '600000.00' },
          { holder: { villageCode: V2 }, contribution: 'land', valuation: '300000.00' },
          { holder: { partnerId }, contribution: 'asset', valuation: '100000.00' },
        ],
        // 资产确权 of the planned 1,000,000 (here handed to a household, which needs no ledger).
        assets: [
          {
            name: '菌棚',
            assetClass: 'operating',
            cost: '1000000.00',
            owners: [{ household: { villageCode: V1, ref: '1组王某户' }, value: '1000000.00' }],
          },
        ],
      },
    })
    const income = await revenue('100000.01')
    expect(income.amount).toBe(10_000_001n)

    const policy = DistributionPolicyInput.parse({
      version: '2024-1',
      guaranteed: [{ villageCode: V1, amount: '20000.00' }],
      reservePercent: '10.00',
      monitoredHouseholdsPercent: '5.00',
      shortfall: 'pro_rata',
    })
    const households = [{ ref: '1组监测户' }]
    const run = await funds.distribute(
      project.id,
      { revenueId: income.id, policy, monitoredHouseholds: households },
      MANAGER,
    )
    const byRecipient = Object.fromEntries(run.lines.map((l) => [l.recipient, l.amount]))
    // 100,000.01 − 20,000.00 guaranteed = 80,000.01; reserve 10% = 8,000.00 (8,000.001);
    // monitored 5% of 72,000.01 = 3,600.00; 68,400.01 by 60:30:10 → the odd fen to the 60% holder
    expect(byRecipient).toEqual({
      monitored_households: 360_000n,
      [`partner:${partnerId}`]: 684_000n,
      reserve: 800_000n,
      [`village:${V1}`]: 2_000_000n + 4_104_001n,
      [`village:${V2}`]: 2_052_000n,
    })
    expect(run.lines.reduce((s, l) => s + l.amount, 0n)).toBe(income.amount)
    expect(run.outcome.total).toBe(income.amount)
    expect(run.date).toBe('2024-12-20')
    expect(run.lines.find((l) => l.recipient === `village:${V2}`)?.villageCode).toBe(V2)
    expect(run.lines.find((l) => l.recipient === 'reserve')?.villageCode).toBeNull()

    await expectCode(
      funds.distribute(
        project.id,
        { revenueId: income.id, policy, monitoredHouseholds: households },
        MANAGER,
      ),
      'funds.revenue_distributed',
    )
    await expectCode(
      funds.distribute(project.id, { revenueId: newId(), policy }, MANAGER),
      'funds.revenue_not_found',
    )

    const again = await funds.getRun(run.id)
    expect(again.reproduced).toBe(true)
    expect(again.lines).toEqual(run.lines)
    expect(again.policy.reserveBp).toBe(1000n)

    const v1Voucher = newId()
    const v2Voucher = newId()
    const ledger1 = newId()
    const ledger2 = newId()
    const attached = await funds.attachDistributionVouchers(run.id, [
      { villageCode: V1, ledgerId: ledger1, voucherId: v1Voucher },
      { villageCode: V2, ledgerId: ledger2, voucherId: v2Voucher },
    ])
    const vouchers = Object.fromEntries(attached.lines.map((l) => [l.recipient, [l.ledgerId, l.voucherId]]))
    expect(vouchers[`village:${V1}`]).toEqual([ledger1, v1Voucher])
    expect(vouchers[`village:${V2}`]).toEqual([ledger2, v2Voucher])
    expect(vouchers.reserve).toEqual([null, null])
    expect((await funds.getRun(run.id)).lines.find((l) => l.villageCode === V1)?.voucherId).toBe(v1Voucher)

    const trace = await funds.traceProject(project.id)
    expect(trace.revenues).toHaveLength(1)
    expect(trace.revenues[0]!.distribution?.runId).toBe(run.id)
    expect(trace.totals).toMatchObject({
      revenue: 10_000_001n,
      distributedToVillages: 8_156_001n,
      disbursed: 25_000_000n,
    })

    // what lies outside the county, the year or the living projects does not count
    await createSource(
      {
        name: '衔接资金',
        kind: 'connection_fund',
        holder: { kind: 'county', code: COUNTY },
        amount: '500000.00',
      },
      COUNTY,
    )
    await createSource({ name: '2023', fiscalYear: 2023, receivedOn: '2023-02-01', amount: '7.00' })
    await funds.createFundSource(
      sourceInput({ holder: { kind: 'township', code: '370322104' }, amount: '9.00' }),
      '370322104',
      MANAGER,
    )
    const cancelled = await createProject({ name: '撤销', category: 'livelihood' })
    await step(cancelled.id, 'cancelled', '2024-05-01')
    await createProject({ name: '2023 项目', startOn: '2023-05-01' })
    await funds.createProject(
      projectInput({
        townshipCode: '370322104',
        implementer: { villageCode: '370322104203' },
        beneficiaries: [{ villageCode: '370322104203', units: 1 }],
      }),
      CLERK,
    )

    const stats = await funds.stats({ within: COUNTY, year: 2024 })
    expect(stats.pooled).toEqual({
      total: 150_000_000n,
      sources: 2,
      byKind: [
        { kind: 'collective_economy_support', count: 1, amount: 100_000_000n },
        { kind: 'connection_fund', count: 1, amount: 50_000_000n },
      ],
    })
    expect(stats.projects.total).toBe(1)
    expect(stats.projects.byCategory).toEqual([
      { category: 'industry', count: 1, budget: 300_000_000n },
      { category: 'livelihood', count: 0, budget: 0n },
      { category: 'infrastructure', count: 0, budget: 0n },
      { category: 'public_welfare', count: 0, budget: 0n },
    ])
    expect(stats.projects.byStatus).toEqual([
      { status: 'accepted', count: 1 },
      { status: 'cancelled', count: 1 },
    ])
    expect(stats).toMatchObject({
      within: COUNTY,
      year: 2024,
      disbursed: 25_000_000n,
      revenue: 10_000_001n,
      distributedToVillages: 8_156_001n,
      villagesReceiving: 2,
    })
    const otherYear = await funds.stats({ within: COUNTY, year: 2023 })
    expect(otherYear).toMatchObject({ disbursed: 0n, revenue: 0n, distributedToVillages: 0n })
    expect(otherYear.pooled.total).toBe(700n)
    expect(otherYear.projects.total).toBe(1)
  })
})

describe('concurrency on PostgreSQL', () => {
  it.skipIf(testEngine() !== 'postgres')(
    'never overdraws a source or a tranche under concurrent writes',
    async () => {
      const pools = [0, 1].map(() => {
        const pool = new pg.Pool({ connectionString: database.url!, max: 8 })
        pool.on('error', () => {})
        pool.on('connect', (client) => client.on('error', () => {}))
        return pool
      })
      try {
        const services = pools.map((pool) =>
          createFundsService({ db: drizzle({ client: pool }), clock: fixedClock(TODAY) }),
        )
        const source = await createSource({ amount: '100.00', allowedCategories: ['industry'] })
        const one = await createProject({ name: '一', budget: '1000.00' })
        const two = await createProject({ name: '二', budget: '1000.00' })
        await approve(one.id)
        await approve(two.id)

        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            allocate(services[i % 2]!, i % 4 < 2 ? one.id : two.id, source.id, '30.00'),
          ),
        )
        const won = results.filter((r) => r.status === 'fulfilled')
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        expect(won).toHaveLength(3)
        expect(lost).toHaveLength(5)
        for (const r of lost) {
          expect(DomainError.isInstance(r.reason), String(r.reason)).toBe(true)
          expect((r.reason as DomainError).code).toBe('funds.insufficient_source')
        }
        const after = await funds.getFundSource(source.id)
        expect(after).toMatchObject({ allocated: 9_000n, available: 1_000n })
        expect(after.allocated).toBeLessThanOrEqual(after.amount)
        const perProject =
          (await funds.getProject(one.id)).allocated + (await funds.getProject(two.id)).allocated
        expect(perProject).toBe(9_000n)

        // one tranche of 40.00, eight concurrent payments of 15.00: two fit
        const second = await createSource({
          name: '第二笔',
          amount: '1000.00',
          allowedCategories: ['industry'],
        })
        const three = await createProject({ name: '三', budget: '1000.00' })
        await approve(three.id)
        await allocate(funds, three.id, second.id, '100.00')
        const [start] = await plan(three.id, PLAN_40_55_5)
        await step(three.id, 'started', '2024-04-01')
        const payments = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            disburse(services[i % 2]!, three.id, {
              trancheId: start!.id,
              fundSourceId: second.id,
              amount: '15.00',
              date: '2024-04-02',
            }),
          ),
        )
        expect(payments.filter((r) => r.status === 'fulfilled')).toHaveLength(2)
        for (const r of payments.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
          expect((r.reason as DomainError).code, String(r.reason)).toBe('funds.over_tranche')
        }
        const tranche = (await funds.getProject(three.id)).paymentPlan[0]!
        expect(tranche.amount).toBe(4_000n)
        expect(tranche.disbursed).toBe(3_000n)
        expect((await funds.traceSource(second.id)).totals).toMatchObject({
          disbursed: 3_000n,
          reconciles: true,
        })
      } finally {
        await Promise.all(pools.map((pool) => pool.end()))
      }
    },
  )
})

describe('schema', () => {
  it('leads every primary key with county_code (the Citus tenant)', async () => {
    const result = (await database.db.execute(
      sql.raw(`select c.relname as table,
        (select string_agg(a.attname, ',' order by k.n) from pg_index i
           cross join lateral unnest(i.indkey) with ordinality as k(attnum, n)
           join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
          where i.indrelid = c.oid and i.indisprimary) as pk
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'funds' and c.relkind = 'r'`),
    )) as unknown as { rows: { table: string; pk: string | null }[] }
    expect(result.rows.length).toBe(19)
    expect(result.rows.filter((t) => !t.pk?.startsWith('county_code,'))).toEqual([])
  })
})
