import { describe, expect, it } from 'vitest'
import { LedgerError } from '../errors.js'
import type { AccountFact } from './drafts.js'
import { type PostingItem, type PostingRequest, planPostings } from './posting.js'
import { chainHash } from './vouchers.js'

const account = (code: string, extra: Partial<AccountFact> = {}): [string, AccountFact] => [
  code,
  { code, name: `科目${code}`, isLeaf: true, disabled: false, ...extra },
]

type Line = readonly [account: string, debit: bigint, credit: bigint]
const PAY_100: readonly Line[] = [
  ['511', 100n, 0n],
  ['102', 0n, 100n],
]

function item(
  id: string,
  overrides: Partial<NonNullable<PostingItem['voucher']>> = {},
  lines = PAY_100,
): PostingItem {
  return {
    id,
    voucher: {
      id,
      ledgerId: 'L',
      status: 'draft',
      number: null,
      linkId: null,
      preparedBy: 'bookkeeper',
      date: '2024-03-05',
      period: '2024-03',
      summary: `业务 ${id}`,
      ...overrides,
    },
    lines: lines.map(([account, debit, credit], i) => ({
      voucherId: id,
      lineNo: i + 1,
      account,
      debit,
      credit,
    })),
    reviewer: 'reviewer',
    field: '',
  }
}

function request(items: PostingItem[], extra: Partial<PostingRequest> = {}): PostingRequest {
  return {
    items,
    ledgers: new Map([['L', { id: 'L', firstPeriod: '2024-01', lastHash: 'h0', postedCount: 4 }]]),
    facts: {
      accounts: new Map([
        [
          'L',
          new Map([
            account('102'),
            account('511'),
            account('113', { isLeaf: false }),
            account('515', { disabled: true }),
          ]),
        ],
      ]),
      nets: new Map([['L|102', 250n]]),
      counters: new Map([['L|2024-03', 6]]),
      closed: new Set(['L|2024-01']),
    },
    today: '2024-06-30',
    refuseLinked: false,
    ...extra,
  }
}

function refusal(req: PostingRequest): LedgerError {
  try {
    planPostings(req)
  } catch (error) {
    if (error instanceof LedgerError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('the posting rules (one place for every path that posts)', () => {
  it('plans numbers after the month counter, the hash chain and the balance increments', () => {
    const req = request([item('a'), item('b', { date: '2024-04-01', period: '2024-04' }), item('c')])
    const plan = planPostings({ ...req, facts: { ...req.facts, nets: new Map([['L|102', 300n]]) } })
    expect(plan.vouchers.map((v) => [v.id, v.number, v.chainSeq])).toEqual([
      ['a', 7, 5],
      ['b', 1, 6],
      ['c', 8, 7],
    ])
    const first = chainHash('h0', {
      id: 'a',
      date: '2024-03-05',
      number: 7,
      summary: '业务 a',
      lines: [
        { account: '511', debit: 100n, credit: 0n },
        { account: '102', debit: 0n, credit: 100n },
      ],
    })
    expect(plan.vouchers[0]?.hash).toBe(first)
    expect(plan.heads).toEqual([{ ledgerId: 'L', lastHash: plan.vouchers[2]?.hash, postedCount: 7 }])
    expect(plan.counters).toEqual([
      { ledgerId: 'L', period: '2024-03', last: 8, taken: 2 },
      { ledgerId: 'L', period: '2024-04', last: 1, taken: 1 },
    ])
    expect(plan.balances).toContainEqual({
      ledgerId: 'L',
      period: '2024-03',
      account: '102',
      debit: 0n,
      credit: 200n,
    })
  })

  it('refuses an income or expense line dated in a year whose year-end close is posted, naming the item', () => {
    const req = request([item('a'), { ...item('b'), field: 'voucherIds.1' }])
    const closed = { ...req, facts: { ...req.facts, closedYears: new Set(['L|2024']) } }
    const error = refusal(closed)
    expect([error.code, error.field]).toEqual(['ledger.closed_year_income', 'lines.0.account'])
    // Another ledger's closed year, or a balance-sheet-only voucher, is no matter.
    const other = { ...req, facts: { ...req.facts, closedYears: new Set(['M|2024']) } }
    expect(
      planPostings({ ...other, facts: { ...other.facts, nets: new Map([['L|102', 300n]]) } }).vouchers,
    ).toHaveLength(2)
    const transfer = request([
      item('c', {}, [
        ['102', 100n, 0n],
        ['102', 0n, 100n],
      ]),
    ])
    expect(
      planPostings({ ...transfer, facts: { ...transfer.facts, closedYears: new Set(['L|2024']) } }).vouchers,
    ).toHaveLength(1)
  })

  it('never lets the preparer post (记账 ≠ 审核), in a batch naming the item', () => {
    const single = refusal(request([item('a', { preparedBy: 'reviewer' })]))
    expect([single.code, single.kind, single.field]).toEqual(['ledger.self_review', 'forbidden', undefined])
    const batch = refusal(
      request([item('a'), { ...item('b', { preparedBy: 'reviewer' }), field: 'voucherIds.1' }]),
    )
    expect([batch.code, batch.field]).toEqual(['ledger.self_review', 'voucherIds.1'])
  })

  it('refuses what is missing, listed twice, already posted, or linked inside a batch', () => {
    expect(refusal(request([{ ...item('a'), voucher: undefined }])).code).toBe('ledger.voucher_not_found')
    expect(refusal(request([item('a'), { ...item('a'), field: 'voucherIds.1' }])).code).toBe(
      'ledger.duplicate_in_batch',
    )
    expect(refusal(request([item('a', { status: 'posted', number: 3 })])).code).toBe('ledger.voucher_posted')
    const linked = item('a', { linkId: 'k' })
    expect(() => planPostings(request([linked]))).not.toThrow()
    expect(refusal(request([linked], { refuseLinked: true })).code).toBe('ledger.linked_voucher_in_batch')
  })

  it('posts only open months on or after the first, and only once the date has come', () => {
    expect(refusal(request([item('a', { date: '2024-01-10', period: '2024-01' })])).code).toBe(
      'ledger.period_closed',
    )
    expect(refusal(request([item('a', { date: '2023-12-10', period: '2023-12' })])).code).toBe(
      'ledger.before_first_period',
    )
    const ahead = refusal(request([item('a', { date: '2024-07-01', period: '2024-07' })]))
    expect([ahead.code, ahead.field]).toEqual(['ledger.date_in_future', 'date'])
  })

  it('posts to existing, leaf, enabled accounts only, naming the line', () => {
    const missing = refusal(
      request([
        item('a', {}, [
          ['999', 1n, 0n],
          ['102', 0n, 1n],
        ]),
      ]),
    )
    expect([missing.code, missing.field]).toEqual(['ledger.account_not_found', 'lines.0.account'])
    expect(
      refusal(
        request([
          item('a', {}, [
            ['113', 1n, 0n],
            ['102', 0n, 1n],
          ]),
        ]),
      ).code,
    ).toBe('ledger.not_leaf_account')
    expect(
      refusal(
        request([
          item('a', {}, [
            ['515', 1n, 0n],
            ['102', 0n, 1n],
          ]),
        ]),
      ).code,
    ).toBe('ledger.account_disabled')
  })

  it('keeps cash and bank from going negative, naming the voucher that would', () => {
    // 250 fen in 102: two payments of 100 fit, the third does not.
    const error = refusal(
      request([item('a'), { ...item('b'), field: 'voucherIds.1' }, { ...item('c'), field: 'voucherIds.2' }]),
    )
    expect([error.code, error.field, error.context]).toEqual([
      'ledger.insufficient_balance',
      'voucherIds.2',
      { account: '102', balanceAfter: '-50' },
    ])
    // A receipt earlier in the batch pays for a later payment.
    const receipt = item('r', {}, [
      ['102', 500n, 0n],
      ['511', 0n, 500n],
    ])
    expect(() => planPostings(request([receipt, item('a'), item('b'), item('c')]))).not.toThrow()
  })
})
