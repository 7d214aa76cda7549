import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { describeThreshold, minimumCount, reaches, stricterThreshold } from './fraction.js'

const half = { comparator: 'gt', num: 1, den: 2 } as const
const twoThirds = { comparator: 'gte', num: 2, den: 3 } as const

describe('thresholds', () => {
  it('decides the boundaries exactly', () => {
    expect(reaches(5, 10, half)).toBe(false) // exactly half is not more than half
    expect(reaches(6, 10, half)).toBe(true)
    expect(reaches(6, 9, twoThirds)).toBe(true) // exactly 2/3 is at least 2/3
    expect(reaches(5, 9, twoThirds)).toBe(false)
    expect(reaches(0, 0, half)).toBe(false)
  })

  it('names the minimum count', () => {
    expect(minimumCount(10, half)).toBe(6)
    expect(minimumCount(11, half)).toBe(6)
    expect(minimumCount(9, twoThirds)).toBe(6)
    expect(minimumCount(10, twoThirds)).toBe(7)
  })

  it('has minimumCount as the exact boundary (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(half, twoThirds), (base, t) => {
        const m = minimumCount(base, t)
        expect(reaches(m, base, t)).toBe(true)
        expect(reaches(m - 1, base, t)).toBe(false)
      }),
    )
  })

  it('picks the stricter threshold', () => {
    expect(stricterThreshold(half, twoThirds)).toBe(twoThirds)
    expect(stricterThreshold({ comparator: 'gte', num: 1, den: 2 }, half)).toBe(half)
  })
})

describe('thresholds, stated as boundary tables', () => {
  const atLeastHalf = { comparator: 'gte', num: 1, den: 2 } as const
  const moreThanTwoThirds = { comparator: 'gt', num: 2, den: 3 } as const
  const threeFifths = { comparator: 'gte', num: 3, den: 5 } as const

  it.each([
    // count, base, threshold, reached
    [6, 9, twoThirds, true], // exactly 2/3 is at least 2/3
    [5, 9, twoThirds, false], // one short
    [6, 9, moreThanTwoThirds, false], // exactly 2/3 is not more than 2/3
    [7, 9, moreThanTwoThirds, true],
    [5, 10, half, false], // exactly half is not more than half
    [6, 10, half, true],
    [5, 10, atLeastHalf, true], // exactly half is at least half
    [4, 10, atLeastHalf, false],
    [3, 5, threeFifths, true],
    [2, 5, threeFifths, false],
    [0, 0, half, false], // 0 of 0 is never a quorum
    [0, 0, twoThirds, false],
    [0, 0, atLeastHalf, false],
    [1, 0, half, false], // nor is anything out of an empty base
    [1, -1, twoThirds, false],
    [0, 3, twoThirds, false],
    [3, 3, twoThirds, true],
  ] as const)('%i of %i against %o → %s', (count, base, threshold, reached) => {
    expect(reaches(count, base, threshold)).toBe(reached)
  })

  it.each([
    [9, twoThirds, 6], // 2/3 of 9 is exactly 6
    [10, twoThirds, 7], // 6.67 rounds up
    [9, moreThanTwoThirds, 7], // more than exactly 6
    [10, moreThanTwoThirds, 7],
    [10, half, 6],
    [11, half, 6],
    [10, atLeastHalf, 5],
    [11, atLeastHalf, 6],
    [1, half, 1],
    [1, twoThirds, 1],
    [0, twoThirds, 1], // an empty base needs at least one (and is never reached)
    [0, half, 1],
    [-3, atLeastHalf, 1],
  ] as const)('out of %i, %o needs %i', (base, threshold, minimum) => {
    expect(minimumCount(base, threshold)).toBe(minimum)
  })

  it('takes the larger fraction whichever argument it is', () => {
    expect(stricterThreshold(half, twoThirds)).toBe(twoThirds)
    expect(stricterThreshold(twoThirds, half)).toBe(twoThirds)
    expect(stricterThreshold(threeFifths, half)).toBe(threeFifths)
    expect(stricterThreshold(half, threeFifths)).toBe(threeFifths)
    expect(stricterThreshold(moreThanTwoThirds, threeFifths)).toBe(moreThanTwoThirds)
  })

  it('at equal fractions takes "more than" over "at least", whichever argument it is', () => {
    expect(stricterThreshold(half, atLeastHalf)).toBe(half)
    expect(stricterThreshold(atLeastHalf, half)).toBe(half)
    expect(stricterThreshold(twoThirds, moreThanTwoThirds)).toBe(moreThanTwoThirds)
    expect(stricterThreshold(moreThanTwoThirds, twoThirds)).toBe(moreThanTwoThirds)
    // 2/4 and 1/2 are the same fraction
    const twoQuarters = { comparator: 'gte', num: 2, den: 4 } as const
    expect(stricterThreshold(twoQuarters, half)).toBe(half)
    expect(stricterThreshold(half, twoQuarters)).toBe(half)
  })

  it('describes a threshold as the minutes show it', () => {
    expect(describeThreshold(half)).toBe('more than 1/2')
    expect(describeThreshold(atLeastHalf)).toBe('at least 1/2')
    expect(describeThreshold(twoThirds)).toBe('at least 2/3')
    expect(describeThreshold(moreThanTwoThirds)).toBe('more than 2/3')
    expect(describeThreshold({ comparator: 'gte', num: 1, den: 3 })).toBe('at least 1/3')
  })

  it('reaches exactly from minimumCount on, for any fraction (property, fixed seed)', () => {
    const threshold = fc
      .tuple(
        fc.constantFrom('gt' as const, 'gte' as const),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
      )
      .filter(([, num, den]) => num < den)
      .map(([comparator, num, den]) => ({ comparator, num, den }))
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), threshold, (base, t) => {
        const m = minimumCount(base, t)
        for (const count of [m - 1, m, m + 1]) {
          const exact = count / base
          const expected = t.comparator === 'gt' ? exact > t.num / t.den : count * t.den >= t.num * base
          expect(reaches(count, base, t)).toBe(expected)
        }
        expect(reaches(m, base, t)).toBe(true)
        expect(reaches(m - 1, base, t)).toBe(false)
      }),
      { seed: 20240301, numRuns: 200 },
    )
  })
})
