import type { Database } from '@liancun/core'
import { and, asc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm'
import { councilMembers, councilResolutions, councilSessions, councils, topics } from '../schema.js'
import { overridesJson, type StoredOverride } from './rules.js'
import { byId, countyOfCode, fromJson, outer, readById } from './sql.js'

export type CouncilRow = typeof councils.$inferSelect
export type MemberRow = typeof councilMembers.$inferSelect
export type TopicRow = typeof topics.$inferSelect
export type SessionRow = typeof councilSessions.$inferSelect
export type ResolutionRow = typeof councilResolutions.$inferSelect

/** A member as read in JSON with its council: who, which post, and the term. */
export interface StoredMember {
  personId: string
  post: string
  category: string
  from: string
  to: string | null
}

/*
 * The JSON arrays below are correlated subqueries on the outer council row. Each takes the outer
 * row's county as `county`: bound (the value the outer query is keyed by, so the statement stays
 * on one shard), or the outer column for a read by an older id (`readById`).
 */
const cId = outer(councils, councils.id)

/** The members of the outer council row (all terms), as a JSON array. */
const membersJson = (county: string | SQL) =>
  sql<StoredMember[]>`coalesce((
  select json_agg(json_build_object(
           'personId', cm.person_id, 'post', cm.post, 'category', cm.category,
           'from', cm.valid_from, 'to', cm.valid_to) order by cm.valid_from, cm.id)
    from ${councilMembers} cm
   where cm.county_code = ${county} and cm.council_id = ${cId}), '[]'::json)`.mapWith((value) =>
    fromJson<StoredMember[]>(value),
  )

/** Resolutions of the outer council row, by due day, as JSON (status filter optional). */
const resolutionsJson = (county: string | SQL, status?: 'open') =>
  sql<ResolutionRow[]>`coalesce((
  select json_agg(json_build_object(
           'countyCode', cr.county_code, 'id', cr.id, 'councilId', cr.council_id, 'topicId', cr.topic_id,
           'sessionId', cr.session_id, 'text', cr.text, 'owner', cr.owner, 'dueOn', cr.due_on,
           'status', cr.status, 'closedSessionId', cr.closed_session_id, 'closure', cr.closure,
           'amount', cr.amount::text, 'matterId', cr.matter_id)
         order by cr.due_on, cr.id)
    from ${councilResolutions} cr
   where cr.county_code = ${county} and cr.council_id = ${cId}${
     status ? sql` and cr.status = ${status}` : sql``
   }), '[]'::json)`.mapWith((value) => fromJson<ResolutionRow[]>(value))

/** A topic as read with its council: the JSON of `created_at` is an RFC 3339 instant. */
export interface StoredTopic {
  id: string
  proposedBy: string
  status: string
  createdAt: string
}

/** Topics of the outer council row, oldest first, as a JSON array. */
const topicsJson = (county: string | SQL) =>
  sql<StoredTopic[]>`coalesce((
  select json_agg(json_build_object(
           'id', t.id, 'proposedBy', t.proposed_by, 'status', t.status, 'createdAt', t.created_at)
         order by t.created_at, t.id)
    from ${topics} t
   where t.county_code = ${county} and t.council_id = ${cId}), '[]'::json)`.mapWith((value) =>
    fromJson<StoredTopic[]>(value),
  )

/** Sessions of the outer council row held in a year: the day and the minutes as recorded. */
const heldSessionsJson = (county: string | SQL, year: string) =>
  sql<{ scheduledOn: string; minutes: string | null }[]>`coalesce((
  select json_agg(json_build_object('scheduledOn', cs.scheduled_on, 'minutes', cs.minutes)
         order by cs.scheduled_on, cs.id)
    from ${councilSessions} cs
   where cs.county_code = ${county} and cs.council_id = ${cId}
     and cs.status = 'held' and cs.scheduled_on::text like ${`${year}-%`}), '[]'::json)`.mapWith((value) =>
    fromJson<{ scheduledOn: string; minutes: string | null }[]>(value),
  )

export async function insertCouncil(q: Database, values: typeof councils.$inferInsert): Promise<CouncilRow> {
  const [row] = await q.insert(councils).values(values).returning()
  return row!
}

export async function findCouncil(q: Database, id: string): Promise<CouncilRow | undefined> {
  const [row] = await readById(q, councils, id, (d, where) => d.select().from(councils).where(where))
  return row
}

/** A council with its members (every term), in one statement. */
export async function councilWithMembers(
  q: Database,
  id: string,
): Promise<{ row: CouncilRow; members: StoredMember[] } | undefined> {
  const [found] = await readById(q, councils, id, (d, where, county) =>
    d
      .select({ row: getTableColumns(councils), members: membersJson(county) })
      .from(councils)
      .where(where),
  )
  return found
}

/**
 * The council row locked `FOR UPDATE` by `(county_code, id)` (its county from `countyOfRow`):
 * members are added one at a time.
 */
export async function lockCouncil(
  q: Database,
  countyCode: string,
  id: string,
): Promise<CouncilRow | undefined> {
  const [row] = await q
    .select()
    .from(councils)
    .where(byId(councils, id, countyCode))
    .for('update')
  return row
}

/** A council's members (every term), read after its lock is held so earlier additions show. */
export async function membersOf(
  q: Database,
  council: { countyCode: string; id: string },
): Promise<StoredMember[]> {
  const [found] = await q
    .select({ members: membersJson(council.countyCode) })
    .from(councils)
    .where(byId(councils, council.id, council.countyCode))
  return found?.members ?? []
}

/** A council with the rule overrides of its village and its topics, in one statement. */
export async function councilForScheduling(
  q: Database,
  id: string,
): Promise<{ row: CouncilRow; overrides: StoredOverride[]; topics: StoredTopic[] } | undefined> {
  const [found] = await readById(q, councils, id, (d, where, county) =>
    d
      .select({
        row: getTableColumns(councils),
        overrides: overridesJson(councils, county, councils.villageCode),
        topics: topicsJson(county),
      })
      .from(councils)
      .where(where),
  )
  return found
}

/** A council with its resolutions, in one statement. */
export async function councilWithResolutions(
  q: Database,
  id: string,
): Promise<{ row: CouncilRow; resolutions: ResolutionRow[] } | undefined> {
  const [found] = await readById(q, councils, id, (d, where, county) =>
    d
      .select({ row: getTableColumns(councils), resolutions: resolutionsJson(county) })
      .from(councils)
      .where(where),
  )
  return found
}

/** Everything 积分 are derived from for a year, in one statement. */
export async function councilEvents(
  q: Database,
  id: string,
  year: string,
): Promise<
  | {
      row: CouncilRow
      members: StoredMember[]
      topics: StoredTopic[]
      resolutions: ResolutionRow[]
      sessions: { scheduledOn: string; minutes: string | null }[]
      overrides: StoredOverride[]
    }
  | undefined
> {
  const [found] = await readById(q, councils, id, (d, where, county) =>
    d
      .select({
        row: getTableColumns(councils),
        members: membersJson(county),
        topics: topicsJson(county),
        resolutions: resolutionsJson(county),
        sessions: heldSessionsJson(county, year),
        overrides: overridesJson(councils, county, councils.villageCode),
      })
      .from(councils)
      .where(where),
  )
  return found
}

export async function insertMember(
  q: Database,
  values: typeof councilMembers.$inferInsert,
): Promise<MemberRow> {
  const [row] = await q.insert(councilMembers).values(values).returning()
  return row!
}

export async function insertTopic(q: Database, values: typeof topics.$inferInsert): Promise<TopicRow> {
  const [row] = await q.insert(topics).values(values).returning()
  return row!
}

/** A topic with its council's village (to authorise on), in one statement. */
export async function topicWithVillage(
  q: Database,
  id: string,
): Promise<{ row: TopicRow; villageCode: string } | undefined> {
  const [found] = await readById(q, topics, id, (d, where) =>
    d
      .select({ row: getTableColumns(topics), villageCode: councils.villageCode })
      .from(topics)
      .innerJoin(councils, and(eq(councils.countyCode, topics.countyCode), eq(councils.id, topics.councilId)))
      .where(where),
  )
  return found
}

export async function updateTopic(
  q: Database,
  topic: { countyCode: string; id: string },
  set: Partial<Pick<TopicRow, 'status' | 'review'>>,
): Promise<TopicRow> {
  const [row] = await q
    .update(topics)
    .set(set)
    .where(byId(topics, topic.id, topic.countyCode))
    .returning()
  return row!
}

/** Sets the status of several topics of one county in one statement. */
export async function setTopicStatuses(
  q: Database,
  countyCode: string,
  statuses: readonly { topicId: string; status: string }[],
): Promise<void> {
  // One row per topic, the last status given winning (an UPDATE … FROM applies one row per target).
  const last = new Map(statuses.map((s) => [s.topicId, s.status]))
  if (last.size === 0) return
  const values = sql.join(
    [...last].map(([topicId, status]) => sql`(${topicId}, ${status})`),
    sql`, `,
  )
  await q.execute(sql`update ${topics} set status = v.status
    from (values ${values}) as v(id, status)
    where ${topics.countyCode} = ${countyCode} and ${topics.id} = v.id`)
}

export async function insertSession(
  q: Database,
  values: typeof councilSessions.$inferInsert,
): Promise<SessionRow> {
  const [row] = await q.insert(councilSessions).values(values).returning()
  return row!
}

/** The council a session belongs to. */
export async function sessionCouncilId(q: Database, id: string): Promise<string | undefined> {
  const [row] = await readById(q, councilSessions, id, (d, where) =>
    d.select({ councilId: councilSessions.councilId }).from(councilSessions).where(where),
  )
  return row?.councilId
}

/**
 * A session locked `FOR UPDATE` by `(county_code, id)` (its county from `countyOfRow`) together
 * with its council's row (so minutes of one council and additions to its members queue), with the
 * rule overrides of the village.
 */
export async function lockSession(
  q: Database,
  countyCode: string,
  id: string,
): Promise<{ session: SessionRow; council: CouncilRow; overrides: StoredOverride[] } | undefined> {
  const [found] = await q
    .select({
      session: getTableColumns(councilSessions),
      council: getTableColumns(councils),
      overrides: overridesJson(councils, countyCode, councils.villageCode),
    })
    .from(councilSessions)
    .innerJoin(
      councils,
      and(eq(councils.countyCode, councilSessions.countyCode), eq(councils.id, councilSessions.councilId)),
    )
    .where(byId(councilSessions, id, countyCode))
    .for('update')
  return found
}

/**
 * What minutes are judged against — the council's members and its open resolutions — in ONE
 * statement issued once the locks are held (a statement's snapshot is taken when it starts).
 */
export async function minutesContext(
  q: Database,
  council: { countyCode: string; id: string },
): Promise<{ members: StoredMember[]; open: ResolutionRow[] }> {
  const [found] = await q
    .select({ members: membersJson(council.countyCode), open: resolutionsJson(council.countyCode, 'open') })
    .from(councils)
    .where(byId(councils, council.id, council.countyCode))
  return found!
}

export async function updateSession(
  q: Database,
  session: { countyCode: string; id: string },
  set: Pick<SessionRow, 'status' | 'minutes'>,
): Promise<void> {
  await q
    .update(councilSessions)
    .set(set)
    .where(byId(councilSessions, session.id, session.countyCode))
}

export async function insertResolutions(
  q: Database,
  values: (typeof councilResolutions.$inferInsert)[],
): Promise<ResolutionRow[]> {
  if (values.length === 0) return []
  return q.insert(councilResolutions).values(values).returning()
}

/** Closes several resolutions of one council at a session (销号), in one statement. */
export async function closeResolutions(
  q: Database,
  countyCode: string,
  sessionId: string,
  closures: readonly { resolutionId: string; closure: string }[],
): Promise<void> {
  if (closures.length === 0) return
  const values = sql.join(
    closures.map((c) => sql`(${c.resolutionId}, ${c.closure})`),
    sql`, `,
  )
  await q.execute(sql`update ${councilResolutions}
    set status = 'closed', closed_session_id = ${sessionId}, closure = v.closure
    from (values ${values}) as v(id, closure)
    where ${councilResolutions.countyCode} = ${countyCode} and ${councilResolutions.id} = v.id`)
}

/** A village's council resolutions with the council's name, by due day. */
export async function villageResolutions(
  q: Database,
  villageCode: string,
): Promise<{ resolution: ResolutionRow; councilName: string }[]> {
  return q
    .select({ resolution: getTableColumns(councilResolutions), councilName: councils.name })
    .from(councilResolutions)
    .innerJoin(
      councils,
      and(
        eq(councils.countyCode, councilResolutions.countyCode),
        eq(councils.id, councilResolutions.councilId),
      ),
    )
    .where(and(eq(councils.countyCode, countyOfCode(villageCode)), eq(councils.villageCode, villageCode)))
    .orderBy(asc(councilResolutions.dueOn))
}
