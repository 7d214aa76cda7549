import { addDays, type Fen, formatMoney } from '@liancun/core'
import { LedgerError } from '../errors.js'

/**
 * What a 财务公开 shows beyond income, expenditure and the balance sheet (农村集体经济组织财务公开
 * 规定, 2011, reference/accounting.md §1.3): debts by counterparty (债权债务), the special funds
 * (一事一议资金, 专项应付款), the assets and resources the books hold, the review by the 民主理财小组 /
 * 村务监督委员会 and how long the board is displayed. Pure; amounts leave as "123.45" strings.
 */

/** Receivable and payable accounts whose balances are published by counterparty. */
export const DEBT_ACCOUNTS = ['112', '113', '201', '211', '212', '213', '221'] as const
/** Special funds published with their movements: 一事一议资金 and 专项应付款. */
export const SPECIAL_FUND_ACCOUNTS = ['231', '241'] as const
/**
 * Accounts of assets and resources the ledger itself knows (长期投资, 生物资产, 固定资产, 在建工程,
 * 无形资产 — land-use rights among them). Land, forest and water resources by area come from the
 * 三资 register, not the books: the app hands them in, and `registersSection`
 * (disclosure-registers.ts) publishes them beside these balances.
 */
export const RESOURCE_ACCOUNTS = ['131', '132', '134', '141', '151', '153', '161'] as const

/** How long the board is displayed when the caller does not say [U: local practice varies]. */
export const DEFAULT_DISPLAY_DAYS = 30

interface Line {
  account: string
  debit: Fen
  credit: Fen
  counterparty: string | null
}

/**
 * Balances of the debt accounts by counterparty at the end, from every posted line through the
 * end; what the lines do not name (opening balances, lines without a counterparty) shows as
 * 未注明往来单位, so each account's rows sum to its balance to the fen. Debit balances are 债权
 * (receivable), credit balances 债务 (payable).
 */
export function debtsByCounterparty(
  lines: readonly Line[],
  nets: ReadonlyMap<string, Fen>,
  nameOf: (code: string) => string,
) {
  const out: {
    account: string
    accountName: string
    counterparty: string
    side: 'receivable' | 'payable'
    amount: string
  }[] = []
  for (const code of DEBT_ACCOUNTS) {
    const total = [...nets].reduce((s, [leaf, net]) => (leaf.startsWith(code) ? s + net : s), 0n)
    const by = new Map<string, Fen>()
    for (const l of lines) {
      if (!l.account.startsWith(code) || !l.counterparty) continue
      by.set(l.counterparty, (by.get(l.counterparty) ?? 0n) + l.debit - l.credit)
    }
    const named = [...by.values()].reduce((s, n) => s + n, 0n)
    const rows = [...by].sort(([a], [b]) => (a < b ? -1 : 1))
    if (total - named !== 0n) rows.push(['未注明往来单位', total - named])
    for (const [counterparty, net] of rows) {
      if (net === 0n) continue
      out.push({
        account: code,
        accountName: nameOf(code),
        counterparty,
        side: net > 0n ? 'receivable' : 'payable',
        amount: formatMoney(net > 0n ? net : -net),
      })
    }
  }
  return out
}

/** Each special fund: balance at the start of the range, received (credits), used (debits), balance at its end. */
export function specialFunds(
  rangeLines: readonly Line[],
  nets: ReadonlyMap<string, Fen>,
  nameOf: (code: string) => string,
) {
  return SPECIAL_FUND_ACCOUNTS.map((code) => {
    const end = -[...nets].reduce((s, [leaf, net]) => (leaf.startsWith(code) ? s + net : s), 0n)
    let received = 0n
    let used = 0n
    for (const l of rangeLines) {
      if (!l.account.startsWith(code)) continue
      received += l.credit
      used += l.debit
    }
    return {
      account: code,
      name: nameOf(code),
      opening: formatMoney(end - received + used),
      received: formatMoney(received),
      used: formatMoney(used),
      closing: formatMoney(end),
    }
  })
}

/** Leaf balances of the asset and resource accounts the ledger holds (non-zero only). */
export function ledgerResources(nets: ReadonlyMap<string, Fen>, nameOf: (code: string) => string) {
  return [...nets]
    .filter(([leaf, net]) => net !== 0n && RESOURCE_ACCOUNTS.some((c) => leaf.startsWith(c)))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([leaf, net]) => ({ account: leaf, name: nameOf(leaf), amount: formatMoney(net) }))
}

/**
 * The board's display window: from `from` (default: the day of publication) for `days` days
 * (default DEFAULT_DISPLAY_DAYS). The review must come before the first day on display (民主理财
 * 小组 reviews before publication), and not before the period it reviews has ended.
 */
export function displayWindow(
  input: {
    review?: { date: string } | undefined
    display?: { from: string; days: number } | undefined
  },
  today: string,
  periodEnd: string,
) {
  const from = input.display?.from ?? today
  const days = input.display?.days ?? DEFAULT_DISPLAY_DAYS
  const review = input.review
  if (review && (review.date > from || review.date < periodEnd)) {
    throw new LedgerError(
      'ledger.review_out_of_order',
      `the review (${review.date}) comes after the period ends (${periodEnd}) and on or before the first day on display (${from})`,
      {
        field: 'review.date',
        context: {
          reviewDate: review.date,
          periodEnd,
          displayFrom: from,
          basis: '农村集体经济组织财务公开规定（2011）',
        },
      },
    )
  }
  return { from, until: addDays(from, days - 1), days }
}
