// How many statements the funds routes send to the database (authentication, idempotency and
// audit included), counted at the driver on both engines: a ratchet like statement-counts.test.ts
// — a request may get cheaper (then lower its ceiling here) but never dearer. Before the
// request-path work beside each ceiling (measured on the same requests).
import { createStatementCounter } from '@liancun/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, LIMENGDE, projectBody, reviewedProject, sourceBody, TOWNSHIP } from './funds-fixtures.js'
import { seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'

const counter = createStatementCounter()
let t: TestApp
const keys = { village: '', township: '', county: '' }

const CEILING = {
  getFundSource: 1, // was 3
  approve: 12, // was 25
  getProject: 1, // was 13
  allocate: 9, // was 15
  setPaymentPlan: 8, // was 12
  // was 46 (with the voucher draft in the village ledger); 18 since 先建后补: one upsert adds the money
  // to the 确权 received after the project's lock (it writes nothing before acceptance, and reading the
  // status first instead would race an acceptance committing in between)
  disburse: 18,
  traceProject: 2, // was 18 (with the vouchers' states)
  listProjects: 1, // was 43 for this page of 5: one statement whatever the page size
  listPublicProjects: 1, // was 57 for the same page
  getPublicProject: 1, // was 12
}
const counts: Partial<Record<keyof typeof CEILING, number>> = {}

async function measure(
  name: keyof typeof CEILING,
  method: string,
  url: string,
  key: string | null,
  body: unknown,
  status: number,
) {
  counter.reset()
  const response = await t.call(method, url, { key, ...(body === undefined ? {} : { body }) })
  counts[name] = counter.count
  expect(response.statusCode, response.body).toBe(status)
  expect(counter.count, `${name}:\n${counter.statements.join('\n')}`).toBeLessThanOrEqual(CEILING[name])
  return response.json()
}

beforeAll(async () => {
  t = await startTestApp('2024-12-31', { counter })
  await seedDivisions(t)
  keys.village = await t.mintKey('clerk', LIMENGDE)
  keys.township = await t.mintKey('fund_manager', TOWNSHIP)
  keys.county = await t.mintKey('fund_manager', '370322')
})
afterAll(async () => {
  console.log(
    `funds statements per request (${process.env.LIANCUN_TEST_PG_URL ? 'postgres' : 'pglite'}):`,
    counts,
  )
  await t.close()
})

describe('statements per funds request', () => {
  it('keeps the money path, the project reads and the public noticeboard within their ceilings', async () => {
    const books = await villageBooks(t, LIMENGDE, 'MA3C4D5E')
    const source = await as(t, keys.township).post('/v1/fund-sources', sourceBody())
    await measure('getFundSource', 'GET', `/v1/fund-sources/${source.id}`, keys.township, undefined, 200)
    const id = await reviewedProject(t, keys)
    const approval = { to: 'approved', note: '县审定', on: '2024-01-26' }
    await measure('approve', 'POST', `/v1/projects/${id}/transitions`, keys.county, approval, 200)
    await measure('getProject', 'GET', `/v1/projects/${id}`, keys.village, undefined, 200)
    const allocation = { fundSourceId: source.id, amount: '40000.00' }
    await measure('allocate', 'POST', `/v1/projects/${id}/allocations`, keys.township, allocation, 201)
    const plan = await measure(
      'setPaymentPlan',
      'POST',
      `/v1/projects/${id}/payment-plan`,
      keys.township,
      { tranches: [{ label: '预拨', trigger: 'start', percent: '100.00' }] },
      201,
    )
    await as(t, keys.township).post(
      `/v1/projects/${id}/transitions`,
      { to: 'started', note: '开工', on: '2024-03-01' },
      200,
    )
    const payment = {
      trancheId: plan.tranches[0].id,
      fundSourceId: source.id,
      amount: '10000.00',
      ledgerId: books.ledgerId,
      date: '2024-03-05',
    }
    await measure('disburse', 'POST', `/v1/projects/${id}/disbursements`, keys.township, payment, 201)
    await measure('traceProject', 'GET', `/v1/projects/${id}/trace`, keys.village, undefined, 200)
    for (let i = 0; i < 4; i++) {
      const p = await as(t, keys.village).post('/v1/projects', projectBody({ name: `项目${i}` }))
      await as(t, keys.village).post(
        `/v1/projects/${p.id}/transitions`,
        { to: 'submitted', note: '申报', on: '2024-01-10' },
        200,
      )
    }
    const page = await measure(
      'listProjects',
      'GET',
      `/v1/projects?within=${TOWNSHIP}`,
      keys.township,
      undefined,
      200,
    )
    expect(page.items).toHaveLength(5)
    const board = await measure(
      'listPublicProjects',
      'GET',
      `/v1/public/projects?within=${TOWNSHIP}`,
      null,
      undefined,
      200,
    )
    expect(board.items).toHaveLength(5)
    await measure('getPublicProject', 'GET', `/v1/public/projects/${id}`, null, undefined, 200)
  })
})
