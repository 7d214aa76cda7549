import { describe, expect, it } from 'vitest'
import type { LedgerError } from '../errors.js'
import type { AccountFact } from './drafts.js'
import { cashBookOf, lowestFrom, type PostingItem, type PostingRequest, planPostings } from './posting.js'

/**
 * Cash (101 库存现金, 102 银行存款) is never negative at the end of any day, not only after the
 * last voucher: a payment back-dated before the receipt that funds it is refused.
 */

const chart = new Map<string, AccountFact>(
  ['102', '511', '501'].map((code) => [code, { code, name: code, isLeaf: true, disabled: false }]),
)

function voucher(id: string, date: string, cash: bigint): PostingItem {
  const other = cash < 0n ? '511' : '501'
  const amount = cash < 0n ? -cash : cash
  return {
    id,
    voucher: {
      id,
      ledgerId: 'L',
      status: 'draft',
      number: null,
      linkId: null,
      preparedBy: 'bookkeeper',
      date,
      period: date.slice(0, 7),
      summary: id,
    },
    lines:
      cash < 0n
        ? [
            { voucherId: id, lineNo: 1, account: other, debit: amount, credit: 0n },
            { voucherId: id, lineNo: 2, account: '102', debit: 0n, credit: amount },
          ]
        : [
            { voucherId: id, lineNo: 1, account: '102', debit: amount, credit: 0n },
            { voucherId: id, lineNo: 2, account: other, debit: 0n, credit: amount },
          ],
    reviewer: 'reviewer',
    field: '',
  }
}

/** A ledger whose 102 holds `total` now, after the posted day movements `days`. */
function request(items: PostingItem[], total: bigint, days: { date: string; net: bigint }[]): PostingRequest {
  return {
    items,
    ledgers: new Map([['L', { id: 'L', firstPeriod: '2024-01', lastHash: null, postedCount: 0 }]]),
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

const refusal = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return error as LedgerError
  }
  throw new Error('expected a refusal')
}

describe('cash on every day', () => {
  // 0 until 03-10, when 1,000 arrives: 1,000 from then on.
  const receiptLater = [{ date: '2024-03-10', net: 1000n }]

  it('refuses a payment dated before the receipt that would fund it, naming the day', () => {
    const error = refusal(() =>
      planPostings(request([voucher('p', '2024-03-05', -800n)], 1000n, receiptLater)),
    )
    expect(error.code).toBe('ledger.insufficient_balance')
    expect(error.context).toMatchObject({ account: '102', date: '2024-03-05', balanceAfter: '-800' })
  })

  it('accepts the same payment on the receipt’s day or after it', () => {
    expect(() =>
      planPostings(request([voucher('p', '2024-03-10', -800n)], 1000n, receiptLater)),
    ).not.toThrow()
    expect(() =>
      planPostings(request([voucher('p', '2024-04-01', -1000n)], 1000n, receiptLater)),
    ).not.toThrow()
  })

  it('finds the lowest later day: a back-dated payment must leave every later day ≥ 0', () => {
    // 500 on 03-01, −400 on 03-20, +1,000 on 04-01: 500, 100, 1,100.
    const days = [
      { date: '2024-03-01', net: 500n },
      { date: '2024-03-20', net: -400n },
      { date: '2024-04-01', net: 1000n },
    ]
    const book = cashBookOf({ nets: new Map([['L|102', 1100n]]), cashDays: new Map([['L|102', days]]) })
    expect(lowestFrom(book, 'L|102', '2024-03-05')).toEqual({ date: '2024-03-20', balance: 100n })
    expect(lowestFrom(book, 'L|102', '2024-03-21')).toEqual({ date: '2024-03-21', balance: 100n })
    expect(lowestFrom(book, 'L|102', '2024-04-01')).toEqual({ date: '2024-04-01', balance: 1100n })
    // Exactly down to zero on the lowest day is allowed; one fen more is not.
    expect(() => planPostings(request([voucher('p', '2024-03-05', -100n)], 1100n, days))).not.toThrow()
    const error = refusal(() => planPostings(request([voucher('p', '2024-03-05', -101n)], 1100n, days)))
    expect(error.context).toMatchObject({ date: '2024-03-20', balanceAfter: '-1' })
  })

  it('counts the batch’s own earlier vouchers on their days, in order', () => {
    // A receipt on 03-10 in the same batch funds a payment on 03-12, not one on 03-08.
    const funded = [voucher('r', '2024-03-10', 300n), voucher('p', '2024-03-12', -300n)]
    expect(() => planPostings(request(funded, 0n, []))).not.toThrow()
    const early = [voucher('r', '2024-03-10', 300n), voucher('p', '2024-03-08', -300n)]
    const error = refusal(() => planPostings(request(early, 0n, [])))
    expect(error.context).toMatchObject({ date: '2024-03-08', balanceAfter: '-300' })
  })

  it('never refuses money coming in', () => {
    expect(() => planPostings(request([voucher('r', '2024-03-01', 50n)], 1000n, receiptLater))).not.toThrow()
  })
})
