import { fixedClock } from '@liancun/core'
import { createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createLedgerService,
  type LedgerService,
  type MatterStanding,
  migrateLedger,
  type VoucherMatterGate,
} from '../src/index.js'
import { BOOKKEEPER, expectCode, lines, REVIEWER, uscc } from './fixtures.js'

/**
 * Issue 12 item 6 through the service: payments at the major-matter amount carry their matter
 * (checked at draft and again at posting), and the 村账乡代管 chain, required where the county
 * says so. The gate is a fake of the app's port; its calls are counted.
 */

const VILLAGE = '370322104203'
const MATTER = '019a4c1e-7b2a-7c3d-8e4f-000000000001'
const OTHER = '019a4c1e-7b2a-7c3d-8e4f-000000000002'
const THRESHOLD = 50_000_00n

let database: TestDatabase
let ledger: LedgerService
let ledgerId: string
let matters: Map<string, MatterStanding>
let chainRequired: boolean
let asked: { amounts: number; standings: number }

const standing = (over: Partial<MatterStanding> = {}): MatterStanding => ({
  kind: 'matter',
  id: MATTER,
  villageCodes: [VILLAGE],
  missing: [],
  amount: 100_000_00n,
  ...over,
})

const gate: VoucherMatterGate = {
  async majorMatterAmount() {
    asked.amounts++
    return THRESHOLD
  },
  async matterStanding(id) {
    asked.standings++
    return matters.get(id) ?? null
  },
  approvalChainRequired: () => chainRequired,
}

const pay = (fen: bigint, matterId?: string) =>
  ledger.createVoucher(
    ledgerId,
    {
      date: '2024-06-10',
      summary: '付款',
      attachments: 1,
      lines: lines('511', '102', fen),
      ...(matterId ? { matterId } : {}),
    },
    BOOKKEEPER,
  )

beforeEach(async () => {
  database = await createTestDatabase('ledger', migrateLedger)
  const clock = fixedClock('2024-06-30T04:00:00Z')
  matters = new Map([[MATTER, standing()]])
  chainRequired = false
  asked = { amounts: 0, standings: 0 }
  ledger = createLedgerService({ db: database.db, clock, matterGate: gate })
  ledgerId = (
    await ledger.createLedger({
      villageCode: VILLAGE,
      collective: { name: '李孟德村股份经济合作社', uscc: uscc('MA3C4D5E') },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    })
  ).id
  await ledger.setOpeningBalances(ledgerId, {
    lines: [
      { account: '102', debit: 500_000_00n },
      { account: '301', credit: 500_000_00n },
    ],
  })
}, 60_000)
afterEach(() => database.close())

describe('major payments name their matter (四议两公开, issue 12 item 6)', () => {
  it('asks nothing for a receipt, only the amount for a payment below it', async () => {
    await ledger.createVoucher(
      ledgerId,
      { date: '2024-06-10', summary: '租金', attachments: 0, lines: lines('102', '501', 80_000_00n) },
      BOOKKEEPER,
    )
    expect(asked).toEqual({ amounts: 0, standings: 0 })
    const small = await pay(THRESHOLD - 1n)
    expect(small.matterId).toBeNull()
    expect(small.matterRule).toBeNull()
    expect(asked).toEqual({ amounts: 1, standings: 0 })
  })

  it('refuses a payment at exactly the amount without a matter (ledger.matter_required)', async () => {
    const error = await expectCode(pay(THRESHOLD), 'ledger.matter_required')
    expect(error.field).toBe('matterId')
    expect(error.context).toMatchObject({
      kind: 'payment',
      amount: '50000.00',
      majorMatterAmount: '50000.00',
    })
  })

  it('records the matter and the rule it answered, and posts after re-asking it', async () => {
    const draft = await pay(80_000_00n, MATTER)
    expect(draft.matterId).toBe(MATTER)
    expect(draft.matterRule).toEqual({
      majorMatterAmount: THRESHOLD,
      need: { kind: 'payment', amount: 80_000_00n },
      on: '2024-06-10',
    })
    expect((await ledger.getVoucher(ledgerId, draft.id)).matterId).toBe(MATTER)
    const before = asked.standings
    const posted = await ledger.postVoucher(ledgerId, draft.id, REVIEWER)
    expect(posted.status).toBe('posted')
    expect(asked.standings).toBe(before + 1)
  })

  it('refuses at posting a matter objected to since the draft (ledger.matter_not_standing)', async () => {
    const draft = await pay(80_000_00n, MATTER)
    matters.set(MATTER, standing({ missing: ['an objection is pending'] }))
    const error = await expectCode(
      ledger.postVoucher(ledgerId, draft.id, REVIEWER),
      'ledger.matter_not_standing',
    )
    expect(error.context).toMatchObject({ missing: ['an objection is pending'] })
    const batch = await expectCode(
      ledger.postVouchers(ledgerId, [draft.id], REVIEWER),
      'ledger.matter_not_standing',
    )
    expect(batch.field).toBe('voucherIds.0.matterId')
  })

  it('refuses an unknown matter, another village’s, one not standing, one that does not cover', async () => {
    await expectCode(pay(80_000_00n, OTHER), 'ledger.matter_not_found')
    matters.set(OTHER, standing({ id: OTHER, villageCodes: ['370322104201'] }))
    const other = await expectCode(pay(80_000_00n, OTHER), 'ledger.matter_other_village')
    expect(other.context).toMatchObject({ villageCode: VILLAGE, decidedBy: ['370322104201'] })
    matters.set(OTHER, standing({ id: OTHER, missing: ['matter is deliberating, not resolved'] }))
    await expectCode(pay(80_000_00n, OTHER), 'ledger.matter_not_standing')
    matters.set(OTHER, standing({ id: OTHER, amount: 79_999_99n }))
    const short = await expectCode(pay(80_000_00n, OTHER), 'ledger.matter_does_not_cover')
    expect(short.context).toMatchObject({ amount: '80000.00', decided: '79999.99' })
    expect((await pay(79_999_99n, OTHER)).matterId).toBe(OTHER)
    matters.set(OTHER, standing({ id: OTHER, amount: null }))
    await expectCode(pay(80_000_00n, OTHER), 'ledger.matter_does_not_cover')
  })

  it('names the batch item refused, and checks a matter named below the amount', async () => {
    const error = await expectCode(
      ledger.createVouchers(
        ledgerId,
        [
          { date: '2024-06-10', summary: '小额', attachments: 0, lines: lines('511', '102', 1_00n) },
          { date: '2024-06-11', summary: '大额', attachments: 0, lines: lines('511', '102', 60_000_00n) },
        ],
        BOOKKEEPER,
      ),
      'ledger.matter_required',
    )
    expect(error.field).toBe('vouchers.1.matterId')
    const small = await pay(1_00n, MATTER)
    expect(small.matterRule).toEqual({ majorMatterAmount: THRESHOLD, need: null, on: '2024-06-10' })
    await expectCode(pay(1_00n, OTHER), 'ledger.matter_not_found')
  })

  it('does not gate a reversal of a gated payment', async () => {
    const draft = await pay(80_000_00n, MATTER)
    await ledger.postVoucher(ledgerId, draft.id, REVIEWER)
    const reversal = await ledger.reverseVoucher(ledgerId, draft.id, {}, BOOKKEEPER)
    expect(reversal.matterId).toBeNull()
  })
})

describe('村账乡代管 approval chain', () => {
  const actor = (keyId: string, role: string) => ({ keyId, role, signer: `${role} ${keyId}` })

  it('records the steps in order, each by its own key, and lists them', async () => {
    const draft = await pay(1_00n)
    let chain = await ledger.recordApproval(ledgerId, draft.id, { step: 'prepared' }, actor('k1', 'clerk'))
    expect(chain).toMatchObject({ next: 'reviewed', complete: false })
    await expectCode(
      ledger.recordApproval(ledgerId, draft.id, { step: 'signed' }, actor('k2', 'organizer')),
      'ledger.approval_out_of_order',
    )
    await expectCode(
      ledger.recordApproval(ledgerId, draft.id, { step: 'reviewed' }, actor('k2', 'auditor')),
      'ledger.approval_role',
    )
    await expectCode(
      ledger.recordApproval(ledgerId, draft.id, { step: 'reviewed' }, actor('k1', 'reviewer')),
      'ledger.approval_same_key',
    )
    await ledger.recordApproval(ledgerId, draft.id, { step: 'reviewed' }, actor('k2', 'reviewer'))
    await ledger.recordApproval(ledgerId, draft.id, { step: 'signed' }, actor('k3', 'organizer'))
    chain = await ledger.recordApproval(ledgerId, draft.id, { step: 'audited' }, actor('k4', 'auditor'))
    expect(chain.complete).toBe(true)
    const listed = await ledger.listApprovals(ledgerId, draft.id)
    expect(listed.steps.map((s) => [s.step, s.keyId, s.signer])).toEqual([
      ['prepared', 'k1', 'clerk k1'],
      ['reviewed', 'k2', 'reviewer k2'],
      ['signed', 'k3', 'organizer k3'],
      ['audited', 'k4', 'auditor k4'],
    ])
    expect(listed.next).toBeNull()
  })

  it('refuses a step on a posted voucher, and on a voucher or ledger not there', async () => {
    const draft = await pay(1_00n)
    await ledger.postVoucher(ledgerId, draft.id, REVIEWER)
    await expectCode(
      ledger.recordApproval(ledgerId, draft.id, { step: 'prepared' }, actor('k1', 'clerk')),
      'ledger.voucher_posted',
    )
    await expectCode(
      ledger.recordApproval(ledgerId, OTHER, { step: 'prepared' }, actor('k1', 'clerk')),
      'ledger.voucher_not_found',
    )
    await expectCode(ledger.listApprovals(ledgerId, OTHER), 'ledger.voucher_not_found')
    await expectCode(ledger.listApprovals(OTHER, draft.id), 'ledger.ledger_not_found')
  })

  it('posts only a complete chain where the county requires it (off by default)', async () => {
    const free = await pay(1_00n)
    await ledger.postVoucher(ledgerId, free.id, REVIEWER)
    chainRequired = true
    const draft = await pay(2_00n)
    await ledger.recordApproval(ledgerId, draft.id, { step: 'prepared' }, actor('k1', 'bookkeeper'))
    const error = await expectCode(
      ledger.postVoucher(ledgerId, draft.id, REVIEWER),
      'ledger.approval_chain_incomplete',
    )
    expect(error.context).toMatchObject({ done: ['prepared'], missing: ['reviewed', 'signed', 'audited'] })
    const batch = await expectCode(
      ledger.postVouchers(ledgerId, [draft.id], REVIEWER),
      'ledger.approval_chain_incomplete',
    )
    expect(batch.field).toBe('voucherIds.0')
    await ledger.recordApproval(ledgerId, draft.id, { step: 'reviewed' }, actor('k2', 'reviewer'))
    await ledger.recordApproval(ledgerId, draft.id, { step: 'signed' }, actor('k3', 'organizer'))
    await ledger.recordApproval(ledgerId, draft.id, { step: 'audited' }, actor('k4', 'auditor'))
    expect((await ledger.postVoucher(ledgerId, draft.id, REVIEWER)).status).toBe('posted')
  })
})

describe('without a gate', () => {
  it('checks no major-matter amount (the app always passes one)', async () => {
    const bare = createLedgerService({ db: database.db, clock: fixedClock('2024-06-30T04:00:00Z') })
    const draft = await bare.createVoucher(
      ledgerId,
      { date: '2024-06-10', summary: '付款', attachments: 0, lines: lines('511', '102', 80_000_00n) },
      BOOKKEEPER,
    )
    expect(draft.matterId).toBeNull()
  })
})
