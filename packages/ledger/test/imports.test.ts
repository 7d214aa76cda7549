import { fixedClock } from '@liancun/core'
import { createStatementCounter, createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createLedgerService,
  type ImportedVoucherInput,
  type LedgerService,
  migrateLedger,
} from '../src/index.js'
import { BOOKKEEPER, expectCode, lines, REVIEWER, uscc } from './fixtures.js'

/** 历史凭证导入: vouchers reviewed in a legacy system, written posted by every posting rule. */

const counter = createStatementCounter()
let database: TestDatabase
let ledger: LedgerService
let ledgerId: string

const history = (
  n: number,
  date: string,
  debit: string,
  credit: string,
  fen: bigint,
): ImportedVoucherInput => ({
  date,
  summary: `旧账 ${n}`,
  attachments: 1,
  lines: lines(debit, credit, fen),
  source: { ref: `2023-记-${n}`, preparer: '王会计', reviewer: '李站长' },
})

beforeEach(async () => {
  database = await createTestDatabase('ledger', migrateLedger, { counter })
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
afterEach(() => database.close())

describe('importing history', () => {
  it('writes reviewed vouchers posted, in date order, numbered, chained and in the balances', async () => {
    const own = await ledger.createVoucher(
      ledgerId,
      { date: '2024-02-01', summary: '本系统', attachments: 0, lines: lines('102', '501', 50_00n) },
      BOOKKEEPER,
    )
    await ledger.postVoucher(ledgerId, own.id, REVIEWER)
    counter.reset()
    const imported = await ledger.importVouchers(
      ledgerId,
      [
        history(3, '2024-02-20', '511', '102', 30_00n),
        history(1, '2024-01-05', '102', '503', 200_00n),
        history(2, '2024-02-10', '101', '102', 20_00n),
      ],
      'key-migrator',
    )
    // BEGIN, lock, facts, write, COMMIT — whatever the import's size.
    expect(counter.count).toBeLessThanOrEqual(5)
    expect(imported.map((v) => [v.source?.ref, v.label])).toEqual([
      ['2023-记-1', '2024年01月 记字第1号'],
      ['2023-记-2', '2024年02月 记字第2号'],
      ['2023-记-3', '2024年02月 记字第3号'],
    ])
    expect(imported[0]).toMatchObject({
      status: 'posted',
      preparedBy: 'import:key-migrator',
      postedBy: 'key-migrator',
      source: { ref: '2023-记-1', preparer: '王会计', reviewer: '李站长' },
    })
    const read = await ledger.getVoucher(ledgerId, imported[1]!.id)
    expect(read.source).toEqual(imported[1]!.source)
    expect(read.lines.map((l) => l.accountName)).toEqual(['库存现金', '银行存款'])
    expect(await ledger.verifyIntegrity(ledgerId)).toMatchObject({ valid: true, vouchers: 4 })
    const tb = await ledger.trialBalance(ledgerId, '2024-01', '2024-06')
    expect(tb.rows.find((r) => r.code === '102')?.closing.amount).toBe(50_00n + 200_00n - 20_00n - 30_00n)
    // The ledger's own numbering continues after the imported vouchers.
    const next = await ledger.createVoucher(
      ledgerId,
      { date: '2024-02-25', summary: '续记', attachments: 0, lines: lines('511', '102', 1_00n) },
      BOOKKEEPER,
    )
    expect((await ledger.postVoucher(ledgerId, next.id, REVIEWER)).number).toBe(4)
  })

  it('checks every posting rule, names the item, and writes nothing when one fails', async () => {
    const ok = history(1, '2024-01-05', '102', '503', 100_00n)
    const refusals: [ImportedVoucherInput, string, string][] = [
      [
        {
          ...history(2, '2024-01-06', '511', '102', 1n),
          source: { ref: 'x', preparer: '王', reviewer: '王' },
        },
        'ledger.self_review',
        'vouchers.1',
      ],
      [history(2, '2024-01-06', '511', '102', 100_01n), 'ledger.insufficient_balance', 'vouchers.1'],
      [history(2, '2024-07-01', '511', '102', 1n), 'ledger.date_in_future', 'vouchers.1.date'],
      [history(2, '2023-12-31', '511', '102', 1n), 'ledger.before_first_period', 'vouchers.1.date'],
      [history(2, '2024-01-06', '999', '102', 1n), 'ledger.account_not_found', 'vouchers.1.lines.0.account'],
      [
        {
          ...history(2, '2024-01-06', '511', '102', 1n),
          lines: [
            { account: '511', debit: 2n },
            { account: '102', credit: 1n },
          ],
        },
        'ledger.unbalanced',
        'vouchers.1.lines',
      ],
      [history(1, '2024-01-06', '511', '102', 1n), 'ledger.duplicate_source_ref', 'vouchers.1.source.ref'],
    ]
    for (const [bad, code, field] of refusals) {
      const error = await expectCode(ledger.importVouchers(ledgerId, [ok, bad], 'key-migrator'), code)
      expect(error.field, code).toBe(field)
    }
    expect((await ledger.listVouchers(ledgerId, { limit: 10, after: null })).items).toEqual([])
    await ledger.importVouchers(ledgerId, [ok], 'key-migrator')
    await expectCode(ledger.importVouchers(ledgerId, [ok], 'key-migrator'), 'ledger.duplicate_source_ref')
    await ledger.closePeriod(ledgerId, '2024-01', REVIEWER)
    await expectCode(
      ledger.importVouchers(ledgerId, [history(5, '2024-01-20', '511', '102', 1n)], 'key-migrator'),
      'ledger.period_closed',
    )
  })

  it('imports 2,000 vouchers in one call', async () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      history(
        i,
        `2024-0${(i % 5) + 1}-${String((i % 28) + 1).padStart(2, '0')}`,
        '101',
        '501',
        BigInt(i + 1),
      ),
    )
    counter.reset()
    const imported = await ledger.importVouchers(ledgerId, many, 'key-migrator')
    expect(counter.count).toBeLessThanOrEqual(5)
    expect(imported).toHaveLength(2000)
    expect(new Set(imported.map((v) => v.label)).size).toBe(2000)
    expect(await ledger.verifyIntegrity(ledgerId)).toMatchObject({ valid: true, vouchers: 2000 })
    const tb = await ledger.trialBalance(ledgerId, '2024-01', '2024-06')
    expect(tb.rows.find((r) => r.code === '101')?.closing.amount).toBe(BigInt((2000 * 2001) / 2))
  })
})
