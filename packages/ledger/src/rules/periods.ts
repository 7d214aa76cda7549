import { createHash } from 'node:crypto'
import { addDays } from '@liancun/core'
import { LedgerError } from '../errors.js'
import { periodOf } from './vouchers.js'

/**
 * Period rules: months close in order, without drafts, while their balance assertions hold; only
 * the latest closed month reopens; a disclosure covers closed months. Pure decisions over what the
 * caller loaded under the ledger's row lock.
 */

/** The month before `period` (`2024-01` → `2023-12`). */
export function previousPeriod(period: string): string {
  return periodOf(addDays(`${period}-01`, -1))
}

/** The month after `period`. */
export function nextPeriod(period: string): string {
  return periodOf(addDays(`${period}-28`, 5))
}

/** Why a month may not close, or null. `closed` holds the ledger's closed months. */
export function closeProblem(input: {
  firstPeriod: string
  period: string
  closed: ReadonlySet<string>
  draftIds: readonly string[]
  failing: readonly { id: string; account: string; date: string; balance: bigint; actual: bigint }[]
}): LedgerError | null {
  const { firstPeriod, period, closed } = input
  if (period < firstPeriod) {
    return new LedgerError('ledger.before_first_period', `the ledger books from ${firstPeriod}`)
  }
  if (closed.has(period))
    return new LedgerError('ledger.period_already_closed', `period ${period} is already closed`)
  const previous = previousPeriod(period)
  if (period > firstPeriod && !closed.has(previous)) {
    return new LedgerError('ledger.earlier_period_open', `close ${previous} first`)
  }
  if (input.draftIds.length > 0) {
    return new LedgerError(
      'ledger.drafts_in_period',
      `${input.draftIds.length} draft voucher(s) dated in ${period}`,
      {
        context: { drafts: [...input.draftIds] },
      },
    )
  }
  if (input.failing.length > 0) {
    return new LedgerError(
      'ledger.assertion_failed',
      `${input.failing.length} balance assertion(s) in ${period} do not hold`,
      {
        context: {
          assertions: input.failing.map((a) => ({
            id: a.id,
            account: a.account,
            date: a.date,
            expected: a.balance.toString(),
            actual: a.actual.toString(),
          })),
        },
      },
    )
  }
  return null
}

/** Why a month may not reopen, or null: it must be closed, and no later month may be. */
export function reopenProblem(period: string, closed: ReadonlySet<string>): LedgerError | null {
  if (!closed.has(period)) return new LedgerError('ledger.period_open', `period ${period} is not closed`)
  // Months reopen from the latest closed one back, so the one to reopen first is the latest.
  const later = [...closed].filter((p) => p > period).sort()
  const latest = later.at(-1)
  if (latest) {
    return new LedgerError(
      'ledger.later_period_closed',
      `reopen ${latest} first (months reopen from the latest back)`,
      {
        context: { period, laterClosed: later },
      },
    )
  }
  return null
}

/** The seal of a closed month: sha256 over its posted vouchers' numbers and hashes. */
export function periodSeal(
  ledgerId: string,
  period: string,
  posted: readonly { number: number | null; hash: string | null }[],
) {
  return createHash('sha256')
    .update(JSON.stringify([ledgerId, period, posted.map((p) => [p.number, p.hash])]))
    .digest('hex')
}

/** `2024-Q1` → [`2024-01`, `2024-03`]; a month is its own range. */
export function disclosureRange(period: string): [string, string] {
  const quarter = /^([0-9]{4})-Q([1-4])$/.exec(period)
  if (!quarter) return [period, period]
  const first = (Number(quarter[2]) - 1) * 3 + 1
  const pad = (m: number) => String(m).padStart(2, '0')
  return [`${quarter[1]}-${pad(first)}`, `${quarter[1]}-${pad(first + 2)}`]
}

/** Every month from `from` through `to`. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = []
  for (let month = from; month <= to; month = nextPeriod(month)) out.push(month)
  return out
}

/** The first month of a disclosure's range that is still open, or null. */
export function disclosureProblem(period: string, closed: ReadonlySet<string>): LedgerError | null {
  const [from, to] = disclosureRange(period)
  const open = monthsOf(from, to).find((month) => !closed.has(month))
  if (!open) return null
  return new LedgerError('ledger.period_not_closed', `close ${open} before disclosing ${period}`, {
    field: 'period',
  })
}

/** The leaf to close into: the account itself, or its sub-account named 未分配… / the only one. */
export function closingTarget(
  accounts: readonly { code: string; name: string; parentCode: string | null; isLeaf: boolean }[],
  code: string,
): string {
  const self = accounts.find((a) => a.code === code)
  if (self?.isLeaf) return code
  const children = accounts.filter((a) => a.parentCode === code)
  const target =
    children.find((c) => c.name.includes('未分配')) ?? (children.length === 1 ? children[0] : undefined)
  if (!target?.isLeaf) {
    throw new LedgerError(
      'ledger.closing_account_ambiguous',
      `cannot tell which sub-account of ${code} takes the year-end close`,
    )
  }
  return target.code
}

/**
 * 年终结账 in order: a year closes only once the year before it has (when the ledger books that
 * year) — its closing vouchers posted, or nothing in it to close (no profit and loss, no 各项分配
 * left at its end). Otherwise the earlier year's result would never reach 未分配收益 in order.
 */
export function yearCloseProblem(input: {
  year: string
  firstPeriod: string
  previousClosed: boolean
  previousHasNothingToClose: boolean
}): LedgerError | null {
  const previous = String(Number(input.year) - 1)
  if (`${previous}-12` < input.firstPeriod) return null
  if (input.previousClosed || input.previousHasNothingToClose) return null
  return new LedgerError('ledger.earlier_year_open', `close ${previous} before ${input.year}`, {
    field: 'year',
    context: {
      year: input.year,
      previousYear: previous,
      basis: '农村集体经济组织会计制度 年终结账（按年度顺序）',
    },
  })
}

/** 损益类: the income and expense classes, which the year-end close empties. */
const isPlClass = (cls: string | undefined) => cls === 'income' || cls === 'expense'

/**
 * After its year-end close a year takes no voucher into its income and expense accounts (损益类):
 * their balances went to 321 本年收益 and on to 322; a later correction of that year's result goes
 * through 322 收益分配—未分配收益 in the current year (2004 制度 [V 2004]). `closedYears` holds the
 * years with closing vouchers; `classOf` the class of each account used.
 */
export function closedYearProblem(
  voucher: { date: string },
  lines: readonly { account: string }[],
  closedYears: ReadonlySet<string>,
  classOf: (code: string) => string | undefined,
): LedgerError | null {
  const year = voucher.date.slice(0, 4)
  if (!closedYears.has(year)) return null
  const index = lines.findIndex((l) => isPlClass(classOf(l.account)))
  if (index < 0) return null
  const account = lines[index]!.account
  const accounts = [...new Set(lines.map((l) => l.account).filter((code) => isPlClass(classOf(code))))]
  return new LedgerError(
    'ledger.closed_year_income',
    `${year} is closed: ${account} (损益类) takes no more vouchers dated in it; book a correction through 322 收益分配—未分配收益 in the current year`,
    {
      field: `lines.${index}.account`,
      context: { year, account, accounts, date: voucher.date, basis: '农村集体经济组织会计制度 年终结账' },
    },
  )
}

/**
 * The years a closed-year check must ask about for these drafts: those of drafts that touch an
 * income or expense account and whose year could already be closed — a year closes on its last
 * day at the earliest (its closing vouchers are posted at once), so a draft dated in a year whose
 * 31 December is still ahead of `today` needs no look-up. Most drafts are of the current year:
 * they cost no statement.
 */
export function closableYears(
  drafts: readonly { date: string; lines: readonly { account: string }[] }[],
  today: string,
  classOf: (code: string) => string | undefined,
): string[] {
  const years = new Set<string>()
  for (const draft of drafts) {
    const year = draft.date.slice(0, 4)
    if (`${year}-12-31` > today) continue
    if (draft.lines.some((l) => isPlClass(classOf(l.account)))) years.add(year)
  }
  return [...years].sort()
}

/** Whether a year's end leaves anything to close: profit and loss, or 322 leaves besides the target. */
export function nothingToClose(
  nets: ReadonlyMap<string, bigint>,
  isProfitAndLoss: (code: string) => boolean,
  undistributedTarget: string,
): boolean {
  for (const [code, net] of nets) {
    if (net === 0n) continue
    if (isProfitAndLoss(code)) return false
    if (code.startsWith('322') && code !== undistributedTarget) return false
  }
  return true
}
