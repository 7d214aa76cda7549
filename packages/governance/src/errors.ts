import { DomainError, type DomainErrorKind } from '@liancun/core'

/**
 * The catalogue: every refusal of the governance domain, its kind (which the API turns into one
 * HTTP status) and what it means. The README's error table lists the same codes (a test compares
 * them), and each code is exercised by at least one test of this package.
 */
export const GOVERNANCE_ERRORS = {
  // 四议两公开: matters and their four stages
  'governance.matter_not_found': { kind: 'not_found', meaning: 'no matter with this id' },
  'governance.alliance_matter_not_found': { kind: 'not_found', meaning: 'no alliance matter with this id' },
  'governance.stage_out_of_order': {
    kind: 'rule',
    meaning: 'the four stages run strictly in order; a resolved or rejected matter takes no stage',
  },
  'governance.merge_not_allowed': {
    kind: 'rule',
    meaning: '提议 and 商议 merge only where the branch secretary also chairs the village committee',
  },
  'governance.body_required': { kind: 'invalid', meaning: 'a resolution names the body that resolved' },
  'governance.villagers_meeting_required': {
    kind: 'rule',
    meaning: 'village rules, charters and recalls are decided by the villagers’ meeting itself',
  },
  'governance.attendee_not_on_roster': {
    kind: 'rule',
    meaning: 'an attendee is not on the roster (or the council) of the meeting day',
  },
  'governance.attendee_twice': { kind: 'invalid', meaning: 'a person attends once' },
  'governance.voter_not_present': { kind: 'rule', meaning: 'only those present vote in the meeting' },
  'governance.voter_without_vote': {
    kind: 'rule',
    meaning: 'the person attends without a vote (预备党员)',
  },
  'governance.double_vote': { kind: 'invalid', meaning: 'one vote per person' },
  'governance.more_votes_than_voters': {
    kind: 'rule',
    meaning: 'more votes are counted than voters are present',
  },
  'governance.invalid_written_opinion': {
    kind: 'rule',
    meaning: 'written opinions come from voters who are absent',
  },
  'governance.quorum_not_met': {
    kind: 'rule',
    meaning: 'the meeting (or session) is recorded, but too few attended to decide; context has the numbers',
  },
  'governance.household_count_not_accepted': {
    kind: 'invalid',
    meaning: 'the households represented follow from the household register, never from a typed number',
  },
  'governance.notice_required': {
    kind: 'rule',
    meaning: 'a villagers’ meeting records the day its notice was given',
  },
  'governance.notice_too_short': {
    kind: 'rule',
    meaning: 'a villagers’ meeting is held at least the configured days (ten) after its notice',
  },
  // 两公开, objections and implementation
  'governance.not_resolved': {
    kind: 'rule',
    meaning: 'a resolution is disclosed once the matter is resolved',
  },
  'governance.disclosure_too_short': {
    kind: 'rule',
    meaning: 'a resolution disclosure lasts at least the configured days',
  },
  'governance.not_implemented': {
    kind: 'rule',
    meaning: 'the result is disclosed after the implementation is completed',
  },
  'governance.nothing_disclosed': { kind: 'rule', meaning: 'objections answer a disclosed resolution' },
  'governance.objection_not_found': { kind: 'not_found', meaning: 'no objection with this id' },
  'governance.objection_answered': { kind: 'conflict', meaning: 'the objection already has its answer' },
  'governance.response_before_objection': {
    kind: 'rule',
    meaning: 'a response comes on or after the day of the objection',
  },
  'governance.not_disclosed': {
    kind: 'rule',
    meaning: 'implementation starts after the resolution is disclosed',
  },
  'governance.disclosure_running': {
    kind: 'rule',
    meaning: 'implementation starts after the resolution disclosure has ended',
  },
  'governance.objection_pending': {
    kind: 'rule',
    meaning: 'implementation waits while an objection awaits its answer',
  },
  'governance.already_started': { kind: 'conflict', meaning: 'the implementation has already started' },
  'governance.not_started': { kind: 'rule', meaning: 'completion follows the start of the implementation' },
  // 乡村夜话: councils, topics, sessions and resolutions
  'governance.council_not_found': { kind: 'not_found', meaning: 'no council with this id' },
  'governance.chair_taken': { kind: 'rule', meaning: 'a council has one chair at a time' },
  'governance.not_a_member': { kind: 'rule', meaning: 'topics are proposed by members of the council' },
  'governance.topic_not_found': { kind: 'not_found', meaning: 'no topic with this id' },
  'governance.topic_reviewed': {
    kind: 'conflict',
    meaning: 'only a submitted (or rejected and resubmitted) topic is reviewed',
  },
  'governance.notice_outside_window': {
    kind: 'rule',
    meaning: 'the session notice falls outside the configured window of days',
  },
  'governance.topic_not_accepted': {
    kind: 'rule',
    meaning: 'only topics accepted in pre-review (议前审查) are deliberated',
  },
  'governance.session_not_found': { kind: 'not_found', meaning: 'no session with this id' },
  'governance.session_recorded': { kind: 'conflict', meaning: 'the session already has its minutes' },
  'governance.progress_report_missing': {
    kind: 'rule',
    meaning: 'every open resolution of the council needs a progress report at a session',
  },
  'governance.topic_not_on_agenda': { kind: 'rule', meaning: 'a session deliberates only its own topics' },
  'governance.resolution_needs_majority': {
    kind: 'rule',
    meaning: 'a topic resolves only by a majority of those present, with an owner and a due day',
  },
  'governance.resolution_not_open': {
    kind: 'rule',
    meaning: 'only an open resolution of this council closes (销号)',
  },
  'governance.closure_needs_decision': {
    kind: 'rule',
    meaning:
      'a resolution closed as not actionable needs a reason and the council’s vote (more than half present)',
  },
  'governance.closure_not_complete': {
    kind: 'rule',
    meaning:
      'a resolution closes as solved, satisfied or resolved only with a 100% progress report at the session',
  },
  'governance.major_matter_required': {
    kind: 'rule',
    meaning: 'a resolution spending the major-matter amount or more opens its 四议两公开 matter',
  },
} as const satisfies Record<`governance.${string}`, { kind: DomainErrorKind; meaning: string }>

export type GovernanceErrorCode = keyof typeof GOVERNANCE_ERRORS

/** Every refusal of the governance domain; `code` is stable, `message` is for people. */
export class GovernanceError extends DomainError {
  declare readonly code: GovernanceErrorCode

  constructor(
    code: GovernanceErrorCode,
    message: string,
    options: { field?: string; context?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(code, message, { ...options, kind: GOVERNANCE_ERRORS[code].kind })
    this.name = 'GovernanceError'
  }
}

/** `no matter <id>` and friends: the not-found codes keyed by what was looked for. */
export const notFound = (
  what: 'matter' | 'alliance_matter' | 'objection' | 'council' | 'topic' | 'session',
  id: string,
) =>
  new GovernanceError(`governance.${what}_not_found`, `no ${what.replace(/_/g, ' ')} ${id}`, {
    context: { id },
  })
