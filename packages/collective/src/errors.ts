import { DomainError, type DomainErrorKind } from '@liancun/core'

/**
 * The catalogue: every refusal of the collective (三资) domain, its kind (which the API turns into
 * one HTTP status) and what it means. The README's error table lists the same codes (a test
 * compares them), and each code is produced by at least one test of this package.
 */
export const COLLECTIVE_ERRORS = {
  // registers and their records
  'collective.collective_not_found': { kind: 'not_found', meaning: 'no registers (collective) with this id' },
  'collective.collective_exists': { kind: 'conflict', meaning: 'a ledger has one set of registers' },
  'collective.household_not_found': { kind: 'not_found', meaning: 'the collective has no such household' },
  'collective.member_not_found': { kind: 'not_found', meaning: 'the collective has no such member' },
  'collective.share_kind_not_found': { kind: 'not_found', meaning: 'the collective has no such share kind' },
  'collective.holding_not_found': { kind: 'not_found', meaning: 'the collective has no such holding' },
  'collective.payout_not_found': { kind: 'not_found', meaning: 'the collective has no such payout' },
  'collective.asset_not_found': { kind: 'not_found', meaning: 'the collective has no such asset card' },
  'collective.resource_not_found': { kind: 'not_found', meaning: 'the collective has no such resource' },
  'collective.contract_not_found': { kind: 'not_found', meaning: 'the collective has no such contract' },
  'collective.payment_not_found': { kind: 'not_found', meaning: 'the contract has no such instalment' },
  'collective.household_number_taken': { kind: 'conflict', meaning: 'a 户号 is used once per collective' },
  'collective.share_kind_taken': {
    kind: 'conflict',
    meaning: 'a share kind name is used once per collective',
  },
  'collective.contract_number_taken': { kind: 'conflict', meaning: 'a 合同编号 is used once per collective' },
  'collective.future_date': { kind: 'rule', meaning: 'a register records what happened on or before today' },
  // members (成员)
  'collective.member_left': { kind: 'conflict', meaning: 'a membership is lost (丧失) once' },
  'collective.leave_before_join': { kind: 'rule', meaning: 'membership is lost on or after it was acquired' },
  // shares (折股量化)
  'collective.holder_mismatch': {
    kind: 'rule',
    meaning: 'a share kind is held by members, by households or by the collective, as the kind says',
  },
  'collective.holder_not_in_collective': {
    kind: 'rule',
    meaning: 'shares are held by members or households of the same collective (transfers stay inside)',
  },
  'collective.holding_not_active': {
    kind: 'rule',
    meaning: 'a change applies to a holding valid on its day',
  },
  'collective.change_before_holding': {
    kind: 'rule',
    meaning: 'a change is dated after the holdings it touches began',
  },
  'collective.insufficient_units': {
    kind: 'rule',
    meaning: 'a holder transfers no more units than it holds',
  },
  'collective.holding_exists': {
    kind: 'conflict',
    meaning: 'a holder has one open holding per share kind; a change goes through a transfer or adjustment',
  },
  'collective.same_holder': { kind: 'invalid', meaning: 'a transfer goes to another holder' },
  // payouts (分红到户)
  'collective.no_holdings': {
    kind: 'rule',
    meaning: 'a payout is split over the shares held on the record day',
  },
  'collective.pay_before_record': { kind: 'rule', meaning: 'a payout is paid on or after its record day' },
  // assets (资产)
  'collective.life_required': {
    kind: 'invalid',
    meaning: 'straight-line depreciation needs usefulLifeMonths; method none takes none',
  },
  'collective.residual_too_high': { kind: 'invalid', meaning: 'the residual value lies below the cost' },
  'collective.duplicate_owner': { kind: 'invalid', meaning: 'an owner holds one share line of an asset' },
  'collective.asset_disposed': { kind: 'conflict', meaning: 'an asset card is disposed of once' },
  'collective.disposal_before_acquisition': {
    kind: 'rule',
    meaning: 'an asset is disposed of on or after it was acquired',
  },
  'collective.matter_required': {
    kind: 'rule',
    meaning: 'a disposal or contract at or above the major-matter amount names its 四议两公开 matter',
  },
  'collective.matter_not_resolved': {
    kind: 'rule',
    meaning: 'the named 四议两公开 matter is resolved, its disclosure run, no objection pending',
  },
  // resources (资源) and contracts (合同)
  'collective.ends_before_start': { kind: 'invalid', meaning: 'a term ends on or after it starts' },
  'collective.nothing_covered': {
    kind: 'invalid',
    meaning: 'a contract covers at least one resource or asset',
  },
  'collective.duplicate_item': {
    kind: 'invalid',
    meaning: 'a resource or asset is listed once per contract',
  },
  'collective.item_not_found': {
    kind: 'rule',
    meaning: 'a contract covers resources and assets of its own collective, not disposed of',
  },
  'collective.area_exceeds': { kind: 'rule', meaning: 'the area let stays within the resource’s area' },
  'collective.schedule_not_whole': { kind: 'rule', meaning: 'the instalments sum to the contract amount' },
  'collective.cover_outside_term': {
    kind: 'rule',
    meaning: 'an instalment pays for a period inside the term (coversFrom ≤ coversTo)',
  },
  'collective.payment_drafted': { kind: 'conflict', meaning: 'an instalment’s voucher is drafted once' },
  'collective.payment_not_due': {
    kind: 'rule',
    meaning: 'a receipt follows the receivable drafted for the instalment',
  },
  // vouchers the app drafts in the collective's ledger
  'collective.posting_account': {
    kind: 'rule',
    meaning: 'a voucher posts to an enabled leaf account: named, or the only one under its first-level code',
  },
  // bookings: the registers' year-end and month-end vouchers (parts/bookings.ts)
  'collective.booking_not_found': { kind: 'not_found', meaning: 'the collective has no such booking' },
  'collective.period_not_begun': {
    kind: 'rule',
    meaning: 'a year’s transfer is drafted once its year has begun, a month’s depreciation from its last day',
  },
  'collective.date_outside_period': {
    kind: 'rule',
    meaning: 'a booking’s voucher is dated inside the year or month it books, not after today',
  },
  'collective.nothing_to_book': {
    kind: 'rule',
    meaning:
      'a booking has an amount: a deferred share, a depreciation charge or monitored households to pay',
  },
  'collective.run_booked_elsewhere': {
    kind: 'rule',
    meaning: 'a run’s monitored households are paid by the collective whose ledger booked their payables',
  },
  // asset cards from ledger entries (资产卡片 from 151 / 141 entries)
  'collective.entry_line_not_found': {
    kind: 'not_found',
    meaning: 'the voucher has no line with this number',
  },
  'collective.entry_not_posted': {
    kind: 'rule',
    meaning: 'a card is made from an entry of a posted voucher that was not reversed',
  },
  'collective.entry_not_asset': {
    kind: 'rule',
    meaning: 'a card is made from a debit to 151 固定资产 or 141 长期投资 (or a sub-account)',
  },
  'collective.entry_has_card': { kind: 'conflict', meaning: 'one ledger entry makes one asset card' },
} as const satisfies Record<`collective.${string}`, { kind: DomainErrorKind; meaning: string }>

export type CollectiveErrorCode = keyof typeof COLLECTIVE_ERRORS

/** Every refusal of the collective domain; `code` is stable, `message` is for people. */
export class CollectiveError extends DomainError {
  declare readonly code: CollectiveErrorCode

  constructor(
    code: CollectiveErrorCode,
    message: string,
    options: { field?: string; context?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(code, message, { ...options, kind: COLLECTIVE_ERRORS[code].kind })
    this.name = 'CollectiveError'
  }
}

type Findable =
  | 'collective'
  | 'household'
  | 'member'
  | 'share_kind'
  | 'holding'
  | 'payout'
  | 'asset'
  | 'resource'
  | 'contract'
  | 'payment'
  | 'booking'

/** `no household <id>` and friends: the not-found codes keyed by what was looked for. */
export const notFound = (what: Findable, id: string, field?: string) =>
  new CollectiveError(`collective.${what}_not_found`, `no ${what.replace('_', ' ')} ${id}`, {
    context: { id },
    ...(field ? { field } : {}),
  })

/** Refuses a date after today: registers record facts, not plans. */
export function notAfterToday(date: string, today: string, field: string): void {
  if (date > today) {
    throw new CollectiveError('collective.future_date', `${field} ${date} is after today (${today})`, {
      field,
      context: { date, today },
    })
  }
}
