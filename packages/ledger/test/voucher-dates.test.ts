import { fixedClock } from '@liancun/core'
import { createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLedgerService, type LedgerService, migrateLedger } from '../src/index.js'
import { BOOKKEEPER, expectCode, lines, REVIEWER, uscc } from './fixtures.js'

let database: TestDatabase
let ledger: LedgerService
let ledgerId: string
let clock: ReturnType<typeof fixedClock>

// 12:00 in Shanghai on 12 June 2024: drafts may be dated up to 30 June, postings up to 12 June.
beforeEach(async () => {
  database = await createTestDatabase('ledger', migrateLedger)
  clock = fixedClock('2024-06-12T04:00:00Z')
  ledger = createLedgerService({ db: database.db, clock })
  ledgerId = (
    await ledger.createLedger({
      villageCode: '370322104203',
      collective: { name: '李孟德村股份经济合作社', uscc: uscc('MA3C4D5E') },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    })
  ).id
  await ledger.setOpeningBalances(ledgerId, {
    lines: [
      { account: '102', debit: 1000_00n },
      { account: '301', credit: 1000_00n },
    ],
  })
})
afterEach(() => database.close())

const voucher = (date: string) => ({
  date,
  summary: '计提',
  attachments: 0,
  lines: lines('511', '102', 1_00n),
})

async function drafts() {
  return (await ledger.listVouchers(ledgerId, { status: 'draft', limit: 100, after: null })).items
}

describe('voucher dates ahead of today', () => {
  it('drafts up to the end of the current month, and posts only once the date has come', async () => {
    for (const date of ['2024-07-01', '9999-12-31']) {
      const error = await expectCode(
        ledger.createVoucher(ledgerId, voucher(date), BOOKKEEPER),
        'ledger.date_in_future',
      )
      expect(error).toMatchObject({ kind: 'rule', field: 'date' })
    }
    expect(await drafts()).toEqual([])

    const monthEnd = await ledger.createVoucher(ledgerId, voucher('2024-06-30'), BOOKKEEPER)
    const error = await expectCode(
      ledger.postVoucher(ledgerId, monthEnd.id, REVIEWER),
      'ledger.date_in_future',
    )
    expect(error).toMatchObject({ kind: 'rule', field: 'date' })
    expect((await ledger.getVoucher(ledgerId, monthEnd.id)).status).toBe('draft')

    const today = await ledger.createVoucher(ledgerId, voucher('2024-06-12'), BOOKKEEPER)
    expect((await ledger.postVoucher(ledgerId, today.id, REVIEWER)).number).toBe(1)

    // Shanghai's 30 June begins at 16:00 UTC on the 29th.
    clock.set('2024-06-29T16:00:00Z')
    expect((await ledger.postVoucher(ledgerId, monthEnd.id, REVIEWER)).number).toBe(2)
    expect(await ledger.verifyIntegrity(ledgerId)).toMatchObject({ valid: true, vouchers: 2 })
  })

  it('names the batch item that lies ahead, drafting or posting, and writes nothing', async () => {
    const error = await expectCode(
      ledger.createVouchers(ledgerId, [voucher('2024-06-01'), voucher('2024-07-31')], BOOKKEEPER),
      'ledger.date_in_future',
    )
    expect(error.field).toBe('vouchers.1.date')
    expect(await drafts()).toEqual([])

    const batch = await ledger.createVouchers(
      ledgerId,
      [voucher('2024-06-01'), voucher('2024-06-20'), voucher('2024-06-02')],
      BOOKKEEPER,
    )
    const posting = await expectCode(
      ledger.postVouchers(
        ledgerId,
        batch.map((d) => d.id),
        REVIEWER,
      ),
      'ledger.date_in_future',
    )
    expect(posting.field).toBe('voucherIds.1.date')
    expect((await drafts()).map((d) => d.status)).toEqual(['draft', 'draft', 'draft'])
    const posted = await ledger.postVouchers(ledgerId, [batch[0]!.id, batch[2]!.id], REVIEWER)
    expect(posted.map((v) => v.number)).toEqual([1, 2])
  })

  it('refuses reversals and links dated after the current month', async () => {
    const draft = await ledger.createVoucher(ledgerId, voucher('2024-06-03'), BOOKKEEPER)
    const original = await ledger.postVoucher(ledgerId, draft.id, REVIEWER)
    const reversal = await expectCode(
      ledger.reverseVoucher(ledgerId, original.id, { date: '2024-07-01' }, BOOKKEEPER),
      'ledger.date_in_future',
    )
    expect(reversal.field).toBe('date')
    expect((await ledger.getVoucher(ledgerId, original.id)).reversedById).toBeNull()
    const reversed = await ledger.reverseVoucher(ledgerId, original.id, {}, BOOKKEEPER)
    expect(reversed.date).toBe('2024-06-12')

    const other = await ledger.createLedger({
      villageCode: '370322104201',
      collective: { name: '仇家村股份经济合作社', uscc: uscc('MA3C4D5F') },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    })
    const link = await expectCode(
      ledger.createLink(
        {
          date: '2024-08-01',
          summary: '投资飞地抱团项目',
          amount: 100_00n,
          purpose: 'investment',
          from: { ledgerId, debit: '141', credit: '102' },
          to: { ledgerId: other.id, debit: '102', credit: '301' },
        },
        BOOKKEEPER,
      ),
      'ledger.date_in_future',
    )
    expect(link.field).toBe('date')
    expect(await ledger.listLinks({ within: '370322' })).toEqual([])
  })

  it('closes a year on 31 December or later, never before', async () => {
    const draft = await ledger.createVoucher(ledgerId, voucher('2024-06-03'), BOOKKEEPER)
    await ledger.postVoucher(ledgerId, draft.id, REVIEWER)
    const error = await expectCode(ledger.closeYear(ledgerId, '2024', REVIEWER), 'ledger.date_in_future')
    expect(error.field).toBe('year')
    clock.set('2024-12-31T04:00:00Z')
    const closed = await ledger.closeYear(ledgerId, '2024', REVIEWER)
    expect(closed.vouchers.map((v) => v.date)).toEqual(['2024-12-31', '2024-12-31'])
  })
})
