import { newId } from '@liancun/core'
import { type GovernanceContext, type GuardOptions, type MatterRef, runGuard } from '../context.js'
import { notFound } from '../errors.js'
import type { MatterMeetingInput } from '../inputs.js'
import { judgeMeeting, type MeetingOutcome, type Stage, type StageRoster } from '../rules/meeting.js'
import { checkStage, checkVillagersMeeting, stateAfter } from '../rules/stages.js'
import { matters } from '../schema.js'
import { insertMeeting, lockMatter, matterContext, updateMatter } from '../store/matters.js'
import { countyOfRow } from '../store/sql.js'
import { matterRef, timeline } from './matters.js'
import { rulesOn } from './rules-config.js'

/**
 * The roster of the meeting day, or how to read it once the matter is loaded (and authorised):
 * the app reads rosters from the organisation domain.
 */
export type RosterSource = StageRoster | ((matter: MatterRef) => StageRoster | Promise<StageRoster>)

/** The four stages (四议) of a matter. */
export function stagePart({ db, clock }: GovernanceContext) {
  return {
    /**
     * Records one of the four meetings, strictly in order, judged against the day's roster and
     * the rules in force. The meeting is always recorded; a failed quorum leaves the matter at
     * this stage, a failed vote ends it as `rejected`. One statement locks the matter and reads the
     * rules of its village; one more reads its meetings once the lock is held.
     */
    async recordStage(
      matterId: string,
      stage: Stage,
      input: MatterMeetingInput,
      roster: RosterSource,
      options?: GuardOptions<MatterRef>,
    ): Promise<MeetingOutcome & { matter: ReturnType<typeof timeline> }> {
      // The lock is taken by (county, id): an older id's county is looked up before the transaction.
      const county = await countyOfRow(db, matters, matterId)
      if (county === undefined) throw notFound('matter', matterId)
      return db.transaction(async (tx) => {
        const found = await lockMatter(tx, county, matterId)
        if (!found) throw notFound('matter', matterId)
        const { row: matter } = found
        const ref = matterRef(matter)
        await runGuard(options, ref)
        const day = typeof roster === 'function' ? await roster(ref) : roster
        checkStage(matter, stage, input, day)
        const rules = rulesOn(matter.villageCode, input.heldOn, found.overrides)
        if (stage === 'resolution') checkVillagersMeeting(input, rules)
        const result = judgeMeeting(input, day, rules, { category: matter.category })
        const { meetings } = await matterContext(tx, matter)
        const state = stateAfter(matter.state, stage, result.outcome)
        const meeting = {
          id: newId(matter.countyCode),
          stage,
          heldOn: input.heldOn,
          record: JSON.stringify(input),
          // Everything applied, for the record: every pass rule (special majorities too), both
          // quorum alternatives of a villagers' meeting, the reading of 半数以上, the make-up report.
          judgement: JSON.stringify({
            quorum: result.quorum,
            pass: result.pass,
            passes: result.passes,
            ...(result.alternatives ? { alternatives: result.alternatives } : {}),
            ...(result.composition ? { composition: result.composition } : {}),
            ...(stage === 'party_review' || stage === 'proposal'
              ? { reading: rules.partyQuorumReading }
              : {}),
            tally: result.tally,
          }),
          outcome: result.outcome,
        }
        await insertMeeting(tx, {
          countyCode: matter.countyCode,
          matterId,
          ...meeting,
          createdAt: clock.now(),
        })
        if (state !== matter.state) await updateMatter(tx, matter, { state })
        return { ...result, matter: timeline({ ...matter, state }, [...meetings, meeting]) }
      })
    },
  }
}
