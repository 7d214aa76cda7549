import { businessDateOf, countyOf, type Database, daysBetween, isActiveOn, newId } from '@liancun/core'
import { and, asc, eq } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type {
  AddCouncilMemberInput,
  CreateCouncilInput,
  CreateTopicInput,
  ReviewTopicInput,
  ScheduleSessionInput,
  SessionMinutesInput,
} from './inputs.js'
import { GovernanceError } from './matters.js'
import { judge } from './rules/judgement.js'
import type { GovernanceRuleSet } from './rules/rule-set.js'
import { councilMembers, councilResolutions, councilSessions, councils, topics } from './schema.js'

type CouncilRow = typeof councils.$inferSelect

/**
 * 积分 schedule, versioned: points are derived from recorded events, never entered by hand.
 * A change of schedule is a new version; a year's points name the version they were computed with.
 */
export const POINTS_SCHEDULE = {
  version: '2024-v1',
  topicSubmitted: 1,
  topicAccepted: 2,
  resolutionFromOwnTopic: 3,
  attended: 1,
  absent: -1,
} as const

/** 乡村夜话: councils, topics with pre-review, sessions, minutes and resolutions closed one by one. */
export function councilMethods(
  db: Database,
  today: () => string,
  /** Reads through `q` (the caller's transaction) so PGlite's one connection never waits on itself. */
  rulesFor: (village: string, day: string, q?: Database) => Promise<GovernanceRuleSet>,
  now: () => Date,
) {
  async function requireCouncil(q: Database, id: string, lock = false): Promise<CouncilRow> {
    const query = q.select().from(councils).where(eq(councils.id, id))
    const [row] = lock ? await query.for('update') : await query
    if (!row)
      throw new GovernanceError('governance.council_not_found', `no council ${id}`, { kind: 'not_found' })
    return row
  }

  async function membersOn(q: Database, council: CouncilRow, day: string) {
    const rows = await q
      .select()
      .from(councilMembers)
      .where(and(eq(councilMembers.countyCode, council.countyCode), eq(councilMembers.councilId, council.id)))
    return rows.filter((m) => isActiveOn({ from: m.from, to: m.to }, day))
  }

  function resolutionOut(row: typeof councilResolutions.$inferSelect) {
    return {
      id: row.id,
      topicId: row.topicId,
      sessionId: row.sessionId,
      text: row.text,
      owner: row.owner,
      dueOn: row.dueOn,
      status: row.status as 'open' | 'closed',
      overdue: row.status === 'open' && today() > row.dueOn,
      closure: row.closure ? (JSON.parse(row.closure) as Record<string, unknown>) : null,
    }
  }

  return {
    async createCouncil(input: CreateCouncilInput) {
      const [row] = await db
        .insert(councils)
        .values({ countyCode: countyOf(input.villageCode), id: newId(), ...input })
        .returning()
      return row!
    },

    async councilVillage(id: string): Promise<string> {
      return (await requireCouncil(db, id)).villageCode
    },

    /** Adds a member; one chair at a time. */
    async addCouncilMember(councilId: string, input: AddCouncilMemberInput) {
      return db.transaction(async (tx) => {
        const council = await requireCouncil(tx, councilId, true)
        if (input.post === 'chair') {
          const all = await tx
            .select()
            .from(councilMembers)
            .where(
              and(
                eq(councilMembers.countyCode, council.countyCode),
                eq(councilMembers.councilId, council.id),
              ),
            )
          const clash = all.find(
            (m) =>
              m.post === 'chair' &&
              (m.to === null || m.to >= input.from) &&
              (input.to === undefined || m.from <= input.to),
          )
          if (clash)
            throw new GovernanceError('governance.chair_taken', 'the council has a chair then', {
              kind: 'rule',
              field: 'post',
            })
        }
        const [row] = await tx
          .insert(councilMembers)
          .values({ countyCode: council.countyCode, id: newId(), councilId, ...input, to: input.to ?? null })
          .returning()
        return row!
      })
    },

    async proposeTopic(councilId: string, input: CreateTopicInput) {
      const council = await requireCouncil(db, councilId)
      const members = await membersOn(db, council, today())
      if (!members.some((m) => m.personId === input.proposedBy)) {
        throw new GovernanceError('governance.not_a_member', 'topics are proposed by council members', {
          kind: 'rule',
          field: 'proposedBy',
        })
      }
      const [row] = await db
        .insert(topics)
        .values({
          countyCode: council.countyCode,
          id: newId(),
          councilId,
          ...input,
          status: 'submitted',
          createdAt: now(),
        })
        .returning()
      return { id: row!.id, councilId, title: row!.title, status: row!.status, review: null }
    },

    async topicCouncil(topicId: string): Promise<string> {
      const [row] = await db
        .select({ councilId: topics.councilId })
        .from(topics)
        .where(eq(topics.id, topicId))
      if (!row)
        throw new GovernanceError('governance.topic_not_found', `no topic ${topicId}`, { kind: 'not_found' })
      return row.councilId
    },

    /** 议前审查 by the village Party organisation; a rejected topic may be resubmitted once prepared. */
    async reviewTopic(topicId: string, input: ReviewTopicInput) {
      const [row] = await db.select().from(topics).where(eq(topics.id, topicId))
      if (!row)
        throw new GovernanceError('governance.topic_not_found', `no topic ${topicId}`, { kind: 'not_found' })
      if (row.status !== 'submitted' && row.status !== 'rejected') {
        throw new GovernanceError('governance.topic_reviewed', `the topic is ${row.status}`, {
          kind: 'conflict',
        })
      }
      const [updated] = await db
        .update(topics)
        .set({ status: input.decision, review: JSON.stringify(input) })
        .where(and(eq(topics.countyCode, row.countyCode), eq(topics.id, topicId)))
        .returning()
      return {
        id: topicId,
        councilId: row.councilId,
        title: row.title,
        status: updated!.status,
        review: input,
      }
    },

    /** Accepted topics only; the notice must fall inside the configured window. */
    async scheduleSession(councilId: string, input: ScheduleSessionInput) {
      const council = await requireCouncil(db, councilId)
      const rules = await rulesFor(council.villageCode, input.scheduledOn)
      const notice = daysBetween(input.noticeSentOn, input.scheduledOn)
      const { min, max } = rules.councilNoticeDays
      if (notice < min || notice > max) {
        throw new GovernanceError(
          'governance.notice_outside_window',
          `notice ${notice} day(s) before; the window is ${min}–${max}`,
          {
            kind: 'rule',
            field: 'noticeSentOn',
            context: { days: notice, min, max },
          },
        )
      }
      const rows = await db
        .select()
        .from(topics)
        .where(and(eq(topics.countyCode, council.countyCode), eq(topics.councilId, councilId)))
      input.topicIds.forEach((id, i) => {
        const topic = rows.find((t) => t.id === id)
        if (topic?.status !== 'accepted') {
          throw new GovernanceError(
            'governance.topic_not_accepted',
            'only topics accepted in pre-review are deliberated',
            {
              kind: 'rule',
              field: `topicIds.${i}`,
            },
          )
        }
      })
      const [row] = await db
        .insert(councilSessions)
        .values({
          countyCode: council.countyCode,
          id: newId(),
          councilId,
          scheduledOn: input.scheduledOn,
          venue: input.venue,
          topicIds: JSON.stringify(input.topicIds),
          noticeSentOn: input.noticeSentOn,
          invitees: JSON.stringify(input.invitees),
          status: 'scheduled',
        })
        .returning()
      return {
        id: row!.id,
        councilId,
        scheduledOn: row!.scheduledOn,
        status: row!.status,
        topicIds: input.topicIds,
      }
    },

    async sessionCouncil(sessionId: string): Promise<string> {
      const [row] = await db
        .select({ councilId: councilSessions.councilId })
        .from(councilSessions)
        .where(eq(councilSessions.id, sessionId))
      if (!row)
        throw new GovernanceError('governance.session_not_found', `no session ${sessionId}`, {
          kind: 'not_found',
        })
      return row.councilId
    },

    /**
     * Minutes: below the quorum the session is recorded as failed and nothing is decided. Every
     * open resolution needs a progress report; a topic resolves only by vote; a resolution closes
     * (销号) only here, with a reason and evidence.
     */
    async recordMinutes(sessionId: string, input: SessionMinutesInput) {
      return db.transaction(async (tx) => {
        const [session] = await tx
          .select()
          .from(councilSessions)
          .where(eq(councilSessions.id, sessionId))
          .for('update')
        if (!session)
          throw new GovernanceError('governance.session_not_found', `no session ${sessionId}`, {
            kind: 'not_found',
          })
        if (session.status !== 'scheduled')
          throw new GovernanceError('governance.session_recorded', `the session is ${session.status}`, {
            kind: 'conflict',
          })
        const council = await requireCouncil(tx, session.councilId)
        const rules = await rulesFor(council.villageCode, input.heldOn, tx)
        const members = new Set((await membersOn(tx, council, input.heldOn)).map((m) => m.personId))
        input.present.forEach((id, i) => {
          if (!members.has(id)) {
            throw new GovernanceError(
              'governance.attendee_not_on_roster',
              'not a member of the council that day',
              { kind: 'rule', field: `present.${i}` },
            )
          }
        })
        const present = new Set(input.present).size
        const quorum = judge(rules.councilQuorum, members.size, present)
        const where = and(
          eq(councilSessions.countyCode, session.countyCode),
          eq(councilSessions.id, sessionId),
        )
        if (!quorum.met) {
          await tx
            .update(councilSessions)
            .set({ status: 'failed', minutes: JSON.stringify({ heldOn: input.heldOn, present, quorum }) })
            .where(where)
          return {
            sessionId,
            status: 'failed' as const,
            quorum,
            resolutions: [] as ReturnType<typeof resolutionOut>[],
          }
        }
        const open = (
          await tx
            .select()
            .from(councilResolutions)
            .where(
              and(
                eq(councilResolutions.countyCode, council.countyCode),
                eq(councilResolutions.councilId, council.id),
                eq(councilResolutions.status, 'open'),
              ),
            )
        ).filter((r) => r.sessionId !== sessionId)
        const reported = new Set(input.progressReports.map((p) => p.resolutionId))
        const missing = open.filter((r) => !reported.has(r.id)).map((r) => r.id)
        if (missing.length > 0) {
          throw new GovernanceError(
            'governance.progress_report_missing',
            `${missing.length} open resolution(s) lack a progress report`,
            {
              kind: 'rule',
              field: 'progressReports',
              context: { missing },
            },
          )
        }
        const agenda = new Set(JSON.parse(session.topicIds) as string[])
        const created: (typeof councilResolutions.$inferSelect)[] = []
        for (const [i, d] of input.deliberations.entries()) {
          if (!agenda.has(d.topicId)) {
            throw new GovernanceError(
              'governance.topic_not_on_agenda',
              'deliberate only the session’s topics',
              { kind: 'rule', field: `deliberations.${i}.topicId` },
            )
          }
          if (d.outcome !== 'resolved') {
            await tx
              .update(topics)
              .set({ status: d.outcome === 'deferred' ? 'accepted' : 'no_consensus' })
              .where(eq(topics.id, d.topicId))
            continue
          }
          const cast = d.votes ? d.votes.yes + d.votes.no + d.votes.abstain : 0
          const pass = judge(rules.councilPass, present, d.votes?.yes ?? 0)
          if (!d.votes || cast > present || !pass.met || !d.resolution) {
            throw new GovernanceError(
              'governance.resolution_needs_majority',
              `a topic resolves only by a vote of more than half of the ${present} present, with an owner and a due day`,
              {
                kind: 'rule',
                field: `deliberations.${i}`,
                context: { present, required: pass.required, yes: d.votes?.yes ?? 0 },
              },
            )
          }
          const [row] = await tx
            .insert(councilResolutions)
            .values({
              countyCode: council.countyCode,
              id: newId(),
              councilId: council.id,
              topicId: d.topicId,
              sessionId,
              text: d.resolution.text,
              owner: d.resolution.owner,
              dueOn: d.resolution.dueOn,
              status: 'open',
            })
            .returning()
          created.push(row!)
          await tx.update(topics).set({ status: 'resolved' }).where(eq(topics.id, d.topicId))
        }
        for (const [i, c] of input.closures.entries()) {
          const target = open.find((r) => r.id === c.resolutionId)
          if (!target) {
            throw new GovernanceError(
              'governance.resolution_not_open',
              'only an open resolution of this council closes',
              { kind: 'rule', field: `closures.${i}.resolutionId` },
            )
          }
          await tx
            .update(councilResolutions)
            .set({
              status: 'closed',
              closedSessionId: sessionId,
              closure: JSON.stringify({ reason: c.reason, evidence: c.evidence, on: input.heldOn }),
            })
            .where(
              and(
                eq(councilResolutions.countyCode, council.countyCode),
                eq(councilResolutions.id, c.resolutionId),
              ),
            )
        }
        await tx
          .update(councilSessions)
          .set({ status: 'held', minutes: JSON.stringify({ ...input, quorum }) })
          .where(where)
        return { sessionId, status: 'held' as const, quorum, resolutions: created.map(resolutionOut) }
      })
    },

    /** 积分 for a year, derived from topics, resolutions and session attendance. */
    async councilPoints(councilId: string, year: string) {
      const council = await requireCouncil(db, councilId)
      const inYear = (day: string) => day.startsWith(`${year}-`)
      const scope = (table: { countyCode: AnyPgColumn; councilId: AnyPgColumn }) =>
        and(eq(table.countyCode, council.countyCode), eq(table.councilId, councilId))
      const topicRows = (await db.select().from(topics).where(scope(topics))).filter((t) =>
        inYear(businessDateOf(t.createdAt)),
      )
      const resolutionRows = await db.select().from(councilResolutions).where(scope(councilResolutions))
      const sessionRows = (await db.select().from(councilSessions).where(scope(councilSessions))).filter(
        (s) => s.status === 'held' && inYear(s.scheduledOn),
      )
      const points = new Map<string, { personId: string; points: number; events: Record<string, number> }>()
      const add = (personId: string, event: keyof typeof POINTS_SCHEDULE, times = 1) => {
        if (event === 'version') return
        const entry = points.get(personId) ?? { personId, points: 0, events: {} }
        entry.points += POINTS_SCHEDULE[event] * times
        entry.events[event] = (entry.events[event] ?? 0) + times
        points.set(personId, entry)
      }
      for (const topic of topicRows) {
        add(topic.proposedBy, 'topicSubmitted')
        if (['accepted', 'resolved', 'no_consensus'].includes(topic.status))
          add(topic.proposedBy, 'topicAccepted')
        if (resolutionRows.some((r) => r.topicId === topic.id))
          add(topic.proposedBy, 'resolutionFromOwnTopic')
      }
      for (const session of sessionRows) {
        const present = new Set((JSON.parse(session.minutes ?? '{}') as { present?: string[] }).present ?? [])
        for (const member of await membersOn(db, council, session.scheduledOn)) {
          add(member.personId, present.has(member.personId) ? 'attended' : 'absent')
        }
      }
      return {
        councilId,
        year,
        schedule: POINTS_SCHEDULE,
        members: [...points.values()].sort(
          (a, b) => b.points - a.points || (a.personId < b.personId ? -1 : 1),
        ),
      }
    },

    /** 晒村务: every council resolution of a village with its status; owners by post only, no names. */
    async publicResolutions(villageCode: string) {
      const rows = await db
        .select({ resolution: councilResolutions, council: councils })
        .from(councilResolutions)
        .innerJoin(
          councils,
          and(
            eq(councils.countyCode, councilResolutions.countyCode),
            eq(councils.id, councilResolutions.councilId),
          ),
        )
        .where(and(eq(councils.countyCode, countyOf(villageCode)), eq(councils.villageCode, villageCode)))
        .orderBy(asc(councilResolutions.dueOn))
      return rows.map(({ resolution, council }) => {
        const out = resolutionOut(resolution)
        return {
          council: council.name,
          text: out.text,
          owner: out.owner,
          dueOn: out.dueOn,
          status: out.status,
          overdue: out.overdue,
        }
      })
    },

    async listResolutions(councilId: string, status?: 'open' | 'closed' | 'overdue') {
      const council = await requireCouncil(db, councilId)
      const rows = await db
        .select()
        .from(councilResolutions)
        .where(
          and(
            eq(councilResolutions.countyCode, council.countyCode),
            eq(councilResolutions.councilId, councilId),
          ),
        )
        .orderBy(asc(councilResolutions.dueOn))
      const out = rows.map(resolutionOut)
      if (status === 'overdue') return out.filter((r) => r.overdue)
      return status ? out.filter((r) => r.status === status) : out
    },
  }
}
