import { describe, expect, it } from 'vitest'
import {
  accumulatedDepreciation,
  bookValueOn,
  checkTerms,
  type DepreciationTerms,
  monthIndex,
  monthlyCharge,
  monthsClosedBy,
} from './depreciation.js'
import { refused as expectDomainError } from './refused.test-helper.js'

const card = (over: Partial<DepreciationTerms> = {}): DepreciationTerms => ({
  cost: 100_000n,
  acquiredOn: '2024-03-15',
  method: 'straight_line',
  usefulLifeMonths: 3,
  residualValue: 0n,
  disposedOn: null,
  ...over,
})

describe('固定资产折旧 (2023 制度; 2004: 当月增加当月不提, 当月减少当月照提)', () => {
  it('starts the month after acquisition', () => {
    expect(monthlyCharge(card(), monthIndex('2024-03'))).toBe(0n)
    expect(monthlyCharge(card(), monthIndex('2024-04'))).toBe(33_333n)
  })

  it('charges whole fen that sum to exactly cost − residual at the end of the life, then stop', () => {
    const charges = ['2024-04', '2024-05', '2024-06', '2024-07'].map((m) =>
      monthlyCharge(card(), monthIndex(m)),
    )
    expect(charges).toEqual([33_333n, 33_333n, 33_334n, 0n])
    expect(accumulatedDepreciation(card(), monthIndex('2030-01'))).toBe(100_000n)
    expect(accumulatedDepreciation(card({ residualValue: 10_000n }), monthIndex('2030-01'))).toBe(90_000n)
  })

  it('depreciates the month of disposal and nothing after', () => {
    const disposed = card({ usefulLifeMonths: 10, disposedOn: '2024-05-02' })
    expect(monthlyCharge(disposed, monthIndex('2024-05'))).toBe(10_000n)
    expect(monthlyCharge(disposed, monthIndex('2024-06'))).toBe(0n)
    expect(accumulatedDepreciation(disposed, monthIndex('2025-01'))).toBe(20_000n)
  })

  it('counts a month as closed on its last day only', () => {
    expect(monthsClosedBy('2024-04-30')).toBe(monthIndex('2024-04'))
    expect(monthsClosedBy('2024-04-29')).toBe(monthIndex('2024-03'))
    expect(monthsClosedBy('2024-02-29')).toBe(monthIndex('2024-02'))
    expect(bookValueOn(card(), '2024-04-29').netBookValue).toBe(100_000n)
    expect(bookValueOn(card(), '2024-04-30')).toMatchObject({
      accumulatedDepreciation: 33_333n,
      netBookValue: 66_667n,
    })
  })

  it('takes no depreciation under method none', () => {
    expect(
      accumulatedDepreciation(card({ method: 'none', usefulLifeMonths: null }), monthIndex('2030-01')),
    ).toBe(0n)
  })

  it('needs a useful life for straight line, none for method none, and residual below cost', () => {
    expectDomainError(() => checkTerms({ ...card(), usefulLifeMonths: null }), 'collective.life_required')
    expectDomainError(() => checkTerms({ ...card(), method: 'none' }), 'collective.life_required')
    expectDomainError(
      () => checkTerms({ ...card(), residualValue: 100_000n }),
      'collective.residual_too_high',
    )
    expect(() => checkTerms({ ...card(), residualValue: 99_999n })).not.toThrow()
  })
})
