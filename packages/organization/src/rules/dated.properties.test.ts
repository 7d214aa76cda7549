import { addDays, type DateRange } from '@liancun/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { firstOverlap, maxConcurrent } from './dated.js'

/**
 * maxConcurrent against its definition — the most ranges valid on any one day of the window,
 * counted day by day — over random ranges in a 60-day span, with a fixed seed. The shortcut it takes
 * (checking only the window's first day and the days ranges start or end) must agree everywhere.
 */
const START = '2024-02-01'
const SPAN = 60
const dayOf = (offset: number) => addDays(START, offset)
const range = fc
  .tuple(fc.integer({ min: 0, max: SPAN }), fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }))
  .map(
    ([from, length]): DateRange => ({ from: dayOf(from), to: length === null ? null : dayOf(from + length) }),
  )

function byDefinition(existing: readonly DateRange[], window: DateRange): number {
  // Past the span and the longest range every count is constant, so 90 days past START suffice.
  const last = window.to ?? dayOf(SPAN + 30)
  let max = 0
  for (let day = window.from; day <= last; day = addDays(day, 1)) {
    const valid = existing.filter((r) => r.from <= day && (r.to === null || day <= r.to)).length
    max = Math.max(max, valid)
  }
  return max
}

describe('maxConcurrent equals the day-by-day count (one chair / secretary at a time checks)', () => {
  it('agrees on random ranges and windows, open-ended ones included', () => {
    fc.assert(
      fc.property(fc.array(range, { maxLength: 8 }), range, (existing, window) => {
        expect(maxConcurrent(existing, window)).toBe(byDefinition(existing, window))
      }),
      { seed: 20261201, numRuns: 300 },
    )
  })

  it('agrees with firstOverlap on whether any range shares a day with the window', () => {
    fc.assert(
      fc.property(fc.array(range, { maxLength: 8 }), range, (existing, window) => {
        expect(maxConcurrent(existing, window) > 0).toBe(firstOverlap(existing, window) !== undefined)
      }),
      { seed: 20261202, numRuns: 300 },
    )
  })

  it('counts two ranges meeting on one day as concurrent, and ranges a day apart as not', () => {
    const window = { from: '2024-01-01', to: '2024-12-31' }
    expect(
      maxConcurrent(
        [
          { from: '2024-01-01', to: '2024-03-01' },
          { from: '2024-03-01', to: null },
        ],
        window,
      ),
    ).toBe(2)
    expect(
      maxConcurrent(
        [
          { from: '2024-01-01', to: '2024-02-29' },
          { from: '2024-03-01', to: null },
        ],
        window,
      ),
    ).toBe(1)
    // A range ending the day before the window is outside it.
    expect(maxConcurrent([{ from: '2023-01-01', to: '2023-12-31' }], window)).toBe(0)
  })
})
