import { describe, expect, it } from 'vitest'
import { businessDateOf, fixedClock, systemClock } from './clock.js'
import { addDays, BusinessDate, daysBetween, isActiveOn, isBusinessDate, rangesOverlap } from './dates.js'
import { DomainError, notFound } from './domain-error.js'
import { countyOfId, isId, newId } from './ids.js'
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  PageQuery,
  pageRequest,
  toPage,
} from './pagination.js'

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

  it('draws fresh random bytes for every id, across refills of the random pool', () => {
    // 42 random bits in the last 12 hex digits of a county id: 5,000 ids span many 4 KiB refills;
    // a repeat would mean bytes handed out twice.
    const tails = Array.from({ length: 5000 }, () => newId('370322').slice(-12))
    expect(new Set(tails).size).toBe(tails.length)
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

describe('dates: boundaries, stated', () => {
  it.each([
    ['1900-01-01', true],
    ['1899-12-31', false],
    ['2099-12-31', true],
    ['2100-01-01', false],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-04-31', false],
    ['2024-4-01', false],
    ['2024-04-01T00:00', false],
    [' 2024-04-01', false],
  ])('%j is a business date: %s', (value, ok) => {
    expect(isBusinessDate(value)).toBe(ok)
    expect(BusinessDate.safeParse(value).success).toBe(ok)
  })

  const range = (from: string, to: string | null) => ({ from, to })
  it.each([
    // a, b → overlap (checked both ways: overlap is symmetric)
    [range('2024-01-01', '2024-01-31'), range('2024-01-31', '2024-02-28'), true], // share the last day
    [range('2024-01-01', '2024-01-31'), range('2024-02-01', '2024-02-28'), false], // adjacent
    [range('2024-01-01', null), range('2023-01-01', '2023-12-31'), false],
    [range('2024-01-01', null), range('2023-01-01', '2024-01-01'), true],
    [range('2024-01-01', null), range('2030-01-01', null), true],
    [range('2024-03-01', '2024-03-01'), range('2024-01-01', '2024-12-31'), true],
  ])('%o and %o overlap: %s', (a, b, overlap) => {
    expect(rangesOverlap(a, b)).toBe(overlap)
    expect(rangesOverlap(b, a)).toBe(overlap)
  })

  it('is active from the first day through the last, and for ever without an end', () => {
    const r = range('2024-01-10', '2024-01-20')
    expect([
      isActiveOn(r, '2024-01-09'),
      isActiveOn(r, '2024-01-10'),
      isActiveOn(r, '2024-01-20'),
      isActiveOn(r, '2024-01-21'),
    ]).toEqual([false, true, true, false])
    expect(isActiveOn(range('2024-01-10', null), '2099-12-31')).toBe(true)
    expect(isActiveOn(range('2024-01-10', null), '2024-01-09')).toBe(false)
  })

  it('counts and adds calendar days across months, leap days and years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2)
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1)
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2)
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366)
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
    expect(addDays('2024-03-01', 0)).toBe('2024-03-01')
  })
})

describe('clock', () => {
  it('changes the business date at 16:00 UTC (midnight in Shanghai)', () => {
    expect(businessDateOf(new Date('2024-03-01T15:59:59.999Z'))).toBe('2024-03-01')
    expect(businessDateOf(new Date('2024-03-01T16:00:00.000Z'))).toBe('2024-03-02')
  })

  it('stops a fixed clock until it is set, handing out copies', () => {
    const clock = fixedClock('2024-03-01T16:30:00Z')
    const now = clock.now()
    now.setUTCFullYear(2000)
    expect(clock.now().toISOString()).toBe('2024-03-01T16:30:00.000Z')
    expect(clock.today()).toBe('2024-03-02')
    clock.set(new Date('2024-05-01T00:00:00Z'))
    expect(clock.today()).toBe('2024-05-01')
    expect(clock.now().toISOString()).toBe('2024-05-01T00:00:00.000Z')
    expect(systemClock.today()).toBe(businessDateOf(new Date()))
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(5_000)
  })
})

describe('ids: layout and order', () => {
  it('rolls over to the next millisecond after 4096 ids in one', () => {
    const at = Date.UTC(2030, 0, 1)
    const ids = Array.from({ length: 4200 }, () => newId(undefined, at))
    expect([...ids].sort()).toEqual(ids)
    const millis = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)
    expect(millis(ids[0]!)).toBe(at)
    expect(millis(ids.at(-1)!)).toBe(at + 1)
    // an earlier clock never moves ids back
    expect(millis(newId(undefined, at - 1000))).toBe(at + 1)
    for (const id of ids.slice(0, 50))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('carries the county in a v8 id, and refuses a county that is not 6 digits', () => {
    const id = newId('370322', Date.UTC(2031, 0, 1))
    expect(id[14]).toBe('8')
    expect(countyOfId(id)).toBe('370322')
    expect(countyOfId(newId('000001', Date.UTC(2031, 0, 2)))).toBe('000001')
    expect(countyOfId(newId('999999', Date.UTC(2031, 0, 3)))).toBe('999999')
    expect(() => newId('37032')).toThrow(/not a 6-digit county code/)
    expect(() => newId('3703222')).toThrow()
    // a v8 id whose variant bits are not 10, or whose county field exceeds 999999, carries none
    expect(countyOfId('01a23124-34cc-8000-c000-000000000000')).toBeNull()
    expect(countyOfId('01a23124-34cc-8000-bd09-000000000000')).toBeNull() // 1,000,000
    expect(countyOfId('01a23124-34cc-8000-bd08-fc0000000000')).toBe('999999')
    expect(countyOfId('01A23124-34CC-8000-BD08-FC0000000000')).toBeNull()
  })
})

describe('pagination: pages and requests', () => {
  it('sets the next cursor from the last item shown only when a row beyond the page exists', () => {
    const key = (row: { k: string }) => row.k
    const rows = [{ k: '37' }, { k: '38' }, { k: '39' }]
    expect(toPage(rows, 2, key)).toEqual({ items: rows.slice(0, 2), nextCursor: encodeCursor('38') })
    expect(toPage(rows, 3, key)).toEqual({ items: rows, nextCursor: null })
    expect(toPage([], 3, key)).toEqual({ items: [], nextCursor: null })
  })

  it('reads the page size and cursor, with the defaults', () => {
    expect(pageRequest({})).toEqual({ limit: DEFAULT_PAGE_SIZE, after: null })
    expect(pageRequest({ limit: 7, cursor: encodeCursor('370322') })).toEqual({ limit: 7, after: '370322' })
    expect(PageQuery.parse({})).toEqual({ limit: 50 })
    expect(PageQuery.parse({ limit: '500' }).limit).toBe(500)
    expect(PageQuery.safeParse({ limit: '501' }).success).toBe(false)
    expect(PageQuery.safeParse({ limit: '0' }).success).toBe(false)
    expect(PageQuery.parse({ limit: '1' }).limit).toBe(1)
    expect(MAX_PAGE_SIZE).toBe(500)
    expect(DEFAULT_PAGE_SIZE).toBe(50)
  })
})

describe('DomainError: what a caller reads', () => {
  it('defaults to a rule refusal, keeps a cause, and is recognised across copies', () => {
    const cause = new Error('db')
    const error = new DomainError('x.y', 'text', { cause })
    expect([error.name, error.kind, error.field, error.context, error.cause]).toEqual([
      'DomainError',
      'rule',
      undefined,
      {},
      cause,
    ])
    expect('cause' in new DomainError('x.y', 'text')).toBe(false)
    expect(DomainError.isInstance({ [Symbol.for('liancun.domain-error')]: true })).toBe(true)
    expect(DomainError.isInstance({ [Symbol('liancun.domain-error')]: true })).toBe(false)
    expect(DomainError.isInstance(null)).toBe(false)
    expect(DomainError.isInstance('liancun.domain-error')).toBe(false)
    expect(DomainError.isInstance(new Error('plain'))).toBe(false)
  })

  it('makes not-found errors, with a context only when given', () => {
    const error = notFound('x.not_found', 'no x', { id: 'a' })
    expect([error.code, error.kind, error.context]).toEqual(['x.not_found', 'not_found', { id: 'a' }])
    expect(notFound('x.not_found', 'no x').context).toEqual({})
  })
})

describe('ids: the sequence and the pattern', () => {
  const sequenceOf = (id: string) => Number.parseInt(id.slice(15, 18), 16)
  it('uses every sequence value up to 0xfff, and starts a new millisecond low', () => {
    const at = Date.UTC(2032, 0, 1)
    const ids = Array.from({ length: 4200 }, () => newId(undefined, at))
    expect(ids.some((id) => sequenceOf(id) === 0xfff)).toBe(true)
    const next = newId(undefined, at + 10)
    expect(sequenceOf(next)).toBeLessThanOrEqual(0x3ff)
  })

  it('accepts only whole lowercase UUIDs', () => {
    const id = '01a23124-34cc-72c6-b231-6ab3268522f1'
    expect(isId(id)).toBe(true)
    expect(isId(`x${id}`)).toBe(false)
    expect(isId(`${id}0`)).toBe(false)
    expect(countyOfId(`${id}0`)).toBeNull()
  })

  it('does not take a function carrying the marker for a DomainError', () => {
    const fn = Object.assign(() => undefined, { [Symbol.for('liancun.domain-error')]: true })
    expect(DomainError.isInstance(fn)).toBe(false)
  })
})
