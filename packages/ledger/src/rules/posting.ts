import type { Fen } from '@liancun/core'
import { accountClassOf, isCashAccount } from '../chart.js'
import { LedgerError, withFieldPrefix } from '../errors.js'
import { type AccountFact, dateAheadError, lineAccountError, openDateError } from './drafts.js'
import { closedYearProblem } from './periods.js'
import { chainHash } from './vouchers.js'

/**
 * The posting rules, in one place: every path that posts (one voucher, a batch, a linked pair,
 * the year-end close, an import of history) hands its vouchers here, in posting order, and gets
 * back either the first refusal — naming the item — or the plan to write: numbers, hashes,
 * chain heads, counters and balance increments. Pure; the caller loaded the facts under the
 * ledger's row lock, so nothing can change them before the plan is written.
 */

export interface PostingVoucher {
  id: string
  ledgerId: string
  status: string
  number: number | null
  linkId: string | null
  /** Who prepared it (记账): a key id, or the name the source system recorded for an import. */
  preparedBy: string
  date: string
  period: string
  summary: string
}

export interface PostingLine {
  voucherId: string
  lineNo: number
  account: string
  debit: Fen
  credit: Fen
}

export interface PostingLedger {
  id: string
  firstPeriod: string
  lastHash: string | null
  postedCount: number
}

/** What the rules need to know beyond the vouchers, read once per posting. Keys are `ledgerId|x`. */
export interface PostingFacts {
  /** The chart of each ledger, by ledger id then account code (only the codes the lines use). */
  accounts: ReadonlyMap<string, ReadonlyMap<string, AccountFact>>
  /** Posted net (debit − credit) over all history per `ledgerId|account`, for the cash check. */
  nets: ReadonlyMap<string, Fen>
  /** Last number given per `ledgerId|period`. */
  counters: ReadonlyMap<string, number>
  /** Closed months as `ledgerId|period`. */
  closed: ReadonlySet<string>
  /** Years whose year-end close is posted, as `ledgerId|year` (absent: none). */
  closedYears?: ReadonlySet<string>
  /**
   * Posted cash movements per `ledgerId|account` by date, net of the day, for the dates on and
   * after the earliest voucher being posted (in date order): with `nets`, the balance at the end
   * of each of those days. Absent, only the balance after every posting is checked.
   */
  cashDays?: ReadonlyMap<string, readonly CashDay[]>
}

/** Net cash movement (debit − credit) of one account on one day. */
export interface CashDay {
  date: string
  net: Fen
}

export interface PostingItem {
  /** The id asked for; `voucher` is undefined when no such voucher is in the ledger. */
  id: string
  voucher: PostingVoucher | undefined
  lines: readonly PostingLine[]
  /** Who posts it (审核): the caller's key id, or the source's reviewer name for an import. */
  reviewer: string
  /** Prefix of the item's error fields (`voucherIds.3`, `vouchers.0`), or '' for a single voucher. */
  field: string
}

export interface PostingRequest {
  items: readonly PostingItem[]
  ledgers: ReadonlyMap<string, PostingLedger>
  facts: PostingFacts
  today: string
  /** A batch refuses linked vouchers: a linked voucher is posted on its own, with its other side. */
  refuseLinked: boolean
}

export interface PostingPlan {
  vouchers: { id: string; ledgerId: string; period: string; number: number; hash: string; chainSeq: number }[]
  heads: { ledgerId: string; lastHash: string; postedCount: number }[]
  /** Per ledger and month: how many numbers this posting takes, and the last one it gives. */
  counters: { ledgerId: string; period: string; taken: number; last: number }[]
  /** Increments of the maintained balances per ledger, month and account. */
  balances: { ledgerId: string; period: string; account: string; debit: Fen; credit: Fen }[]
}

const key = (a: string, b: string) => `${a}|${b}`

/**
 * The cash accounts' balances while a posting is planned: the balance after everything posted
 * (`total`) and the posted movements by day from the earliest voucher's date on, so the balance at
 * the end of any such day is the total less what moved after it.
 */
export interface CashBook {
  total: Map<string, Fen>
  days: Map<string, CashDay[]>
}

export function cashBookOf(facts: Pick<PostingFacts, 'nets' | 'cashDays'>): CashBook {
  return {
    total: new Map(facts.nets),
    days: new Map([...(facts.cashDays ?? new Map())].map(([k, days]) => [k, [...days]])),
  }
}

/**
 * The lowest balance of an account at the end of any day from `date` on, and that day; for a
 * voucher dated `date` moving the account by a negative amount, it must stay ≥ 0 on each of them
 * (cash is never negative on any date, not only at the end — a back-dated payment before a later
 * receipt would otherwise pass).
 */
export function lowestFrom(book: CashBook, account: string, date: string): { date: string; balance: Fen } {
  const total = book.total.get(account) ?? 0n
  // The balance at the end of a day is the total less what moved on later days.
  const later = (book.days.get(account) ?? []).filter((d) => d.date > date)
  let movedAfter = later.reduce((sum, d) => sum + d.net, 0n)
  let lowest = { date, balance: total - movedAfter }
  for (const day of later) {
    movedAfter -= day.net
    const balance = total - movedAfter
    if (balance < lowest.balance) lowest = { date: day.date, balance }
  }
  return lowest
}

/** The first rule one voucher breaks, given the cash balances before it; null when it may post. */
export function postingProblem(
  item: PostingItem,
  request: Pick<PostingRequest, 'ledgers' | 'facts' | 'today' | 'refuseLinked'>,
  book: CashBook,
): LedgerError | null {
  const { voucher } = item
  if (!voucher) return new LedgerError('ledger.voucher_not_found', `no voucher ${item.id} in this ledger`)
  if (voucher.status !== 'draft') {
    return new LedgerError(
      'ledger.voucher_posted',
      `the voucher is already posted as 记字第${voucher.number}号`,
    )
  }
  if (request.refuseLinked && voucher.linkId) {
    return new LedgerError(
      'ledger.linked_voucher_in_batch',
      'post a linked voucher on its own: it posts its other side too',
    )
  }
  if (voucher.preparedBy === item.reviewer) {
    return new LedgerError('ledger.self_review', 'the preparer of a voucher may not post it (记账 ≠ 审核)')
  }
  const ledger = request.ledgers.get(voucher.ledgerId)
  if (!ledger) return new LedgerError('ledger.ledger_not_found', `no ledger ${voucher.ledgerId}`)
  const dated =
    dateAheadError(voucher.date, request.today, 'post') ??
    openDateError(ledger, (period) => request.facts.closed.has(key(ledger.id, period)), voucher.date)
  if (dated) return dated
  const accounts = request.facts.accounts.get(ledger.id) ?? new Map<string, AccountFact>()
  const misposted = lineAccountError(
    accounts,
    item.lines.map((l) => ({ account: l.account })),
  )
  if (misposted) return misposted
  const closedYear = closedYearProblem(
    voucher,
    item.lines,
    new Set(
      [...(request.facts.closedYears ?? [])].flatMap((k) =>
        k.startsWith(`${ledger.id}|`) ? [k.slice(-4)] : [],
      ),
    ),
    accountClassOf,
  )
  if (closedYear) return closedYear
  for (const [code, change] of cashChange(item.lines)) {
    const account = key(ledger.id, code)
    const after = (book.total.get(account) ?? 0n) + change
    if (after < 0n) {
      return new LedgerError('ledger.insufficient_balance', `${code} would go negative (${after} fen)`, {
        context: { account: code, balanceAfter: after.toString() },
      })
    }
    if (change >= 0n) continue
    const lowest = lowestFrom(book, account, voucher.date)
    if (lowest.balance + change < 0n) {
      const balance = lowest.balance + change
      return new LedgerError(
        'ledger.insufficient_balance',
        `${code} would go negative on ${lowest.date} (${balance} fen): a payment dated ${voucher.date} comes before the money it spends`,
        { context: { account: code, date: lowest.date, balanceAfter: balance.toString() } },
      )
    }
  }
  return null
}

/** Net change (debit − credit) of each 101/102 account the voucher moves. */
function cashChange(lines: readonly Pick<PostingLine, 'account' | 'debit' | 'credit'>[]): Map<string, Fen> {
  const out = new Map<string, Fen>()
  for (const line of lines) {
    if (!isCashAccount(line.account)) continue
    out.set(line.account, (out.get(line.account) ?? 0n) + line.debit - line.credit)
  }
  return out
}

/**
 * Whether a voucher's lines take money out of a cash account (its net on some 101/102 account is
 * negative). Only such a voucher needs the later days' cash balances: one that only adds cannot
 * make any day negative. The posting-facts statement (store/posting.ts) applies the same test to
 * drafts' lines in SQL, to skip reading the days; keep the two in step.
 */
export function takesCashOut(lines: readonly Pick<PostingLine, 'account' | 'debit' | 'credit'>[]): boolean {
  for (const change of cashChange(lines).values()) if (change < 0n) return true
  return false
}

/** Books a planned voucher's cash change into the running book, on its day. */
function bookCash(book: CashBook, item: PostingItem): void {
  const ledgerId = item.voucher!.ledgerId
  const date = item.voucher!.date
  for (const [code, change] of cashChange(item.lines)) {
    const account = key(ledgerId, code)
    book.total.set(account, (book.total.get(account) ?? 0n) + change)
    const days = book.days.get(account) ?? []
    const day = days.find((d) => d.date === date)
    if (day) day.net += change
    else {
      days.push({ date, net: change })
      days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    }
    book.days.set(account, days)
  }
}

/**
 * Checks every item in order (so a cash shortfall names the voucher that causes it) and plans the
 * writes: numbers continue each month's counter gaplessly in posting order, each voucher's hash
 * extends its ledger's chain, and balances grow by the posted lines.
 */
export function planPostings(request: PostingRequest): PostingPlan {
  const book = cashBookOf(request.facts)
  const seen = new Set<string>()
  for (const item of request.items) {
    const problem = seen.has(item.id)
      ? new LedgerError('ledger.duplicate_in_batch', 'the voucher is listed twice')
      : postingProblem(item, request, book)
    if (problem) throw item.field ? withFieldPrefix(problem, item.field) : problem
    seen.add(item.id)
    bookCash(book, item)
  }

  const next = new Map<string, number>()
  const heads = new Map<string, { lastHash: string | null; postedCount: number }>()
  const balances = new Map<string, PostingPlan['balances'][number]>()
  const vouchers: PostingPlan['vouchers'] = []
  for (const item of request.items) {
    const voucher = item.voucher!
    const counterKey = key(voucher.ledgerId, voucher.period)
    const number = (next.get(counterKey) ?? request.facts.counters.get(counterKey) ?? 0) + 1
    next.set(counterKey, number)
    const ledger = request.ledgers.get(voucher.ledgerId)!
    const head = heads.get(ledger.id) ?? { lastHash: ledger.lastHash, postedCount: ledger.postedCount }
    const lines = [...item.lines].sort((a, b) => a.lineNo - b.lineNo)
    const hash = chainHash(head.lastHash, {
      id: voucher.id,
      date: voucher.date,
      number,
      summary: voucher.summary,
      lines: lines.map((l) => ({ account: l.account, debit: l.debit, credit: l.credit })),
    })
    heads.set(ledger.id, { lastHash: hash, postedCount: head.postedCount + 1 })
    vouchers.push({
      id: voucher.id,
      ledgerId: ledger.id,
      period: voucher.period,
      number,
      hash,
      chainSeq: head.postedCount + 1,
    })
    for (const line of lines) {
      const balanceKey = `${ledger.id}|${voucher.period}|${line.account}`
      const entry = balances.get(balanceKey) ?? {
        ledgerId: ledger.id,
        period: voucher.period,
        account: line.account,
        debit: 0n,
        credit: 0n,
      }
      entry.debit += line.debit
      entry.credit += line.credit
      balances.set(balanceKey, entry)
    }
  }
  const counters = [...next].map(([counterKey, last]) => {
    const [ledgerId, period] = counterKey.split('|') as [string, string]
    return { ledgerId, period, last, taken: last - (request.facts.counters.get(counterKey) ?? 0) }
  })
  return {
    vouchers,
    heads: [...heads].map(([ledgerId, head]) => ({
      ledgerId,
      lastHash: head.lastHash!,
      postedCount: head.postedCount,
    })),
    counters,
    balances: [...balances.values()],
  }
}
