import { describe, expect, it } from 'vitest'
import {
  accumulatedDepreciation,
  bookValueOn,
  checkTerms,
  DEPRECIATION_BASIS,
  type DepreciationTerms,
  monthIndex,
  monthlyCharge,
  monthsDepreciated,
} from './depreciation.js'
import { refused } from './refused.test-helper.js'

// Boundaries of 固定资产折旧 (2004 制度, kept by 财会〔2023〕14号 as far as checked: 当月增加当月不提,
// 当月减少当月照提): the month ordinal, the method deciding (not a stray life), the life's last
// month, and the fields the refusals name.

const card = (over: Partial<DepreciationTerms> = {}): DepreciationTerms => ({
  cost: 120_000n,
  acquiredOn: '2024-03-15',
  method: 'straight_line',
  usefulLifeMonths: 12,
  residualValue: 0n,
  disposedOn: null,
  ...over,
})

describe('month ordinals: year × 12 + month − 1', () => {
  it('known answers, from YYYY-MM and YYYY-MM-DD alike', () => {
    expect(monthIndex('2024-01')).toBe(24_288)
    expect(monthIndex('2024-12-31')).toBe(24_299)
    expect(monthIndex('2025-01-01')).toBe(24_300)
    expect(monthIndex('0000-01')).toBe(0)
  })
})

describe('the method decides; a life on a card of method none depreciates nothing', () => {
  it('method none with a life recorded: no months, no depreciation, full book value', () => {
    const none = card({ method: 'none', usefulLifeMonths: 12 })
    expect(monthsDepreciated(none, monthIndex('2030-01'))).toBe(0)
    expect(accumulatedDepreciation(none, monthIndex('2030-01'))).toBe(0n)
    expect(bookValueOn(none, '2030-01-31')).toEqual({
      cost: 120_000n,
      accumulatedDepreciation: 0n,
      netBookValue: 120_000n,
      monthsDepreciated: 0,
    })
  })

  it('method none without a life: zero through any month, never a division', () => {
    const none = card({ method: 'none', usefulLifeMonths: null })
    expect(accumulatedDepreciation(none, monthIndex('2024-04'))).toBe(0n)
    expect(monthlyCharge(none, monthIndex('2024-04'))).toBe(0n)
  })
})

describe('the months counted: from the month after acquisition to the disposal month, at most the life', () => {
  it('the acquisition month is 0 months, the next is 1, the life’s last month is the life', () => {
    expect(monthsDepreciated(card(), monthIndex('2024-03'))).toBe(0)
    expect(monthsDepreciated(card(), monthIndex('2024-04'))).toBe(1)
    expect(monthsDepreciated(card(), monthIndex('2025-03'))).toBe(12)
    expect(monthsDepreciated(card(), monthIndex('2025-04'))).toBe(12)
    expect(monthsDepreciated(card(), monthIndex('2020-01'))).toBe(0)
    expect(monthlyCharge(card(), monthIndex('2025-03'))).toBe(10_000n)
    expect(monthlyCharge(card(), monthIndex('2025-04'))).toBe(0n)
  })

  it('disposed in its acquisition month: never depreciated', () => {
    const quick = card({ disposedOn: '2024-03-31' })
    expect(monthsDepreciated(quick, monthIndex('2030-01'))).toBe(0)
    expect(accumulatedDepreciation(quick, monthIndex('2030-01'))).toBe(0n)
  })

  it('residual one fen below cost: the whole life depreciates exactly one fen', () => {
    const nearly = card({ residualValue: 119_999n })
    expect(accumulatedDepreciation(nearly, monthIndex('2025-02'))).toBe(0n)
    expect(accumulatedDepreciation(nearly, monthIndex('2025-03'))).toBe(1n)
  })
})

describe('refusals name the field of the depreciation terms', () => {
  it('a missing or superfluous life names depreciation.usefulLifeMonths', () => {
    expect(
      refused(() => checkTerms({ ...card(), usefulLifeMonths: null }), 'collective.life_required').field,
    ).toBe('depreciation.usefulLifeMonths')
    expect(refused(() => checkTerms({ ...card(), method: 'none' }), 'collective.life_required').field).toBe(
      'depreciation.usefulLifeMonths',
    )
    expect(() => checkTerms({ ...card(), method: 'none', usefulLifeMonths: null })).not.toThrow()
  })

  it('a residual equal to the cost names depreciation.residualValue', () => {
    const error = refused(
      () => checkTerms({ ...card(), residualValue: 120_000n }),
      'collective.residual_too_high',
    )
    expect(error.field).toBe('depreciation.residualValue')
  })

  it('names its basis', () => {
    expect(DEPRECIATION_BASIS).toContain('当月增加的固定资产当月不提折旧')
    expect(DEPRECIATION_BASIS).toContain('当月减少的当月照提')
  })
})
