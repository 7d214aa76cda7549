import { describe, expect, it } from 'vitest'
import { firstOverlap, maxConcurrent } from './dated.js'

describe('firstOverlap', () => {
  const ranges = [
    { id: 'a', from: '2020-01-01', to: '2020-12-31' },
    { id: 'b', from: '2022-01-01', to: null },
  ]
  it('finds a range sharing a day, inclusive at both ends', () => {
    expect(firstOverlap(ranges, { from: '2020-12-31', to: '2021-06-30' })?.id).toBe('a')
    expect(firstOverlap(ranges, { from: '2030-01-01', to: null })?.id).toBe('b')
  })
  it('finds nothing in a gap', () => {
    expect(firstOverlap(ranges, { from: '2021-01-01', to: '2021-12-31' })).toBeUndefined()
  })
})

describe('maxConcurrent', () => {
  it('counts the most ranges valid on one day of the window', () => {
    const ranges = [
      { from: '2019-01-01', to: '2020-12-31' },
      { from: '2020-06-01', to: null },
      { from: '2021-01-01', to: null },
    ]
    expect(maxConcurrent(ranges, { from: '2019-01-01', to: null })).toBe(2)
    expect(maxConcurrent(ranges, { from: '2019-01-01', to: '2020-05-31' })).toBe(1)
    expect(maxConcurrent(ranges, { from: '2030-01-01', to: null })).toBe(2)
  })
  it('sees a later start inside the window', () => {
    expect(maxConcurrent([{ from: '2025-01-01', to: null }], { from: '2024-01-01', to: null })).toBe(1)
    expect(maxConcurrent([], { from: '2024-01-01', to: null })).toBe(0)
  })
})
