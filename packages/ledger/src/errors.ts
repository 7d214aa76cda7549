import { DomainError, type DomainErrorKind } from '@liancun/core'

/**
 * The catalogue: every refusal of the ledger domain, its kind (which the API turns into one HTTP
 * status) and what it means. The README's error table lists the same codes (a test compares
 * them), and each code is exercised by at least one test of this package.
 */
export const LEDGER_ERRORS = {
  'ledger.ledger_not_found': { kind: 'not_found', meaning: 'no ledger with this id' },
  'ledger.collective_has_ledger': {
    kind: 'conflict',
    meaning: 'the collective (USCC) already keeps a ledger',
  },
  'ledger.account_not_found': {
    kind: 'rule',
    meaning: 'a line, parent or assertion names an account the chart does not have',
  },
  'ledger.unknown_account': {
    kind: 'not_found',
    meaning: 'the account addressed does not exist in the ledger',
  },
  'ledger.account_exists': { kind: 'conflict', meaning: 'a sub-account with this code exists' },
  'ledger.parent_has_entries': {
    kind: 'rule',
    meaning: 'an account with lines or an opening balance cannot take sub-accounts',
  },
  'ledger.account_has_balance': { kind: 'rule', meaning: 'an account is disabled only without a balance' },
  'ledger.not_leaf_account': { kind: 'rule', meaning: 'lines post to leaf accounts only' },
  'ledger.account_disabled': { kind: 'rule', meaning: 'lines never post to a disabled account' },
  'ledger.opening_after_posting': {
    kind: 'rule',
    meaning: 'opening balances are set before the first posted voucher',
  },
  'ledger.invalid_lines': {
    kind: 'invalid',
    meaning: 'a voucher has at least two lines, each exactly one positive side',
  },
  'ledger.unbalanced': { kind: 'rule', meaning: 'Σ debit ≠ Σ credit' },
  'ledger.invalid_origin': { kind: 'invalid', meaning: 'the origin of a draft is malformed' },
  'ledger.before_first_period': { kind: 'rule', meaning: 'the date lies before the ledger’s first month' },
  'ledger.period_closed': { kind: 'rule', meaning: 'nothing is dated into or posted in a closed month' },
  'ledger.date_in_future': {
    kind: 'rule',
    meaning: 'a voucher is dated at most to the end of this month and posted once its date has come',
  },
  'ledger.voucher_not_found': { kind: 'not_found', meaning: 'no voucher with this id in the ledger' },
  'ledger.voucher_posted': {
    kind: 'conflict',
    meaning: 'the voucher is posted: immutable, never posted again',
  },
  'ledger.voucher_has_origin': {
    kind: 'rule',
    meaning: 'a draft created by another domain’s record is posted or reversed, never deleted',
  },
  'ledger.voucher_not_posted': { kind: 'rule', meaning: 'only a posted voucher is reversed' },
  'ledger.already_reversed': { kind: 'conflict', meaning: 'a voucher is reversed at most once' },
  'ledger.approval_out_of_order': {
    kind: 'rule',
    meaning: '村账乡代管 steps in order: prepared, reviewed, signed, audited',
  },
  'ledger.approval_role': {
    kind: 'rule',
    meaning: 'each approval step is taken by the roles allowed to take it',
  },
  'ledger.approval_same_key': { kind: 'rule', meaning: 'each approval step is taken by its own key' },
  'ledger.matter_required': {
    kind: 'rule',
    meaning:
      'a payment, loan, asset disposal or borrowing at the major-matter amount names its resolved matter',
  },
  'ledger.matter_not_found': {
    kind: 'rule',
    meaning: 'the matter a voucher names is no 四议两公开 matter or alliance matter',
  },
  'ledger.matter_other_village': {
    kind: 'rule',
    meaning: 'the matter a voucher names was decided by another village',
  },
  'ledger.matter_not_standing': {
    kind: 'rule',
    meaning:
      'the matter a voucher names is not resolved, its resolution not disclosed, or an objection is pending',
  },
  'ledger.matter_does_not_cover': {
    kind: 'rule',
    meaning:
      'the amount the matter decided is below the voucher’s major movement plus what is already charged to it',
  },
  'ledger.approval_chain_incomplete': {
    kind: 'rule',
    meaning: 'where the county requires it, a voucher posts only with its complete approval chain',
  },
  'ledger.self_review': {
    kind: 'forbidden',
    meaning: 'the preparer of a voucher never posts it (记账 ≠ 审核)',
  },
  'ledger.insufficient_balance': {
    kind: 'rule',
    meaning: '101 库存现金 / 102 银行存款 would go negative, at the end or on any day (`context.date`)',
  },
  'ledger.duplicate_in_batch': { kind: 'invalid', meaning: 'a batch lists the same voucher twice' },
  'ledger.linked_voucher_in_batch': {
    kind: 'rule',
    meaning: 'a linked voucher is posted on its own (it posts its other side)',
  },
  'ledger.duplicate_source_ref': {
    kind: 'conflict',
    meaning: 'an imported voucher’s source reference is already in the ledger (or twice in the import)',
  },
  'ledger.invalid_range': { kind: 'invalid', meaning: 'a range ends before it begins' },
  'ledger.period_already_closed': { kind: 'conflict', meaning: 'the month is already closed' },
  'ledger.period_open': { kind: 'conflict', meaning: 'the month to reopen is not closed' },
  'ledger.earlier_period_open': { kind: 'rule', meaning: 'months close in order' },
  'ledger.drafts_in_period': { kind: 'rule', meaning: 'a month closes without drafts dated in it' },
  'ledger.assertion_failed': {
    kind: 'rule',
    meaning: 'a month closes only while its balance assertions hold',
  },
  'ledger.later_period_closed': { kind: 'rule', meaning: 'only the latest closed month reopens' },
  'ledger.year_closed': { kind: 'conflict', meaning: 'the year already has its closing vouchers' },
  'ledger.earlier_year_open': {
    kind: 'rule',
    meaning: 'years close in order: the year before must have its year-end close first',
  },
  'ledger.closed_year_income': {
    kind: 'rule',
    meaning: 'a closed year takes no vouchers into its income and expense accounts',
  },
  'ledger.closing_account_ambiguous': {
    kind: 'rule',
    meaning: 'the sub-account of 321/322 that takes the year-end close cannot be told',
  },
  'ledger.period_not_closed': { kind: 'rule', meaning: 'a disclosure covers closed months only' },
  'ledger.review_out_of_order': {
    kind: 'rule',
    meaning: 'a disclosure is reviewed after its period ends and before it is displayed',
  },
  'ledger.disclosure_exists': { kind: 'conflict', meaning: 'the period is already disclosed' },
  'ledger.disclosure_not_found': { kind: 'not_found', meaning: 'no such disclosure for the village' },
  'ledger.invalid_within': {
    kind: 'invalid',
    meaning: 'county books cover a county (6 digits) or a township (9 digits)',
  },
} as const satisfies Record<`ledger.${string}`, { kind: DomainErrorKind; meaning: string }>

export type LedgerErrorCode = keyof typeof LEDGER_ERRORS

/** Every refusal of the ledger domain; `code` is stable and from the catalogue, `message` is for people. */
export class LedgerError extends DomainError {
  constructor(
    code: LedgerErrorCode,
    message: string,
    options: { field?: string | undefined; context?: Record<string, unknown> } = {},
  ) {
    super(code, message, {
      kind: LEDGER_ERRORS[code].kind,
      ...(options.field === undefined ? {} : { field: options.field }),
      ...(options.context ? { context: options.context } : {}),
    })
    this.name = 'LedgerError'
  }
}

/** Re-raises a domain error of one batch item with the item's path in front of its field. */
export function withFieldPrefix(error: unknown, prefix: string): unknown {
  if (!(error instanceof LedgerError)) return error
  const field = error.field ? `${prefix}.${error.field}` : prefix
  return new LedgerError(error.code as LedgerErrorCode, `${prefix}: ${error.message}`, {
    field,
    context: error.context,
  })
}
