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

/** Cursors are opaque to clients: base64url of the last item's sort key. */
export function encodeCursor(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string): string {
  const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : ''
  if (decoded === '' || encodeCursor(decoded) !== cursor) {
    throw new DomainError('core.invalid_cursor', 'cursor is not one this API returned', {
      kind: 'invalid',
      field: 'cursor',
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
  cursor: z.string().optional().meta({ description: 'nextCursor of the previous page' }),
})

export function pageRequest(query: { limit?: number; cursor?: string | undefined }): PageRequest {
  return { limit: query.limit ?? DEFAULT_PAGE_SIZE, after: query.cursor ? decodeCursor(query.cursor) : null }
}
