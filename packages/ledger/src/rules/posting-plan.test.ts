import { describe, expect, it } from 'vitest'
import type { AccountFact } from './drafts.js'
import { type PostingItem, type PostingRequest, planPostings } from './posting.js'
import { chainHash } from './vouchers.js'

/** Batches of vouchers over 102 银行存款: the day-by-day cash book a batch builds as it goes. */
const chart = new Map<string, AccountFact>(
  ['102', '511', '501'].map((code) => [code, { code, name: code, isLeaf: true, disabled: false }]),
)

function voucher(id: string, date: string, cash: bigint, ledgerId = 'L'): PostingItem {
  const amount = cash < 0n ? -cash : cash
  const [first, second] =
    cash < 0n
      ? [
          { account: '511', debit: amount, credit: 0n },
          { account: '102', debit: 0n, credit: amount },
        ]
      : [
          { account: '102', debit: amount, credit: 0n },
          { account: '501', debit: 0n, credit: amount },
        ]
  return {
    id,
    voucher: {
      id,
      ledgerId,
      status: 'draft',
      number: null,
      linkId: null,
      preparedBy: 'bk',
      date,
      period: date.slice(0, 7),
      summary: id,
    },
    lines: [
      { voucherId: id, lineNo: 1, ...first },
      { voucherId: id, lineNo: 2, ...second },
    ],
    reviewer: 'rv',
    field: '',
  }
}

function request(
  items: PostingItem[],
  total: bigint,
  days: { date: string; net: bigint }[],
  today = '2024-06-30',
): PostingRequest {
  return {
    items,
    ledgers: new Map([['L', { id: 'L', firstPeriod: '2024-01', lastHash: 'h0', postedCount: 4 }]]),
    facts: {
      accounts: new Map([['L', chart]]),
      nets: new Map([['L|102', total]]),
      counters: new Map([['L|2024-03', 7]]),
      closed: new Set(),
      cashDays: new Map([['L|102', days]]),
    },
    today,
    refuseLinked: false,
  }
}

const refusal = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    const { code, field, context } = error as { code: string; field?: string; context: object }
    return { code, field, context }
  }
  return null
}

describe('a batch books its own cash day by day, in date order', () => {
  // 100 in the bank. The batch pays 100 on 03-20, receives 50 on 03-10 and 100 on 03-25, then
  // pays on 03-05: the days end at 100 (03-05), 150 (03-10), 50 (03-20) and 150 (03-25), so
  // 03-05 may pay up to 50 — though 150 is there at the end.
  const first = [
    voucher('a', '2024-03-20', -100n),
    voucher('b', '2024-03-10', 50n),
    voucher('d', '2024-03-25', 100n),
  ]

  it('allows exactly what the lowest later day holds', () => {
    expect(
      refusal(() => planPostings(request([...first, voucher('c', '2024-03-05', -50n)], 100n, []))),
    ).toBeNull()
  })

  it('refuses one fen more, naming the lowest day', () => {
    expect(
      refusal(() => planPostings(request([...first, voucher('c', '2024-03-05', -51n)], 100n, []))),
    ).toEqual({
      code: 'ledger.insufficient_balance',
      field: undefined,
      context: { account: '102', date: '2024-03-20', balanceAfter: '-1' },
    })
  })

  it('adds a second voucher of the same day to that day', () => {
    // two receipts on 03-10 (30 + 20), then a payment on 03-09 of more than was there before them
    const batch = [
      voucher('a', '2024-03-10', 30n),
      voucher('b', '2024-03-10', 20n),
      voucher('c', '2024-03-09', -1n),
    ]
    expect(refusal(() => planPostings(request(batch, 0n, [])))).toMatchObject({
      code: 'ledger.insufficient_balance',
      context: { date: '2024-03-09', balanceAfter: '-1' },
    })
    const after = [
      voucher('a', '2024-03-10', 30n),
      voucher('b', '2024-03-10', 20n),
      voucher('c', '2024-03-11', -50n),
    ]
    expect(refusal(() => planPostings(request(after, 0n, [])))).toBeNull()
  })

  it('names the first of equally low days', () => {
    // 50 before 03-10; 03-10 pays 50 (→ 0); 03-15 moves nothing net (→ 0); 03-20 receives 100
    const days = [
      { date: '2024-03-10', net: -50n },
      { date: '2024-03-15', net: 0n },
      { date: '2024-03-20', net: 100n },
    ]
    expect(refusal(() => planPostings(request([voucher('p', '2024-03-01', -1n)], 100n, days)))).toMatchObject(
      {
        context: { date: '2024-03-10', balanceAfter: '-1' },
      },
    )
  })
})

describe('the plan', () => {
  it('numbers after the month counter, chains hashes over lines in line order, and sums balances per account', () => {
    const v = voucher('a', '2024-03-05', 30n)
    const reversed = { ...v, lines: [...v.lines].reverse() }
    const twice: PostingItem = {
      ...voucher('b', '2024-03-06', 10n),
      lines: [
        { voucherId: 'b', lineNo: 1, account: '102', debit: 4n, credit: 0n },
        { voucherId: 'b', lineNo: 2, account: '102', debit: 6n, credit: 0n },
        { voucherId: 'b', lineNo: 3, account: '501', debit: 0n, credit: 10n },
      ],
    }
    const plan = planPostings(request([reversed, twice], 0n, []))
    const h1 = chainHash('h0', {
      id: 'a',
      date: '2024-03-05',
      number: 8,
      summary: 'a',
      lines: [
        { account: '102', debit: 30n, credit: 0n },
        { account: '501', debit: 0n, credit: 30n },
      ],
    })
    expect(plan.vouchers[0]).toEqual({
      id: 'a',
      ledgerId: 'L',
      period: '2024-03',
      number: 8,
      hash: h1,
      chainSeq: 5,
    })
    expect(plan.vouchers[1]).toMatchObject({ id: 'b', number: 9, chainSeq: 6 })
    expect(plan.heads).toEqual([{ ledgerId: 'L', lastHash: plan.vouchers[1]!.hash, postedCount: 6 }])
    expect(plan.counters).toEqual([{ ledgerId: 'L', period: '2024-03', taken: 2, last: 9 }])
    expect(plan.balances).toEqual([
      { ledgerId: 'L', period: '2024-03', account: '102', debit: 40n, credit: 0n },
      { ledgerId: 'L', period: '2024-03', account: '501', debit: 0n, credit: 40n },
    ])
  })

  it('refuses a voucher of an unknown ledger, and one dated later this month', () => {
    expect(refusal(() => planPostings(request([voucher('a', '2024-03-05', 1n, 'X')], 0n, [])))).toMatchObject(
      {
        code: 'ledger.ledger_not_found',
      },
    )
    expect(
      refusal(() => planPostings(request([voucher('a', '2024-06-20', 1n)], 0n, [], '2024-06-15'))),
    ).toMatchObject({
      code: 'ledger.date_in_future',
    })
  })
})
