export type { AccountClass, ChartAccount, ChartId, NormalSide } from './chart.js'
export { CHARTS, isCashAccount, RCEA_2023 } from './chart.js'
export type { LedgerErrorCode } from './errors.js'
export { LEDGER_ERRORS, LedgerError } from './errors.js'
export {
  AddAccountInput,
  CreateAssertionInput,
  CreateDisclosureInput,
  CreateLedgerInput,
  CreateLedgerLinkInput,
  CreateVoucherBatchInput,
  CreateVoucherInput,
  IMPORT_MAX_LINES,
  IMPORT_MAX_VOUCHERS,
  ImportedVoucherInput,
  ImportVouchersInput,
  OpeningBalancesInput,
  Period,
  PostVoucherBatchInput,
  RecordApprovalInput,
  ReopenPeriodInput,
  ReverseVoucherInput,
  VoucherLineInput,
  VoucherSourceInput,
} from './inputs.js'
export type {
  Account,
  GuardOptions,
  Ledger,
  LedgerRef,
  LedgerService,
  LedgerServiceOptions,
  Voucher,
  VoucherLine,
  VoucherOrigin,
  VoucherSource,
  VoucherState,
} from './ledger-service.js'
export { createLedgerService, OPENING_PERIOD } from './ledger-service.js'
export { ledgerMigrations, migrateLedger } from './migrate.js'
export type { Approval, ApprovalChain, VoucherMatterGate } from './parts/approvals.js'
export {
  APPROVAL_BASIS,
  APPROVAL_STEPS,
  type ApprovalStep,
  type MajorKind,
  type MatterRule,
  type MatterStanding,
  STEP_ROLES,
} from './rules/approvals.js'
export {
  contractMoney,
  NO_REGISTERS_NOTE,
  type RegisterAsset,
  type RegisterContract,
  type RegisterResource,
  type RegistersInput,
  type RegistersReader,
  type RegistersSection,
  registersSection,
} from './rules/disclosure-registers.js'
export type {
  PostingFacts,
  PostingItem,
  PostingLedger,
  PostingPlan,
  PostingRequest,
  PostingVoucher,
} from './rules/posting.js'
export { planPostings, postingProblem } from './rules/posting.js'
export {
  BALANCE_SHEET_ASSETS,
  BALANCE_SHEET_CLAIMS,
  DISTRIBUTION_LINES,
  INCOME_LINES,
  officialBalanceSheet,
  officialIncomeStatement,
} from './rules/statement-forms.js'
export type { StatementAccount, StatementLine } from './rules/statements.js'
export { balanceSheet, closingEntries, incomeStatement } from './rules/statements.js'
export type { LeafMovement, SidedAmount, TrialAccount, TrialBalanceRow } from './rules/trial-balance.js'
export { onNormalSide, trialBalance } from './rules/trial-balance.js'
export type { VoucherDateProblem, VoucherDateStage } from './rules/voucher-dates.js'
export { voucherDateProblem } from './rules/voucher-dates.js'
export {
  chainHash,
  periodOf,
  reversalLines,
  voucherLabel,
  voucherLineProblems,
  voucherTotals,
} from './rules/vouchers.js'
