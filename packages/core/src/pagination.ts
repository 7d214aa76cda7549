import { z } from 'zod'
import { DomainError } from './domain-error.js'

/** A page of a list: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface PageRequest {
  limit: number
  /** The last sort key of the previous page, decoded from the client's cursor. */
  after: string | null
}

export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 500

/**
 * The shapes of every sort key a list pages by: ids (UUIDv7), division codes (2, 4, 6, 9 or 12 digits)
 * and ledger entry keys (`date/voucher number/line number`, e.g. `2024-03-01/000012/0002`). A
 * decoded cursor must have one of them, so a forged cursor can never carry a NUL, a non-ASCII
 * character or an arbitrary string into a query; a well-formed key of another list merely pages
 * past nothing.
 */
const SORT_KEY = new RegExp(
  [
    '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    '[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}',
    '[0-9]{4}-[0-9]{2}-[0-9]{2}/[0-9]{6}/[0-9]{4}',
  ]
    .map((shape) => `^(?:${shape})$`)
    .join('|'),
)

/** No cursor this API returns is longer (the longest key, an id, encodes to 48 characters). */
export const MAX_CURSOR_LENGTH = 64

/** Cursors are opaque to clients: base64url of the last item's sort key. */
export function encodeCursor(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64url')
}

/** The sort key inside `cursor`, or null unless it is a cursor this API could have returned. */
export function cursorKey(cursor: string): string | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8')
  return SORT_KEY.test(decoded) && encodeCursor(decoded) === cursor ? decoded : null
}

export function decodeCursor(cursor: string): string {
  const decoded = cursorKey(cursor)
  if (decoded === null) {
    throw new DomainError('core.invalid_cursor', 'cursor is not one this API returned', {
      kind: 'invalid',
      field: 'querystring.cursor',
    })
  }
  return decoded
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells that more exist.
 * `sortKey` must be the column the query orders and filters by (`> after`).
 */
export function toPage<T>(rows: T[], limit: number, sortKey: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(sortKey(last)) : null }
}

/** Query-string part of every list endpoint. */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .meta({ description: `page size, 1–${MAX_PAGE_SIZE}` }),
  // Checked here, with the other query fields, so a bad cursor is a 400 naming `querystring.cursor`
  // before any handler runs.
  cursor: z
    .string()
    .max(MAX_CURSOR_LENGTH, { abort: true })
    .refine((cursor) => cursorKey(cursor) !== null, 'is not a cursor this API returned')
    .optional()
    .meta({ description: 'nextCursor of the previous page' }),
})

export function pageRequest(query: { limit?: number; cursor?: string | undefined }): PageRequest {
  return { limit: query.limit ?? DEFAULT_PAGE_SIZE, after: query.cursor ? decodeCursor(query.cursor) : null }
}
