export type {
  FundsContext,
  GuardOptions,
  ProjectAndSourceGuards,
  ProjectRef,
  SourceRef,
} from './context.js'
export type { FundsErrorCode } from './errors.js'
export { FUNDS_ERRORS, FundsError } from './errors.js'
export type {
  FundsService,
  FundsServiceOptions,
  GateReads,
  GateSource,
  TransitionGate,
} from './funds-service.js'
export { createFundsService, DEFAULT_NOTICE_DAYS } from './funds-service.js'
export {
  AllocationInput,
  CreateFundSourceInput,
  CreateNoticeInput,
  CreateProjectInput,
  DisbursementInput,
  DistributionInput,
  DistributionPolicyInput,
  FUND_KINDS,
  FUND_LEVELS,
  FundHolder,
  MilestoneInput,
  PaymentPlanInput,
  PROJECT_CATEGORIES,
  type ProjectCategory,
  PutFundRulesInput,
  RecordResultInput,
  RevenueInput,
  TransitionInput,
} from './inputs.js'
export { fundsMigrations, migrateFunds } from './migrate.js'
export type { Project } from './parts/projects.js'
export type { DistributionGate, DistributionRun } from './parts/revenue.js'
export type { FundSource } from './parts/sources.js'
export type {
  DistributionOutcome,
  DistributionPolicy,
  DistributionStage,
  ShareHolder,
} from './rules/distribution.js'
export { distributeRevenue } from './rules/distribution.js'
export type { ProjectStatus, TargetStatus } from './rules/lifecycle.js'
export { checkTransition, FUNDABLE, PROJECT_STATUSES, TARGET_STATUSES } from './rules/lifecycle.js'
export type { TrancheInput, Trigger, TriggerFacts } from './rules/payment-plan.js'
export { planAmounts, TRIGGERS, triggerGap } from './rules/payment-plan.js'
export { FULL_BP, formatPercent, PercentString } from './rules/percent.js'
export type { LineVoucher } from './store/revenues.js'
