import { newId } from '@liancun/core'
import { type CouncilRef, type GovernanceContext, type GuardOptions, runGuard } from '../context.js'
import { GovernanceError, notFound } from '../errors.js'
import type { ScheduleSessionInput, SessionMinutesInput } from '../inputs.js'
import { checkSchedule, membersOn, planMinutes } from '../rules/councils.js'
import { councilSessions } from '../schema.js'
import {
  closeResolutions,
  councilForScheduling,
  insertResolutions,
  insertSession,
  lockSession,
  minutesContext,
  sessionCouncilId,
  setTopicStatuses,
  updateSession,
} from '../store/councils.js'
import { insertMatters } from '../store/matters.js'
import { countyOfRow } from '../store/sql.js'
import { councilRef } from './councils.js'
import { resolutionOut } from './resolutions.js'
import { rulesOn } from './rules-config.js'

/** 夜话会议: scheduled with notice, then held (minutes) or failed for want of a quorum. */
export function sessionPart({ db, clock }: GovernanceContext) {
  return {
    /** Accepted topics only; the notice must fall inside the configured window. */
    async scheduleSession(
      councilId: string,
      input: ScheduleSessionInput,
      options?: GuardOptions<CouncilRef>,
    ) {
      const found = await councilForScheduling(db, councilId)
      if (!found) throw notFound('council', councilId)
      const { row: council } = found
      await runGuard(options, councilRef(council))
      const rules = rulesOn(council.villageCode, input.scheduledOn, found.overrides)
      checkSchedule(input, rules.councilNoticeDays, found.topics)
      const row = await insertSession(db, {
        countyCode: council.countyCode,
        id: newId(council.countyCode),
        councilId: council.id,
        scheduledOn: input.scheduledOn,
        venue: input.venue,
        topicIds: JSON.stringify(input.topicIds),
        noticeSentOn: input.noticeSentOn,
        invitees: JSON.stringify(input.invitees),
        status: 'scheduled',
      })
      return {
        id: row.id,
        councilId: council.id,
        scheduledOn: row.scheduledOn,
        status: row.status,
        topicIds: input.topicIds,
      }
    },

    /** The council of a session. */
    async sessionCouncil(sessionId: string): Promise<string> {
      const councilId = await sessionCouncilId(db, sessionId)
      if (!councilId) throw notFound('session', sessionId)
      return councilId
    },

    /**
     * Minutes: below the quorum the session is recorded as failed and nothing is decided. Every
     * open resolution needs a progress report; a topic resolves only by vote; a resolution closes
     * (销号) only here, with a reason and evidence. One statement locks the session and its council
     * (with the rules), one more reads the members and open resolutions; every decision is made
     * before the first write.
     */
    async recordMinutes(sessionId: string, input: SessionMinutesInput, options?: GuardOptions<CouncilRef>) {
      const county = await countyOfRow(db, councilSessions, sessionId)
      if (county === undefined) throw notFound('session', sessionId)
      return db.transaction(async (tx) => {
        const found = await lockSession(tx, county, sessionId)
        if (!found) throw notFound('session', sessionId)
        const { session, council } = found
        await runGuard(options, councilRef(council))
        if (session.status !== 'scheduled')
          throw new GovernanceError('governance.session_recorded', `the session is ${session.status}`)
        const { members, open } = await minutesContext(tx, council)
        const plan = planMinutes(input, {
          members: new Set(membersOn(members, input.heldOn).map((m) => m.personId)),
          agenda: new Set(JSON.parse(session.topicIds) as string[]),
          open: open.filter((r) => r.sessionId !== sessionId),
          rules: rulesOn(council.villageCode, input.heldOn, found.overrides),
        })
        const { quorum } = plan
        if (plan.status === 'failed') {
          await updateSession(tx, session, {
            status: 'failed',
            minutes: JSON.stringify({ heldOn: input.heldOn, present: plan.present, quorum }),
          })
          return {
            sessionId,
            status: 'failed' as const,
            quorum,
            resolutions: [] as ReturnType<typeof resolutionOut>[],
          }
        }
        // A resolution on a major matter opens the 四议两公开 matter it needs, at its first stage.
        const opened = plan.resolutions.map((r) =>
          r.matter
            ? {
                countyCode: council.countyCode,
                id: newId(council.countyCode),
                villageCode: council.villageCode,
                title: r.text.slice(0, 200),
                category: r.matter.category,
                amount: r.amount,
                description: `乡村夜话 ${council.name} ${input.heldOn}: ${r.text}`,
                state: 'proposal',
                createdAt: clock.now(),
              }
            : null,
        )
        const matterRows = opened.filter((m) => m !== null)
        if (matterRows.length > 0) await insertMatters(tx, matterRows)
        const created = await insertResolutions(
          tx,
          plan.resolutions.map((r, i) => ({
            countyCode: council.countyCode,
            id: newId(council.countyCode),
            councilId: council.id,
            topicId: r.topicId,
            sessionId,
            text: r.text,
            owner: r.owner,
            dueOn: r.dueOn,
            amount: r.amount,
            matterId: opened[i]?.id ?? null,
            status: 'open',
          })),
        )
        await setTopicStatuses(tx, council.countyCode, plan.topicStatus)
        await closeResolutions(
          tx,
          council.countyCode,
          sessionId,
          plan.closures.map((c) => ({ resolutionId: c.resolutionId, closure: JSON.stringify(c.closure) })),
        )
        // Minutes as recorded; money (a resolution's amount) as its fen string.
        const minutes = JSON.stringify({ ...input, quorum }, (_key, value: unknown) =>
          typeof value === 'bigint' ? value.toString() : value,
        )
        await updateSession(tx, session, { status: 'held', minutes })
        const today = clock.today()
        return {
          sessionId,
          status: 'held' as const,
          quorum,
          resolutions: created.map((r) => resolutionOut(r, today)),
        }
      })
    },
  }
}
