import { describe, expect, it } from 'vitest'
import { refused } from './refused.test-helper.js'
import { type DueInstalment, deferredParts, yearVoucherDate } from './rent-spread.js'

const fiveYears = (over: Partial<DueInstalment> = {}): DueInstalment => ({
  seq: 1,
  amount: 1_000_001n,
  coversFrom: '2024-01-01',
  coversTo: '2028-12-31',
  dueYear: 2024,
  ...over,
})

describe('预收转收入: 一次性收取的多年承包/租赁收入须分摊到各收益年度', () => {
  it('moves each later year its share of whole years by months, the remainder fen to the first year', () => {
    // 1,000,001 fen over 60 months: 200,001 falls in 2024 (taken by the due voucher), 200,000 each after.
    expect(deferredParts([fiveYears()], 2025)).toEqual([
      { seq: 1, amount: 200_000n, basis: 'month', units: 12 },
    ])
    const later = [2025, 2026, 2027, 2028].map((y) => deferredParts([fiveYears()], y)[0]!.amount)
    expect(later.reduce((a, b) => a + b, 0n)).toBe(800_000n)
  })

  it('leaves the due voucher’s own year and the years before it, and the years after the cover', () => {
    expect(deferredParts([fiveYears()], 2024)).toEqual([])
    expect(deferredParts([fiveYears({ dueYear: 2026 })], 2026)).toEqual([])
    expect(deferredParts([fiveYears({ dueYear: 2026 })], 2027)[0]!.amount).toBe(200_000n)
    expect(deferredParts([fiveYears()], 2029)).toEqual([])
  })

  it('has nothing to move while no due voucher is drafted (or it was reversed)', () => {
    expect(deferredParts([fiveYears({ dueYear: null })], 2025)).toEqual([])
  })

  it('spreads a cover not in whole months by days, the remainder fen by largest remainder', () => {
    // 2024-07-02 … 2025-07-01 is not whole months: 183 days in 2024 (18,350.14), 182 in 2025
    // (18,249.86 → the remainder fen: 18,250); Σ = 36,600.
    const parts = deferredParts(
      [fiveYears({ amount: 36_600n, coversFrom: '2024-07-02', coversTo: '2025-07-01', dueYear: 2024 })],
      2025,
    )
    expect(parts).toEqual([{ seq: 1, amount: 18_250n, basis: 'day', units: 182 }])
  })

  it('one instalment per line, instalments without a share left out', () => {
    const parts = deferredParts(
      [
        fiveYears(),
        fiveYears({ seq: 2, amount: 500n, coversFrom: '2024-01-01', coversTo: '2024-12-31' }),
        fiveYears({ seq: 3, amount: 1_200n, coversFrom: '2025-01-01', coversTo: '2025-12-31' }),
      ],
      2025,
    )
    expect(parts.map((p) => [p.seq, p.amount])).toEqual([
      [1, 200_000n],
      [3, 1_200n],
    ])
  })
})

describe('the voucher date of a year’s transfer', () => {
  it('is the year’s last day once it has passed, today while the year runs', () => {
    expect(yearVoucherDate(2024, '2025-01-05')).toBe('2024-12-31')
    expect(yearVoucherDate(2025, '2025-12-30')).toBe('2025-12-30')
    expect(yearVoucherDate(2025, '2025-01-01')).toBe('2025-01-01')
  })

  it('refuses a year that has not begun', () => {
    const e = refused(() => yearVoucherDate(2026, '2025-12-31'), 'collective.period_not_begun')
    expect(e.field).toBe('year')
  })

  it('takes a date inside the year and not after today, nothing else', () => {
    expect(yearVoucherDate(2024, '2025-03-01', '2024-12-20')).toBe('2024-12-20')
    expect(yearVoucherDate(2024, '2025-03-01', '2024-01-01')).toBe('2024-01-01')
    refused(() => yearVoucherDate(2024, '2025-03-01', '2023-12-31'), 'collective.date_outside_period')
    refused(() => yearVoucherDate(2024, '2025-03-01', '2025-01-01'), 'collective.date_outside_period')
    refused(() => yearVoucherDate(2025, '2025-03-01', '2025-03-02'), 'collective.date_outside_period')
  })
})
