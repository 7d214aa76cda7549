import { fixedClock } from '@liancun/core'
import { createStatementCounter, createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLedgerService, type LedgerService, migrateLedger } from '../src/index.js'
import { BOOKKEEPER, expectCode, lines, REVIEWER, uscc } from './fixtures.js'

/**
 * 年终结账 (农村集体经济组织会计制度): after its year-end close a year takes no voucher into its
 * income and expense accounts — refused when the draft is written (single, batch, 红字冲销), with
 * the code posting uses; balance-sheet vouchers into an open month of it are still taken. And the
 * rest of issue 12 item 10: years close in order, an open or closed December does not block the
 * close, 各项分配 is closed into 未分配收益. PGlite, and PostgreSQL with LIANCUN_TEST_PG_URL.
 */
const counter = createStatementCounter()
let database: TestDatabase
let ledger: LedgerService
let ledgerId: string
let clock: ReturnType<typeof fixedClock>

const draft = (date: string, debit: string, credit: string, fen: bigint, summary = '业务') =>
  ledger.createVoucher(
    ledgerId,
    { date, summary, attachments: 0, lines: lines(debit, credit, fen) },
    BOOKKEEPER,
  )

async function postNew(date: string, debit: string, credit: string, fen: bigint, summary = '业务') {
  const created = await draft(date, debit, credit, fen, summary)
  return ledger.postVoucher(ledgerId, created.id, REVIEWER)
}

beforeEach(async () => {
  database = await createTestDatabase('ledger', migrateLedger, { counter })
  await database.db.execute(sql`select 1`)
  clock = fixedClock('2025-01-10T04:00:00Z')
  ledger = createLedgerService({ db: database.db, clock })
  ledgerId = (
    await ledger.createLedger({
      villageCode: '370322104203',
      collective: { name: '李孟德村股份经济合作社', uscc: uscc('MA3C4D5E') },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    })
  ).id
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

describe('a closed year refuses drafts into its income and expense accounts (年终结账)', () => {
  it('refuses a single draft with the rule, the year and the accounts, and writes nothing', async () => {
    await postNew('2024-03-05', '102', '501', 200_00n)
    await ledger.closeYear(ledgerId, '2024', REVIEWER)
    const before = (await ledger.listVouchers(ledgerId, { limit: 100, after: null })).items.length
    const error = await expectCode(draft('2024-11-30', '513', '102', 5_00n), 'ledger.closed_year_income')
    expect(error.field).toBe('lines.0.account')
    expect(error.context).toMatchObject({
      year: '2024',
      account: '513',
      accounts: ['513'],
      date: '2024-11-30',
      basis: '农村集体经济组织会计制度 年终结账',
    })
    // Both sides 损益类: every such account is named.
    const both = await expectCode(draft('2024-12-31', '511', '501', 1_00n), 'ledger.closed_year_income')
    expect(both.context).toMatchObject({ accounts: ['511', '501'] })
    expect((await ledger.listVouchers(ledgerId, { limit: 100, after: null })).items.length).toBe(before)
  })

  it('refuses a batch naming the first item into the closed year; all or none', async () => {
    await postNew('2024-03-05', '102', '501', 200_00n)
    await ledger.closeYear(ledgerId, '2024', REVIEWER)
    const ok = { date: '2025-01-05', summary: '租金', attachments: 0, lines: lines('102', '501', 7_00n) }
    const late = {
      date: '2024-12-20',
      summary: '补记办公费',
      attachments: 0,
      lines: lines('513', '102', 3_00n),
    }
    const error = await expectCode(
      ledger.createVouchers(ledgerId, [ok, ok, late], BOOKKEEPER),
      'ledger.closed_year_income',
    )
    expect(error.field).toBe('vouchers.2.lines.0.account')
    expect(error.context).toMatchObject({ year: '2024', accounts: ['513'] })
    expect((await ledger.listVouchers(ledgerId, { status: 'draft', limit: 100, after: null })).items).toEqual(
      [],
    )
    // Without the late item the batch is taken.
    expect(await ledger.createVouchers(ledgerId, [ok, ok], BOOKKEEPER)).toHaveLength(2)
  })

  it('refuses a 红字冲销 dated in the closed year; dated in the next year it is taken', async () => {
    const income = await postNew('2024-03-05', '102', '501', 200_00n)
    await ledger.closeYear(ledgerId, '2024', REVIEWER)
    await expectCode(
      ledger.reverseVoucher(ledgerId, income.id, { date: '2024-12-31' }, BOOKKEEPER),
      'ledger.closed_year_income',
    )
    const reversal = await ledger.reverseVoucher(ledgerId, income.id, { date: '2025-01-08' }, BOOKKEEPER)
    expect(reversal.status).toBe('draft')
  })

  it('takes balance-sheet drafts into an open month of the closed year, and the next year’s income', async () => {
    await postNew('2024-03-05', '102', '501', 200_00n)
    await ledger.closeYear(ledgerId, '2024', REVIEWER)
    // 按月结账: a balance-sheet correction into the still open December is the month's to lock.
    expect((await draft('2024-12-30', '211', '102', 5_00n)).status).toBe('draft')
    expect((await draft('2025-01-05', '102', '501', 7_00n)).status).toBe('draft')
  })

  it('takes income drafts into a past year that has not closed', async () => {
    await postNew('2024-03-05', '102', '501', 200_00n)
    expect((await draft('2024-12-30', '513', '102', 1_00n)).status).toBe('draft')
  })

  it('asks nothing more for a draft of the current year; one look-up for a back-dated one', async () => {
    const measure = async (date: string) => {
      counter.reset()
      await draft(date, '513', '102', 1_00n)
      return counter.count
    }
    // BEGIN, lock, insert-if-open, COMMIT.
    expect(await measure('2025-01-09')).toBe(4)
    // The year before could be closed (its 31 December has passed): one look-up.
    expect(await measure('2024-12-30')).toBe(5)
    // A balance-sheet voucher of last year: no look-up.
    counter.reset()
    await draft('2024-12-30', '211', '102', 1_00n)
    expect(counter.count).toBe(4)
  })
})

describe('year-end close, the rest of item 10', () => {
  it('closes with December still open, 各项分配 into 未分配收益, and December then closes', async () => {
    await postNew('2024-03-05', '102', '501', 200_00n)
    await postNew('2024-12-10', '32201', '311', 30_00n, '提取公积公益金')
    const closed = await ledger.closeYear(ledgerId, '2024', REVIEWER)
    expect(closed.vouchers.map((v) => v.summary)).toEqual([
      '2024年 损益结转本年收益',
      '2024年 本年收益转入收益分配',
      '2024年 各项分配转入未分配收益',
    ])
    const tb = await ledger.trialBalance(ledgerId, '2024-01', '2024-12')
    const row = (code: string) => tb.rows.find((r) => r.code === code)
    expect(row('32201')?.closing.amount ?? 0n).toBe(0n)
    expect(row('32202')?.closing).toEqual({ side: 'credit', amount: 270_00n }) // 100 + 200 − 30
    for (const month of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']) {
      await ledger.closePeriod(ledgerId, `2024-${month}`, REVIEWER)
    }
    await expectCode(ledger.closeYear(ledgerId, '2024', REVIEWER), 'ledger.year_closed')
  })

  it('refuses to close a year before the previous one, naming both years', async () => {
    await postNew('2024-03-05', '102', '501', 200_00n)
    clock.set('2026-01-10T04:00:00Z')
    await postNew('2025-03-05', '102', '501', 10_00n)
    const error = await expectCode(ledger.closeYear(ledgerId, '2025', REVIEWER), 'ledger.earlier_year_open')
    expect([error.field, error.context]).toMatchObject(['year', { year: '2025', previousYear: '2024' }])
    await ledger.closeYear(ledgerId, '2024', REVIEWER)
    expect((await ledger.closeYear(ledgerId, '2025', REVIEWER)).result).toBe(10_00n)
    // Both years are closed now: neither takes income.
    await expectCode(draft('2024-06-01', '102', '501', 1_00n), 'ledger.closed_year_income')
    await expectCode(draft('2025-06-01', '102', '501', 1_00n), 'ledger.closed_year_income')
  })
})
