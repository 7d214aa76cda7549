import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { onNormalSide, trialBalance } from './trial-balance.js'

describe('onNormalSide', () => {
  it('shows nets on the account’s normal side', () => {
    expect(onNormalSide(100n, 'debit')).toEqual({ side: 'debit', amount: 100n })
    expect(onNormalSide(-100n, 'credit')).toEqual({ side: 'credit', amount: 100n })
    expect(onNormalSide(-100n, 'both')).toEqual({ side: 'credit', amount: 100n })
    expect(onNormalSide(100n, 'both')).toEqual({ side: 'debit', amount: 100n })
  })
})

describe('trialBalance', () => {
  const accounts = [
    { code: '102', name: '银行存款', normalSide: 'debit' as const, parentCode: null },
    { code: '10201', name: '基本户', normalSide: 'debit' as const, parentCode: '102' },
    { code: '10202', name: '专户', normalSide: 'debit' as const, parentCode: '102' },
    { code: '152', name: '累计折旧', normalSide: 'credit' as const, parentCode: null },
    { code: '301', name: '资本', normalSide: 'credit' as const, parentCode: null },
  ]
  it('rolls leaves up to parents and totals first-level accounts', () => {
    const { rows, totals } = trialBalance(accounts, [
      { code: '10201', openingNet: 100n, debit: 10n, credit: 0n },
      { code: '10202', openingNet: 50n, debit: 0n, credit: 5n },
      { code: '152', openingNet: -30n, debit: 0n, credit: 0n },
      { code: '301', openingNet: -120n, debit: 5n, credit: 10n },
    ])
    expect(rows.find((r) => r.code === '102')).toMatchObject({
      opening: { side: 'debit', amount: 150n },
      debit: 10n,
      credit: 5n,
      closing: { side: 'debit', amount: 155n },
      level: 1,
    })
    expect(rows.find((r) => r.code === '10201')?.level).toBe(2)
    expect(totals).toEqual({
      openingDebit: 150n,
      openingCredit: 150n,
      debit: 15n,
      credit: 15n,
      closingDebit: 155n,
      closingCredit: 155n,
    })
  })
})

describe('trial balance: sides, stated', () => {
  it.each([
    // net, normal side → what the row shows
    [100n, 'debit', { side: 'debit', amount: 100n }],
    [-100n, 'debit', { side: 'debit', amount: -100n }], // a debit-normal account in credit stays in its column, negative
    [-100n, 'credit', { side: 'credit', amount: 100n }],
    [100n, 'credit', { side: 'credit', amount: -100n }], // a credit-normal account in debit, negative
    [0n, 'credit', { side: 'credit', amount: 0n }],
    [-1n, 'both', { side: 'credit', amount: 1n }],
    [1n, 'both', { side: 'debit', amount: 1n }],
    [0n, 'both', { side: 'debit', amount: 0n }],
  ] as const)('a net of %s on a %s-normal account → %o', (net, side, shown) => {
    expect(onNormalSide(net, side)).toEqual(shown)
  })

  const accounts = [
    { code: '301', name: '资本', normalSide: 'credit' as const, parentCode: null },
    { code: '113', name: '内部往来', normalSide: 'both' as const, parentCode: null },
    { code: '11301', name: '一组', normalSide: 'both' as const, parentCode: '113' },
    { code: '1130101', name: '一组甲', normalSide: 'both' as const, parentCode: '11301' },
    { code: '101', name: '库存现金', normalSide: 'debit' as const, parentCode: null },
    { code: '152', name: '累计折旧', normalSide: 'credit' as const, parentCode: null },
  ]

  it('orders rows by code, gives each its level, and totals the raw nets of first-level accounts', () => {
    const { rows, totals } = trialBalance(accounts, [
      { code: '101', openingNet: -20n, debit: 50n, credit: 0n }, // cash overdrawn at the start
      { code: '1130101', openingNet: 70n, debit: 0n, credit: 100n }, // ends in credit
      { code: '152', openingNet: 10n, debit: 0n, credit: 40n }, // contra, in debit at the start
      { code: '301', openingNet: -60n, debit: 90n, credit: 0n },
    ])
    expect(rows.map((r) => [r.code, r.level])).toEqual([
      ['101', 1],
      ['113', 1],
      ['11301', 2],
      ['1130101', 3],
      ['152', 1],
      ['301', 1],
    ])
    expect(rows.find((r) => r.code === '101')).toEqual({
      code: '101',
      name: '库存现金',
      level: 1,
      normalSide: 'debit',
      opening: { side: 'debit', amount: -20n },
      debit: 50n,
      credit: 0n,
      closing: { side: 'debit', amount: 30n },
    })
    expect(rows.find((r) => r.code === '113')).toMatchObject({
      opening: { side: 'debit', amount: 70n },
      closing: { side: 'credit', amount: 30n },
    })
    expect(rows.find((r) => r.code === '152')).toMatchObject({
      opening: { side: 'credit', amount: -10n },
      closing: { side: 'credit', amount: 30n },
    })
    // raw nets: opening 101 −20 (credit), 113 +70, 152 +10, 301 −60 → debit 80, credit 80;
    // closing 101 +30, 113 −30, 152 −30, 301 +30 → debit 60, credit 60
    expect(totals).toEqual({
      openingDebit: 80n,
      openingCredit: 80n,
      debit: 140n,
      credit: 140n,
      closingDebit: 60n,
      closingCredit: 60n,
    })
  })

  it('balances on both sides for any posted movements (property, fixed seed)', () => {
    const leaves = ['101', '1130101', '152', '301']
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            debit: fc.constantFrom(...leaves),
            credit: fc.constantFrom(...leaves),
            amount: fc.bigInt({ min: 1n, max: 10n ** 12n }),
            opening: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        (vouchers) => {
          const movement = new Map(
            leaves.map((code) => [code, { code, openingNet: 0n, debit: 0n, credit: 0n }]),
          )
          for (const v of vouchers) {
            const d = movement.get(v.debit)!
            const c = movement.get(v.credit)!
            if (v.opening) {
              d.openingNet += v.amount
              c.openingNet -= v.amount
            } else {
              d.debit += v.amount
              c.credit += v.amount
            }
          }
          const { rows, totals } = trialBalance(accounts, [...movement.values()])
          expect(totals.openingDebit).toBe(totals.openingCredit)
          expect(totals.debit).toBe(totals.credit)
          expect(totals.closingDebit).toBe(totals.closingCredit)
          // a parent shows the sum of its leaves
          const row = (code: string) => rows.find((r) => r.code === code)!
          expect(row('113')).toMatchObject({ debit: row('1130101').debit, credit: row('1130101').credit })
          for (const r of rows) {
            expect(r.closing.amount >= 0n || r.normalSide !== 'both').toBe(true)
          }
        },
      ),
      { seed: 42, numRuns: 150 },
    )
  })
})
