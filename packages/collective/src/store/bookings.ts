import type { Database } from '@liancun/core'
import { and, asc, eq, gt, inArray, or, type SQL } from 'drizzle-orm'
import { bookings, households } from '../schema.js'
import type { CollectiveRow } from './registers.js'

export type BookingRow = typeof bookings.$inferSelect

export async function insertBooking(q: Database, values: typeof bookings.$inferInsert): Promise<BookingRow> {
  const [row] = await q.insert(bookings).values(values).returning()
  return row!
}

/** Bookings of a collective, in one statement: by id, kind, subject and period, or a page. */
export function bookingsOf(
  q: Database,
  c: CollectiveRow,
  query: {
    ids?: readonly string[]
    kinds?: readonly string[]
    subjectId?: string
    period?: string
    limit?: number
    after?: string | null
  } = {},
): Promise<BookingRow[]> {
  const base = q
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.countyCode, c.countyCode),
        eq(bookings.collectiveId, c.id),
        query.ids ? inArray(bookings.id, [...query.ids]) : undefined,
        query.kinds ? inArray(bookings.kind, [...query.kinds]) : undefined,
        query.subjectId === undefined ? undefined : eq(bookings.subjectId, query.subjectId),
        query.period === undefined ? undefined : eq(bookings.period, query.period),
        query.after ? gt(bookings.id, query.after) : undefined,
      ) as SQL,
    )
    .orderBy(asc(bookings.id))
  return query.limit === undefined ? base : base.limit(query.limit + 1)
}

/** Households of the collective named by id, 户号 or head's name, in one statement. */
export function householdsNamed(q: Database, c: CollectiveRow, refs: readonly string[]) {
  if (refs.length === 0) return Promise.resolve([])
  return q
    .select()
    .from(households)
    .where(
      and(
        eq(households.countyCode, c.countyCode),
        eq(households.collectiveId, c.id),
        or(
          inArray(households.id, [...refs]),
          inArray(households.number, [...refs]),
          inArray(households.headName, [...refs]),
        ),
      ) as SQL,
    )
    .orderBy(asc(households.number))
}
