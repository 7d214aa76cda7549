import type { Database } from '@liancun/core'
import { and, asc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm'
import { councilMembers, councilResolutions, councilSessions, councils, topics } from '../schema.js'
import { overridesJson, type StoredOverride } from './rules.js'
import { byId, countyOfCode, fromJson, outer } from './sql.js'

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

/** The members of the outer council row (all terms), as a JSON array. */
const membersJson = sql<StoredMember[]>`coalesce((
  select json_agg(json_build_object(
           'personId', cm.person_id, 'post', cm.post, 'category', cm.category,
           'from', cm.valid_from, 'to', cm.valid_to) order by cm.valid_from, cm.id)
    from ${councilMembers} cm
   where cm.county_code = ${outer(councils, councils.countyCode)} and cm.council_id = ${outer(councils, councils.id)}), '[]'::json)`.mapWith(
  (value) => fromJson<StoredMember[]>(value),
)

/** Resolutions of the outer council row, by due day, as JSON (status filter optional). */
const resolutionsJson = (status?: 'open') =>
  sql<ResolutionRow[]>`coalesce((
  select json_agg(json_build_object(
           'countyCode', cr.county_code, 'id', cr.id, 'councilId', cr.council_id, 'topicId', cr.topic_id,
           'sessionId', cr.session_id, 'text', cr.text, 'owner', cr.owner, 'dueOn', cr.due_on,
           'status', cr.status, 'closedSessionId', cr.closed_session_id, 'closure', cr.closure)
         order by cr.due_on, cr.id)
    from ${councilResolutions} cr
   where cr.county_code = ${outer(councils, councils.countyCode)} and cr.council_id = ${outer(councils, councils.id)}${
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
const topicsJson = sql<StoredTopic[]>`coalesce((
  select json_agg(json_build_object(
           'id', t.id, 'proposedBy', t.proposed_by, 'status', t.status, 'createdAt', t.created_at)
         order by t.created_at, t.id)
    from ${topics} t
   where t.county_code = ${outer(councils, councils.countyCode)} and t.council_id = ${outer(councils, councils.id)}), '[]'::json)`.mapWith(
  (value) => fromJson<StoredTopic[]>(value),
)

/** Sessions of the outer council row held in a year: the day and the minutes as recorded. */
const heldSessionsJson = (year: string) =>
  sql<{ scheduledOn: string; minutes: string | null }[]>`coalesce((
  select json_agg(json_build_object('scheduledOn', cs.scheduled_on, 'minutes', cs.minutes)
         order by cs.scheduled_on, cs.id)
    from ${councilSessions} cs
   where cs.county_code = ${outer(councils, councils.countyCode)} and cs.council_id = ${outer(councils, councils.id)}
     and cs.status = 'held' and cs.scheduled_on::text like ${`${year}-%`}), '[]'::json)`.mapWith((value) =>
    fromJson<{ scheduledOn: string; minutes: string | null }[]>(value),
  )

export async function insertCouncil(q: Database, values: typeof councils.$inferInsert): Promise<CouncilRow> {
  const [row] = await q.insert(councils).values(values).returning()
  return row!
}

export async function findCouncil(q: Database, id: string): Promise<CouncilRow | undefined> {
  const [row] = await q.select().from(councils).where(byId(councils, id))
  return row
}

/** A council with its members (every term), in one statement. */
export async function councilWithMembers(
  q: Database,
  id: string,
): Promise<{ row: CouncilRow; members: StoredMember[] } | undefined> {
  const [found] = await q
    .select({ row: getTableColumns(councils), members: membersJson })
    .from(councils)
    .where(byId(councils, id))
  return found
}

/** The council row locked `FOR UPDATE` by `(county_code, id)`: members are added one at a time. */
export async function lockCouncil(q: Database, id: string): Promise<CouncilRow | undefined> {
  const [row] = await q.select().from(councils).where(byId(councils, id)).for('update')
  return row
}

/** A council's members (every term), read after its lock is held so earlier additions show. */
export async function membersOf(
  q: Database,
  council: { countyCode: string; id: string },
): Promise<StoredMember[]> {
  const [found] = await q
    .select({ members: membersJson })
    .from(councils)
    .where(byId(councils, council.id, council.countyCode))
  return found?.members ?? []
}

/** A council with the rule overrides of its village and its topics, in one statement. */
export async function councilForScheduling(
  q: Database,
  id: string,
): Promise<{ row: CouncilRow; overrides: StoredOverride[]; topics: StoredTopic[] } | undefined> {
  const [found] = await q
    .select({
      row: getTableColumns(councils),
      overrides: overridesJson(councils, councils.countyCode, councils.villageCode),
      topics: topicsJson,
    })
    .from(councils)
    .where(byId(councils, id))
  return found
}

/** A council with its resolutions, in one statement. */
export async function councilWithResolutions(
  q: Database,
  id: string,
): Promise<{ row: CouncilRow; resolutions: ResolutionRow[] } | undefined> {
  const [found] = await q
    .select({ row: getTableColumns(councils), resolutions: resolutionsJson() })
    .from(councils)
    .where(byId(councils, id))
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
    }
  | undefined
> {
  const [found] = await q
    .select({
      row: getTableColumns(councils),
      members: membersJson,
      topics: topicsJson,
      resolutions: resolutionsJson(),
      sessions: heldSessionsJson(year),
    })
    .from(councils)
    .where(byId(councils, id))
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
  const [found] = await q
    .select({ row: getTableColumns(topics), villageCode: councils.villageCode })
    .from(topics)
    .innerJoin(councils, and(eq(councils.countyCode, topics.countyCode), eq(councils.id, topics.councilId)))
    .where(byId(topics, id))
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
  const [row] = await q
    .select({ councilId: councilSessions.councilId })
    .from(councilSessions)
    .where(byId(councilSessions, id))
  return row?.councilId
}

/**
 * A session locked `FOR UPDATE` by `(county_code, id)` together with its council's row (so minutes
 * of one council and additions to its members queue), with the rule overrides of the village.
 */
export async function lockSession(
  q: Database,
  id: string,
): Promise<{ session: SessionRow; council: CouncilRow; overrides: StoredOverride[] } | undefined> {
  const [found] = await q
    .select({
      session: getTableColumns(councilSessions),
      council: getTableColumns(councils),
      overrides: overridesJson(councils, councils.countyCode, councils.villageCode),
    })
    .from(councilSessions)
    .innerJoin(
      councils,
      and(eq(councils.countyCode, councilSessions.countyCode), eq(councils.id, councilSessions.councilId)),
    )
    .where(byId(councilSessions, id) as SQL)
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
    .select({ members: membersJson, open: resolutionsJson('open') })
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
