import { daysBetween } from '@liancun/core'
import { GovernanceError } from '../errors.js'
import { type MatterMeetingInput, VILLAGERS_MEETING_ONLY } from '../inputs.js'
import type { Judgement } from './judgement.js'
import { basisOn } from './legal-bases.js'
import { type MeetingOutcome, STAGES, type Stage, type StageRoster } from './meeting.js'
import type { GovernanceRuleSet } from './rule-set.js'

/** Where a matter stands, as the stage rules see it. */
export interface MatterStanding {
  /** The next stage to hold, or resolved / rejected / closed. */
  state: string
  category: string
}

/**
 * Whether `stage` may be held now: strictly in order, 提议 and 商议 merged only where the branch
 * secretary chairs the committee, and a resolution names its body (village rules, charters and
 * recalls by the villagers' meeting itself). Returns whether the stage is merged with the proposal.
 */
export function checkStage(
  matter: MatterStanding,
  stage: Stage,
  input: MatterMeetingInput,
  roster: StageRoster,
): { merged: boolean } {
  const merged = stage === 'consultation' && input.mergedWithProposal === true && matter.state === 'proposal'
  if (merged && !(roster.kind === 'committee' && roster.secretaryIsChair)) {
    throw new GovernanceError(
      'governance.merge_not_allowed',
      '提议 and 商议 merge only where the branch secretary is also the committee chair',
      { field: 'mergedWithProposal' },
    )
  }
  if (matter.state !== stage && !merged) {
    throw new GovernanceError(
      'governance.stage_out_of_order',
      matter.state === 'resolved' || matter.state === 'rejected'
        ? `the matter is already ${matter.state}`
        : `the next stage is ${matter.state}, not ${stage}`,
      { context: { expected: matter.state, got: stage } },
    )
  }
  if (stage === 'resolution') {
    if (!input.body)
      throw new GovernanceError('governance.body_required', 'say which body resolved', { field: 'body' })
    if (input.body === 'representatives_meeting' && VILLAGERS_MEETING_ONLY.has(matter.category)) {
      throw new GovernanceError(
        'governance.villagers_meeting_required',
        `${matter.category} is decided by the villagers’ meeting itself`,
        { field: 'body' },
      )
    }
  }
  return { merged }
}

/**
 * A 村民会议 is called with notice at least the configured days before (组织法 Art. 21: 提前十天
 * 通知村民): the notice day is recorded, and a meeting held sooner decides nothing. A household
 * count typed by the caller is refused: the household quorum follows from the register.
 */
export function checkVillagersMeeting(
  input: MatterMeetingInput,
  rules: Pick<GovernanceRuleSet, 'villagersMeetingNoticeDays'>,
): void {
  if ((input as { presentHouseholds?: unknown }).presentHouseholds !== undefined) {
    throw new GovernanceError(
      'governance.household_count_not_accepted',
      'the households represented follow from the household register and the attendees, not from a number',
      { field: 'presentHouseholds' },
    )
  }
  if (input.body !== 'villagers_meeting') return
  const required = rules.villagersMeetingNoticeDays
  const basis = basisOn('villagersMeetingNotice', input.heldOn)
  if (!input.noticeSentOn) {
    throw new GovernanceError(
      'governance.notice_required',
      'a villagers’ meeting records the day notice was given',
      {
        field: 'noticeSentOn',
        context: { required, basis },
      },
    )
  }
  const days = daysBetween(input.noticeSentOn, input.heldOn)
  if (days < required) {
    throw new GovernanceError(
      'governance.notice_too_short',
      `notice given ${days} day(s) before the villagers’ meeting; at least ${required} required`,
      {
        field: 'noticeSentOn',
        context: { days, required, noticeSentOn: input.noticeSentOn, heldOn: input.heldOn, basis },
      },
    )
  }
}

/**
 * The state after a meeting: a failed quorum leaves the matter at its stage, a failed vote ends
 * it as rejected, a passed resolution resolves it, any other passed stage leads to the next.
 */
export function stateAfter(state: string, stage: Stage, outcome: MeetingOutcome['outcome']): string {
  if (outcome === 'quorum_not_met') return state
  if (outcome === 'rejected') return 'rejected'
  return stage === 'resolution' ? 'resolved' : STAGES[STAGES.indexOf(stage) + 1]!
}

/**
 * The answer to a recorded meeting or session that failed its quorum: nothing was decided, and
 * the numbers (and the rule's legal basis) say why.
 */
export function quorumNotMet(quorum: Judgement, what: 'meeting' | 'session'): GovernanceError {
  return new GovernanceError(
    'governance.quorum_not_met',
    what === 'meeting'
      ? `quorum not met: ${quorum.count} of ${quorum.base}, ${quorum.required} required`
      : `${quorum.count} of ${quorum.base} members present, ${quorum.required} required`,
    {
      context: {
        base: quorum.base,
        required: quorum.required,
        present: quorum.count,
        basis: quorum.rule.basis,
      },
    },
  )
}
