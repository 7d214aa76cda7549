import { describe, expect, it } from 'vitest'
import { FULL_BP, formatPercent, PercentString } from './percent.js'

describe('PercentString', () => {
  it.each([
    ['55', 5_500n],
    ['55.5', 5_550n],
    ['55.50', 5_550n],
    ['0', 0n],
    ['0.05', 5n],
    ['100', 10_000n],
    ['100.0', 10_000n],
    ['100.00', 10_000n],
    ['7.25', 725n],
  ])('parses %j to %s basis points', (input, bp) => {
    expect(PercentString.parse(input)).toBe(bp)
  })

  it.each([
    '100.01',
    '101',
    '-1',
    '5.555',
    '',
    ' 5',
    '5 ',
    '5e1',
    '５',
    '55.',
    '.5',
    '1,5',
    '100.000',
    '1000',
  ])('refuses %j', (input) => {
    expect(PercentString.safeParse(input).success).toBe(false)
  })

  it('refuses a non-string', () => {
    expect(PercentString.safeParse(55).success).toBe(false)
  })
})

describe('formatPercent', () => {
  it.each([
    [5_550n, '55.50'],
    [5n, '0.05'],
    [0n, '0.00'],
    [5_500n, '55.00'],
    [FULL_BP, '100.00'],
    [1_234n, '12.34'],
  ])('formats %s basis points as %j', (bp, text) => {
    expect(formatPercent(bp)).toBe(text)
  })

  it('round-trips with PercentString', () => {
    for (let bp = 0n; bp <= FULL_BP; bp += 37n) {
      expect(PercentString.parse(formatPercent(bp))).toBe(bp)
    }
    expect(FULL_BP).toBe(10_000n)
  })
})
