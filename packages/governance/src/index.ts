export type {
  AllianceMatterRef,
  CouncilRef,
  GovernanceContext,
  GuardOptions,
  MatterRef,
} from './context.js'
export type { GovernanceErrorCode } from './errors.js'
export { GOVERNANCE_ERRORS, GovernanceError } from './errors.js'
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
export { governanceMigrations, migrateGovernance } from './migrate.js'
export type { Matter } from './parts/matters.js'
export type { RosterSource } from './parts/stages.js'
export type { PointsMember } from './rules/councils.js'
export { POINTS_SCHEDULE } from './rules/councils.js'
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
export type { ProvisionKey } from './rules/legal-bases.js'
export { basisOn, PROVISIONS } from './rules/legal-bases.js'
export type { MatterSubject, SpendingClaim, SubjectCover } from './rules/matter-subject.js'
export { SUBJECT_BASIS, SUBJECT_COVERS, subjectCovers, subjectCoversAmount } from './rules/matter-subject.js'
export type { CompositionReport, MeetingMatter, MeetingOutcome, Stage, StageRoster } from './rules/meeting.js'
export { judgeMeeting, representativesComposition, STAGES, tallyVotes } from './rules/meeting.js'
export type {
  CategoryRule,
  CountRule,
  DatedOverride,
  Denominator,
  GovernanceRuleSet,
  LegalBasis,
  PointsSchedule,
  QuorumReading,
  RuleOverride,
} from './rules/rule-set.js'
export { effectiveRules, NATIONAL_RULES, nationalRules } from './rules/rule-set.js'
export { quorumNotMet } from './rules/stages.js'
