import { describe, expect, it } from 'vitest'
import { formatMu, MuString, muUnits, normalizeMu } from './area.js'

// 亩 as exact decimals, at most four places (numeric(14,4)); written on the wire as a string and
// summed as integer ten-thousandths, never as a float.

describe('亩 strings on the wire', () => {
  it('a whole number of 亩 needs no decimal part; a trailing point or a fifth place is refused', () => {
    expect(MuString.safeParse('80').success).toBe(true)
    expect(MuString.safeParse('0.0001').success).toBe(true)
    expect(MuString.safeParse('80.').success).toBe(false)
    expect(MuString.safeParse('.5').success).toBe(false)
    expect(MuString.safeParse('080').success).toBe(false)
    expect(MuString.safeParse('0.0000').success).toBe(false)
  })

  it('numeric(14,4): ten whole digits at most', () => {
    expect(MuString.safeParse('9999999999.9999').success).toBe(true)
    expect(MuString.safeParse('10000000000').success).toBe(false)
  })
})

describe('ten-thousandths of a 亩 and back', () => {
  it('known answers', () => {
    expect(muUnits('80')).toBe(800_000n)
    expect(muUnits('80.5')).toBe(805_000n)
    expect(muUnits('0.0001')).toBe(1n)
    expect(muUnits('12345.6789')).toBe(123_456_789n)
    expect(formatMu(800_000n)).toBe('80')
    expect(formatMu(0n)).toBe('0')
    expect(formatMu(805_000n)).toBe('80.5')
    expect(formatMu(123_456_789n)).toBe('12345.6789')
  })

  it('normalises what PostgreSQL returns for numeric(14,4) to the shortest exact form', () => {
    expect(normalizeMu('80.0000')).toBe('80')
    expect(normalizeMu('80.5000')).toBe('80.5')
    expect(normalizeMu('0.0100')).toBe('0.01')
    expect(normalizeMu('12345.6789')).toBe('12345.6789')
  })
})
