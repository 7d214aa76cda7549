export type { Clock } from './clock.js'
export { businessDateOf, fixedClock, systemClock } from './clock.js'
export type { CrossCountyRead } from './cross-county.js'
export {
  acrossCounties,
  CROSS_COUNTY_READS,
  countyWithin,
  groupByCounty,
  isDistributed,
  markDistributed,
} from './cross-county.js'
export type { Database, MigrationSet } from './database.js'
export {
  applyMigrations,
  findPgError,
  isConstraintNamed,
  isRetryableTransactionError,
  isUniqueViolation,
  MIGRATIONS_SCHEMA,
  pendingMigrationCount,
  selectRows,
} from './database.js'
export type { DateRange } from './dates.js'
export { addDays, BusinessDate, daysBetween, isActiveOn, isBusinessDate, rangesOverlap } from './dates.js'
export { DISTRIBUTION_COLUMN, distributeTables, hasCitus } from './distribution.js'
export type { DivisionCodeParts, DivisionLevel } from './division-code.js'
export {
  CountyCode,
  countyOf,
  DivisionCode,
  divisionCodeProblem,
  divisionLevel,
  isDivisionCode,
  isWithinDivision,
  parentDivisionCode,
  parseDivisionCode,
  TownshipCode,
  townshipOf,
  VillageCode,
} from './division-code.js'
export type { DomainErrorKind, DomainErrorOptions } from './domain-error.js'
export { DomainError, notFound } from './domain-error.js'
export { countyOfId, Id, isId, newId } from './ids.js'
export type { Fen, MoneyRejection } from './money.js'
export {
  formatMoney,
  MAX_ABS_FEN,
  MoneyOut,
  MoneyString,
  moneyRejection,
  moneyRejectionReason,
  NonNegativeMoneyString,
  PositiveMoneyString,
  parseMoney,
  sumFen,
} from './money.js'
export type { Page, PageRequest } from './pagination.js'
export {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  PageQuery,
  pageRequest,
  toPage,
} from './pagination.js'
export type { ShareInput, ShareOutput, SplitResult } from './split-by-shares.js'
export { splitByShares } from './split-by-shares.js'
export type { StatementCache } from './statement-cache.js'
export { cacheStatements } from './statement-cache.js'
export type { UsccInfo, UsccWarning } from './uscc.js'
export {
  organizationCodeCheckCharacter,
  parseUscc,
  USCC_DEPARTMENTS,
  Uscc,
  usccCheckCharacter,
  usccProblem,
} from './uscc.js'
