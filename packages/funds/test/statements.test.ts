// How many statements each funds operation sends (BEGIN and COMMIT included), counted at the
// driver on both engines. A budget is a ceiling: an operation may get cheaper (then lower it here)
// but never dearer. Counts, never timings.
import { fixedClock, isDistributed, markDistributed, newId } from '@liancun/core'
import { createStatementCounter, createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AllocationInput,
  CreateFundSourceInput,
  CreateNoticeInput,
  CreateProjectInput,
  createFundsService,
  DisbursementInput,
  DistributionInput,
  type FundsService,
  migrateFunds,
  PaymentPlanInput,
  RevenueInput,
  TransitionInput,
} from '../src/index.js'

const TOWNSHIP = '370323107'
const V1 = '370323107201'
const V2 = '370323107202'
const MANAGER = 'key-fund-manager'
const counter = createStatementCounter()
let database: TestDatabase
let funds: FundsService

/** Per operation: the budget it is held to, and (beside it) what it took before the request-path work. */
const BUDGET = {
  createFundSource: 1, // was 1
  getFundSource: 1, // was 3
  listFundSources: 1, // was 3
  createProject: 5, // was 14
  getProject: 1, // was 11
  listProjects: 1, // was 3 + 8 per project (51 for this page of 6)
  projectScope: 1, // was 2
  transition: 7, // was 15 (a submission)
  addNotice: 4, // was 5
  allocate: 6, // was 7
  setPaymentPlan: 5, // was 7
  disburse: 5, // was 13
  listDisbursements: 2, // was 2
  recordRevenue: 4, // was 4
  distribute: 6, // was 10
  getRun: 1, // was 5
  traceSource: 1, // was 7
  traceProject: 1, // was 16
  publicProject: 1, // was 12
  publicProjectIds: 1, // was 1
  stats: 1, // was 7
}
const measured: Partial<Record<keyof typeof BUDGET, number>> = {}
/** Every query the service built, in full (the counter keeps 200 characters). */
const logged: string[] = []

async function count<T>(name: keyof typeof BUDGET, work: () => Promise<T>): Promise<T> {
  counter.reset()
  const result = await work()
  measured[name] = counter.count
  expect(counter.count, `${name}:\n${counter.statements.join('\n')}`).toBeLessThanOrEqual(BUDGET[name])
  return result
}

const projectInput = (name: string) =>
  CreateProjectInput.parse({
    name,
    category: 'industry',
    townshipCode: TOWNSHIP,
    implementer: { villageCode: V1 },
    budget: '3000000.00',
    location: '朱家户村东',
    startOn: '2024-04-01',
    endOn: '2024-10-31',
    beneficiaries: [
      { villageCode: V1, units: 160 },
      { villageCode: V2, units: 90 },
    ],
    targets: [
      { level1: 'output', indicator: '新建香菇大棚', unit: '个', target: '49' },
      { level1: 'benefit', indicator: '村集体增收', unit: '万元', target: '20' },
    ],
    benefitMechanism: '按出资比例分红',
    proposedBy: 'alliance',
  })

const step = (id: string, to: string, on: string, extra: Record<string, unknown> = {}) =>
  funds.transition(id, TransitionInput.parse({ to, note: to, on, ...extra }), MANAGER)
const notice = (id: string, stage: 'approval' | 'completion', from: string) =>
  funds.addNotice(id, CreateNoticeInput.parse({ stage, from, channels: ['村务公开栏'] }))

beforeAll(async () => {
  database = await createTestDatabase('funds', migrateFunds, { counter })
  // The same connection through a logging drizzle: the locks' full SQL is checked below.
  const logger = { logQuery: (query: string) => void logged.push(query) }
  const client = (database.db as unknown as { $client: never }).$client
  const db = database.engine === 'pglite' ? drizzlePglite({ client, logger }) : drizzlePg({ client, logger })
  // It is the same database: on Citus, cross-county reads lift the multi-shard guard on it too.
  if (isDistributed(database.db)) markDistributed(db)
  funds = createFundsService({ db, clock: fixedClock('2024-12-31T04:00:00Z') })
  // Warm the engine (PGlite reads its types on the first query), so counts are the operations'.
  await funds.publicProjectIds(undefined, 1, null)
})
afterAll(async () => {
  console.log('funds statements per operation:', measured)
  await database.close()
})

describe('statements per funds operation', () => {
  it('keeps the money path within its budget', async () => {
    const source = await count('createFundSource', () =>
      funds.createFundSource(
        CreateFundSourceInput.parse({
          name: '扶持村级集体经济资金',
          kind: 'collective_economy_support',
          level: 'provincial',
          documentNo: '鲁财农指〔2024〕8号',
          fiscalYear: 2024,
          amount: '1000000.00',
          receivedOn: '2024-02-20',
          holder: { kind: 'township', code: TOWNSHIP },
          allowedCategories: ['industry'],
          directFund: false,
        }),
        TOWNSHIP,
        MANAGER,
      ),
    )
    await count('getFundSource', () => funds.getFundSource(source.id))
    await count('listFundSources', () => funds.listFundSources({ within: TOWNSHIP, limit: 50, after: null }))
    const project = await count('createProject', () =>
      funds.createProject(projectInput('香菇产业园'), MANAGER),
    )
    const { id } = project
    await count('transition', () => step(id, 'submitted', '2024-03-01'))
    await count('addNotice', () => notice(id, 'approval', '2024-03-02'))
    await step(id, 'reviewed', '2024-03-05')
    await step(id, 'approved', '2024-03-12')
    await step(id, 'started', '2024-04-01')
    await count('allocate', () =>
      funds.allocate(id, AllocationInput.parse({ fundSourceId: source.id, amount: '400000.00' }), MANAGER),
    )
    const plan = await count('setPaymentPlan', () =>
      funds.setPaymentPlan(
        id,
        PaymentPlanInput.parse({
          tranches: [
            { label: '开工预拨', trigger: 'start', percent: '40.00' },
            { label: '验收', trigger: 'acceptance', percent: '60.00' },
          ],
        }),
      ),
    )
    await count('disburse', () =>
      funds.disburse(
        id,
        DisbursementInput.parse({
          trancheId: plan[0]!.id,
          fundSourceId: source.id,
          amount: '160000.00',
          ledgerId: newId(),
          date: '2024-04-02',
        }),
        MANAGER,
      ),
    )
    await count('listDisbursements', () => funds.listDisbursements(id))
    await notice(id, 'completion', '2024-10-01')
    await step(id, 'accepted', '2024-10-11', {
      acceptance: {
        assetClass: 'operating',
        shares: [
          { holder: { villageCode: V1 }, contribution: 'money', valuation: '600000.00' },
          { holder: { villageCode: V2 }, contribution: 'land', valuation: '300000.00' },
        ],
        assets: [
          {
            name: '菌棚',
            assetClass: 'operating',
            cost: '400000.00',
            owners: [{ household: { villageCode: V1, ref: '1组王某户' }, value: '400000.00' }],
          },
        ],
      },
    })
    const revenue = await count('recordRevenue', () =>
      funds.recordRevenue(
        id,
        RevenueInput.parse({ period: '2024', amount: '90000.00', receivedOn: '2024-12-01' }),
        MANAGER,
      ),
    )
    const run = await count('distribute', () =>
      funds.distribute(
        id,
        DistributionInput.parse({
          revenueId: revenue.id,
          policy: { version: 'v1', guaranteed: [], shortfall: 'pro_rata' },
        }),
        MANAGER,
      ),
    )
    await count('getRun', () => funds.getRun(run.id))
    await count('getProject', () => funds.getProject(id))
    await count('projectScope', () => funds.projectScope(id))
    await count('traceSource', () => funds.traceSource(source.id))
    await count('traceProject', () => funds.traceProject(id))
    await count('publicProject', () => funds.publicProject(id))
    await count('stats', () => funds.stats({ within: TOWNSHIP, year: 2024 }))
  })

  it('reads a page of projects in statements independent of its size', async () => {
    for (let i = 0; i < 5; i++) {
      const p = await funds.createProject(projectInput(`项目${i}`), MANAGER)
      await step(p.id, 'submitted', '2024-03-01')
    }
    const page = await count('listProjects', () =>
      funds.listProjects({ within: TOWNSHIP, limit: 50, after: null }),
    )
    expect(page.items.length).toBeGreaterThanOrEqual(5)
    const ids = await count('publicProjectIds', () => funds.publicProjectIds(TOWNSHIP, 50, null))
    expect(ids.length).toBeGreaterThanOrEqual(5)
  })

  // Every lock is taken by (county_code, id): on a distributed database a lock by id alone would
  // touch every shard. Checked over every query the operations above ran.
  it('takes every lock by (county_code, id)', () => {
    const locks = logged.filter((query) => /for update/i.test(query))
    expect(locks.length).toBeGreaterThan(0)
    expect(locks.filter((query) => !/"county_code" = \$\d+/.test(query))).toEqual([])
  })
})
