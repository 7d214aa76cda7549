import { describe, expect, it } from 'vitest'
import type { AccountFact } from './drafts.js'
import { type PostingItem, type PostingLine, type PostingRequest, planPostings } from './posting.js'

// Cash (101/102) is never negative at the end of any day (农村集体经济组织会计制度: 库存现金 and
// 银行存款 are never overdrawn; reference/accounting.md): the rule is the balance at the END of each
// day, with every voucher of that day counted, and only a voucher that takes cash out can break it.

const chart = new Map<string, AccountFact>(
  ['102', '511', '501'].map((code) => [code, { code, name: code, isLeaf: true, disabled: false }]),
)

function item(id: string, date: string, lines: Omit<PostingLine, 'voucherId' | 'lineNo'>[]): PostingItem {
  return {
    id,
    voucher: {
      id,
      ledgerId: 'L',
      status: 'draft',
      number: null,
      linkId: null,
      preparedBy: 'bk',
      date,
      period: date.slice(0, 7),
      summary: id,
    },
    lines: lines.map((l, i) => ({ voucherId: id, lineNo: i + 1, ...l })),
    reviewer: 'rv',
    field: '',
  }
}

/** A voucher moving 102 by `cash` (a receipt against 501, a payment against 511). */
const cashVoucher = (id: string, date: string, cash: bigint) =>
  cash < 0n
    ? item(id, date, [
        { account: '511', debit: -cash, credit: 0n },
        { account: '102', debit: 0n, credit: -cash },
      ])
    : item(id, date, [
        { account: '102', debit: cash, credit: 0n },
        { account: '501', debit: 0n, credit: cash },
      ])

function request(items: PostingItem[], total: bigint, days: { date: string; net: bigint }[]): PostingRequest {
  return {
    items,
    ledgers: new Map([['L', { id: 'L', firstPeriod: '2024-01', lastHash: 'h0', postedCount: 0 }]]),
    facts: {
      accounts: new Map([['L', chart]]),
      nets: new Map([['L|102', total]]),
      counters: new Map(),
      closed: new Set(),
      cashDays: new Map([['L|102', days]]),
    },
    today: '2024-06-30',
    refuseLinked: false,
  }
}

const outcome = (run: () => unknown) => {
  try {
    run()
    return 'posted'
  } catch (error) {
    return (error as { code: string }).code
  }
}

describe('only a voucher that takes cash out is checked against later days', () => {
  // History (e.g. imported paper books) in which 03-20 ended overdrawn: 150 before, −50 after
  // 03-20, 50 after a receipt on 03-25. Whatever is posted before 03-20 cannot make that worse
  // unless it pays out.
  const history = [
    { date: '2024-03-20', net: -100n },
    { date: '2024-03-25', net: 100n },
  ]

  it('posts a receipt dated before the overdrawn day', () => {
    expect(outcome(() => planPostings(request([cashVoucher('r', '2024-03-10', 10n)], 50n, history)))).toBe(
      'posted',
    )
  })

  it('posts a voucher that moves cash in and out of the same account by the same amount (net 0)', () => {
    const wash = item('w', '2024-03-10', [
      { account: '102', debit: 10n, credit: 0n },
      { account: '102', debit: 0n, credit: 10n },
    ])
    expect(outcome(() => planPostings(request([wash], 50n, history)))).toBe('posted')
  })

  it('refuses a payment of one fen dated before it', () => {
    expect(outcome(() => planPostings(request([cashVoucher('p', '2024-03-10', -1n)], 50n, history)))).toBe(
      'ledger.insufficient_balance',
    )
  })
})

describe('a day’s balance is its end-of-day balance, with all of the day’s vouchers', () => {
  // In one batch: 03-10 receives 100; 03-20 pays 80 and then receives 100 (the day ends at +20,
  // 120 in the bank, though it dipped to 20 between the two); then 03-15 pays 90. The lowest
  // end of day from 03-15 on is 100 (03-15 itself), so 90 may be paid; 101 may not.
  const batch = [
    cashVoucher('a', '2024-03-10', 100n),
    cashVoucher('b', '2024-03-20', -80n),
    cashVoucher('c', '2024-03-20', 100n),
  ]

  it('allows a back-dated payment up to the lowest end-of-day balance, not the intra-day dip', () => {
    expect(
      outcome(() => planPostings(request([...batch, cashVoucher('d', '2024-03-15', -90n)], 0n, []))),
    ).toBe('posted')
    expect(
      outcome(() => planPostings(request([...batch, cashVoucher('d', '2024-03-15', -100n)], 0n, []))),
    ).toBe('posted')
  })

  it('refuses one fen more than that balance', () => {
    expect(
      outcome(() => planPostings(request([...batch, cashVoucher('d', '2024-03-15', -101n)], 0n, []))),
    ).toBe('ledger.insufficient_balance')
  })

  it('merges a batch voucher into a day the history already holds', () => {
    // History: 03-20 paid 80 (total 20). The batch receives 100 on 03-20: the day ends at +20, so a
    // payment of 100 on 03-15 leaves 100 − 100 + 20 = 20 at the end of 03-20.
    const days = [{ date: '2024-03-20', net: -80n }]
    const posts = [cashVoucher('c', '2024-03-20', 100n), cashVoucher('d', '2024-03-15', -100n)]
    expect(outcome(() => planPostings(request(posts, 20n, days)))).toBe('posted')
  })
})
