import type { Database } from '@liancun/core'
import { and, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm'
import { matterDisclosures, matters, objections } from '../schema.js'
import type { MatterRow } from './matters.js'
import { overridesJson, type StoredOverride } from './rules.js'
import { byId, countyOfCode, fromJson, outer, readById } from './sql.js'

export type ObjectionRow = typeof objections.$inferSelect
export type DisclosureRow = typeof matterDisclosures.$inferSelect

export async function insertDisclosure(
  q: Database,
  values: typeof matterDisclosures.$inferInsert,
): Promise<DisclosureRow> {
  const [row] = await q.insert(matterDisclosures).values(values).returning()
  return row!
}

export async function insertObjection(
  q: Database,
  values: typeof objections.$inferInsert,
): Promise<ObjectionRow> {
  const [row] = await q.insert(objections).values(values).returning()
  return row!
}

/**
 * An objection locked `FOR UPDATE` by `(county_code, id)` (its county from `countyOfRow`), with
 * its matter's village (to authorise on) and the rule overrides of that village, in one statement.
 */
export async function lockObjection(
  q: Database,
  countyCode: string,
  id: string,
): Promise<{ row: ObjectionRow; villageCode: string; overrides: StoredOverride[] } | undefined> {
  const [found] = await q
    .select({
      row: getTableColumns(objections),
      villageCode: matters.villageCode,
      overrides: overridesJson(matters, countyCode, matters.villageCode),
    })
    .from(objections)
    .innerJoin(
      matters,
      and(eq(matters.countyCode, objections.countyCode), eq(matters.id, objections.matterId)),
    )
    .where(byId(objections, id, countyCode))
    .for('update')
  return found
}

/** The matter an objection belongs to. */
export async function objectionMatterId(q: Database, id: string): Promise<string | undefined> {
  const [row] = await readById(q, objections, id, (d, where) =>
    d.select({ matterId: objections.matterId }).from(objections).where(where),
  )
  return row?.matterId
}

export async function answerObjection(
  q: Database,
  objection: { countyCode: string; id: string },
  set: Pick<ObjectionRow, 'outcome' | 'respondedOn' | 'response'>,
): Promise<ObjectionRow> {
  const [row] = await q
    .update(objections)
    .set(set)
    .where(byId(objections, objection.id, objection.countyCode))
    .returning()
  return row!
}

/**
 * The objections of the outer matter row, oldest first, as a JSON array; on the outer row's county
 * (bound, or its column for a read by an older id).
 */
const objectionsJson = (county: string | SQL) =>
  sql<ObjectionRow[]>`coalesce((
  select json_agg(json_build_object(
           'countyCode', o.county_code, 'id', o.id, 'matterId', o.matter_id, 'submittedOn', o.submitted_on,
           'content', o.content, 'dueOn', o.due_on, 'outcome', o.outcome, 'respondedOn', o.responded_on,
           'response', o.response)
         order by o.submitted_on, o.id)
    from ${objections} o
   where o.county_code = ${county} and o.matter_id = ${outer(matters, matters.id)}), '[]'::json)`.mapWith(
    (value) => fromJson<ObjectionRow[]>(value),
  )

/** A matter with its objections, in one statement. */
export async function matterWithObjections(
  q: Database,
  id: string,
): Promise<{ row: MatterRow; objections: ObjectionRow[] } | undefined> {
  const [found] = await readById(q, matters, id, (d, where, county) =>
    d
      .select({ row: getTableColumns(matters), objections: objectionsJson(county) })
      .from(matters)
      .where(where),
  )
  return found
}

/** A village's matter disclosures, newest first, each with its matter and the matter's objections. */
export async function villageDisclosures(
  q: Database,
  villageCode: string,
): Promise<{ disclosure: DisclosureRow; matter: MatterRow; objections: ObjectionRow[] }[]> {
  const county = countyOfCode(villageCode)
  return q
    .select({
      disclosure: getTableColumns(matterDisclosures),
      matter: getTableColumns(matters),
      objections: objectionsJson(county),
    })
    .from(matterDisclosures)
    .innerJoin(
      matters,
      and(eq(matters.countyCode, matterDisclosures.countyCode), eq(matters.id, matterDisclosures.matterId)),
    )
    .where(and(eq(matters.countyCode, county), eq(matters.villageCode, villageCode)))
    .orderBy(desc(matterDisclosures.from))
}
