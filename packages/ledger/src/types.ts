import type { Fen } from '@liancun/core'
import type { AccountClass, NormalSide } from './chart.js'
import type { MatterRule } from './rules/approvals.js'

/** Period key of opening balances: sorts before every month. */
export const OPENING_PERIOD = '0000-00'

export interface Ledger {
  id: string
  villageCode: string
  countyCode: string
  collective: { name: string; uscc: string }
  chart: string
  firstPeriod: string
  createdAt: string
}

/** What a caller's guard is shown of a ledger it is about to read or write. */
export interface LedgerRef {
  id: string
  countyCode: string
  villageCode: string
}

/**
 * Authorise what you load, once: a method that loads a ledger for a caller calls `guard` with the
 * row it loaded — inside its transaction, before it writes (for reads, on the row the read
 * returned). Whatever the guard throws propagates, and the transaction rolls back.
 */
export interface GuardOptions {
  guard?: ((ref: LedgerRef) => void | Promise<void>) | undefined
}

export interface Account {
  code: string
  name: string
  class: AccountClass
  normalSide: NormalSide
  parentCode: string | null
  isLeaf: boolean
  disabled: boolean
}

export interface VoucherLine {
  lineNo: number
  account: string
  accountName: string
  summary: string | null
  debit: Fen | null
  credit: Fen | null
  counterparty: string | null
  reference: string | null
}

/**
 * The record in another domain that created a draft (e.g. `funds.disbursement` with its source,
 * project and disbursement ids). The ledger stores and returns it but never interprets it.
 */
export type VoucherOrigin = { kind: string; refs: Record<string, string> }

/** Where an imported voucher came from: the legacy system's reference and its 记账 / 审核 names. */
export interface VoucherSource {
  ref: string
  preparer: string
  reviewer: string
}

/** What another system needs to follow a voucher it created: is it posted, under which number. */
export interface VoucherState {
  id: string
  ledgerId: string
  status: 'draft' | 'posted'
  number: number | null
  /** `2024年03月 记字第7号` once posted. */
  label: string | null
  date: string
  postedAt: string | null
  reversedById: string | null
  origin: VoucherOrigin | null
}

export interface Voucher {
  id: string
  ledgerId: string
  status: 'draft' | 'posted'
  date: string
  period: string
  number: number | null
  /** `2024年03月 记字第7号` once posted. */
  label: string | null
  summary: string
  attachments: number
  preparedBy: string
  postedBy: string | null
  postedAt: string | null
  reversesId: string | null
  reversedById: string | null
  /** The inter-village link this voucher is one side of. */
  linkId: string | null
  /** The record that created this draft; null for vouchers keyed in by a bookkeeper. */
  origin: VoucherOrigin | null
  /** For a voucher imported from another system (history), its reference and people there. */
  source: VoucherSource | null
  /** The resolved 四议两公开 matter authorising a major payment, loan, disposal or borrowing. */
  matterId: string | null
  /** The rule it answered: the major-matter amount in force on the voucher date, and what it met. */
  matterRule: MatterRule | null
  totals: { debit: Fen; credit: Fen }
  lines: VoucherLine[]
}
