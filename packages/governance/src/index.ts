export { POINTS_SCHEDULE } from './councils.js'
export type { GovernanceService, GovernanceServiceOptions } from './governance-service.js'
export { createGovernanceService } from './governance-service.js'
export {
  AddCouncilMemberInput,
  CreateAllianceMatterInput,
  CreateCouncilInput,
  CreateMatterDisclosureInput,
  CreateMatterInput,
  CreateObjectionInput,
  CreateTopicInput,
  ImplementationInput,
  MATTER_CATEGORIES,
  MatterMeetingInput,
  PutRulesInput,
  RespondObjectionInput,
  ReviewTopicInput,
  ScheduleSessionInput,
  SessionMinutesInput,
  VILLAGERS_MEETING_ONLY,
} from './inputs.js'
export type { Matter, MeetingOutcome, Stage, StageRoster } from './matters.js'
export { GovernanceError, judgeMeeting, STAGES, tallyVotes } from './matters.js'
export { governanceMigrations, migrateGovernance } from './migrate.js'
export type { DecisionPart, DecisionStanding } from './rules/decision-standing.js'
export { decisionGaps } from './rules/decision-standing.js'
export type { Threshold } from './rules/fraction.js'
export { describeThreshold, minimumCount, reaches, stricterThreshold } from './rules/fraction.js'
export type { Judgement, PartyAssemblyInput, VillagersMeetingInput } from './rules/judgement.js'
export {
  judge,
  judgePartyAssembly,
  judgeRepresentativesMeeting,
  judgeVillagersMeeting,
} from './rules/judgement.js'
export type {
  CountRule,
  DatedOverride,
  Denominator,
  GovernanceRuleSet,
  LegalBasis,
  RuleOverride,
} from './rules/rule-set.js'
export { effectiveRules, NATIONAL_RULES } from './rules/rule-set.js'
