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
      const members = councilPoints({
        topics: found.topics.filter((t) => businessDateOf(new Date(t.createdAt)).startsWith(`${year}-`)),
        resolutions: found.resolutions,
        sessions: found.sessions.map((s) => ({
          members: membersOn(found.members, s.scheduledOn).map((m) => m.personId),
          present: new Set((JSON.parse(s.minutes ?? '{}') as { present?: string[] }).present ?? []),
        })),
      })
      return { councilId, year, schedule: POINTS_SCHEDULE, members }
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
