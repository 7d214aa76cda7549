import type { Database } from '@liancun/core'
import type { LedgerContext } from '../context.js'
import { guardLedger } from '../context.js'
import { LedgerError } from '../errors.js'
import type { AccountFact } from '../rules/drafts.js'
import {
  type CashDay,
  type PostingFacts,
  type PostingItem,
  type PostingLedger,
  planPostings,
} from '../rules/posting.js'
import { countyOfLedger, type LedgerRow } from '../store/ledgers.js'
import { lockForPosting, type PostingFactRows, postingFacts, writePosting } from '../store/posting.js'
import type { VoucherRow } from '../store/vouchers.js'
import type { GuardOptions, Voucher } from '../types.js'
import { toVoucher } from '../views.js'
import { checkBeforePosting } from './approvals.js'
import { loadLedger, voucherNotFound } from './load.js'

/**
 * Posting (审核记账). One path: a single voucher is a batch of one (with its linked other side, if
 * any); the batch, the year-end close and the import reach the same rules (rules/posting.ts) and
 * the same three statements — lock, read the facts, write the plan.
 */

const key = (a: string, b: string) => `${a}|${b}`

/** The rules' view of what `postingFacts` read. */
export function factsOf(rows: PostingFactRows): PostingFacts {
  const accounts = new Map<string, Map<string, AccountFact>>()
  for (const a of rows.accounts) {
    const chart = accounts.get(a.ledgerId) ?? new Map<string, AccountFact>()
    chart.set(a.code, a)
    accounts.set(a.ledgerId, chart)
  }
  return {
    accounts,
    nets: new Map(rows.nets.map((n) => [key(n.ledgerId, n.account), n.net])),
    counters: new Map(rows.counters.map((c) => [key(c.ledgerId, c.period), c.last])),
    closed: new Set(rows.closed.map((c) => key(c.ledgerId, c.period))),
    closedYears: new Set(rows.closedYears.map((c) => key(c.ledgerId, c.year))),
    cashDays: cashDaysOf(rows.cashDays),
  }
}

function cashDaysOf(rows: PostingFactRows['cashDays']): Map<string, CashDay[]> {
  const days = new Map<string, CashDay[]>()
  for (const d of rows) {
    const account = key(d.ledgerId, d.account)
    days.set(account, [...(days.get(account) ?? []), { date: d.date, net: d.net }])
  }
  for (const list of days.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  return days
}

export const postingLedger = (row: LedgerRow): PostingLedger => ({
  id: row.id,
  firstPeriod: row.firstPeriod,
  lastHash: row.lastHash,
  postedCount: row.postedCount,
})

/**
 * Posts drafts whose ledgers and rows the caller has locked FOR UPDATE, in the order given:
 * reads the facts, lets the rules decide, writes the plan. Returns the posted vouchers.
 */
export async function postLocked(
  ctx: LedgerContext,
  tx: Database,
  ledgers: readonly LedgerRow[],
  items: readonly { id: string; row: VoucherRow | undefined; field: string }[],
  reviewer: string,
  refuseLinked: boolean,
): Promise<Voucher[]> {
  const found = items.flatMap((item) => (item.row ? [item.row] : []))
  // Only drafts re-ask their matter: a posted one in the batch is refused by the rules below.
  await checkBeforePosting(
    ctx.matterGate,
    tx,
    ledgers,
    items.map((item) => ({ field: item.field, row: item.row?.status === 'draft' ? item.row : undefined })),
  )
  const periods = new Map(found.map((row) => [key(row.ledgerId, row.period), row]))
  const read = await postingFacts(tx, {
    vouchers: found.map((row) => ({ countyCode: row.countyCode, id: row.id })),
    codes: [],
    periods: [...periods.values()].map((row) => ({
      countyCode: row.countyCode,
      ledgerId: row.ledgerId,
      period: row.period,
    })),
    ...(found.length > 0
      ? { cashFrom: found.reduce((min, row) => (row.date < min ? row.date : min), found[0]!.date) }
      : {}),
  })
  const linesOf = new Map<string, PostingFactRows['lines']>()
  for (const line of read.lines) linesOf.set(line.voucherId, [...(linesOf.get(line.voucherId) ?? []), line])
  const requestItems: PostingItem[] = items.map((item) => ({
    id: item.id,
    voucher: item.row,
    lines: linesOf.get(item.id) ?? [],
    reviewer,
    field: item.field,
  }))
  const plan = planPostings({
    items: requestItems,
    ledgers: new Map(ledgers.map((l) => [l.id, postingLedger(l)])),
    facts: factsOf(read),
    today: ctx.clock.today(),
    refuseLinked,
  })
  const now = ctx.clock.now()
  const county = new Map(ledgers.map((l) => [l.id, l.countyCode]))
  await writePosting(tx, {
    posted: plan.vouchers.map((v) => ({ ...v, countyCode: county.get(v.ledgerId)!, postedBy: reviewer })),
    heads: plan.heads.map((h) => ({ ...h, countyCode: county.get(h.ledgerId)! })),
    counters: plan.counters.map((c) => ({ ...c, countyCode: county.get(c.ledgerId)! })),
    balances: plan.balances.map((b) => ({ ...b, countyCode: county.get(b.ledgerId)! })),
    postedAt: now,
  })
  // Later postings in the same transaction (the year-end close) continue the chain from here.
  for (const head of plan.heads) {
    const ledger = ledgers.find((l) => l.id === head.ledgerId)!
    ledger.lastHash = head.lastHash
    ledger.postedCount = head.postedCount
  }
  const names = new Map(read.accounts.map((a) => [key(a.ledgerId, a.code), a.name]))
  return plan.vouchers.map((p) => {
    const row = found.find((r) => r.id === p.id)!
    const posted: VoucherRow = {
      ...row,
      status: 'posted',
      number: p.number,
      postedBy: reviewer,
      postedAt: now,
      hash: p.hash,
      chainSeq: p.chainSeq,
    }
    return toVoucher(posted, linesOf.get(row.id) ?? [], (code) => names.get(key(row.ledgerId, code)) ?? '')
  })
}

export function postingPart(ctx: LedgerContext) {
  return {
    /**
     * Posts a draft: by someone other than its preparer, into an open period, keeping 101/102
     * non-negative; assigns the next number of the month and extends the hash chain. A linked
     * voucher posts its other side too, and the guard then runs on both ledgers.
     */
    async postVoucher(
      ledgerId: string,
      voucherId: string,
      postedBy: string,
      options?: GuardOptions,
    ): Promise<Voucher> {
      return ctx.transaction(async (tx) => {
        const locked = await lockForPosting(
          tx,
          { id: ledgerId, countyCode: await countyOfLedger(tx, ledgerId) },
          [voucherId],
          true,
        )
        const own = locked.find((r) => r.voucher.id === voucherId && r.ledger.id === ledgerId)
        if (!own) {
          // Not here: tell a missing ledger (or a caller out of scope) from a missing voucher.
          await loadLedger(tx, ledgerId, 'none', options)
          throw voucherNotFound(voucherId)
        }
        const partner = locked.find((r) => r !== own)
        await guardLedger(options, own.ledger)
        if (partner) await guardLedger(options, partner.ledger)
        if (own.voucher.linkId && !partner) {
          throw new LedgerError(
            'ledger.voucher_not_found',
            `the other side of link ${own.voucher.linkId} is missing`,
          )
        }
        const sides = partner ? [own, partner] : [own]
        const posted = await postLocked(
          ctx,
          tx,
          [...new Map(sides.map((s) => [s.ledger.id, s.ledger])).values()],
          sides.map((s) => ({ id: s.voucher.id, row: s.voucher, field: '' })),
          postedBy,
          false,
        )
        return posted[0]!
      })
    },

    /**
     * Posts many drafts in the given order, all or none, set-based: lock, facts, write — three
     * statements for any number of vouchers. A refusal names the item (`voucherIds.3`).
     */
    async postVouchers(
      ledgerId: string,
      voucherIds: string[],
      postedBy: string,
      options?: GuardOptions,
    ): Promise<Voucher[]> {
      return ctx.transaction(async (tx) => {
        const locked = await lockForPosting(
          tx,
          { id: ledgerId, countyCode: await countyOfLedger(tx, ledgerId) },
          voucherIds,
          false,
        )
        const ledger = locked[0]?.ledger ?? (await loadLedger(tx, ledgerId, 'none'))
        await guardLedger(options, ledger)
        const byId = new Map(locked.map((r) => [r.voucher.id, r.voucher]))
        return postLocked(
          ctx,
          tx,
          [ledger],
          voucherIds.map((id, index) => ({ id, row: byId.get(id), field: `voucherIds.${index}` })),
          postedBy,
          true,
        )
      })
    },
  }
}
