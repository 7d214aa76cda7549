export {
  DeferralRunInput,
  DepreciationRunInput,
  MonitoredPayoutInput,
} from './booking-inputs.js'
export {
  type CollectiveService,
  type CollectiveServiceOptions,
  createCollectiveService,
} from './collective-service.js'
export type { CollectiveContext, CollectiveRef, GuardOptions } from './context.js'
export { COLLECTIVE_ERRORS, CollectiveError, type CollectiveErrorCode } from './errors.js'
export {
  ASSET_CATEGORIES,
  ASSET_CLASSES,
  ContractPaymentInput,
  CreateAssetFromEntryInput,
  CreateAssetInput,
  CreateContractInput,
  CreateHoldingInput,
  CreateHouseholdInput,
  CreateMemberInput,
  CreateResourceInput,
  CreateShareKindInput,
  DISPOSAL_KINDS,
  DisposeAssetInput,
  EndMembershipInput,
  JOIN_REASONS,
  LEAVE_REASONS,
  OWNER_KINDS,
  PayoutInput,
  RESOURCE_KINDS,
  RESOURCE_STATUSES,
  TransferHoldingInput,
  UpdateResourceStatusInput,
} from './inputs.js'
export { collectiveMigrations, migrateCollective } from './migrate.js'
export type { TitleCard, TitleCardsInput, TitleCoOwner } from './parts/asset-titles.js'
export type { Asset, MatterGate } from './parts/assets.js'
export { DEFAULT_MAJOR_MATTER_FEN } from './parts/assets.js'
export {
  BOOKING_KINDS,
  type Booking,
  type BookingKind,
  type BookingLine,
  MONITORED_PAYOUT_BASIS,
  type MonitoredRun,
} from './parts/bookings.js'
export type { Collective } from './parts/collectives.js'
export type { Contract } from './parts/contracts.js'
export type { Household, Member } from './parts/members.js'
export type { Payout } from './parts/payouts.js'
export type { Resource } from './parts/resources.js'
export type { Holding, ShareKind } from './parts/shares.js'
export { chooseLeaf } from './rules/accounts.js'
export { AMORTISATION_ACCOUNTS, AMORTISATION_BASIS, amortisationParts } from './rules/amortisation.js'
export { formatMu, MuString, muUnits } from './rules/area.js'
export {
  CONTRACT_KINDS,
  type ContractKind,
  PARTY_KINDS,
  SPREAD_BASIS,
  spreadByYear,
  type YearShare,
} from './rules/contracts.js'
export {
  accumulatedDepreciation,
  bookValueOn,
  DEPRECIATION_METHODS,
  type DepreciationTerms,
  monthlyCharge,
} from './rules/depreciation.js'
export {
  ASSET_CLASS_EXPENSE,
  type BookedAssetClass,
  type CardCharge,
  checkExpenseAccount,
  DEPRECIATION_BOOKING_BASIS,
  DEPRECIATION_CREDIT,
  DEPRECIATION_EXPENSE_ACCOUNTS,
} from './rules/depreciation-booking.js'
export {
  cardOfEntry,
  categoryOfAccount,
  ENTRY_CARD_ACCOUNTS,
  type EntryCardCategory,
  type LedgerEntry,
  lineOf,
} from './rules/entry-card.js'
export { MAJOR_MATTER_BASIS, matterStandingProblem, requireMatter } from './rules/matters.js'
export {
  RECONCILED_ACCOUNTS,
  type ReconciledCard,
  type ReconciliationRow,
  reconcile,
} from './rules/reconciliation.js'
export {
  type DueInstalment,
  deferredParts,
  RENT_SPREAD_ACCOUNTS,
  RENT_SPREAD_BASIS,
  type YearPart,
  yearVoucherDate,
} from './rules/rent-spread.js'
export {
  CHANGE_REASONS,
  type ChangeReason,
  HOLDER_KINDS,
  type HolderKind,
  type PayoutLine,
  planTransfer,
  registerAsOf,
  splitPayout,
} from './rules/shares.js'
export { ownerUnits } from './rules/title-shares.js'
