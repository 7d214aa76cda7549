// Two counties in one database. A request about one county reads that county alone (on Citus,
// one shard: the test pass there fails any statement that touches more); lists and figures over
// a wider division, or none, are the listed reads across counties; a source never mixes counties.
import { DomainError, fixedClock, newId } from '@liancun/core'
import { createTestDatabase, expectDomainError, type TestDatabase } from '@liancun/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  AllocationInput,
  CreateFundSourceInput,
  CreateNoticeInput,
  CreateProjectInput,
  createFundsService,
  DisbursementInput,
  type FundsService,
  migrateFunds,
  PaymentPlanInput,
  type SourceRef,
  TransitionInput,
} from '../src/index.js'

const A = { county: '370323', township: '370323107', village: '370323107201' } // 沂源县燕崖镇
const B = { county: '370322', township: '370322104', village: '370322104203' } // 高青县
const ALLIANCE = newId(A.county)
const MANAGER = 'key-fund-manager'

let database: TestDatabase
let funds: FundsService

const source = (name: string, division: string, holder: z.input<typeof CreateFundSourceInput>['holder']) =>
  funds.createFundSource(
    CreateFundSourceInput.parse({
      name,
      kind: 'collective_economy_support',
      level: 'provincial',
      documentNo: '鲁财农指〔2024〕8号',
      fiscalYear: 2024,
      amount: '1000000.00',
      receivedOn: '2024-02-20',
      holder,
      allowedCategories: ['industry'],
      directFund: false,
    }),
    division,
    MANAGER,
  )

const project = (name: string, at: { township: string; village: string }) =>
  funds.createProject(
    CreateProjectInput.parse({
      name,
      category: 'industry',
      townshipCode: at.township,
      implementer: { villageCode: at.village },
      budget: '3000000.00',
      location: '村东',
      startOn: '2024-04-01',
      endOn: '2024-10-31',
      beneficiaries: [{ villageCode: at.village, units: 1 }],
      targets: [{ level1: 'output', indicator: '大棚', unit: '个', target: '1' }],
      benefitMechanism: '按出资比例分红',
      proposedBy: 'village',
    }),
    MANAGER,
  )

const step = (id: string, to: string, on: string) =>
  funds.transition(id, TransitionInput.parse({ to, note: to, on }), MANAGER)

const names = (page: { items: { name: string }[] }) => page.items.map((item) => item.name).sort()

let sources: { a: string; b: string; alliance: string }
let projects: { a: string; b: string }

beforeAll(async () => {
  database = await createTestDatabase('funds', migrateFunds)
  funds = createFundsService({ db: database.db, clock: fixedClock('2024-12-31T04:00:00Z') })
  sources = {
    a: (await source('A 镇资金', A.township, { kind: 'township', code: A.township })).id,
    b: (await source('B 镇资金', B.township, { kind: 'township', code: B.township })).id,
    alliance: (await source('联村资金', A.township, { kind: 'alliance', id: ALLIANCE })).id,
  }
  projects = { a: (await project('A 项目', A)).id, b: (await project('B 项目', B)).id }
  for (const id of [projects.a, projects.b]) await step(id, 'submitted', '2024-03-01')
})
afterAll(() => database.close())

describe('reads about one county, and reads across counties', () => {
  it('lists one county by the division it names, and a wider division or none across counties', async () => {
    const list = (within?: string) =>
      funds.listProjects({ ...(within ? { within } : {}), limit: 10, after: null })
    expect(names(await list())).toEqual(['A 项目', 'B 项目'])
    expect(names(await list('37'))).toEqual(['A 项目', 'B 项目'])
    expect(names(await list(A.county))).toEqual(['A 项目'])
    expect(names(await list(B.village))).toEqual(['B 项目'])
    expect((await funds.listProjects({ status: 'submitted', limit: 1, after: null })).items).toHaveLength(1)

    const shown = async (within?: string) =>
      (await funds.publicProjects(within, 10, null)).items.map((view) => view.project.name).sort()
    expect(await shown()).toEqual(['A 项目', 'B 项目'])
    expect(await shown('3703')).toEqual(['A 项目', 'B 项目'])
    expect(await shown(B.township)).toEqual(['B 项目'])
    expect((await funds.publicProjectIds(undefined, 10, null)).sort()).toEqual(
      [projects.a, projects.b].sort(),
    )
    expect(await funds.publicProjectIds(A.county, 10, null)).toEqual([projects.a])
  })

  it('lists sources of one county by division or by the alliance holding them, and wider across counties', async () => {
    const list = (query: { within?: string; holderIds?: string[] }) =>
      funds.listFundSources({ ...query, limit: 10, after: null })
    expect(names(await list({}))).toEqual(['A 镇资金', 'B 镇资金', '联村资金'])
    expect(names(await list({ within: '3703' }))).toEqual(['A 镇资金', 'B 镇资金', '联村资金'])
    expect(names(await list({ within: B.county }))).toEqual(['B 镇资金'])
    expect(names(await list({ holderIds: [ALLIANCE] }))).toEqual(['联村资金'])
    expect(names(await list({ holderIds: [newId(B.county)] }))).toEqual([])
  })

  it('sums figures over one county, or over a wider division across counties', async () => {
    expect((await funds.stats({})).pooled.sources).toBe(3)
    expect((await funds.stats({ within: '37', year: 2024 })).projects.total).toBe(2)
    expect((await funds.stats({ within: A.county })).pooled.sources).toBe(2)
    expect((await funds.stats({ within: B.township })).projects.total).toBe(1)
  })

  it('reads each record in its own county', async () => {
    expect((await funds.getProject(projects.b)).townshipCode).toBe(B.township)
    expect((await funds.traceProject(projects.a)).project.name).toBe('A 项目')
    expect((await funds.getFundSource(sources.b)).divisionCode).toBe(B.township)
    expect((await funds.traceSource(sources.b)).totals.reconciles).toBe(true)
    await expectDomainError(funds.getProject(newId(B.county)), 'funds.project_not_found')
    await expectDomainError(funds.getFundSource(newId()), 'funds.source_not_found')
  })
})

describe('a source and the projects of another county', () => {
  it('refuses to allocate or pay from a source of another county', async () => {
    const id = (await project('A 待批项目', A)).id
    await step(id, 'submitted', '2024-03-01')
    await funds.addNotice(
      id,
      CreateNoticeInput.parse({ stage: 'approval', from: '2024-03-02', channels: ['公开栏'] }),
    )
    await step(id, 'reviewed', '2024-03-05')
    await step(id, 'approved', '2024-03-12')
    const allocation = (fundSourceId: string) =>
      funds.allocate(id, AllocationInput.parse({ fundSourceId, amount: '1000.00' }), MANAGER)
    await expectDomainError(allocation(sources.b), 'funds.cross_county')
    await allocation(sources.a)
    const [tranche] = await funds.setPaymentPlan(
      id,
      PaymentPlanInput.parse({ tranches: [{ label: '全部', trigger: 'start', percent: '100.00' }] }),
    )
    await step(id, 'started', '2024-04-01')
    const payment = (fundSourceId: string) =>
      DisbursementInput.parse({
        trancheId: tranche!.id,
        fundSourceId,
        amount: '10.00',
        ledgerId: newId(A.county),
        date: '2024-04-02',
      })
    // The source of the other county is read (and shown to its guard) like any other, and has
    // allocated nothing to this project.
    const seen: SourceRef[] = []
    await expectDomainError(
      funds.disburse(id, payment(sources.b), MANAGER, { sourceGuard: (ref) => void seen.push(ref) }),
      'funds.over_allocation',
    )
    expect(seen.map((ref) => ref.countyCode)).toEqual([B.county])
    await expectDomainError(funds.disburse(id, payment(newId()), MANAGER), 'funds.source_not_found')
    const refused = funds.disburse(id, payment(sources.b), MANAGER, {
      sourceGuard: () => {
        throw new DomainError('auth.forbidden', 'out of scope', { kind: 'forbidden' })
      },
    })
    await expectDomainError(refused, 'auth.forbidden')
    expect((await funds.disburse(id, payment(sources.a), MANAGER)).amount).toBe(1_000n)
    expect((await funds.traceSource(sources.b)).disbursements).toEqual([])
  })
})
