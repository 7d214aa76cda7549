import type { Fen } from '@liancun/core'
import { LedgerError } from '../errors.js'
import type { VoucherOrigin } from '../types.js'
import { type VoucherDateStage, voucherDateProblem } from './voucher-dates.js'
import { periodOf, voucherLineProblems } from './vouchers.js'

/**
 * The rules a voucher meets whenever it is written or posted, as LedgerErrors naming the field:
 * its shape, its origin, its date (not ahead of today, inside an open month) and its accounts.
 * Pure: the caller hands in what it loaded. Each returns the first problem, or null.
 */

/** ≥ 2 lines, each exactly one positive side, Σ debit = Σ credit. */
export function shapeError(
  lines: readonly { account: string; debit?: Fen | undefined; credit?: Fen | undefined }[],
) {
  const first = voucherLineProblems(lines)[0]
  if (!first) return null
  return new LedgerError(
    first.rule === 'unbalanced' ? 'ledger.unbalanced' : 'ledger.invalid_lines',
    first.message,
    {
      field: first.line === null ? 'lines' : `lines.${first.line}`,
    },
  )
}

/** A date too far ahead of today for the stage (rules/voucher-dates.ts). */
export function dateAheadError(date: string, today: string, stage: VoucherDateStage, field = 'date') {
  const problem = voucherDateProblem(date, today, stage)
  if (!problem) return null
  return new LedgerError('ledger.date_in_future', problem.message, { field, context: { date, today } })
}

/** Nothing dates before the ledger's first month or into a closed one. */
export function openDateError(
  ledger: { firstPeriod: string },
  isClosed: (period: string) => boolean,
  date: string,
  field = 'date',
) {
  const period = periodOf(date)
  if (period < ledger.firstPeriod) {
    return new LedgerError('ledger.before_first_period', `the ledger books from ${ledger.firstPeriod}`, {
      field,
    })
  }
  if (isClosed(period))
    return new LedgerError('ledger.period_closed', `period ${period} is closed`, { field })
  return null
}

export interface AccountFact {
  code: string
  name: string
  isLeaf: boolean
  disabled: boolean
}

/** Every line posts to an account that exists, is a leaf and is enabled. */
export function lineAccountError(
  accounts: ReadonlyMap<string, AccountFact>,
  lines: readonly { account: string }[],
): LedgerError | null {
  for (const [index, line] of lines.entries()) {
    const account = accounts.get(line.account)
    const field = `lines.${index}.account`
    if (!account) return new LedgerError('ledger.account_not_found', `no account ${line.account}`, { field })
    if (!account.isLeaf) {
      return new LedgerError(
        'ledger.not_leaf_account',
        `${line.account} ${account.name} has sub-accounts; post to one of them`,
        { field },
      )
    }
    if (account.disabled) {
      return new LedgerError('ledger.account_disabled', `${line.account} ${account.name} is disabled`, {
        field,
      })
    }
  }
  return null
}

/** Throws the first of the given problems, if any. */
export function refuse(...problems: (LedgerError | null)[]): void {
  for (const problem of problems) if (problem) throw problem
}

const ORIGIN_KIND = /^[a-z][a-z0-9_.-]{0,63}$/
const ORIGIN_REF_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/
const ORIGIN_MAX_REFS = 10
const ORIGIN_MAX_VALUE = 200

/** Checks an origin and returns the JSON text stored for it (only `kind` and `refs`). */
export function originText(origin: VoucherOrigin): string {
  const invalid = (message: string, field: string): never => {
    throw new LedgerError('ledger.invalid_origin', message, { field })
  }
  if (typeof origin?.kind !== 'string' || !ORIGIN_KIND.test(origin.kind)) {
    invalid(
      'an origin kind is lower-case letters, digits and _.- (at most 64, e.g. funds.disbursement)',
      'origin.kind',
    )
  }
  const refs: unknown = origin.refs
  if (typeof refs !== 'object' || refs === null || Array.isArray(refs)) {
    invalid('origin refs are an object of names to ids', 'origin.refs')
  }
  const entries = Object.entries(refs as Record<string, unknown>)
  if (entries.length > ORIGIN_MAX_REFS)
    invalid(`an origin carries at most ${ORIGIN_MAX_REFS} refs`, 'origin.refs')
  for (const [key, value] of entries) {
    if (!ORIGIN_REF_KEY.test(key)) {
      invalid(
        `ref name ${JSON.stringify(key)} must be a letter then letters, digits or _ (at most 40)`,
        'origin.refs',
      )
    }
    if (typeof value !== 'string' || value.length < 1 || value.length > ORIGIN_MAX_VALUE) {
      invalid(`ref ${key} must be a string of 1 to ${ORIGIN_MAX_VALUE} characters`, `origin.refs.${key}`)
    }
  }
  return JSON.stringify({ kind: origin.kind, refs: Object.fromEntries(entries) })
}

export function parseOrigin(text: string | null): VoucherOrigin | null {
  return text === null ? null : (JSON.parse(text) as VoucherOrigin)
}
