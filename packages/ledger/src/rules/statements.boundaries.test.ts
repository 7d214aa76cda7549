import { describe, expect, it } from 'vitest'
import { closingEntries } from './statements.js'

// Year-end close of 322 收益分配 (2004 制度, 322's mechanics [V 2004], kept by the 2023 chart;
// reference/accounting.md): the 各项分配 leaves, debited by the year's distributions, are closed
// into the 未分配收益 leaf (the distribution account given), which is itself never "closed".

const nets = (entries: [string, bigint][]) => new Map(entries)
const noPl = nets([])

describe('closing 各项分配 into 未分配收益 (2004 制度 322)', () => {
  it('credits each allocation leaf with its debit net, in code order, and debits 未分配收益 with the sum', () => {
    const closing = closingEntries(
      noPl,
      '321',
      '32201',
      nets([
        ['32203', 3_000n],
        ['32201', -9_999n], // 未分配收益 itself: left alone
        ['32204', 0n], // nothing distributed from it: no line
        ['32202', 2_000n],
      ]),
    )
    expect(closing.toUndistributed).toEqual([
      { account: '32201', debit: 5_000n },
      { account: '32202', credit: 2_000n },
      { account: '32203', credit: 3_000n },
    ])
    expect(closing.toResult).toEqual([])
    expect(closing.toDistribution).toEqual([])
  })

  it('debits a leaf left with a credit net (a reversal) and credits 未分配收益 when credits prevail', () => {
    const closing = closingEntries(
      noPl,
      '321',
      '32201',
      nets([
        ['32203', 200n],
        ['32202', -500n],
      ]),
    )
    expect(closing.toUndistributed).toEqual([
      { account: '32201', credit: 300n },
      { account: '32202', debit: 500n },
      { account: '32203', credit: 200n },
    ])
  })

  it('writes no 未分配收益 line when the allocation leaves cancel out, but still empties them', () => {
    const closing = closingEntries(
      noPl,
      '321',
      '32201',
      nets([
        ['32203', -400n],
        ['32202', 400n],
      ]),
    )
    expect(closing.toUndistributed).toEqual([
      { account: '32202', credit: 400n },
      { account: '32203', debit: 400n },
    ])
  })

  it('writes no allocation voucher when only 未分配收益 or zero leaves are given', () => {
    expect(
      closingEntries(
        noPl,
        '321',
        '32201',
        nets([
          ['32201', 7_000n],
          ['32202', 0n],
        ]),
      ).toUndistributed,
    ).toEqual([])
  })

  it('every closing voucher balances, and the profit carried and the allocations are independent', () => {
    const closing = closingEntries(
      nets([
        ['511', 1_000n],
        ['501', -4_000n],
      ]),
      '321',
      '32201',
      nets([['32202', 2_500n]]),
    )
    expect(closing.result).toBe(3_000n)
    expect(closing.toDistribution).toEqual([
      { account: '321', debit: 3_000n },
      { account: '32201', credit: 3_000n },
    ])
    expect(closing.toUndistributed).toEqual([
      { account: '32201', debit: 2_500n },
      { account: '32202', credit: 2_500n },
    ])
    for (const lines of [closing.toResult, closing.toDistribution, closing.toUndistributed]) {
      const debit = lines.reduce((s, l) => s + (l.debit ?? 0n), 0n)
      const credit = lines.reduce((s, l) => s + (l.credit ?? 0n), 0n)
      expect(debit).toBe(credit)
    }
  })
})
