import { type Clock, type Database, systemClock } from '@liancun/core'
import { createContext } from './context.js'
import { approvalPart, type VoucherMatterGate } from './parts/approvals.js'
import { booksPart } from './parts/books.js'
import { chartPart } from './parts/chart.js'
import { disclosurePart } from './parts/disclosures.js'
import { draftPart } from './parts/drafts.js'
import { entriesPart } from './parts/entries.js'
import { importPart } from './parts/imports.js'
import { integrityPart } from './parts/integrity.js'
import { ledgerPart } from './parts/ledgers.js'
import { linkPart } from './parts/links.js'
import { periodPart } from './parts/periods.js'
import { postingPart } from './parts/posting.js'
import { reportPart } from './parts/reports.js'
import { voucherPart } from './parts/vouchers.js'
import { yearClosePart } from './parts/year-close.js'

export type {
  Account,
  GuardOptions,
  Ledger,
  LedgerRef,
  Voucher,
  VoucherLine,
  VoucherOrigin,
  VoucherSource,
  VoucherState,
} from './types.js'
export { OPENING_PERIOD } from './types.js'

export interface LedgerServiceOptions {
  db: Database
  clock?: Clock
  /** The app's 四议两公开 port: major payments name their matter, posting re-asks it (issue 12 item 6). */
  matterGate?: VoucherMatterGate
}

/**
 * One village collective's books (独立建账、独立核算). Drafts are prepared by one key and posted by
 * another; posting numbers the voucher gaplessly within its month, extends the ledger's hash
 * chain and adds to the maintained balances, all in one transaction under the ledger's row lock.
 *
 * A small facade: each part (src/parts/) is one aggregate over a shared context. Given a
 * transaction (`withTx`, or an API request's), every method runs inside it.
 */
export function createLedgerService(options: LedgerServiceOptions) {
  const ctx = createContext(options.db, options.clock ?? systemClock, options.matterGate)
  return {
    ...ledgerPart(ctx),
    ...chartPart(ctx),
    ...draftPart(ctx),
    ...voucherPart(ctx),
    ...postingPart(ctx),
    ...importPart(ctx),
    ...linkPart(ctx),
    ...periodPart(ctx),
    ...yearClosePart(ctx),
    ...reportPart(ctx),
    ...booksPart(ctx),
    ...entriesPart(ctx),
    ...integrityPart(ctx),
    ...disclosurePart(ctx),
    ...approvalPart(ctx),
    withTx(tx: Database) {
      return createLedgerService({ ...options, db: tx })
    },
  }
}

export type LedgerService = ReturnType<typeof createLedgerService>
