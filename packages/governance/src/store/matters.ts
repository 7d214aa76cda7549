import { acrossCounties, countyWithin, type Database } from '@liancun/core'
import { and, asc, eq, getTableColumns, gt, like, type SQL, sql } from 'drizzle-orm'
import { allianceMatters, matterDisclosures, matterMeetings, matters, objections } from '../schema.js'
import { overridesJson, type StoredOverride } from './rules.js'
import { byId, fromJson, outer, readById } from './sql.js'

export type MatterRow = typeof matters.$inferSelect
export type AllianceMatterRow = typeof allianceMatters.$inferSelect

/**
 * The outer matter row's id, for the correlated subqueries below. Each of them takes the outer
 * row's county as `county`: bound (the value the outer query is keyed by, so the statement stays
 * on one shard), or the outer column for a read by an older id (`readById`).
 */
const mId = outer(matters, matters.id)

/** A recorded meeting as read back: record and judgement are the stored JSON texts. */
export interface StoredMeeting {
  id: string
  stage: string
  heldOn: string
  outcome: string
  record: string
  judgement: string
}

/** The meetings of the outer matter row, oldest first, as a JSON array (one statement with the matter). */
const meetingsJson = (county: string | SQL) =>
  sql<StoredMeeting[]>`coalesce((
  select json_agg(json_build_object(
           'id', mm.id, 'stage', mm.stage, 'heldOn', mm.held_on, 'outcome', mm.outcome,
           'record', mm.record, 'judgement', mm.judgement)
         order by mm.created_at, mm.id)
    from ${matterMeetings} mm
   where mm.county_code = ${county} and mm.matter_id = ${mId}), '[]'::json)`.mapWith((value) =>
    fromJson<StoredMeeting[]>(value),
  )

/** The latest resolution disclosure of the outer matter row (null without one). */
const latestResolutionUntil = (county: string) => sql<string | null>`(
  select md.valid_until from ${matterDisclosures} md
   where md.county_code = ${county} and md.matter_id = ${mId} and md.kind = 'resolution'
   order by md.created_at desc, md.id desc limit 1)`

/** Ids of the outer matter row's objections awaiting an answer. */
const pendingObjectionIds = (county: string) =>
  sql<string[]>`coalesce((
  select json_agg(o.id order by o.submitted_on, o.id) from ${objections} o
   where o.county_code = ${county} and o.matter_id = ${mId} and o.outcome is null), '[]'::json)`.mapWith(
    (value) => fromJson<string[]>(value),
  )

/**
 * The latest resolution disclosure that follows the latest passed resolution of the outer matter
 * row: after an upheld objection the matter is decided again, and an earlier disclosure no longer
 * covers it.
 */
const standingUntilOf = (m: SQL, county: string | SQL) => sql<string | null>`(
  select md.valid_until from ${matterDisclosures} md
   where md.county_code = ${county} and md.matter_id = ${m}.id and md.kind = 'resolution'
     and md.valid_from >= coalesce((
       select mm.held_on from ${matterMeetings} mm
        where mm.county_code = ${county} and mm.matter_id = ${m}.id
          and mm.stage = 'resolution' and mm.outcome = 'passed'
        order by mm.held_on desc, mm.created_at desc limit 1), '-infinity'::date)
   order by md.created_at desc, md.id desc limit 1)`

const pendingCountOf = (m: SQL, county: string | SQL) => sql<number>`(
  select count(*)::int from ${objections} o
   where o.county_code = ${county} and o.matter_id = ${m}.id and o.outcome is null)`

export async function insertMatters(
  q: Database,
  values: (typeof matters.$inferInsert)[],
): Promise<MatterRow[]> {
  return q.insert(matters).values(values).returning()
}

export async function findMatter(q: Database, id: string): Promise<MatterRow | undefined> {
  const [row] = await readById(q, matters, id, (d, where) => d.select().from(matters).where(where))
  return row
}

/** A matter with its meetings, in one statement. */
export async function matterWithMeetings(
  q: Database,
  id: string,
): Promise<{ row: MatterRow; meetings: StoredMeeting[] } | undefined> {
  const [found] = await readById(q, matters, id, (d, where, county) =>
    d
      .select({ row: getTableColumns(matters), meetings: meetingsJson(county) })
      .from(matters)
      .where(where),
  )
  return found
}

/**
 * The matter locked `FOR UPDATE` by `(county_code, id)` (its county from `countyOfRow`), with the
 * rule overrides of its village read in the same statement (configuration, not written under this
 * lock).
 */
export async function lockMatter(
  q: Database,
  countyCode: string,
  id: string,
): Promise<{ row: MatterRow; overrides: StoredOverride[] } | undefined> {
  const [found] = await q
    .select({
      row: getTableColumns(matters),
      overrides: overridesJson(matters, countyCode, matters.villageCode),
    })
    .from(matters)
    .where(byId(matters, id, countyCode))
    .for('update')
  return found
}

/**
 * What writes on a locked matter decide against — its meetings, its latest resolution disclosure
 * and its pending objections — read in ONE statement issued after the lock: rows other writers add
 * under the same lock are visible only to a statement that starts once it is held (READ COMMITTED
 * takes a statement's snapshot when the statement starts, before a lock wait).
 */
export async function matterContext(
  q: Database,
  matter: { countyCode: string; id: string },
): Promise<{ meetings: StoredMeeting[]; latestResolutionUntil: string | null; pendingObjections: string[] }> {
  const [found] = await q
    .select({
      meetings: meetingsJson(matter.countyCode),
      latestResolutionUntil: latestResolutionUntil(matter.countyCode),
      pendingObjections: pendingObjectionIds(matter.countyCode),
    })
    .from(matters)
    .where(byId(matters, matter.id, matter.countyCode))
  return found!
}

export async function updateMatter(
  q: Database,
  matter: { countyCode: string; id: string },
  set: Partial<Pick<MatterRow, 'state' | 'implementation'>>,
): Promise<void> {
  await q
    .update(matters)
    .set(set)
    .where(byId(matters, matter.id, matter.countyCode))
}

export async function insertMeeting(q: Database, values: typeof matterMeetings.$inferInsert): Promise<void> {
  await q.insert(matterMeetings).values(values)
}

/**
 * A page of matters by id; `within` a county or narrower keeps the statement on its county, a
 * wider or no `within` is a deliberate read over counties.
 */
export async function listMatters(
  q: Database,
  query: { within?: string; state?: string; category?: string; limit: number; after: string | null },
): Promise<MatterRow[]> {
  const county = countyWithin(query.within)
  const page = (d: Database) =>
    d
      .select()
      .from(matters)
      .where(
        and(
          county ? eq(matters.countyCode, county) : undefined,
          query.within ? like(matters.villageCode, `${query.within}%`) : undefined,
          query.state ? eq(matters.state, query.state) : undefined,
          query.category ? eq(matters.category, query.category) : undefined,
          query.after ? gt(matters.id, query.after) : undefined,
        ),
      )
      .orderBy(asc(matters.id))
      .limit(query.limit + 1)
  return county ? page(q) : acrossCounties(q, 'list.beyond-county', page)
}

export async function insertAllianceMatter(
  q: Database,
  values: typeof allianceMatters.$inferInsert,
): Promise<AllianceMatterRow> {
  const [row] = await q.insert(allianceMatters).values(values).returning()
  return row!
}

/** A village matter's part in a decision: where it stands, its disclosure and pending objections. */
export interface StandingRow {
  id: string
  villageCode: string
  state: string
  title: string
  category: string
  amount: bigint | null
  subjectObject: string | null
  subjectProjects: string | null
  resolutionDisclosureUntil: string | null
  pendingObjections: number
}

const standingColumns = (county: string | SQL) => ({
  id: matters.id,
  villageCode: matters.villageCode,
  state: matters.state,
  title: matters.title,
  category: matters.category,
  amount: matters.amount,
  subjectObject: matters.subjectObject,
  subjectProjects: matters.subjectProjects,
  resolutionDisclosureUntil: standingUntilOf(sql`${sql.identifier('matters')}`, county),
  pendingObjections: pendingCountOf(sql`${sql.identifier('matters')}`, county),
})

/** One village matter with its standing, in one statement. */
export async function matterStanding(q: Database, id: string): Promise<StandingRow | undefined> {
  const [row] = await readById(q, matters, id, (d, where, county) =>
    d.select(standingColumns(county)).from(matters).where(where),
  )
  return row
}

/**
 * The village matters of the outer alliance matter row, as a JSON array of standing rows; on the
 * outer row's county (bound, or its column for a read by an older id).
 */
const partsJson = (county: string | SQL, withStanding: boolean) =>
  sql<StandingRow[]>`coalesce((
  select json_agg(json_build_object(
           'id', p.id, 'villageCode', p.village_code, 'state', p.state, 'title', p.title,
           'category', p.category${
             withStanding
               ? sql`, 'resolutionDisclosureUntil', ${standingUntilOf(sql`p`, county)}, 'pendingObjections', ${pendingCountOf(sql`p`, county)}`
               : sql``
           })
         order by p.village_code)
    from ${matters} p
   where p.county_code = ${county}
     and p.alliance_matter_id = ${outer(allianceMatters, allianceMatters.id)}), '[]'::json)`.mapWith(
    (value) => fromJson<StandingRow[]>(value),
  )

/** An alliance matter with its village matters (and, asked, their standing), in one statement. */
export async function allianceMatterWithParts(
  q: Database,
  id: string,
  options: { standing?: boolean } = {},
): Promise<{ row: AllianceMatterRow; parts: StandingRow[] } | undefined> {
  const [found] = await readById(q, allianceMatters, id, (d, where, county) =>
    d
      .select({ row: getTableColumns(allianceMatters), parts: partsJson(county, options.standing === true) })
      .from(allianceMatters)
      .where(where),
  )
  return found
}
