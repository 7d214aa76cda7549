import { fixedClock } from '@liancun/core'
import { createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLedgerService, type LedgerService, migrateLedger } from '../src/index.js'
import { BOOKKEEPER, expectCode, lines, REVIEWER, uscc } from './fixtures.js'

/** Refusals the scenario tests do not reach, each once, through the service. */

let database: TestDatabase
let ledger: LedgerService
let ledgerId: string
let clock: ReturnType<typeof fixedClock>

const draft = (date: string, debit = '511', credit = '102', fen = 1_00n, preparedBy = BOOKKEEPER) =>
  ledger.createVoucher(
    ledgerId,
    { date, summary: '业务', attachments: 0, lines: lines(debit, credit, fen) },
    preparedBy,
  )

beforeEach(async () => {
  database = await createTestDatabase('ledger', migrateLedger)
  clock = fixedClock('2024-06-30T04:00:00Z')
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

describe('posting a batch', () => {
  it('never lets the preparer post inside a batch, names the item, and posts nothing', async () => {
    const theirs = await draft('2024-03-01')
    const mine = await draft('2024-03-02', '511', '102', 1_00n, REVIEWER)
    const error = await expectCode(
      ledger.postVouchers(ledgerId, [theirs.id, mine.id], REVIEWER),
      'ledger.self_review',
    )
    expect([error.kind, error.field]).toEqual(['forbidden', 'voucherIds.1'])
    expect((await ledger.getVoucher(ledgerId, theirs.id)).status).toBe('draft')
    expect(await ledger.verifyIntegrity(ledgerId)).toMatchObject({ valid: true, vouchers: 0 })
  })

  it('refuses a missing voucher, one listed twice, and a linked one', async () => {
    const one = await draft('2024-03-01')
    const missing = '01a23130-0000-8000-8000-000000000000'
    const notFound = await expectCode(
      ledger.postVouchers(ledgerId, [one.id, missing], REVIEWER),
      'ledger.voucher_not_found',
    )
    expect(notFound.field).toBe('voucherIds.1')
    await expectCode(ledger.postVouchers(ledgerId, [one.id, one.id], REVIEWER), 'ledger.duplicate_in_batch')
    const other = await ledger.createLedger({
      villageCode: '370322104201',
      collective: { name: '仇家村股份经济合作社', uscc: uscc('MA3C4D5F') },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    })
    const link = await ledger.createLink(
      {
        date: '2024-04-01',
        summary: '投资',
        amount: 10_00n,
        purpose: 'investment',
        from: { ledgerId, debit: '141', credit: '102' },
        to: { ledgerId: other.id, debit: '102', credit: '301' },
      },
      BOOKKEEPER,
    )
    await expectCode(
      ledger.postVouchers(ledgerId, [link.from.voucherId], REVIEWER),
      'ledger.linked_voucher_in_batch',
    )
    await expectCode(ledger.postVoucher(ledgerId, missing, REVIEWER), 'ledger.voucher_not_found')
    await expectCode(ledger.postVoucher(missing, one.id, REVIEWER), 'ledger.ledger_not_found')
  })
})

describe('guards', () => {
  it('runs the guard on the ledger it loads, before any write, and lets its refusal through', async () => {
    const seen: string[] = []
    const refuse = async (ref: { villageCode: string }) => {
      seen.push(ref.villageCode)
      throw new Error('out of scope')
    }
    const input = { date: '2024-03-01', summary: 'x', attachments: 0, lines: lines('511', '102', 1n) }
    await expect(ledger.createVoucher(ledgerId, input, BOOKKEEPER, { guard: refuse })).rejects.toThrow(
      'out of scope',
    )
    const one = await draft('2024-03-01')
    await expect(ledger.postVoucher(ledgerId, one.id, REVIEWER, { guard: refuse })).rejects.toThrow(
      'out of scope',
    )
    await expect(ledger.getVoucher(ledgerId, one.id, { guard: refuse })).rejects.toThrow('out of scope')
    await expect(ledger.trialBalance(ledgerId, '2024-01', '2024-06', { guard: refuse })).rejects.toThrow(
      'out of scope',
    )
    expect(seen).toEqual(['370322104203', '370322104203', '370322104203', '370322104203'])
    expect(
      (await ledger.listVouchers(ledgerId, { limit: 10, after: null })).items.map((v) => v.status),
    ).toEqual(['draft'])
  })
})

describe('other refusals', () => {
  it('reverses only posted vouchers, and reads ranges and accounts that exist', async () => {
    const one = await draft('2024-03-01')
    await expectCode(ledger.reverseVoucher(ledgerId, one.id, {}, BOOKKEEPER), 'ledger.voucher_not_posted')
    await expectCode(ledger.trialBalance(ledgerId, '2024-06', '2024-01'), 'ledger.invalid_range')
    await expectCode(ledger.disableAccount(ledgerId, '109'), 'ledger.unknown_account')
    await expectCode(
      ledger.accountEntries(ledgerId, '109', { from: '2024-01', to: '2024-06', limit: 10, after: null }),
      'ledger.unknown_account',
    )
  })

  it('closes a month once and reopens only a closed one', async () => {
    await ledger.closePeriod(ledgerId, '2024-01', REVIEWER)
    const twice = await expectCode(
      ledger.closePeriod(ledgerId, '2024-01', REVIEWER),
      'ledger.period_already_closed',
    )
    expect(twice.kind).toBe('conflict')
    await expectCode(ledger.reopenPeriod(ledgerId, '2024-02', '审计调整', 'admin'), 'ledger.period_open')
  })

  it('discloses closed months only, once, and finds only published disclosures', async () => {
    await ledger.closePeriod(ledgerId, '2024-01', REVIEWER)
    await ledger.closePeriod(ledgerId, '2024-02', REVIEWER)
    const notClosed = await expectCode(
      ledger.createDisclosure(ledgerId, { period: '2024-Q1' }, REVIEWER),
      'ledger.period_not_closed',
    )
    expect(notClosed.message).toContain('2024-03')
    const published = await ledger.createDisclosure(ledgerId, { period: '2024-02' }, REVIEWER)
    await expectCode(
      ledger.createDisclosure(ledgerId, { period: '2024-02' }, REVIEWER),
      'ledger.disclosure_exists',
    )
    expect((await ledger.getDisclosure('370322104203', published.id)).sha256).toBe(published.sha256)
    await expectCode(ledger.getDisclosure('370322104201', published.id), 'ledger.disclosure_not_found')
  })

  it('cannot tell which sub-account of 321 takes the year-end close when several could', async () => {
    await ledger.addAccount(ledgerId, { parentCode: '321', code: '32101', name: '一组' })
    await ledger.addAccount(ledgerId, { parentCode: '321', code: '32102', name: '二组' })
    await ledger.postVoucher(ledgerId, (await draft('2024-03-01', '102', '501', 5_00n)).id, REVIEWER)
    clock.set('2025-01-05T04:00:00Z')
    await expectCode(ledger.closeYear(ledgerId, '2024', REVIEWER), 'ledger.closing_account_ambiguous')
  })
})
