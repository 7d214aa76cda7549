import { describe, expect, it } from 'vitest'
import { businessDateOf, fixedClock } from './clock.js'
import { addDays, daysBetween, isActiveOn, isBusinessDate, rangesOverlap } from './dates.js'
import { DomainError } from './domain-error.js'
import { countyOfId, isId, newId } from './ids.js'
import { decodeCursor, encodeCursor, toPage } from './pagination.js'

describe('ids', () => {
  it('makes UUIDv7 with the timestamp in front, strictly increasing', () => {
    const id = newId(undefined, Date.UTC(2024, 0, 1))
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2024, 0, 1))
    const ids = Array.from({ length: 1000 }, () => newId())
    expect(new Set(ids).size).toBe(1000)
    expect([...ids].sort()).toEqual(ids)
    expect(isId(ids[0]!)).toBe(true)
    expect(isId('not-an-id')).toBe(false)
  })
})

describe('clock and dates', () => {
  it('reads business dates in Asia/Shanghai', () => {
    expect(fixedClock('2024-03-01T17:00:00Z').today()).toBe('2024-03-02')
    expect(businessDateOf(new Date('2024-03-01T15:59:59Z'))).toBe('2024-03-01')
    const clock = fixedClock('2024-01-01T00:00:00Z')
    clock.set('2025-01-01T00:00:00Z')
    expect(clock.today()).toBe('2025-01-01')
  })

  it('validates calendar dates', () => {
    expect(isBusinessDate('2024-02-29')).toBe(true)
    expect(isBusinessDate('2023-02-29')).toBe(false)
    expect(isBusinessDate('2024-02-30')).toBe(false)
    expect(isBusinessDate('2024-3-1')).toBe(false)
  })

  it('handles inclusive and open-ended ranges', () => {
    expect(isActiveOn({ from: '2024-01-01', to: '2024-01-31' }, '2024-01-31')).toBe(true)
    expect(isActiveOn({ from: '2024-01-01', to: '2024-01-31' }, '2024-02-01')).toBe(false)
    expect(isActiveOn({ from: '2024-01-01', to: null }, '2099-01-01')).toBe(true)
    expect(rangesOverlap({ from: '2024-01-01', to: '2024-01-31' }, { from: '2024-01-31', to: null })).toBe(
      true,
    )
    expect(rangesOverlap({ from: '2024-01-01', to: '2024-01-31' }, { from: '2024-02-01', to: null })).toBe(
      false,
    )
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(365)
  })
})

describe('pagination', () => {
  it('round-trips cursors and refuses garbage', () => {
    expect(decodeCursor(encodeCursor('370322104203'))).toBe('370322104203')
    for (const bad of ['%%%', '', 'a']) {
      try {
        decodeCursor(bad)
        expect.unreachable()
      } catch (error) {
        expect((error as DomainError).code).toBe('core.invalid_cursor')
      }
    }
  })

  it('sets nextCursor only when more rows exist', () => {
    expect(toPage([1, 2, 3], 2, String)).toEqual({ items: [1, 2], nextCursor: encodeCursor('2') })
    expect(toPage([1, 2], 2, String)).toEqual({ items: [1, 2], nextCursor: null })
  })
})

describe('DomainError', () => {
  it('carries code, kind, field and context', () => {
    const error = new DomainError('x.y', 'message', { kind: 'conflict', field: 'a.b', context: { n: 1 } })
    expect(error).toMatchObject({ code: 'x.y', kind: 'conflict', field: 'a.b', context: { n: 1 } })
    expect(new DomainError('x.y', 'm').kind).toBe('rule')
    expect(DomainError.isInstance(new Error('plain'))).toBe(false)
  })
})

describe('ids that carry their county', () => {
  it('round-trip every county code, stay time-ordered and valid UUIDs', () => {
    for (const county of ['000000', '370322', '999999', '110101', '654326']) {
      const id = newId(county)
      expect(isId(id)).toBe(true)
      expect(id[14]).toBe('8')
      expect(['8', '9', 'a', 'b']).toContain(id[19])
      expect(countyOfId(id)).toBe(county)
    }
    // Strictly increasing among ids with a county (the version nibble sorts v8 after v7 within one ms).
    const ids = [newId('370322'), newId('000000'), newId('370323'), newId('370322')]
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('tells nothing for an id without one', () => {
    expect(countyOfId(newId())).toBeNull()
    expect(countyOfId('not-an-id')).toBeNull()
    expect(countyOfId('019a4c1e-7b2a-8c3d-0e4f-0123456789ab')).toBeNull()
    expect(() => newId('37032')).toThrow(/6-digit/)
  })

  it('decodes a known id (the layout is part of the contract)', () => {
    // 370322 = 0b0101_1010_0110_1001_0010 → byte8 0x96 (variant 10, then 010110), byte9 0x9a, byte10 0x48
    expect(countyOfId('019a4c1e-7b2a-8000-969a-480000000000')).toBe('370322')
  })
})
