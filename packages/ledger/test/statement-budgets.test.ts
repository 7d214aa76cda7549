import { fixedClock } from '@liancun/core'
import { createStatementCounter, createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLedgerService, type LedgerService, migrateLedger } from '../src/index.js'
import { BOOKKEEPER, lines, REVIEWER, uscc } from './fixtures.js'

/**
 * How many statements each hot operation of the service sends (BEGIN and COMMIT included), on
 * both engines. The cost of a request on PostgreSQL is its statement count, so these are budgets:
 * an operation may get cheaper (lower its budget) but never dearer. Counts, never timings.
 */
const BUDGET = {
  createVoucher: 4, // BEGIN, lock the ledger FOR KEY SHARE, insert-if-open (voucher + lines), COMMIT
  postVoucher: 5, // BEGIN, lock ledger + voucher, read the facts, write the plan, COMMIT
  getVoucher: 1, // ledger, voucher, lines and account names in one statement
  listVouchers50: 2, // the ledger, then the page with every voucher's lines
  trialBalance: 2, // the ledger, then the chart with its movements from the balances
  createVouchers50: 4, // as one draft, whatever the batch size
  postVouchers50: 5, // as one posting, whatever the batch size
}

const counter = createStatementCounter()
let database: TestDatabase
let ledger: LedgerService
let ledgerId: string

async function count<T>(run: () => Promise<T>): Promise<{ n: number; result: T }> {
  counter.reset()
  const result = await run()
  return { n: counter.count, result }
}

const voucher = (day: number, fen: bigint) => ({
  date: `2024-05-${String((day % 28) + 1).padStart(2, '0')}`,
  summary: `租金 ${day}`,
  attachments: 0,
  lines: lines('101', '501', fen),
})

beforeAll(async () => {
  database = await createTestDatabase('ledger', migrateLedger, { counter })
  // PGlite reads its array types on the first query; count from a warm instance.
  await database.db.execute(sql`select 1`)
  ledger = createLedgerService({ db: database.db, clock: fixedClock('2024-06-30T04:00:00Z') })
  ledgerId = (
    await ledger.createLedger({
      villageCode: '370322104203',
      collective: { name: '李孟德村股份经济合作社', uscc: uscc('MA3C4D5E') },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    })
  ).id
})
afterAll(() => database.close())

describe('statements per service operation', () => {
  const measured: Record<string, number> = {}
  afterAll(() => console.log('ledger statements per operation:', measured))

  it('keeps drafting, posting and reading one voucher within budget', async () => {
    const draft = await count(() =>
      ledger.createVoucher(ledgerId, { ...voucher(1, 100_00n), date: '2024-06-03' }, BOOKKEEPER),
    )
    measured.createVoucher = draft.n
    expect(draft.n).toBeLessThanOrEqual(BUDGET.createVoucher)

    const post = await count(() => ledger.postVoucher(ledgerId, draft.result.id, REVIEWER))
    measured.postVoucher = post.n
    expect(post.n).toBeLessThanOrEqual(BUDGET.postVoucher)
    expect(post.result).toMatchObject({ status: 'posted', number: 1 })

    const read = await count(() => ledger.getVoucher(ledgerId, draft.result.id))
    measured.getVoucher = read.n
    expect(read.n).toBeLessThanOrEqual(BUDGET.getVoucher)
    expect(read.result.lines.map((l) => l.accountName)).toEqual(['库存现金', '经营收入'])
  })

  it('keeps batches, a page of 50 and the trial balance within budget, whatever their size', async () => {
    const created = await count(() =>
      ledger.createVouchers(
        ledgerId,
        Array.from({ length: 50 }, (_, i) => voucher(i, BigInt(i + 1) * 100n)),
        BOOKKEEPER,
      ),
    )
    measured.createVouchers50 = created.n
    expect(created.n).toBeLessThanOrEqual(BUDGET.createVouchers50)

    const posted = await count(() =>
      ledger.postVouchers(
        ledgerId,
        created.result.map((v) => v.id),
        REVIEWER,
      ),
    )
    measured.postVouchers50 = posted.n
    expect(posted.n).toBeLessThanOrEqual(BUDGET.postVouchers50)
    expect(posted.result.map((v) => v.number)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))

    const page = await count(() => ledger.listVouchers(ledgerId, { limit: 50, after: null }))
    measured.listVouchers50 = page.n
    expect(page.result.items).toHaveLength(50)
    expect(page.result.items.every((v) => v.lines.length === 2)).toBe(true)
    expect(page.n).toBeLessThanOrEqual(BUDGET.listVouchers50)

    const tb = await count(() => ledger.trialBalance(ledgerId, '2024-01', '2024-06'))
    measured.trialBalance = tb.n
    expect(tb.n).toBeLessThanOrEqual(BUDGET.trialBalance)
    expect(tb.result.rows.find((r) => r.code === '101')?.closing.amount).toBe(100_00n + 1275_00n)
  })
})
