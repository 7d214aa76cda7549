import { DomainError, type DomainErrorKind } from '@liancun/core'

/**
 * The catalogue: every refusal of the funds domain, its kind (which the API turns into one HTTP
 * status) and what it means. The README's error table lists the same codes (a test compares
 * them), and each code is exercised by at least one test of this package.
 */
export const FUNDS_ERRORS = {
  // fund sources (资金来源)
  'funds.source_not_found': { kind: 'not_found', meaning: 'no fund source with this id' },
  'funds.holder_mismatch': {
    kind: 'invalid',
    meaning: 'a county or township holder sits in its own division',
  },
  'funds.received_before_year': {
    kind: 'rule',
    meaning: 'money is received in or after the year before its fiscal year',
  },
  // projects (项目库) and their lifecycle
  'funds.project_not_found': { kind: 'not_found', meaning: 'no project with this id (or none public)' },
  'funds.targets_required': { kind: 'rule', meaning: 'a project enters the library with its 绩效目标' },
  'funds.benefit_mechanism_required': { kind: 'rule', meaning: 'a project states its 利益联结机制' },
  'funds.ends_before_start': { kind: 'invalid', meaning: 'endOn is on or after startOn' },
  'funds.implementer_outside_township': {
    kind: 'rule',
    meaning: 'the implementing village lies in the project’s township',
  },
  'funds.duplicate_beneficiary': { kind: 'invalid', meaning: 'a beneficiary village is listed once' },
  'funds.beneficiary_outside_county': { kind: 'rule', meaning: 'beneficiaries lie in the project’s county' },
  'funds.duplicate_indicator': { kind: 'invalid', meaning: 'a 绩效 indicator is listed once' },
  'funds.transition_out_of_order': {
    kind: 'rule',
    meaning:
      'candidate → submitted → reviewed → approved → started → accepted → operating → closed; cancelled before the start',
  },
  'funds.paid_cannot_cancel': { kind: 'rule', meaning: 'a project paid from is carried out, not cancelled' },
  'funds.future_step': { kind: 'rule', meaning: 'a lifecycle step is recorded on or before today' },
  'funds.step_before_previous': { kind: 'rule', meaning: 'a step is dated on or after the previous one' },
  'funds.notice_required': {
    kind: 'rule',
    meaning: 'approval and acceptance wait until their notice (公告公示) has run its days',
  },
  'funds.notice_out_of_stage': {
    kind: 'rule',
    meaning: 'an approval notice is posted while submitted or reviewed, a completion notice while started',
  },
  'funds.acceptance_required': {
    kind: 'invalid',
    meaning: '验收 records the ownership shares of the assets formed',
  },
  'funds.acceptance_unexpected': {
    kind: 'invalid',
    meaning: 'an acceptance record goes with to=accepted only',
  },
  'funds.holder_outside_county': { kind: 'rule', meaning: 'share holders lie in the project’s county' },
  'funds.duplicate_holder': { kind: 'invalid', meaning: 'a share holder holds one share line' },
  'funds.decision_already_used': {
    kind: 'rule',
    meaning: 'a 四议两公开 matter that lists no projects authorises one project only',
  },
  'funds.asset_title_required': {
    kind: 'rule',
    meaning:
      'accepting a project that spent money names the assets formed, their class and owners (资产确权)',
  },
  'funds.asset_owner_class': {
    kind: 'rule',
    meaning: '到户类 assets belong to households, 公益性 ones to the village collective',
  },
  'funds.asset_owner_unknown': {
    kind: 'rule',
    meaning: 'an asset’s owner is a village of the project (with its ledger) or one of its households',
  },
  'funds.duplicate_asset_owner': { kind: 'invalid', meaning: 'an owner is listed once per asset' },
  'funds.asset_value_mismatch': { kind: 'rule', meaning: 'the owners’ values sum to the asset’s cost' },
  'funds.asset_cost_mismatch': {
    kind: 'rule',
    meaning: 'the assets’ costs sum to the money the project paid (and still plans to pay)',
  },
  'funds.no_results_yet': { kind: 'rule', meaning: '绩效 results are recorded once works start' },
  'funds.unknown_indicator': { kind: 'rule', meaning: 'a result names one of the project’s indicators' },
  // allocations (资金安排)
  'funds.project_not_approved': {
    kind: 'rule',
    meaning: 'money is allocated (and a payment plan set) once the project is approved',
  },
  'funds.cross_county': { kind: 'rule', meaning: 'a source funds projects of its own county' },
  'funds.source_out_of_reach': {
    kind: 'rule',
    meaning: 'a county’s money funds the county, a township’s its township, an alliance’s its own projects',
  },
  'funds.category_not_allowed': { kind: 'rule', meaning: 'the source does not fund this project category' },
  'funds.insufficient_source': {
    kind: 'rule',
    meaning: 'the allocation exceeds what the source has available',
  },
  'funds.industry_share': {
    kind: 'rule',
    meaning: 'the allocation would leave the source’s required industry share unreachable',
  },
  'funds.over_budget': { kind: 'rule', meaning: 'Σ allocations of a project stay within its budget' },
  // payment plans (分期拨付)
  'funds.nothing_allocated': { kind: 'rule', meaning: 'a payment plan needs money allocated to plan' },
  'funds.percent_or_amount': { kind: 'invalid', meaning: 'a tranche gives exactly one of percent or amount' },
  'funds.empty_tranche': { kind: 'invalid', meaning: 'a tranche pays more than nothing' },
  'funds.due_date_required': { kind: 'invalid', meaning: 'a date tranche names its dueOn day' },
  'funds.due_date_unexpected': { kind: 'invalid', meaning: 'only a date tranche has dueOn' },
  'funds.mixed_plan': { kind: 'invalid', meaning: 'a plan is wholly in percent or wholly in amounts' },
  'funds.plan_not_whole': {
    kind: 'rule',
    meaning: 'percentages sum to exactly 100.00, amounts to the total to plan',
  },
  'funds.plan_in_use': {
    kind: 'conflict',
    meaning: 'tranches paid from stay fixed; the rest is planned again in amounts',
  },
  'funds.tranche_not_found': { kind: 'not_found', meaning: 'the project has no such tranche' },
  'funds.not_a_milestone': { kind: 'rule', meaning: 'only a milestone tranche has a milestone to mark' },
  'funds.milestone_met': { kind: 'conflict', meaning: 'the milestone is already marked met' },
  // disbursements (拨付)
  'funds.project_not_fundable': { kind: 'rule', meaning: 'payments go to approved projects not yet closed' },
  'funds.future_date': { kind: 'rule', meaning: 'a payment or revenue is recorded on or before today' },
  'funds.tranche_not_triggered': {
    kind: 'rule',
    meaning: 'the tranche’s trigger is not met on the payment date',
  },
  'funds.plan_outdated': {
    kind: 'rule',
    meaning: 'the payment plan no longer covers the allocated total; set it again',
  },
  'funds.over_allocation': {
    kind: 'rule',
    meaning: 'Σ paid from a source stays within what it allocated to the project',
  },
  'funds.over_tranche': { kind: 'rule', meaning: 'Σ paid on a tranche stays within its amount' },
  'funds.disbursement_not_found': { kind: 'not_found', meaning: 'no disbursement with this id' },
  // revenue and its distribution (收益分配)
  'funds.not_operating': { kind: 'rule', meaning: 'revenue comes from accepted or operating projects' },
  'funds.revenue_not_found': { kind: 'not_found', meaning: 'the project has no such revenue' },
  'funds.revenue_distributed': { kind: 'conflict', meaning: 'a revenue is distributed by one run only' },
  'funds.no_shares': {
    kind: 'rule',
    meaning: 'revenue is split by the ownership shares recorded at acceptance (验收)',
  },
  'funds.distributed_before_received': {
    kind: 'rule',
    meaning: 'a distribution is dated on or after the revenue was received',
  },
  'funds.run_not_found': { kind: 'not_found', meaning: 'no distribution run with this id (of this project)' },
  'funds.negative_revenue': { kind: 'invalid', meaning: 'revenue to distribute is not negative' },
  'funds.invalid_percent': { kind: 'invalid', meaning: 'a percentage lies between 0.00 and 100.00' },
  'funds.guarantee_not_holder': {
    kind: 'rule',
    meaning: 'a guaranteed village holds a share of the project',
  },
  'funds.duplicate_guarantee': { kind: 'invalid', meaning: 'a village is guaranteed once' },
  'funds.invalid_guarantee': { kind: 'invalid', meaning: 'a guaranteed amount is greater than zero' },
  'funds.monitored_households_required': {
    kind: 'rule',
    meaning: 'the monitored households’ part of a distribution is owed to named households',
  },
  'funds.split_mismatch': {
    kind: 'conflict',
    meaning: 'internal check: the stages of a distribution did not sum to the revenue',
  },
} as const satisfies Record<`funds.${string}`, { kind: DomainErrorKind; meaning: string }>

export type FundsErrorCode = keyof typeof FUNDS_ERRORS

/** Every refusal of the funds domain; `code` is stable, `message` is for people. */
export class FundsError extends DomainError {
  declare readonly code: FundsErrorCode

  constructor(
    code: FundsErrorCode,
    message: string,
    options: { field?: string; context?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(code, message, { ...options, kind: FUNDS_ERRORS[code].kind })
    this.name = 'FundsError'
  }
}

/** `no project <id>` and friends: the not-found codes keyed by what was looked for. */
export const notFound = (
  what: 'source' | 'project' | 'disbursement' | 'run',
  id: string,
  message = `no ${what === 'source' ? 'fund source' : what === 'run' ? 'distribution run' : what} ${id}`,
) => new FundsError(`funds.${what}_not_found`, message, { context: { id } })
