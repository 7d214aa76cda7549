import { type Database, type Fen, newId } from '@liancun/core'
import { withFieldPrefix } from '../errors.js'
import { type AccountFact, lineAccountError, openDateError } from '../rules/drafts.js'
import { periodOf } from '../rules/vouchers.js'
import type { LedgerRow } from '../store/ledgers.js'
import {
  type DraftFacts,
  insertDraftsIfOpen,
  type LineRecord,
  type VoucherRecord,
  type VoucherRow,
} from '../store/vouchers.js'
import type { Voucher } from '../types.js'
import { type StoredLine, toVoucher } from '../views.js'
import { type DraftMatter, draftMatter, type VoucherMatterGate } from './approvals.js'

/**
 * Writing drafts, shared by every path that prepares vouchers (single, batch, reversal, link,
 * year-end close): the caller has locked the ledger(s) and checked what needs no database; this
 * checks that each month is open and each account postable IN the insert statement (see
 * insertDraftsIfOpen) and, if it refuses, names the first item and rule in input order.
 */

export interface DraftSpec {
  ledger: LedgerRow
  date: string
  summary: string
  attachments: number
  lines: readonly {
    account: string
    summary?: string | undefined
    debit?: Fen | undefined
    credit?: Fen | undefined
    counterparty?: string | undefined
    reference?: string | undefined
  }[]
  preparedBy: string
  /** Field prefix of this item's errors (`vouchers.3`, `from`), or '' for a single draft. */
  field: string
  /** Refused before the database is asked (a shape or date rule), in input order with the rest. */
  problem?: Error | null
  /** Accounts are checked unless the lines are derived from posted ones (a reversal). */
  checkAccounts?: boolean
  kind?: 'regular' | 'closing'
  reversesId?: string | null
  linkId?: string | null
  origin?: string | null
  /** Id to use (a link writes its vouchers' ids into its row); new otherwise. */
  id?: string
  /** The resolved 四议两公开 matter authorising a major payment, loan, disposal or borrowing. */
  matterId?: string | undefined
}

/**
 * A bookkeeper's draft answers the major-matter gate; a reversal, a closing voucher and a draft
 * created by another domain's record do not: the record that created it passed its own gate
 * (a project's approval, a distribution's decision), and a reversal undoes what was gated.
 */
const gated = (spec: DraftSpec) => (spec.kind ?? 'regular') === 'regular' && !spec.reversesId && !spec.origin

const key = (a: string, b: string) => `${a}|${b}`

function firstProblem(
  specs: readonly DraftSpec[],
  facts: Pick<DraftFacts, 'closed' | 'accounts'>,
  upTo = specs.length,
) {
  const closed = new Set(facts.closed.map((c) => key(c.ledgerId, c.period)))
  const accounts = new Map<string, Map<string, AccountFact>>()
  for (const a of facts.accounts) {
    const chart = accounts.get(a.ledgerId) ?? new Map<string, AccountFact>()
    chart.set(a.code, a)
    accounts.set(a.ledgerId, chart)
  }
  for (const spec of specs.slice(0, upTo + 1)) {
    const problem =
      spec.problem ??
      openDateError(spec.ledger, (period) => closed.has(key(spec.ledger.id, period)), spec.date) ??
      (spec.checkAccounts === false
        ? null
        : lineAccountError(accounts.get(spec.ledger.id) ?? new Map(), spec.lines))
    if (problem) return spec.field ? withFieldPrefix(problem, spec.field) : problem
  }
  return null
}

/** Inserts the drafts (all or none) and returns them as the service does. */
export async function writeDrafts(
  q: Database,
  specs: DraftSpec[],
  now: Date,
  gate?: VoucherMatterGate,
): Promise<{ rows: VoucherRow[]; vouchers: Voucher[] }> {
  const matters = await mattersOf(q, specs, gate)
  const rows: VoucherRow[] = []
  const lineRows: LineRecord[] = []
  const storedLines: StoredLine[][] = []
  for (const [index, spec] of specs.entries()) {
    const id = spec.id ?? newId(spec.ledger.countyCode)
    rows.push({
      countyCode: spec.ledger.countyCode,
      id,
      ledgerId: spec.ledger.id,
      status: 'draft',
      kind: spec.kind ?? 'regular',
      date: spec.date,
      period: periodOf(spec.date),
      number: null,
      summary: spec.summary,
      attachments: spec.attachments,
      preparedBy: spec.preparedBy,
      postedBy: null,
      postedAt: null,
      reversesId: spec.reversesId ?? null,
      reversedById: null,
      linkId: spec.linkId ?? null,
      chainSeq: null,
      hash: null,
      origin: spec.origin ?? null,
      sourceRef: null,
      sourcePreparer: null,
      sourceReviewer: null,
      matterId: matters[index]!.matterId,
      matterRule: matters[index]!.matterRule,
      createdAt: now,
    })
    const stored = spec.lines.map((line, index) => ({
      lineNo: index + 1,
      account: line.account,
      summary: line.summary ?? null,
      debit: line.debit ?? 0n,
      credit: line.credit ?? 0n,
      counterparty: line.counterparty ?? null,
      reference: line.reference ?? null,
    }))
    storedLines.push(stored)
    for (const line of stored) lineRows.push(lineRecord(spec.ledger, id, line))
  }
  const periods = new Map<string, DraftFactsKey>()
  const codes = new Map<string, DraftFactsKey & { code: string; enforce: boolean }>()
  for (const spec of specs) {
    const base = { county_code: spec.ledger.countyCode, ledger_id: spec.ledger.id }
    periods.set(key(spec.ledger.id, periodOf(spec.date)), base)
    for (const line of spec.lines) {
      const k = key(spec.ledger.id, line.account)
      const enforce = spec.checkAccounts !== false || (codes.get(k)?.enforce ?? false)
      codes.set(k, { ...base, code: line.account, enforce })
    }
  }
  const checks = {
    periods: [...periods].map(([k, base]) => ({ ...base, period: k.split('|')[1]! })),
    codes: [...codes.values()],
  }
  // Rules that need no database: the item's own (shape, dates ahead), then its first month.
  for (const spec of specs) {
    spec.problem ??=
      periodOf(spec.date) < spec.ledger.firstPeriod
        ? openDateError(spec.ledger, () => false, spec.date)
        : null
  }
  const pure = specs.findIndex((spec) => spec.problem)
  if (pure >= 0) {
    // A rule that needs no database refuses an item; an earlier item may still break one that
    // does, so read the facts (without writing) and name the first in order.
    const facts = pure === 0 ? { closed: [], accounts: [] } : await insertDraftsIfOpen(q, [], [], checks)
    throw firstProblem(specs, facts, pure)
  }
  const facts = await insertDraftsIfOpen(q, rows.map(voucherRecord), lineRows, checks)
  if (!facts.inserted) {
    throw firstProblem(specs, facts) ?? new Error('drafts: the insert refused without a rule to name')
  }
  const names = new Map(facts.accounts.map((a) => [key(a.ledgerId, a.code), a.name]))
  return {
    rows,
    vouchers: rows.map((row, i) =>
      toVoucher(row, storedLines[i]!, (code) => names.get(key(row.ledgerId, code)) ?? ''),
    ),
  }
}

type DraftFactsKey = { county_code: string; ledger_id: string }

/**
 * Each gated draft's matter, in input order (the first refusal wins). A draft that is refused by
 * a rule needing no database is named by that rule first, so the gate asks nothing for it.
 */
async function mattersOf(q: Database, specs: readonly DraftSpec[], gate: VoucherMatterGate | undefined) {
  const out: DraftMatter[] = []
  const charged = new Map<string, Fen>()
  for (const spec of specs) {
    out.push(
      gate && gated(spec) && !spec.problem
        ? await draftMatter(q, gate, spec.ledger, spec, charged)
        : { matterId: null, matterRule: null },
    )
  }
  return out
}

export function voucherRecord(row: VoucherRow): VoucherRecord {
  return {
    county_code: row.countyCode,
    id: row.id,
    ledger_id: row.ledgerId,
    status: row.status,
    kind: row.kind,
    date: row.date,
    period: row.period,
    number: row.number,
    summary: row.summary,
    attachments: row.attachments,
    prepared_by: row.preparedBy,
    posted_by: row.postedBy,
    posted_at: row.postedAt?.toISOString() ?? null,
    reverses_id: row.reversesId,
    link_id: row.linkId,
    chain_seq: row.chainSeq,
    hash: row.hash,
    origin: row.origin,
    source_ref: row.sourceRef,
    source_preparer: row.sourcePreparer,
    source_reviewer: row.sourceReviewer,
    matter_id: row.matterId,
    matter_rule: row.matterRule,
    created_at: row.createdAt.toISOString(),
  }
}

export function lineRecord(
  ledger: { countyCode: string; id: string },
  voucherId: string,
  line: StoredLine,
): LineRecord {
  return {
    county_code: ledger.countyCode,
    voucher_id: voucherId,
    line_no: line.lineNo,
    ledger_id: ledger.id,
    account_code: line.account,
    summary: line.summary,
    debit: line.debit,
    credit: line.credit,
    counterparty: line.counterparty,
    reference: line.reference,
  }
}
