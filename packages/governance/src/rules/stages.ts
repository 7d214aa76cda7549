import { GovernanceError } from '../errors.js'
import { type MatterMeetingInput, VILLAGERS_MEETING_ONLY } from '../inputs.js'
import type { Judgement } from './judgement.js'
import { type MeetingOutcome, STAGES, type Stage, type StageRoster } from './meeting.js'

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
