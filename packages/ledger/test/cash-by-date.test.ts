import { fixedClock } from '@liancun/core'
import { createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLedgerService, type LedgerService, migrateLedger } from '../src/index.js'
import { BOOKKEEPER, expectCode, lines, REVIEWER, uscc } from './fixtures.js'

/**
 * 银行存款 is never negative on any day: with 1,000.00 arriving on 03-10, a payment of 800.00
 * back-dated to 03-05 is refused (it would show −800.00 in the journal for five days), the same
 * payment on 03-12 posts, and the journal never shows a negative balance.
 */

let database: TestDatabase
let ledger: LedgerService
let ledgerId = ''

const post = async (date: string, debit: string, credit: string, fen: bigint) => {
  const draft = await ledger.createVoucher(
    ledgerId,
    { date, summary: '业务', attachments: 0, lines: lines(debit, credit, fen) },
    BOOKKEEPER,
  )
  return ledger.postVoucher(ledgerId, draft.id, REVIEWER)
}

beforeAll(async () => {
  database = await createTestDatabase('ledger', migrateLedger)
  ledger = createLedgerService({ db: database.db, clock: fixedClock('2024-06-30T04:00:00Z') })
  ledgerId = (
    await ledger.createLedger({
      villageCode: '370322104203',
      collective: { name: '李孟德村股份经济合作社', uscc: uscc('MA3C4D6E') },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    })
  ).id
  await post('2024-03-10', '102', '501', 1000_00n)
})
afterAll(() => database.close())

describe('cash on any date', () => {
  it('refuses a payment back-dated before the receipt that funds it, naming the day', async () => {
    const draft = await ledger.createVoucher(
      ledgerId,
      { date: '2024-03-05', summary: '提前付款', attachments: 0, lines: lines('511', '102', 800_00n) },
      BOOKKEEPER,
    )
    const error = await expectCode(
      ledger.postVoucher(ledgerId, draft.id, REVIEWER),
      'ledger.insufficient_balance',
    )
    expect(error.context).toMatchObject({ account: '102', date: '2024-03-05', balanceAfter: '-80000' })
    expect((await ledger.getVoucher(ledgerId, draft.id)).status).toBe('draft')
    // In a batch too, named by its item.
    const batch = await expectCode(
      ledger.postVouchers(ledgerId, [draft.id], REVIEWER),
      'ledger.insufficient_balance',
    )
    expect(batch.context).toMatchObject({ date: '2024-03-05' })
  })

  it('posts the same payment once the money is there, and the journal never goes below zero', async () => {
    await post('2024-03-12', '511', '102', 800_00n)
    const journal = await ledger.accountEntries(ledgerId, '102', {
      from: '2024-01',
      to: '2024-12',
      limit: 100,
      after: null,
    })
    expect(journal.items.map((e) => e.balance)).toEqual([
      { side: 'debit', amount: 1000_00n },
      { side: 'debit', amount: 200_00n },
    ])
  })

  it('refuses a back-dated payment that would break a day in between, though the end is fine', async () => {
    // 1,000 on 03-10, −800 on 03-12, +500 on 04-01: 1,000, 200, 700. A payment of 300 on 03-11
    // leaves 700 on 03-11 and 400 at the end, but −100 on 03-12.
    await post('2024-04-01', '102', '501', 500_00n)
    const draft = await ledger.createVoucher(
      ledgerId,
      { date: '2024-03-11', summary: '付款', attachments: 0, lines: lines('511', '102', 300_00n) },
      BOOKKEEPER,
    )
    const error = await expectCode(
      ledger.postVoucher(ledgerId, draft.id, REVIEWER),
      'ledger.insufficient_balance',
    )
    expect(error.context).toMatchObject({ date: '2024-03-12', balanceAfter: '-10000' })
  })
})
