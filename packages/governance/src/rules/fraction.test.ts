import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { minimumCount, reaches, stricterThreshold } from './fraction.js'

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
