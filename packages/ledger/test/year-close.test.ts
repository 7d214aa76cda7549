import { fixedClock } from '@liancun/core'
import { createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLedgerService, type LedgerService, migrateLedger } from '../src/index.js'
import { BOOKKEEPER, expectCode, lines, REVIEWER, uscc } from './fixtures.js'

/**
 * 年终结账 and the two annual statements in the 制度's formats, on PGlite and (with
 * LIANCUN_TEST_PG_URL) PostgreSQL: the year closes after December's 结账, in order, closes
 * 各项分配 into 未分配收益, and then refuses vouchers into its income and expense accounts.
 */
let database: TestDatabase
let ledger: LedgerService
let ledgerId: string
let clock: ReturnType<typeof fixedClock>

async function postNew(date: string, debit: string, credit: string, fen: bigint, summary = '业务') {
  const draft = await ledger.createVoucher(
    ledgerId,
    { date, summary, attachments: 0, lines: lines(debit, credit, fen) },
    BOOKKEEPER,
  )
  return ledger.postVoucher(ledgerId, draft.id, REVIEWER)
}

const months = (year: string) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)

beforeEach(async () => {
  database = await createTestDatabase('ledger', migrateLedger)
  clock = fixedClock('2025-01-10T04:00:00Z')
  ledger = createLedgerService({ db: database.db, clock })
  const created = await ledger.createLedger({
    villageCode: '370322104203',
    collective: { name: '李孟德村股份经济合作社', uscc: uscc('MA3C4D5E') },
    firstPeriod: '2024-01',
    chart: 'rcea-2023',
  })
  ledgerId = created.id
  await ledger.addAccount(ledgerId, { parentCode: '322', code: '32201', name: '各项分配' })
  await ledger.addAccount(ledgerId, { parentCode: '322', code: '32202', name: '未分配收益' })
  await ledger.setOpeningBalances(ledgerId, {
    lines: [
      { account: '102', debit: 1_000_00n },
      { account: '301', credit: 900_00n },
      { account: '32202', credit: 100_00n },
    ],
  })
})
afterEach(() => database.close())

describe('年终结账', () => {
  it('closes a year whose December is already closed, resealing December over the closing vouchers', async () => {
    await postNew('2024-03-05', '102', '501', 200_00n, '租金')
    await postNew('2024-06-20', '513', '102', 50_00n, '办公费')
    await postNew('2024-12-10', '32201', '311', 30_00n, '提取公积公益金')
    await postNew('2024-12-11', '32201', '211', 60_00n, '向成员分配')
    let december: string | undefined
    for (const month of months('2024')) december = (await ledger.closePeriod(ledgerId, month, REVIEWER)).seal
    const closed = await ledger.closeYear(ledgerId, '2024', REVIEWER)
    expect(closed.result).toBe(150_00n)
    expect(closed.vouchers.map((v) => v.summary)).toEqual([
      '2024年 损益结转本年收益',
      '2024年 本年收益转入收益分配',
      '2024年 各项分配转入未分配收益',
    ])
    expect(closed.vouchers.every((v) => v.period === '2024-12' && v.status === 'posted')).toBe(true)
    // December stays closed; nothing can be dated into it, and the integrity chain holds.
    await expectCode(postNew('2024-12-30', '102', '211', 1_00n), 'ledger.period_closed')
    expect(await ledger.verifyIntegrity(ledgerId)).toMatchObject({ valid: true })
    // Reopening December shows a new seal was taken over the closing vouchers.
    const reopened = await ledger.reopenPeriod(ledgerId, '2024-12', '审计调整', 'key-admin')
    expect(reopened.status).toBe('open')
    const resealed = await ledger.closePeriod(ledgerId, '2024-12', REVIEWER)
    expect(resealed.seal).not.toBe(december)
    expect(resealed.vouchers).toBe(5)

    const tb = await ledger.trialBalance(ledgerId, '2024-01', '2024-12')
    const row = (code: string) => tb.rows.find((r) => r.code === code)!
    expect(row('32201').closing.amount).toBe(0n)
    expect(row('32202').closing).toEqual({ side: 'credit', amount: 160_00n }) // 100 + 150 − 90

    // Both statements in the 制度's formats tie: 年末未分配收益 = the sheet's 未分配收益.
    const statement = await ledger.incomeStatement(ledgerId, '2024')
    expect(statement).toMatchObject({
      profit: 150_00n,
      undistributedAtStart: 100_00n,
      distributable: 250_00n,
      distributed: 90_00n,
      undistributedAtEnd: 160_00n,
    })
    expect(statement.official.distributions).toEqual({
      reserve: 30_00n, // credited to 311
      members: 60_00n, // 各项分配 / 211, told by its 摘要 向成员分配
      investors: 0n,
      other: 0n,
    })
    const sheet = await ledger.balanceSheet(ledgerId, '2024-12')
    const undistributed = sheet.official.claims.find((l) => l.key === 'undistributed')!
    expect(undistributed).toMatchObject({ row: 37, start: 100_00n, end: 160_00n })
    expect(sheet.official.balanced).toBe(true)
    const total = (key: string) =>
      [...sheet.official.assets, ...sheet.official.claims].find((l) => l.key === key)!
    expect(total('totalAssets').end).toBe(total('totalClaims').end)
    expect(total('totalAssets').start).toBe(1_000_00n)
  })

  it('refuses vouchers into a closed year’s income and expense accounts, not its balance-sheet accounts', async () => {
    await postNew('2024-03-05', '102', '501', 200_00n)
    await ledger.closeYear(ledgerId, '2024', REVIEWER)
    const error = await expectCode(postNew('2024-12-30', '513', '102', 5_00n), 'ledger.closed_year_income')
    expect(error.context).toMatchObject({ year: '2024', account: '513' })
    expect(error.field).toBe('lines.0.account')
    // A balance-sheet correction into the still open December is taken.
    await postNew('2024-12-30', '211', '102', 5_00n)
    // The next year is open for income.
    await postNew('2025-01-05', '102', '501', 7_00n)
  })

  it('closes years in order: 2025 waits for 2024 unless 2024 had nothing to close', async () => {
    await postNew('2024-03-05', '102', '501', 200_00n)
    clock.set('2026-01-10T04:00:00Z')
    const error = await expectCode(ledger.closeYear(ledgerId, '2025', REVIEWER), 'ledger.earlier_year_open')
    expect(error.context).toMatchObject({ year: '2025', previousYear: '2024' })
    await ledger.closeYear(ledgerId, '2024', REVIEWER)
    expect((await ledger.closeYear(ledgerId, '2025', REVIEWER)).vouchers).toEqual([])
  })

  it('lets a year with nothing in it stand for closed', async () => {
    clock.set('2026-01-10T04:00:00Z')
    await postNew('2025-02-05', '102', '501', 10_00n)
    const closed = await ledger.closeYear(ledgerId, '2025', REVIEWER)
    expect(closed.result).toBe(10_00n)
  })
})
