import type { Database } from '@liancun/core'
import { and, asc, eq, gt, inArray, isNull, like, lte, or, type SQL } from 'drizzle-orm'
import { collectives, households, members, shareKinds } from '../schema.js'

export type CollectiveRow = typeof collectives.$inferSelect
export type HouseholdRow = typeof households.$inferSelect
export type MemberRow = typeof members.$inferSelect
export type ShareKindRow = typeof shareKinds.$inferSelect

export async function insertCollective(q: Database, values: typeof collectives.$inferInsert) {
  const [row] = await q.insert(collectives).values(values).returning()
  return row!
}

export async function findCollective(q: Database, countyCode: string, id: string, lock = false) {
  const query = q
    .select()
    .from(collectives)
    .where(and(eq(collectives.countyCode, countyCode), eq(collectives.id, id)))
  const [row] = lock ? await query.for('update') : await query
  return row
}

export async function findCollectiveOfLedger(q: Database, countyCode: string, ledgerId: string) {
  const [row] = await q
    .select()
    .from(collectives)
    .where(and(eq(collectives.countyCode, countyCode), eq(collectives.ledgerId, ledgerId)))
  return row
}

/** Registers of villages under `within` (a 12-digit village or a wider code of one county). */
export function listCollectives(
  q: Database,
  query: { countyCode: string; within: string; limit: number; after: string | null },
) {
  return q
    .select()
    .from(collectives)
    .where(
      and(
        eq(collectives.countyCode, query.countyCode),
        like(collectives.villageCode, `${query.within}%`),
        query.after ? gt(collectives.id, query.after) : undefined,
      ),
    )
    .orderBy(asc(collectives.id))
    .limit(query.limit + 1)
}

export async function insertHousehold(q: Database, values: typeof households.$inferInsert) {
  const [row] = await q.insert(households).values(values).returning()
  return row!
}

/** Households of a collective by id (all when `ids` is omitted). */
export function householdsOf(q: Database, c: CollectiveRow, ids?: readonly string[]) {
  return q
    .select()
    .from(households)
    .where(
      and(
        eq(households.countyCode, c.countyCode),
        eq(households.collectiveId, c.id),
        ids ? inArray(households.id, [...ids]) : undefined,
      ) as SQL,
    )
    .orderBy(asc(households.number))
}

export function listHouseholds(q: Database, c: CollectiveRow, page: { limit: number; after: string | null }) {
  return q
    .select()
    .from(households)
    .where(
      and(
        eq(households.countyCode, c.countyCode),
        eq(households.collectiveId, c.id),
        page.after ? gt(households.id, page.after) : undefined,
      ),
    )
    .orderBy(asc(households.id))
    .limit(page.limit + 1)
}

export async function insertMember(q: Database, values: typeof members.$inferInsert) {
  const [row] = await q.insert(members).values(values).returning()
  return row!
}

export async function findMember(q: Database, c: CollectiveRow, id: string, lock = false) {
  const query = q
    .select()
    .from(members)
    .where(and(eq(members.countyCode, c.countyCode), eq(members.collectiveId, c.id), eq(members.id, id)))
  const [row] = lock ? await query.for('update') : await query
  return row
}

/** Members of a collective by id (all when `ids` is omitted). */
export function membersOf(q: Database, c: CollectiveRow, ids?: readonly string[]) {
  return q
    .select()
    .from(members)
    .where(
      and(
        eq(members.countyCode, c.countyCode),
        eq(members.collectiveId, c.id),
        ids ? inArray(members.id, [...ids]) : undefined,
      ) as SQL,
    )
}

export function listMembers(
  q: Database,
  c: CollectiveRow,
  query: { householdId?: string; asOf?: string; limit: number; after: string | null },
) {
  const { asOf } = query
  return q
    .select()
    .from(members)
    .where(
      and(
        eq(members.countyCode, c.countyCode),
        eq(members.collectiveId, c.id),
        query.householdId ? eq(members.householdId, query.householdId) : undefined,
        // A member on a day: acquired on or before it, not lost on or before it.
        asOf ? lte(members.joinedOn, asOf) : undefined,
        asOf ? (or(isNull(members.leftOn), gt(members.leftOn, asOf)) as SQL) : undefined,
        query.after ? gt(members.id, query.after) : undefined,
      ),
    )
    .orderBy(asc(members.id))
    .limit(query.limit + 1)
}

export async function endMember(
  q: Database,
  c: CollectiveRow,
  id: string,
  values: { leftOn: string; leaveReason: string },
) {
  const [row] = await q
    .update(members)
    .set(values)
    .where(and(eq(members.countyCode, c.countyCode), eq(members.collectiveId, c.id), eq(members.id, id)))
    .returning()
  return row!
}

export async function insertShareKind(q: Database, values: typeof shareKinds.$inferInsert) {
  const [row] = await q.insert(shareKinds).values(values).returning()
  return row!
}

export function shareKindsOf(q: Database, c: CollectiveRow) {
  return q
    .select()
    .from(shareKinds)
    .where(and(eq(shareKinds.countyCode, c.countyCode), eq(shareKinds.collectiveId, c.id)))
    .orderBy(asc(shareKinds.name))
}

export async function findShareKind(q: Database, c: CollectiveRow, id: string) {
  const [row] = await q
    .select()
    .from(shareKinds)
    .where(
      and(eq(shareKinds.countyCode, c.countyCode), eq(shareKinds.collectiveId, c.id), eq(shareKinds.id, id)),
    )
  return row
}
