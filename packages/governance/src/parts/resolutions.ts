import { businessDateOf } from '@liancun/core'
import { type CouncilRef, type GovernanceContext, type GuardOptions, runGuard } from '../context.js'
import { notFound } from '../errors.js'
import { councilPoints, membersOn, POINTS_SCHEDULE, resolutionOverdue } from '../rules/councils.js'
import {
  councilEvents,
  councilWithResolutions,
  type ResolutionRow,
  villageResolutions,
} from '../store/councils.js'
import { councilRef } from './councils.js'
import { rulesOn } from './rules-config.js'

export function resolutionOut(row: ResolutionRow, today: string) {
  return {
    id: row.id,
    topicId: row.topicId,
    sessionId: row.sessionId,
    text: row.text,
    owner: row.owner,
    dueOn: row.dueOn,
    status: row.status as 'open' | 'closed',
    overdue: resolutionOverdue(row, today),
    amount: row.amount === null || row.amount === undefined ? null : BigInt(row.amount),
    /** The 四议两公开 matter this resolution opened (a major matter), if any. */
    matterId: row.matterId ?? null,
    closure: row.closure ? (JSON.parse(row.closure) as Record<string, unknown>) : null,
  }
}

/** 决议 handed to the 两委, their public view (晒村务) and the 积分 derived from the records. */
export function resolutionPart({ db, clock }: GovernanceContext) {
  return {
    /** A council's resolutions by due day, in one statement with the council. */
    async listResolutions(
      councilId: string,
      status?: 'open' | 'closed' | 'overdue',
      options?: GuardOptions<CouncilRef>,
    ) {
      const found = await councilWithResolutions(db, councilId)
      if (!found) throw notFound('council', councilId)
      await runGuard(options, councilRef(found.row))
      const today = clock.today()
      const out = found.resolutions.map((r) => resolutionOut(r, today))
      if (status === 'overdue') return out.filter((r) => r.overdue)
      return status ? out.filter((r) => r.status === status) : out
    },

    /** 积分 for a year, derived from topics, resolutions and session attendance (one statement). */
    async councilPoints(councilId: string, year: string, options?: GuardOptions<CouncilRef>) {
      const found = await councilEvents(db, councilId, year)
      if (!found) throw notFound('council', councilId)
      await runGuard(options, councilRef(found.row))
      // Each event counts under the schedule in force on its day (configuration, like the rules).
      const village = found.row.villageCode
      const scheduleOn = (day: string | undefined) =>
        day ? rulesOn(village, day, found.overrides).pointsSchedule : POINTS_SCHEDULE
      const topics = found.topics
        .map((t) => ({ ...t, on: businessDateOf(new Date(t.createdAt)) }))
        .filter((t) => t.on.startsWith(`${year}-`))
      const sessions = found.sessions.map((s) => ({
        on: s.scheduledOn,
        members: membersOn(found.members, s.scheduledOn).map((m) => m.personId),
        present: new Set((JSON.parse(s.minutes ?? '{}') as { present?: string[] }).present ?? []),
      }))
      const members = councilPoints({ topics, resolutions: found.resolutions, sessions }, scheduleOn)
      const used = [...topics.map((t) => t.on), ...sessions.map((s) => s.on)].map(scheduleOn)
      const schedules = [...new Map(used.map((s) => [s.version, s])).values()]
      // `schedule`: the one in force at the end of the year (or the last event), kept for old readers.
      const schedule = scheduleOn(`${year}-12-31`)
      return { councilId, year, schedule, schedules: schedules.length > 0 ? schedules : [schedule], members }
    },

    /** 晒村务: every council resolution of a village with its status; owners by post only, no names. */
    async publicResolutions(villageCode: string) {
      const today = clock.today()
      return (await villageResolutions(db, villageCode)).map(({ resolution, councilName }) => {
        const out = resolutionOut(resolution, today)
        return {
          council: councilName,
          text: out.text,
          owner: out.owner,
          dueOn: out.dueOn,
          status: out.status,
          overdue: out.overdue,
        }
      })
    },
  }
}
