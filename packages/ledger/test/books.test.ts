import { fixedClock } from '@liancun/core'
import { createStatementCounter, createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLedgerService, type LedgerService, migrateLedger, type SidedAmount } from '../src/index.js'
import { BOOKKEEPER, expectCode, lines, REVIEWER, uscc } from './fixtures.js'

/** County books: a division's statements from the balances, equal to the sum of its ledgers. */

const counter = createStatementCounter()
let database: TestDatabase
let ledger: LedgerService
const ids: Record<'a' | 'b' | 'c' | 'far', string> = { a: '', b: '', c: '', far: '' }
const clock = fixedClock('2024-06-30T04:00:00Z')

const signed = (s: SidedAmount) => (s.side === 'debit' ? s.amount : -s.amount)

async function post(ledgerId: string, date: string, debit: string, credit: string, fen: bigint) {
  const draft = await ledger.createVoucher(
    ledgerId,
    { date, summary: '业务', attachments: 0, lines: lines(debit, credit, fen) },
    BOOKKEEPER,
  )
  return ledger.postVoucher(ledgerId, draft.id, REVIEWER)
}

beforeAll(async () => {
  database = await createTestDatabase('ledger', migrateLedger, { counter })
  await database.db.execute(sql`select 1`)
  ledger = createLedgerService({ db: database.db, clock })
  const open = async (villageCode: string, body: string) =>
    (
      await ledger.createLedger({
        villageCode,
        collective: { name: `${villageCode} 股份经济合作社`, uscc: uscc(body) },
        firstPeriod: '2024-01',
        chart: 'rcea-2023',
      })
    ).id
  ids.a = await open('370322104203', 'MA3C4D5E')
  ids.b = await open('370322104201', 'MA3C4D5F')
  ids.c = await open('370322105001', 'MA3C4D5G')
  ids.far = await open('370323100001', 'MA3C4D5H')
  for (const id of Object.values(ids)) {
    await ledger.setOpeningBalances(id, {
      lines: [
        { account: '102', debit: 1000_00n },
        { account: '301', credit: 1000_00n },
      ],
    })
  }
  await ledger.addAccount(ids.a, { parentCode: '113', code: '11301', name: '一组' })
  await ledger.addAccount(ids.a, { parentCode: '113', code: '11302', name: '二组' })
  await post(ids.a, '2024-02-01', '102', '501', 300_00n)
  await post(ids.a, '2024-03-01', '11301', '102', 40_00n)
  await post(ids.a, '2024-03-02', '102', '11302', 25_00n)
  await post(ids.b, '2024-02-10', '513', '102', 120_00n)
  await post(ids.c, '2024-04-01', '102', '503', 80_00n)
  await post(ids.far, '2024-04-01', '102', '503', 999_00n)
  // 飞地抱团 inside the township: a invests 200 in b.
  const link = await ledger.createLink(
    {
      date: '2024-05-01',
      summary: '投资飞地抱团项目',
      amount: 200_00n,
      purpose: 'investment',
      from: { ledgerId: ids.a, debit: '141', credit: '102' },
      to: { ledgerId: ids.b, debit: '102', credit: '301' },
    },
    BOOKKEEPER,
  )
  await ledger.postVoucher(ids.a, link.from.voucherId, REVIEWER)
  // One ledger's year close (posted in the new year) must not change the income statement.
  clock.set('2025-01-05T04:00:00Z')
  await ledger.closeYear(ids.c, '2024', REVIEWER)
})
afterAll(() => database.close())

describe('county books', () => {
  it('equal, account by account and to the fen, the sum of the single ledgers', async () => {
    const within = ['370322104', '370322']
    for (const division of within) {
      const members = division === '370322' ? [ids.a, ids.b, ids.c] : [ids.a, ids.b]
      counter.reset()
      const books = await ledger.divisionTrialBalance(division, '2024-03', '2024-12')
      expect(counter.count, 'one statement, from the balances').toBe(1)
      expect(books.ledgers).toBe(members.length)
      const singles = await Promise.all(members.map((id) => ledger.trialBalance(id, '2024-03', '2024-12')))
      for (const row of books.rows) {
        const same = singles.map((tb) => tb.rows.find((r) => r.code === row.code)!)
        expect([signed(row.opening), row.debit, row.credit, signed(row.closing)], row.code).toEqual([
          same.reduce((s, r) => s + signed(r.opening), 0n),
          same.reduce((s, r) => s + r.debit, 0n),
          same.reduce((s, r) => s + r.credit, 0n),
          same.reduce((s, r) => s + signed(r.closing), 0n),
        ])
      }
      expect(books.totals.debit).toBe(books.totals.credit)

      const sheet = await ledger.divisionBalanceSheet(division, '2024-12')
      const sheets = await Promise.all(members.map((id) => ledger.balanceSheet(id, '2024-12')))
      expect(sheet.balanced).toBe(true)
      expect(sheet.totals).toEqual({
        assets: sheets.reduce((s, x) => s + x.totals.assets, 0n),
        liabilities: sheets.reduce((s, x) => s + x.totals.liabilities, 0n),
        equity: sheets.reduce((s, x) => s + x.totals.equity, 0n),
      })
      for (const line of sheet.assets) {
        const sum = sheets.reduce(
          (s, x) => s + (x.assets.find((l) => l.name === line.name)?.amount ?? 0n),
          0n,
        )
        expect(line.amount, line.name).toBe(sum)
      }
      // The 制度-format sheet of the division is the sum of the ledgers' line by line, both columns.
      expect(sheet.official.balanced).toBe(true)
      for (const line of [...sheet.official.assets, ...sheet.official.claims]) {
        const of = (x: (typeof sheets)[number]) =>
          [...x.official.assets, ...x.official.claims].find((l) => l.key === line.key)!
        expect([line.start, line.end], line.label).toEqual([
          sheets.reduce((s, x) => s + of(x).start, 0n),
          sheets.reduce((s, x) => s + of(x).end, 0n),
        ])
      }

      const income = await ledger.divisionIncomeStatement(division, '2024')
      const statements = await Promise.all(members.map((id) => ledger.incomeStatement(id, '2024')))
      expect([income.totals, income.profit, income.undistributedAtStart]).toEqual([
        {
          income: statements.reduce((s, x) => s + x.totals.income, 0n),
          expenses: statements.reduce((s, x) => s + x.totals.expenses, 0n),
        },
        statements.reduce((s, x) => s + x.profit, 0n),
        statements.reduce((s, x) => s + x.undistributedAtStart, 0n),
      ])
    }
    // 113 shows a's debit-balance detail among assets and its credit-balance detail among liabilities.
    const sheet = await ledger.divisionBalanceSheet('370322104', '2024-12')
    expect(sheet.assets.find((l) => l.code === '113')?.amount).toBe(40_00n)
    expect(sheet.liabilities.find((l) => l.code === '113')?.amount).toBe(25_00n)
  })

  it('eliminates the legs of links inside the division on request', async () => {
    const gross = await ledger.divisionTrialBalance('370322104', '2024-01', '2024-12')
    const net = await ledger.divisionTrialBalance('370322104', '2024-01', '2024-12', { eliminateLinks: true })
    const row = (tb: typeof gross, code: string) => tb.rows.find((r) => r.code === code)!
    expect(row(gross, '141').closing.amount).toBe(200_00n)
    expect(row(net, '141').closing.amount).toBe(0n)
    expect(row(net, '301').closing.amount).toBe(row(gross, '301').closing.amount - 200_00n)
    expect(row(net, '102').debit).toBe(row(gross, '102').debit - 200_00n)
    expect(net.eliminated.find((e) => e.code === '141')).toEqual({
      code: '141',
      openingNet: 0n,
      debit: 200_00n,
      credit: 0n,
    })
    expect(net.totals.debit).toBe(net.totals.credit)
    const sheet = await ledger.divisionBalanceSheet('370322104', '2024-12', { eliminateLinks: true })
    expect(sheet.balanced).toBe(true)
    expect(sheet.official.balanced).toBe(true)
    expect(sheet.official.assets.find((l) => l.key === 'longInvestments')?.end).toBe(0n)
    expect(sheet.assets.find((l) => l.code === '141')?.amount).toBe(0n)
    // A link reaching outside the division is not internal to it: the other township keeps it.
    const other = await ledger.divisionTrialBalance('370322105', '2024-01', '2024-12', {
      eliminateLinks: true,
    })
    expect(other.eliminated).toEqual([])
  })

  it('covers a county or a township only', async () => {
    await expectCode(
      ledger.divisionTrialBalance('370322104203', '2024-01', '2024-12'),
      'ledger.invalid_within',
    )
    await expectCode(ledger.divisionBalanceSheet('3703', '2024-12'), 'ledger.invalid_within')
    await expectCode(ledger.divisionTrialBalance('370322', '2024-12', '2024-01'), 'ledger.invalid_range')
    expect((await ledger.divisionIncomeStatement('370399', '2024')).ledgers).toBe(0)
  })
})
