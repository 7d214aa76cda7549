import type { Database } from '@liancun/core'
import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm'
import { partyExcusals, partyMemberships, partySanctions, people, representatives } from '../schema.js'
import { activeOn, countyOfCode, outer, overlapping } from './sql.js'

export type MembershipRow = typeof partyMemberships.$inferSelect
export type ExcusalRow = typeof partyExcusals.$inferSelect

const ofPerson = (villageCode: string, personId: string) =>
  and(
    eq(partyMemberships.countyCode, countyOfCode(villageCode)),
    eq(partyMemberships.villageCode, villageCode),
    eq(partyMemberships.personId, personId),
  ) as SQL

export function membershipsOverlapping(
  q: Database,
  villageCode: string,
  personId: string,
  from: string,
): Promise<MembershipRow[]> {
  return q
    .select()
    .from(partyMemberships)
    .where(and(ofPerson(villageCode, personId), overlapping(partyMemberships, from, null)))
}

export async function currentMembership(
  q: Database,
  villageCode: string,
  personId: string,
): Promise<MembershipRow | undefined> {
  const [row] = await q
    .select()
    .from(partyMemberships)
    .where(and(ofPerson(villageCode, personId), isNull(partyMemberships.to)))
  return row
}

export async function insertMembership(
  q: Database,
  values: typeof partyMemberships.$inferInsert,
): Promise<void> {
  await q.insert(partyMemberships).values(values)
}

export async function endMembership(
  q: Database,
  row: Pick<MembershipRow, 'countyCode' | 'id'>,
  to: string,
  endReason: string | null,
): Promise<void> {
  await q
    .update(partyMemberships)
    .set({ to, endReason })
    .where(and(eq(partyMemberships.countyCode, row.countyCode), eq(partyMemberships.id, row.id)))
}

export function excusalsOverlapping(
  q: Database,
  villageCode: string,
  personId: string,
  range: { from: string; to: string | null },
): Promise<ExcusalRow[]> {
  return q
    .select()
    .from(partyExcusals)
    .where(
      and(
        eq(partyExcusals.countyCode, countyOfCode(villageCode)),
        eq(partyExcusals.villageCode, villageCode),
        eq(partyExcusals.personId, personId),
        overlapping(partyExcusals, range.from, range.to),
      ),
    )
}

export async function insertExcusal(q: Database, values: typeof partyExcusals.$inferInsert): Promise<void> {
  await q.insert(partyExcusals).values(values)
}

/**
 * The branch roster on `asOf` in one statement: each membership valid that day, its person, and
 * the excusal valid that day (at most one: excusals of a member do not overlap).
 */
export async function rosterOn(q: Database, villageCode: string, asOf: string) {
  const county = countyOfCode(villageCode)
  const excusal = sql<{ reason: string; from: string; to: string | null } | null>`(
    select json_build_object('reason', e.reason, 'from', e.valid_from, 'to', e.valid_to)
      from ${partyExcusals} e
     where e.county_code = ${county} and e.village_code = ${outer(partyMemberships.villageCode)}
       and e.person_id = ${outer(partyMemberships.personId)}
       and e.valid_from <= ${asOf} and (e.valid_to is null or e.valid_to >= ${asOf})
     order by e.valid_from limit 1)`
  const sanction = sql<{ measure: string; from: string; to: string | null } | null>`(
    select json_build_object('measure', s.measure, 'from', s.valid_from, 'to', s.valid_to)
      from ${partySanctions} s
     where s.county_code = ${county} and s.village_code = ${outer(partyMemberships.villageCode)}
       and s.person_id = ${outer(partyMemberships.personId)}
       and s.valid_from <= ${asOf} and (s.valid_to is null or s.valid_to >= ${asOf})
     order by s.valid_from limit 1)`
  return q
    .select({ membership: partyMemberships, person: people, excusal, sanction })
    .from(partyMemberships)
    .innerJoin(
      people,
      and(eq(people.countyCode, partyMemberships.countyCode), eq(people.id, partyMemberships.personId)),
    )
    .where(
      and(
        eq(partyMemberships.countyCode, county),
        eq(partyMemberships.villageCode, villageCode),
        activeOn(partyMemberships, asOf),
      ),
    )
    .orderBy(asc(people.name), asc(people.id))
}

export function sanctionsOverlapping(
  q: Database,
  villageCode: string,
  personId: string,
  range: { from: string; to: string | null },
) {
  return q
    .select()
    .from(partySanctions)
    .where(
      and(
        eq(partySanctions.countyCode, countyOfCode(villageCode)),
        eq(partySanctions.villageCode, villageCode),
        eq(partySanctions.personId, personId),
        overlapping(partySanctions, range.from, range.to),
      ),
    )
}

export async function insertSanction(q: Database, values: typeof partySanctions.$inferInsert): Promise<void> {
  await q.insert(partySanctions).values(values)
}

export function representativeTermsOverlapping(
  q: Database,
  villageCode: string,
  personId: string,
  range: { from: string; to: string | null },
) {
  return q
    .select()
    .from(representatives)
    .where(
      and(
        eq(representatives.countyCode, countyOfCode(villageCode)),
        eq(representatives.villageCode, villageCode),
        eq(representatives.personId, personId),
        overlapping(representatives, range.from, range.to),
      ),
    )
}

export async function insertRepresentative(
  q: Database,
  values: typeof representatives.$inferInsert,
): Promise<void> {
  await q.insert(representatives).values(values)
}

export function representativesOn(q: Database, villageCode: string, asOf: string) {
  return q
    .select({ rep: representatives, person: people })
    .from(representatives)
    .innerJoin(
      people,
      and(eq(people.countyCode, representatives.countyCode), eq(people.id, representatives.personId)),
    )
    .where(
      and(
        eq(representatives.countyCode, countyOfCode(villageCode)),
        eq(representatives.villageCode, villageCode),
        activeOn(representatives, asOf),
      ),
    )
    .orderBy(asc(people.name))
}
