import { DomainError, fixedClock } from '@liancun/core'
import { createTestDatabase, type TestDatabase, testEngine } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLedgerService, type LedgerService, migrateLedger } from '../src/index.js'
import { BOOKKEEPER, lines, REVIEWER, uscc } from './fixtures.js'

let database: TestDatabase
let ledger: LedgerService
let ledgerId: string

beforeEach(async () => {
  database = await createTestDatabase('ledger', migrateLedger)
  ledger = createLedgerService({ db: database.db, clock: fixedClock('2024-06-30T04:00:00Z') })
  const created = await ledger.createLedger({
    villageCode: '370322104203',
    collective: { name: '李孟德村股份经济合作社', uscc: uscc('MA3C4D5E') },
    firstPeriod: '2024-01',
    chart: 'rcea-2023',
  })
  ledgerId = created.id
})
afterEach(() => database.close())

const codeOf = (result: PromiseSettledResult<unknown>) => {
  if (result.status === 'fulfilled') return 'ok'
  return DomainError.isInstance(result.reason) ? result.reason.code : String(result.reason)
}

// PGlite is one connection, so it cannot interleave two transactions; the race needs PostgreSQL.
describe('closing a month while drafts are written into it', () => {
  it.skipIf(testEngine() !== 'postgres')(
    'never lets a close and a draft dated in that month both succeed',
    async () => {
      await ledger.setOpeningBalances(ledgerId, {
        lines: [
          { account: '102', debit: 1000_00n },
          { account: '301', credit: 1000_00n },
        ],
      })
      for (const month of ['2024-01', '2024-02', '2024-03', '2024-04']) {
        await ledger.closePeriod(ledgerId, month, REVIEWER)
      }
      const draft = await ledger.createVoucher(
        ledgerId,
        { date: '2024-05-02', summary: '收租', attachments: 0, lines: lines('102', '501', 10_00n) },
        BOOKKEEPER,
      )
      const original = await ledger.postVoucher(ledgerId, draft.id, REVIEWER)
      const voucher = (date: string) => ({
        date,
        summary: '并发',
        attachments: 0,
        lines: lines('513', '102', 1_00n),
      })

      // Which side wins a round is up to the scheduler; the rule must hold either way.
      for (let round = 0; round < 30; round++) {
        // Every path that writes a draft into May races the close of May.
        const [close, ...drafts] = await Promise.allSettled([
          ledger.closePeriod(ledgerId, '2024-05', REVIEWER),
          ledger.createVoucher(ledgerId, voucher('2024-05-20'), BOOKKEEPER),
          ledger.createVouchers(ledgerId, [voucher('2024-05-21'), voucher('2024-05-22')], BOOKKEEPER),
          ledger.reverseVoucher(ledgerId, original.id, { date: '2024-05-25' }, BOOKKEEPER),
          ledger.createVoucher(ledgerId, voucher('2024-05-31'), BOOKKEEPER),
        ])
        const draftCodes = drafts.map(codeOf)
        const left = (
          await ledger.listVouchers(ledgerId, {
            status: 'draft',
            from: '2024-05',
            to: '2024-05',
            limit: 100,
            after: null,
          })
        ).items
        if (close.status === 'fulfilled') {
          expect(draftCodes, `round ${round}`).toEqual(drafts.map(() => 'ledger.period_closed'))
          expect(left, `round ${round}: drafts in a closed month`).toEqual([])
          await ledger.reopenPeriod(ledgerId, '2024-05', '并发测试', 'admin')
        } else {
          expect(codeOf(close), `round ${round}`).toBe('ledger.drafts_in_period')
          // The close never committed, so no draft can have met a closed month.
          expect(draftCodes, `round ${round}`).toEqual(drafts.map(() => 'ok'))
          expect(left.length).toBeGreaterThan(0)
        }
        for (const item of left) await ledger.deleteVoucher(ledgerId, item.id)
      }
      await ledger.closePeriod(ledgerId, '2024-05', REVIEWER)
      expect(await ledger.verifyIntegrity(ledgerId)).toMatchObject({ valid: true })
    },
    120_000,
  )
})
