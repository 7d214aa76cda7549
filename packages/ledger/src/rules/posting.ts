import type { Fen } from '@liancun/core'
import { isCashAccount } from '../chart.js'
import { LedgerError, withFieldPrefix } from '../errors.js'
import { type AccountFact, dateAheadError, lineAccountError, openDateError } from './drafts.js'
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

/** The first rule one voucher breaks, given the cash balances before it; null when it may post. */
export function postingProblem(
  item: PostingItem,
  request: Pick<PostingRequest, 'ledgers' | 'facts' | 'today' | 'refuseLinked'>,
  cash: ReadonlyMap<string, Fen>,
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
  for (const [code, after] of cashAfter(item, cash)) {
    if (after < 0n) {
      return new LedgerError('ledger.insufficient_balance', `${code} would go negative (${after} fen)`, {
        context: { account: code, balanceAfter: after.toString() },
      })
    }
  }
  return null
}

/** 101/102 balances (by account) after the voucher, from the running balances before it. */
function cashAfter(item: PostingItem, cash: ReadonlyMap<string, Fen>): Map<string, Fen> {
  const ledgerId = item.voucher?.ledgerId ?? ''
  const out = new Map<string, Fen>()
  for (const line of item.lines) {
    if (!isCashAccount(line.account)) continue
    const before = out.get(line.account) ?? cash.get(key(ledgerId, line.account)) ?? 0n
    out.set(line.account, before + line.debit - line.credit)
  }
  return out
}

/**
 * Checks every item in order (so a cash shortfall names the voucher that causes it) and plans the
 * writes: numbers continue each month's counter gaplessly in posting order, each voucher's hash
 * extends its ledger's chain, and balances grow by the posted lines.
 */
export function planPostings(request: PostingRequest): PostingPlan {
  const cash = new Map(request.facts.nets)
  const seen = new Set<string>()
  for (const item of request.items) {
    const problem = seen.has(item.id)
      ? new LedgerError('ledger.duplicate_in_batch', 'the voucher is listed twice')
      : postingProblem(item, request, cash)
    if (problem) throw item.field ? withFieldPrefix(problem, item.field) : problem
    seen.add(item.id)
    for (const [code, after] of cashAfter(item, cash)) cash.set(key(item.voucher!.ledgerId, code), after)
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
