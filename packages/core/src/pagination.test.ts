import { describe, expect, it } from 'vitest'
import { DomainError } from './domain-error.js'
import { newId } from './ids.js'
import { cursorKey, decodeCursor, encodeCursor, MAX_CURSOR_LENGTH, PageQuery, toPage } from './pagination.js'

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url')

describe('cursor shapes', () => {
  it('round-trips every sort key the lists use', () => {
    for (const key of [newId(), '370322', '370322104', '370322104201', '37', '2024-03-01/000012/0002']) {
      const cursor = encodeCursor(key)
      expect(cursor.length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH)
      expect(decodeCursor(cursor)).toBe(key)
    }
  })

  it('refuses decodable cursors whose key no list uses', () => {
    for (const key of [
      '\u0000',
      'abc',
      "' or 1=1 --",
      '370322\u0000',
      '3703221',
      '😀',
      newId().toUpperCase(),
    ]) {
      expect(cursorKey(b64(key))).toBeNull()
    }
  })

  it('refuses undecodable, padded, non-canonical and overlong cursors', () => {
    for (const cursor of ['', '%%%', 'a', 'AA==', `${encodeCursor('370322')}=`, 'x'.repeat(10_000)]) {
      expect(cursorKey(cursor)).toBeNull()
    }
    // Base64url with trailing bits set decodes to the same bytes but is not what we return.
    expect(encodeCursor('37')).toBe('Mzc')
    expect(Buffer.from('Mzd', 'base64url').toString('utf8')).toBe('37')
    expect(cursorKey('Mzd')).toBeNull()
  })

  it('throws core.invalid_cursor naming the query field', () => {
    try {
      decodeCursor(b64('\u0000'))
      expect.unreachable()
    } catch (error) {
      expect(DomainError.isInstance(error)).toBe(true)
      expect((error as DomainError).code).toBe('core.invalid_cursor')
      expect((error as DomainError).field).toBe('querystring.cursor')
    }
  })

  it('is validated by PageQuery, one message per bad cursor', () => {
    expect(PageQuery.parse({ cursor: encodeCursor('370322') }).cursor).toBe(encodeCursor('370322'))
    for (const cursor of [b64('\u0000'), 'x'.repeat(MAX_CURSOR_LENGTH + 1), '!!']) {
      const issues = PageQuery.safeParse({ cursor }).error?.issues ?? []
      expect(issues.map((i) => i.path.join('.'))).toEqual(['cursor'])
    }
  })
})

describe('pagination: what a refusal and an empty page say', () => {
  it('refuses a bad cursor as invalid input on the query field', () => {
    try {
      decodeCursor('Mzd')
      expect.unreachable()
    } catch (error) {
      expect(error).toMatchObject({
        code: 'core.invalid_cursor',
        kind: 'invalid',
        field: 'querystring.cursor',
      })
    }
  })

  it('gives a page of size zero no next cursor', () => {
    expect(toPage([{ k: '37' }], 0, (r) => r.k)).toEqual({ items: [], nextCursor: null })
  })
})
