import type { Database } from '@liancun/core'
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { householdMembers, households, people } from '../schema.js'
import { activeOn, byId, countyOfCode, outer, overlapping } from './sql.js'

export type HouseholdRow = typeof households.$inferSelect
export type HouseholdMemberRow = typeof householdMembers.$inferSelect

export async function insertHousehold(q: Database, values: typeof households.$inferInsert): Promise<void> {
  await q.insert(households).values(values)
}

export async function insertHouseholdMembers(
  q: Database,
  values: (typeof householdMembers.$inferInsert)[],
): Promise<void> {
  if (values.length > 0) await q.insert(householdMembers).values(values)
}

/** A household locked `FOR UPDATE` by (county, id): its members change one at a time. */
export async function lockHousehold(q: Database, id: string, countyCode: string) {
  const [row] = await q
    .select()
    .from(households)
    .where(byId(households, id, countyCode))
    .for('update')
  return row
}

/** The memberships of these people (in the village) that share a day with the range, in one statement. */
export function membershipsOverlapping(
  q: Database,
  villageCode: string,
  personIds: readonly string[],
  range: { from: string; to: string | null },
) {
  return q
    .select({
      householdId: householdMembers.householdId,
      personId: householdMembers.personId,
      from: householdMembers.from,
    })
    .from(householdMembers)
    .where(
      and(
        eq(householdMembers.countyCode, countyOfCode(villageCode)),
        eq(householdMembers.villageCode, villageCode),
        inArray(householdMembers.personId, [...personIds]),
        overlapping(householdMembers, range.from, range.to),
      ),
    )
}

/** People of the county by id, with their village (to check they belong to the household's). */
export function peopleByIds(q: Database, countyCode: string, ids: readonly string[]) {
  return q
    .select({ id: people.id, villageCode: people.villageCode })
    .from(people)
    .where(and(eq(people.countyCode, countyCode), inArray(people.id, [...ids])))
}

export async function currentHouseholdMember(
  q: Database,
  household: { countyCode: string; id: string },
  personId: string,
): Promise<HouseholdMemberRow | undefined> {
  const [row] = await q
    .select()
    .from(householdMembers)
    .where(
      and(
        eq(householdMembers.countyCode, household.countyCode),
        eq(householdMembers.householdId, household.id),
        eq(householdMembers.personId, personId),
        isNull(householdMembers.to),
      ),
    )
  return row
}

export async function endHouseholdMember(q: Database, row: HouseholdMemberRow, to: string): Promise<void> {
  await q
    .update(householdMembers)
    .set({ to })
    .where(and(eq(householdMembers.countyCode, row.countyCode), eq(householdMembers.id, row.id)))
}

/**
 * The village's households valid on `day`, each with its members valid that day, in ONE
 * statement (a correlated JSON array per household).
 */
export async function householdsOn(q: Database, villageCode: string, day: string) {
  const county = countyOfCode(villageCode)
  const members = sql<string[]>`coalesce((
    select json_agg(m.person_id order by m.valid_from, m.person_id)
      from ${householdMembers} m
     where m.county_code = ${county} and m.household_id = ${outer(households.id)}
       and m.valid_from <= ${day} and (m.valid_to is null or m.valid_to >= ${day})), '[]'::json)`.mapWith(
    (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as string[]) : (value as string[])),
  )
  return q
    .select({
      id: households.id,
      number: households.number,
      headPersonId: households.headPersonId,
      from: households.from,
      to: households.to,
      members,
    })
    .from(households)
    .where(
      and(
        eq(households.countyCode, county),
        eq(households.villageCode, villageCode),
        activeOn(households, day),
      ),
    )
    .orderBy(asc(households.number), asc(households.id))
}

/** People of a village with their birth dates: what the villagers' roster is computed from. */
export function villagersOf(q: Database, villageCode: string) {
  return q
    .select({ id: people.id, birthDate: people.birthDate })
    .from(people)
    .where(and(eq(people.countyCode, countyOfCode(villageCode)), eq(people.villageCode, villageCode)))
}
