import { fixedClock, organizationCodeCheckCharacter, usccCheckCharacter } from '@liancun/core'
import { createTestDatabase, expectDomainError, type TestDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLedgerService, type LedgerService, migrateLedger } from '../src/index.js'

/** A structurally valid village-collective USCC (N2…) with correct check characters. */
function uscc(body: string): string {
  const first16 = `N2370322${body}`
  const first17 = first16 + organizationCodeCheckCharacter(first16.slice(8, 16))
  return first17 + usccCheckCharacter(first17)
}

const BOOKKEEPER = 'key-bookkeeper'
const REVIEWER = 'key-reviewer'

let database: TestDatabase
let ledger: LedgerService
let ledgerId: string
let clock: ReturnType<typeof fixedClock>

const expectCode = expectDomainError

const lines = (debitAccount: string, creditAccount: string, fen: bigint) => [
  { account: debitAccount, debit: fen },
  { account: creditAccount, credit: fen },
]

async function postNew(
  date: string,
  debitAccount: string,
  creditAccount: string,
  fen: bigint,
  summary = '业务',
) {
  const draft = await ledger.createVoucher(
    ledgerId,
    { date, summary, attachments: 0, lines: lines(debitAccount, creditAccount, fen) },
    BOOKKEEPER,
  )
  return ledger.postVoucher(ledgerId, draft.id, REVIEWER)
}

beforeEach(async () => {
  database = await createTestDatabase('ledger', migrateLedger)
  clock = fixedClock('2024-06-30T04:00:00Z')
  ledger = createLedgerService({ db: database.db, clock })
  const created = await ledger.createLedger({
    villageCode: '370322104203',
    collective: { name: '李孟德村股份经济合作社', uscc: uscc('MA3C4D5E') },
    firstPeriod: '2024-01',
    chart: 'rcea-2023',
  })
  ledgerId = created.id
})
afterEach(() => database.close())

describe('ledgers and accounts', () => {
  it('starts with the 42 first-level accounts and their normal sides', async () => {
    const accounts = await ledger.listAccounts(ledgerId)
    expect(accounts).toHaveLength(42)
    const side = (code: string) => accounts.find((a) => a.code === code)?.normalSide
    expect([side('101'), side('152'), side('113'), side('301'), side('511')]).toEqual([
      'debit',
      'credit',
      'both',
      'credit',
      'debit',
    ])
  })

  it('keeps one ledger per collective', async () => {
    await expectCode(
      ledger.createLedger({
        villageCode: '370322104203',
        collective: { name: 'again', uscc: uscc('MA3C4D5E') },
        firstPeriod: '2024-01',
        chart: 'rcea-2023',
      }),
      'ledger.collective_has_ledger',
    )
  })

  it('adds sub-accounts, posts only to leaves, and disables only without a balance', async () => {
    await ledger.addAccount(ledgerId, { parentCode: '102', code: '10201', name: '农商银行' })
    await expectCode(
      ledger.addAccount(ledgerId, { parentCode: '102', code: '10201', name: 'x' }),
      'ledger.account_exists',
    )
    await expectCode(
      ledger.createVoucher(
        ledgerId,
        { date: '2024-03-01', summary: 'x', attachments: 0, lines: lines('102', '301', 100n) },
        BOOKKEEPER,
      ),
      'ledger.not_leaf_account',
    )
    await postNew('2024-03-01', '10201', '301', 100_00n)
    await expectCode(ledger.disableAccount(ledgerId, '10201'), 'ledger.account_has_balance')
    const disabled = await ledger.disableAccount(ledgerId, '515')
    expect(disabled.disabled).toBe(true)
    await expectCode(
      ledger.createVoucher(
        ledgerId,
        { date: '2024-03-01', summary: 'x', attachments: 0, lines: lines('515', '10201', 1n) },
        BOOKKEEPER,
      ),
      'ledger.account_disabled',
    )
    await expectCode(
      ledger.addAccount(ledgerId, { parentCode: '301', code: '30101', name: '股金' }),
      'ledger.parent_has_entries',
    )
  })

  it('takes balanced opening balances only before the first posting', async () => {
    await expectCode(
      ledger.setOpeningBalances(ledgerId, {
        lines: [
          { account: '102', debit: 100n },
          { account: '301', credit: 99n },
        ],
      }),
      'ledger.unbalanced',
    )
    await ledger.setOpeningBalances(ledgerId, {
      lines: [
        { account: '102', debit: 500_00n },
        { account: '301', credit: 500_00n },
      ],
    })
    await postNew('2024-01-05', '511', '102', 100_00n)
    await expectCode(
      ledger.setOpeningBalances(ledgerId, {
        lines: [
          { account: '101', debit: 1n },
          { account: '301', credit: 1n },
        ],
      }),
      'ledger.opening_after_posting',
    )
  })
})

describe('vouchers', () => {
  it('refuses unbalanced and one-sided lines', async () => {
    await expectCode(
      ledger.createVoucher(
        ledgerId,
        {
          date: '2024-03-01',
          summary: 'x',
          attachments: 0,
          lines: [
            { account: '101', debit: 100n },
            { account: '501', credit: 90n },
          ],
        },
        BOOKKEEPER,
      ),
      'ledger.unbalanced',
    )
    await expectCode(
      ledger.createVoucher(
        ledgerId,
        { date: '2024-03-01', summary: 'x', attachments: 0, lines: [{ account: '101', debit: 100n }] },
        BOOKKEEPER,
      ),
      'ledger.invalid_lines',
    )
    await expectCode(
      ledger.createVoucher(
        ledgerId,
        { date: '2023-12-31', summary: 'x', attachments: 0, lines: lines('101', '501', 1n) },
        BOOKKEEPER,
      ),
      'ledger.before_first_period',
    )
  })

  it('numbers posted vouchers per month without gaps, and never lets the preparer post', async () => {
    const draft = await ledger.createVoucher(
      ledgerId,
      { date: '2024-03-02', summary: '收租', attachments: 1, lines: lines('102', '501', 1200_00n) },
      BOOKKEEPER,
    )
    await expectCode(ledger.postVoucher(ledgerId, draft.id, BOOKKEEPER), 'ledger.self_review')
    const first = await ledger.postVoucher(ledgerId, draft.id, REVIEWER)
    expect(first).toMatchObject({
      status: 'posted',
      number: 1,
      label: '2024年03月 记字第1号',
      postedBy: REVIEWER,
    })
    await expectCode(ledger.postVoucher(ledgerId, draft.id, REVIEWER), 'ledger.voucher_posted')
    await expectCode(ledger.deleteVoucher(ledgerId, draft.id), 'ledger.voucher_posted')
    expect((await postNew('2024-03-20', '511', '102', 100_00n)).number).toBe(2)
    expect((await postNew('2024-04-01', '511', '102', 100_00n)).number).toBe(1)
    const kept = await ledger.createVoucher(
      ledgerId,
      { date: '2024-03-25', summary: 'tmp', attachments: 0, lines: lines('511', '102', 1n) },
      BOOKKEEPER,
    )
    await ledger.deleteVoucher(ledgerId, kept.id)
    expect((await postNew('2024-03-28', '511', '102', 100_00n)).number).toBe(3)
  })

  it('keeps cash and bank from going negative', async () => {
    await postNew('2024-03-01', '102', '501', 100_00n)
    const err = await expectCode(postNew('2024-03-02', '511', '102', 100_01n), 'ledger.insufficient_balance')
    expect(err.context.account).toBe('102')
    await postNew('2024-03-02', '511', '102', 100_00n)
    await expectCode(postNew('2024-03-03', '511', '101', 1n), 'ledger.insufficient_balance')
  })

  it('reverses a posted voucher once, with a linked negated draft', async () => {
    const original = await postNew('2024-03-01', '102', '501', 500_00n, '收到补助')
    const reversal = await ledger.reverseVoucher(ledgerId, original.id, { date: '2024-04-02' }, BOOKKEEPER)
    expect(reversal).toMatchObject({ status: 'draft', reversesId: original.id, date: '2024-04-02' })
    expect(reversal.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['102', -500_00n, null],
      ['501', null, -500_00n],
    ])
    expect((await ledger.getVoucher(ledgerId, original.id)).reversedById).toBe(reversal.id)
    await expectCode(ledger.reverseVoucher(ledgerId, original.id, {}, BOOKKEEPER), 'ledger.already_reversed')
    await ledger.postVoucher(ledgerId, reversal.id, REVIEWER)
    const tb = await ledger.trialBalance(ledgerId, '2024-01', '2024-12')
    const row = (code: string) => tb.rows.find((r) => r.code === code)!
    expect(row('102').closing.amount).toBe(0n)
    expect(row('501').closing.amount).toBe(0n)
  })
})

describe('vouchers created by other domains (origin)', () => {
  const disbursement = {
    kind: 'funds.disbursement',
    refs: { sourceId: 'src-1', projectId: 'prj-1', disbursementId: 'dsb-1' },
  }
  const draftWith = (origin?: { kind: string; refs: Record<string, string> }) =>
    ledger.createVoucher(
      ledgerId,
      { date: '2024-05-10', summary: '拨付项目资金', attachments: 1, lines: lines('102', '241', 3000_00n) },
      BOOKKEEPER,
      origin === undefined ? {} : { origin },
    )

  it('keeps the origin on the draft and after posting, and follows states by id', async () => {
    const draft = await draftWith(disbursement)
    expect(draft.origin).toEqual(disbursement)
    expect((await ledger.getVoucher(ledgerId, draft.id)).origin).toEqual(disbursement)
    const plain = await draftWith()
    expect(plain.origin).toBeNull()

    expect(await ledger.voucherStates([draft.id, 'no-such-voucher', plain.id])).toEqual([
      {
        id: draft.id,
        ledgerId,
        status: 'draft',
        number: null,
        label: null,
        date: '2024-05-10',
        postedAt: null,
        reversedById: null,
        origin: disbursement,
      },
      {
        id: plain.id,
        ledgerId,
        status: 'draft',
        number: null,
        label: null,
        date: '2024-05-10',
        postedAt: null,
        reversedById: null,
        origin: null,
      },
    ])

    const posted = await ledger.postVoucher(ledgerId, draft.id, REVIEWER)
    expect(posted.origin).toEqual(disbursement)
    expect((await ledger.getVoucher(ledgerId, draft.id)).origin).toEqual(disbursement)
    expect(await ledger.voucherStates([draft.id])).toEqual([
      {
        id: draft.id,
        ledgerId,
        status: 'posted',
        number: 1,
        label: '2024年05月 记字第1号',
        date: '2024-05-10',
        postedAt: '2024-06-30T04:00:00.000Z',
        reversedById: null,
        origin: disbursement,
      },
    ])

    const reversal = await ledger.reverseVoucher(ledgerId, draft.id, { date: '2024-05-20' }, BOOKKEEPER)
    expect(reversal.origin).toBeNull()
    expect((await ledger.voucherStates([draft.id]))[0]?.reversedById).toBe(reversal.id)
    expect(await ledger.voucherStates(['no-such-voucher'])).toEqual([])
    expect(await ledger.voucherStates([])).toEqual([])
  })

  it('never deletes a draft with an origin, but still deletes one without', async () => {
    const draft = await draftWith(disbursement)
    const refused = await expectCode(ledger.deleteVoucher(ledgerId, draft.id), 'ledger.voucher_has_origin')
    expect(refused.kind).toBe('rule')
    expect(refused.message).toContain('funds.disbursement')
    expect((await ledger.voucherStates([draft.id])).map((v) => v.status)).toEqual(['draft'])

    const plain = await draftWith()
    await ledger.deleteVoucher(ledgerId, plain.id)
    expect(await ledger.voucherStates([plain.id])).toEqual([])
  })

  it('refuses a malformed origin and writes nothing', async () => {
    const tooMany = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`ref${i}`, `id-${i}`]))
    const cases = [
      { kind: 'Funds.Disbursement', refs: {} },
      { kind: '', refs: {} },
      { kind: 'funds.disbursement', refs: tooMany },
      { kind: 'funds.disbursement', refs: { '1st': 'x' } },
      { kind: 'funds.disbursement', refs: { sourceId: '' } },
      { kind: 'funds.disbursement', refs: { sourceId: 'x'.repeat(201) } },
    ]
    for (const origin of cases) {
      const error = await expectCode(draftWith(origin), 'ledger.invalid_origin')
      expect(error.kind).toBe('invalid')
    }
    const ten = Object.fromEntries(Object.entries(tooMany).slice(0, 10))
    expect((await draftWith({ kind: 'funds.distribution', refs: ten })).origin?.refs).toEqual(ten)
    const page = await ledger.listVouchers(ledgerId, { limit: 50, after: null })
    expect(page.items).toHaveLength(1)
  })
})

describe('trial balance', () => {
  it('rolls sub-accounts up, counts only posted vouchers, and balances', async () => {
    await ledger.addAccount(ledgerId, { parentCode: '102', code: '10201', name: '基本户' })
    await ledger.addAccount(ledgerId, { parentCode: '102', code: '10202', name: '专户' })
    await ledger.setOpeningBalances(ledgerId, {
      lines: [
        { account: '10201', debit: 1000_00n },
        { account: '152', credit: 200_00n },
        { account: '151', debit: 800_00n },
        { account: '301', credit: 1600_00n },
      ],
    })
    await postNew('2024-02-10', '10202', '503', 300_00n)
    await postNew('2024-03-10', '513', '10201', 50_00n)
    await ledger.createVoucher(
      ledgerId,
      { date: '2024-03-11', summary: 'draft', attachments: 0, lines: lines('513', '10201', 999n) },
      BOOKKEEPER,
    )
    const tb = await ledger.trialBalance(ledgerId, '2024-03', '2024-03')
    const row = (code: string) => tb.rows.find((r) => r.code === code)!
    expect(row('102')).toMatchObject({
      opening: { side: 'debit', amount: 1300_00n },
      debit: 0n,
      credit: 50_00n,
      closing: { side: 'debit', amount: 1250_00n },
    })
    expect(row('10202').level).toBe(2)
    expect(row('152').closing).toEqual({ side: 'credit', amount: 200_00n })
    expect(tb.totals.openingDebit).toBe(tb.totals.openingCredit)
    expect(tb.totals.debit).toBe(tb.totals.credit)
    expect(tb.totals.closingDebit).toBe(tb.totals.closingCredit)
    expect(tb.totals.debit).toBe(50_00n)
  })
})

describe('periods', () => {
  it('closes months in order, without drafts, and then refuses postings into them', async () => {
    await postNew('2024-01-10', '102', '501', 100_00n)
    await expectCode(ledger.closePeriod(ledgerId, '2024-02', REVIEWER), 'ledger.earlier_period_open')
    const draft = await ledger.createVoucher(
      ledgerId,
      { date: '2024-01-20', summary: 'x', attachments: 0, lines: lines('511', '102', 1n) },
      BOOKKEEPER,
    )
    await expectCode(ledger.closePeriod(ledgerId, '2024-01', REVIEWER), 'ledger.drafts_in_period')
    await ledger.deleteVoucher(ledgerId, draft.id)
    const closed = await ledger.closePeriod(ledgerId, '2024-01', REVIEWER)
    expect(closed.seal).toMatch(/^[0-9a-f]{64}$/)
    await expectCode(
      ledger.createVoucher(
        ledgerId,
        { date: '2024-01-31', summary: 'x', attachments: 0, lines: lines('511', '102', 1n) },
        BOOKKEEPER,
      ),
      'ledger.period_closed',
    )
    const original = (await ledger.listVouchers(ledgerId, { status: 'posted', limit: 10, after: null }))
      .items[0]!
    await expectCode(
      ledger.reverseVoucher(ledgerId, original.id, { date: '2024-01-31' }, BOOKKEEPER),
      'ledger.period_closed',
    )
    await ledger.closePeriod(ledgerId, '2024-02', REVIEWER)
    await expectCode(
      ledger.reopenPeriod(ledgerId, '2024-01', '审计调整', 'admin'),
      'ledger.later_period_closed',
    )
    await ledger.reopenPeriod(ledgerId, '2024-02', '审计调整', 'admin')
    await ledger.createVoucher(
      ledgerId,
      { date: '2024-02-15', summary: 'x', attachments: 0, lines: lines('511', '102', 1n) },
      BOOKKEEPER,
    )
  })
})

describe('concurrency', () => {
  it('gives concurrent posters on one ledger unique, gapless numbers', async () => {
    await ledger.setOpeningBalances(ledgerId, {
      lines: [
        { account: '102', debit: 1_000_000n },
        { account: '301', credit: 1_000_000n },
      ],
    })
    const drafts = []
    for (let i = 0; i < 12; i++) {
      drafts.push(
        await ledger.createVoucher(
          ledgerId,
          { date: '2024-05-10', summary: `支出${i}`, attachments: 0, lines: lines('511', '102', 100n) },
          BOOKKEEPER,
        ),
      )
    }
    const posted = await Promise.all(drafts.map((d) => ledger.postVoucher(ledgerId, d.id, REVIEWER)))
    expect(posted.map((v) => v.number).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    )
  })
})

describe('integrity and books', () => {
  it('re-verifies the hash chain and finds the first tampered voucher', async () => {
    await ledger.setOpeningBalances(ledgerId, {
      lines: [
        { account: '102', debit: 1000_00n },
        { account: '301', credit: 1000_00n },
      ],
    })
    const first = await postNew('2024-02-01', '511', '102', 10_00n)
    const second = await postNew('2024-01-15', '511', '102', 20_00n)
    await postNew('2024-03-01', '511', '102', 30_00n)
    expect(await ledger.verifyIntegrity(ledgerId)).toMatchObject({
      vouchers: 3,
      valid: true,
      firstBreak: null,
    })
    await database.db.execute(
      sql.raw(
        `update ledger.voucher_lines set debit = 2001 where county_code = '370322' and voucher_id = '${second.id}' and line_no = 1`,
      ),
    )
    const broken = await ledger.verifyIntegrity(ledgerId)
    expect(broken.valid).toBe(false)
    expect(broken.firstBreak).toMatchObject({
      voucherId: second.id,
      chainSeq: 2,
      label: '2024年01月 记字第1号',
    })
    expect(first.number).toBe(1)
  })

  it('keeps 明细账 in date order with a running balance on the normal side, paged', async () => {
    await ledger.setOpeningBalances(ledgerId, {
      lines: [
        { account: '101', debit: 50_00n },
        { account: '301', credit: 50_00n },
      ],
    })
    await postNew('2024-03-05', '101', '501', 20_00n, '现金收入')
    await postNew('2024-03-01', '513', '101', 5_00n, '办公用品')
    await postNew('2024-04-01', '513', '101', 1_00n)
    const march = await ledger.accountEntries(ledgerId, '101', {
      from: '2024-03',
      to: '2024-03',
      limit: 1,
      after: null,
    })
    expect(march.opening).toEqual({ side: 'debit', amount: 50_00n })
    expect(march.closing).toEqual({ side: 'debit', amount: 65_00n })
    expect(march.items.map((e) => [e.date, e.credit, e.balance.amount])).toEqual([
      ['2024-03-01', 5_00n, 45_00n],
    ])
    const next = await ledger.accountEntries(ledgerId, '101', {
      from: '2024-03',
      to: '2024-03',
      limit: 1,
      after: march.nextCursor ? Buffer.from(march.nextCursor, 'base64url').toString() : null,
    })
    expect(next.items.map((e) => [e.date, e.debit, e.balance.amount])).toEqual([
      ['2024-03-05', 20_00n, 65_00n],
    ])
    expect(next.nextCursor).toBeNull()
    const income = await ledger.accountEntries(ledgerId, '501', {
      from: '2024-01',
      to: '2024-12',
      limit: 50,
      after: null,
    })
    expect(income.closing).toEqual({ side: 'credit', amount: 20_00n })
  })
})

describe('batches and assertions', () => {
  it('creates and posts batches all or none, naming the failing item', async () => {
    await ledger.setOpeningBalances(ledgerId, {
      lines: [
        { account: '102', debit: 1000_00n },
        { account: '301', credit: 1000_00n },
      ],
    })
    const good = { date: '2024-03-01', summary: 'ok', attachments: 0, lines: lines('513', '102', 1_00n) }
    const bad = { date: '2024-03-01', summary: 'bad', attachments: 0, lines: lines('102', '999', 1_00n) }
    const err = await expectCode(
      ledger.createVouchers(ledgerId, [good, bad], BOOKKEEPER),
      'ledger.account_not_found',
    )
    expect(err.field).toBe('vouchers.1.lines.1.account')
    expect((await ledger.listVouchers(ledgerId, { limit: 10, after: null })).items).toHaveLength(0)
    const drafts = await ledger.createVouchers(ledgerId, [good, good, good], BOOKKEEPER)
    const posted = await ledger.postVouchers(
      ledgerId,
      drafts.map((d) => d.id),
      REVIEWER,
    )
    expect(posted.map((v) => v.number)).toEqual([1, 2, 3])
    const more = await ledger.createVouchers(
      ledgerId,
      [good, { ...good, lines: lines('513', '102', 2000_00n) }],
      BOOKKEEPER,
    )
    const failed = await expectCode(
      ledger.postVouchers(
        ledgerId,
        more.map((d) => d.id),
        REVIEWER,
      ),
      'ledger.insufficient_balance',
    )
    expect(failed.field).toBe('voucherIds.1')
    expect((await ledger.getVoucher(ledgerId, more[0]!.id)).status).toBe('draft')
    expect(await ledger.verifyIntegrity(ledgerId)).toMatchObject({ valid: true, vouchers: 3 })
  })

  it('checks balance assertions and refuses to close a month while one fails', async () => {
    await ledger.setOpeningBalances(ledgerId, {
      lines: [
        { account: '102', debit: 1000_00n },
        { account: '301', credit: 1000_00n },
      ],
    })
    await postNew('2024-01-10', '513', '102', 100_00n)
    await postNew('2024-01-31', '513', '102', 50_00n)
    const holds = await ledger.addAssertion(
      ledgerId,
      { account: '102', date: '2024-01-10', balance: 900_00n },
      REVIEWER,
    )
    expect(holds).toMatchObject({ holds: true, actual: 900_00n })
    const fails = await ledger.addAssertion(
      ledgerId,
      { account: '102', date: '2024-01-31', balance: 900_00n },
      REVIEWER,
    )
    expect(fails).toMatchObject({ holds: false, actual: 850_00n })
    await expectCode(ledger.closePeriod(ledgerId, '2024-01', REVIEWER), 'ledger.assertion_failed')
    await postNew('2024-01-31', '102', '504', 50_00n, '补记收入')
    expect((await ledger.listAssertions(ledgerId, { period: '2024-01' })).every((a) => a.holds)).toBe(true)
    await ledger.closePeriod(ledgerId, '2024-01', REVIEWER)
  })
})

describe('statements and year end', () => {
  it('balances the balance sheet, states the year’s income, and closes the year into 321 → 322', async () => {
    await ledger.addAccount(ledgerId, { parentCode: '113', code: '11301', name: '一组' })
    await ledger.addAccount(ledgerId, { parentCode: '113', code: '11302', name: '二组' })
    await ledger.setOpeningBalances(ledgerId, {
      lines: [
        { account: '102', debit: 1000_00n },
        { account: '151', debit: 500_00n },
        { account: '152', credit: 100_00n },
        { account: '11301', debit: 30_00n },
        { account: '11302', credit: 20_00n },
        { account: '301', credit: 1410_00n },
      ],
    })
    await postNew('2024-03-01', '102', '501', 300_00n, '经营收入')
    await postNew('2024-04-01', '102', '503', 200_00n, '补助收入')
    await postNew('2024-05-01', '513', '102', 120_00n, '管理费用')
    await postNew('2024-06-01', '401', '102', 40_00n, '生产成本')

    const sheet = await ledger.balanceSheet(ledgerId, '2024-06')
    expect(sheet.balanced).toBe(true)
    expect(sheet.assets.find((l) => l.code === '152')?.amount).toBe(-100_00n)
    expect(sheet.assets.find((l) => l.code === '113')?.amount).toBe(30_00n)
    expect(sheet.liabilities.find((l) => l.code === '113')?.amount).toBe(20_00n)
    expect(sheet.equity.find((l) => l.name === '本年收益（未结转）')?.amount).toBe(380_00n)

    // The closing vouchers are dated 31 December and posted at once: not before that day.
    await expectCode(ledger.closeYear(ledgerId, '2024', REVIEWER), 'ledger.date_in_future')
    clock.set('2025-01-05T04:00:00Z')
    const closed = await ledger.closeYear(ledgerId, '2024', REVIEWER)
    expect(closed.result).toBe(380_00n)
    expect(closed.vouchers.map((v) => v.summary)).toEqual([
      '2024年 损益结转本年收益',
      '2024年 本年收益转入收益分配',
    ])
    await expectCode(ledger.closeYear(ledgerId, '2024', REVIEWER), 'ledger.year_closed')

    const statement = await ledger.incomeStatement(ledgerId, '2024')
    expect(statement).toMatchObject({ profit: 380_00n, undistributedAtStart: 0n, distributable: 380_00n })
    expect(statement.totals).toEqual({ income: 500_00n, expenses: 120_00n })

    const tb = await ledger.trialBalance(ledgerId, '2024-01', '2024-12')
    const row = (code: string) => tb.rows.find((r) => r.code === code)!
    expect(row('501').closing.amount).toBe(0n)
    expect(row('513').closing.amount).toBe(0n)
    expect(row('321').closing.amount).toBe(0n)
    expect(row('322').closing).toEqual({ side: 'credit', amount: 380_00n })
    expect(row('401').closing).toEqual({ side: 'debit', amount: 40_00n })
    const after = await ledger.balanceSheet(ledgerId, '2024-12')
    expect(after.balanced).toBe(true)
    expect(after.equity.find((l) => l.name === '本年收益（未结转）')?.amount).toBe(0n)
    expect(await ledger.verifyIntegrity(ledgerId)).toMatchObject({ valid: true })
  })
})

describe('links between villages (飞地抱团)', () => {
  it('creates one voucher per ledger, posts both together, and shows a one-sided reversal as unmatched', async () => {
    const other = await ledger.createLedger({
      villageCode: '370322104201',
      collective: { name: '仇家村股份经济合作社', uscc: uscc('MA3C4D5F') },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    })
    await ledger.setOpeningBalances(ledgerId, {
      lines: [
        { account: '102', debit: 1000_00n },
        { account: '301', credit: 1000_00n },
      ],
    })
    const link = await ledger.createLink(
      {
        date: '2024-04-01',
        summary: '投资飞地抱团项目',
        amount: 600_00n,
        purpose: 'investment',
        from: { ledgerId, debit: '141', credit: '102' },
        to: { ledgerId: other.id, debit: '102', credit: '301' },
      },
      BOOKKEEPER,
    )
    expect(link).toMatchObject({ matched: true, from: { status: 'draft' }, to: { status: 'draft' } })
    const theirs = await ledger.getVoucher(other.id, link.to.voucherId)
    expect(theirs.lines[0]).toMatchObject({ account: '102', counterparty: '李孟德村股份经济合作社' })
    expect(theirs.linkId).toBe(link.id)

    const posted = await ledger.postVoucher(other.id, link.to.voucherId, REVIEWER)
    expect(posted.status).toBe('posted')
    expect((await ledger.getVoucher(ledgerId, link.from.voucherId)).status).toBe('posted')
    expect((await ledger.listLinks({ within: '370322104203' }))[0]).toMatchObject({ matched: true })

    await ledger.postVoucher(
      ledgerId,
      (await ledger.reverseVoucher(ledgerId, link.from.voucherId, {}, BOOKKEEPER)).id,
      REVIEWER,
    )
    const unmatched = await ledger.listLinks({ within: '370322', unmatched: true })
    expect(unmatched.map((l) => l.id)).toEqual([link.id])
    expect(unmatched[0]?.from.reversed).toBe(true)
    expect(await ledger.listLinks({ within: '370323', unmatched: true })).toEqual([])

    await expectCode(
      ledger.createLink(
        {
          date: '2024-04-01',
          summary: 'x',
          amount: 1n,
          purpose: 'transfer',
          from: { ledgerId, debit: '141', credit: '102' },
          to: { ledgerId: other.id, debit: '102', credit: '999' },
        },
        BOOKKEEPER,
      ),
      'ledger.account_not_found',
    )
  })
})
