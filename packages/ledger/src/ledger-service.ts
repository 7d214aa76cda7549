import { createHash } from 'node:crypto'
import {
  addDays,
  type Clock,
  countyOf,
  type Database,
  DomainError,
  type Fen,
  formatMoney,
  isUniqueViolation,
  newId,
  type Page,
  systemClock,
  toPage,
} from '@liancun/core'
import { and, asc, eq, gt, gte, inArray, like, lte, type SQL, sql } from 'drizzle-orm'
import { type AccountClass, CHARTS, isCashAccount, type NormalSide } from './chart.js'
import { LedgerError } from './errors.js'
import type {
  AddAccountInput,
  CreateAssertionInput,
  CreateDisclosureInput,
  CreateLedgerInput,
  CreateLedgerLinkInput,
  CreateVoucherInput,
  OpeningBalancesInput,
  ReverseVoucherInput,
} from './inputs.js'
import { balanceSheet, closingEntries, incomeStatement } from './rules/statements.js'
import { type LeafMovement, onNormalSide, trialBalance } from './rules/trial-balance.js'
import { type VoucherDateStage, voucherDateProblem } from './rules/voucher-dates.js'
import {
  chainHash,
  periodOf,
  reversalLines,
  voucherLabel,
  voucherLineProblems,
  voucherTotals,
} from './rules/vouchers.js'
import {
  accounts,
  balanceAssertions,
  balances,
  closedPeriods,
  disclosures,
  ledgerLinks,
  ledgers,
  periodReopenings,
  voucherCounters,
  voucherLines,
  vouchers,
} from './schema.js'

export interface LedgerServiceOptions {
  db: Database
  clock?: Clock
}

/** Period key of opening balances: sorts before every month. */
export const OPENING_PERIOD = '0000-00'

type LedgerRow = typeof ledgers.$inferSelect

/**
 * Row locks on a ledger, held to the end of the transaction.
 * - `update` (FOR UPDATE) serialises what changes the ledger as a whole: posting (numbers, hash
 *   chain, cash checks), closing, reopening and closing the year, the chart, opening balances.
 * - `draft` (FOR KEY SHARE) is taken by every write of a draft into a month, before it checks
 *   that the month is open, and by adding a balance assertion (a close checks both). Drafts do
 *   not wait for one another, but they conflict with `update`: a close waits for the drafts in
 *   flight (and then sees them), and a draft started during a close waits for it (and then sees
 *   the month closed). So a month never closes over a draft. FOR KEY SHARE is the lock the vouchers → ledgers foreign key takes on the INSERT
 *   anyway, so this adds no lock mode; taken first, before any voucher row, it keeps posting's
 *   order (ledger, then voucher). It relies on READ COMMITTED, the default of every transaction
 *   here: each statement after the lock wait sees what the other side committed.
 */
type LedgerLock = 'none' | 'draft' | 'update'
type VoucherRow = typeof vouchers.$inferSelect

export interface Ledger {
  id: string
  villageCode: string
  countyCode: string
  collective: { name: string; uscc: string }
  chart: string
  firstPeriod: string
  createdAt: string
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
  totals: { debit: Fen; credit: Fen }
  lines: VoucherLine[]
}

function toLedger(row: LedgerRow): Ledger {
  return {
    id: row.id,
    villageCode: row.villageCode,
    countyCode: row.countyCode,
    collective: { name: row.collectiveName, uscc: row.collectiveUscc },
    chart: row.chart,
    firstPeriod: row.firstPeriod,
    createdAt: row.createdAt.toISOString(),
  }
}

function toAccount(row: typeof accounts.$inferSelect): Account {
  return {
    code: row.code,
    name: row.name,
    class: row.class as AccountClass,
    normalSide: row.normalSide as NormalSide,
    parentCode: row.parentCode,
    isLeaf: row.isLeaf,
    disabled: row.disabledAt !== null,
  }
}

/** The shape rules of one voucher, as a LedgerError naming the first offending line. */
function checkVoucherShape(input: {
  lines: { account: string; debit?: Fen | undefined; credit?: Fen | undefined }[]
}) {
  const problems = voucherLineProblems(input.lines)
  const first = problems[0]
  if (!first) return
  throw new LedgerError(
    first.rule === 'unbalanced' ? 'ledger.unbalanced' : 'ledger.invalid_lines',
    first.message,
    {
      kind: first.rule === 'unbalanced' ? 'rule' : 'invalid',
      field: first.line === null ? 'lines' : `lines.${first.line}`,
    },
  )
}

const ORIGIN_KIND = /^[a-z][a-z0-9_.-]{0,63}$/
const ORIGIN_REF_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/
const ORIGIN_MAX_REFS = 10
const ORIGIN_MAX_VALUE = 200

/** Checks an origin and returns the JSON text stored for it (only `kind` and `refs`). */
function originText(origin: VoucherOrigin): string {
  const refuse = (message: string, field: string): never => {
    throw new LedgerError('ledger.invalid_origin', message, { kind: 'invalid', field })
  }
  if (typeof origin?.kind !== 'string' || !ORIGIN_KIND.test(origin.kind)) {
    refuse(
      'an origin kind is lower-case letters, digits and _.- (at most 64, e.g. funds.disbursement)',
      'origin.kind',
    )
  }
  const refs: unknown = origin.refs
  if (typeof refs !== 'object' || refs === null || Array.isArray(refs)) {
    refuse('origin refs are an object of names to ids', 'origin.refs')
  }
  const entries = Object.entries(refs as Record<string, unknown>)
  if (entries.length > ORIGIN_MAX_REFS) {
    refuse(`an origin carries at most ${ORIGIN_MAX_REFS} refs`, 'origin.refs')
  }
  for (const [key, value] of entries) {
    if (!ORIGIN_REF_KEY.test(key)) {
      refuse(
        `ref name ${JSON.stringify(key)} must be a letter then letters, digits or _ (at most 40)`,
        'origin.refs',
      )
    }
    if (typeof value !== 'string' || value.length < 1 || value.length > ORIGIN_MAX_VALUE) {
      refuse(`ref ${key} must be a string of 1 to ${ORIGIN_MAX_VALUE} characters`, `origin.refs.${key}`)
    }
  }
  return JSON.stringify({ kind: origin.kind, refs: Object.fromEntries(entries) })
}

function parseOrigin(text: string | null): VoucherOrigin | null {
  return text === null ? null : (JSON.parse(text) as VoucherOrigin)
}

/** Re-raises a domain error of one batch item with the item's path in front of its field. */
function withFieldPrefix(error: unknown, prefix: string): unknown {
  if (!DomainError.isInstance(error)) return error
  return new LedgerError(error.code as `ledger.${string}`, `${prefix}: ${error.message}`, {
    kind: error.kind,
    field: error.field ? `${prefix}.${error.field}` : prefix,
    context: error.context,
  })
}

/** A voucher row and its lines as the service returns them. */
function toVoucher(
  row: VoucherRow,
  lines: (typeof voucherLines.$inferSelect)[],
  accountNames: ReadonlyMap<string, string>,
): Voucher {
  let debit = 0n
  let credit = 0n
  const out = [...lines]
    .sort((a, b) => a.lineNo - b.lineNo)
    .map((line) => {
      const isDebit = line.debit !== 0n
      debit += line.debit
      credit += line.credit
      return {
        lineNo: line.lineNo,
        account: line.accountCode,
        accountName: accountNames.get(line.accountCode) ?? '',
        summary: line.summary,
        debit: isDebit ? line.debit : null,
        credit: isDebit ? null : line.credit,
        counterparty: line.counterparty,
        reference: line.reference,
      }
    })
  return {
    id: row.id,
    ledgerId: row.ledgerId,
    status: row.status as Voucher['status'],
    date: row.date,
    period: row.period,
    number: row.number,
    label: row.number === null ? null : voucherLabel(row.period, row.number),
    summary: row.summary,
    attachments: row.attachments,
    preparedBy: row.preparedBy,
    postedBy: row.postedBy,
    postedAt: row.postedAt ? row.postedAt.toISOString() : null,
    reversesId: row.reversesId,
    reversedById: row.reversedById,
    linkId: row.linkId,
    origin: parseOrigin(row.origin),
    totals: { debit, credit },
    lines: out,
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = out.get(k)
    if (list) list.push(item)
    else out.set(k, [item])
  }
  return out
}

/** Rows per INSERT, well under PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 2000

function chunks<T>(items: T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Joins a line to its voucher (same tenant). */
const LINE_VOUCHER = and(
  eq(vouchers.countyCode, voucherLines.countyCode),
  eq(vouchers.id, voucherLines.voucherId),
)

/**
 * What a run of postings inside one transaction may reuse: the chart (it cannot change while the
 * ledger row is locked) and months already found open.
 */
interface PostingCache {
  accounts?: (typeof accounts.$inferSelect)[]
  openPeriods: Set<string>
}
const newPostingCache = (): PostingCache => ({ openPeriods: new Set() })

/** `2024-Q1` → [`2024-01`, `2024-03`]; a month is its own range. */
function disclosureRange(period: string): [string, string] {
  const quarter = /^([0-9]{4})-Q([1-4])$/.exec(period)
  if (!quarter) return [period, period]
  const first = (Number(quarter[2]) - 1) * 3 + 1
  const pad = (m: number) => String(m).padStart(2, '0')
  return [`${quarter[1]}-${pad(first)}`, `${quarter[1]}-${pad(first + 2)}`]
}

function disclosureOut(row: typeof disclosures.$inferSelect) {
  return {
    id: row.id,
    ledgerId: row.ledgerId,
    villageCode: row.villageCode,
    period: row.period,
    sha256: row.sha256,
    publishedAt: row.createdAt.toISOString(),
    content: row.content,
  }
}

/**
 * One village collective's books (独立建账、独立核算). Drafts are prepared by one key and posted by
 * another; posting numbers the voucher gaplessly within its month, extends the ledger's hash
 * chain and adds to the maintained balances, all in one transaction under the ledger's row lock.
 */
export function createLedgerService(options: LedgerServiceOptions) {
  const { db } = options
  const clock = options.clock ?? systemClock

  /**
   * Loads a ledger row, optionally locked (see LedgerLock); by `(county_code, id)` when the
   * caller knows the county, so the lock stays on one shard.
   */
  async function requireLedger(
    q: Database,
    id: string,
    lock: LedgerLock = 'none',
    countyCode?: string,
  ): Promise<LedgerRow> {
    const query = q
      .select()
      .from(ledgers)
      .where(
        and(countyCode === undefined ? undefined : eq(ledgers.countyCode, countyCode), eq(ledgers.id, id)),
      )
    const [row] =
      lock === 'update'
        ? await query.for('update')
        : lock === 'draft'
          ? await query.for('key share')
          : await query
    if (!row)
      throw new LedgerError('ledger.ledger_not_found', `no ledger ${id}`, {
        kind: 'not_found',
        context: { id },
      })
    return row
  }

  async function ledgerAccounts(q: Database, ledger: LedgerRow) {
    return q
      .select()
      .from(accounts)
      .where(and(eq(accounts.countyCode, ledger.countyCode), eq(accounts.ledgerId, ledger.id)))
      .orderBy(asc(accounts.code))
  }

  async function isClosed(q: Database, ledger: LedgerRow, period: string): Promise<boolean> {
    const [row] = await q
      .select({ period: closedPeriods.period })
      .from(closedPeriods)
      .where(
        and(
          eq(closedPeriods.countyCode, ledger.countyCode),
          eq(closedPeriods.ledgerId, ledger.id),
          eq(closedPeriods.period, period),
        ),
      )
    return row !== undefined
  }

  async function requireOpenDate(q: Database, ledger: LedgerRow, date: string, field: string) {
    if (periodOf(date) < ledger.firstPeriod) {
      throw new LedgerError('ledger.before_first_period', `the ledger books from ${ledger.firstPeriod}`, {
        kind: 'rule',
        field,
      })
    }
    if (await isClosed(q, ledger, periodOf(date))) {
      throw new LedgerError('ledger.period_closed', `period ${periodOf(date)} is closed`, {
        kind: 'rule',
        field,
      })
    }
  }

  /** Refuses a voucher dated too far ahead of today (rules/voucher-dates.ts). */
  function requireNotAhead(date: string, field: string, stage: VoucherDateStage, today = clock.today()) {
    const problem = voucherDateProblem(date, today, stage)
    if (problem) {
      throw new LedgerError('ledger.date_in_future', problem.message, {
        kind: 'rule',
        field,
        context: { date, today },
      })
    }
  }

  async function hasPosted(q: Database, ledger: LedgerRow): Promise<boolean> {
    const [row] = await q
      .select({ id: vouchers.id })
      .from(vouchers)
      .where(
        and(
          eq(vouchers.countyCode, ledger.countyCode),
          eq(vouchers.ledgerId, ledger.id),
          eq(vouchers.status, 'posted'),
        ),
      )
      .limit(1)
    return row !== undefined
  }

  /** Checks that every line's account exists, is a leaf and is enabled; returns names by code. */
  function checkLineAccounts(rows: (typeof accounts.$inferSelect)[], lines: readonly { account: string }[]) {
    const byCode = new Map(rows.map((row) => [row.code, row]))
    lines.forEach((line, index) => {
      const account = byCode.get(line.account)
      const field = `lines.${index}.account`
      if (!account)
        throw new LedgerError('ledger.account_not_found', `no account ${line.account}`, {
          kind: 'rule',
          field,
        })
      if (!account.isLeaf) {
        throw new LedgerError(
          'ledger.not_leaf_account',
          `${line.account} ${account.name} has sub-accounts; post to one of them`,
          {
            kind: 'rule',
            field,
          },
        )
      }
      if (account.disabledAt) {
        throw new LedgerError('ledger.account_disabled', `${line.account} ${account.name} is disabled`, {
          kind: 'rule',
          field,
        })
      }
    })
    return byCode
  }

  async function loadVoucher(q: Database, ledger: LedgerRow, id: string, lock = false): Promise<VoucherRow> {
    const query = q
      .select()
      .from(vouchers)
      .where(
        and(
          eq(vouchers.countyCode, ledger.countyCode),
          eq(vouchers.ledgerId, ledger.id),
          eq(vouchers.id, id),
        ),
      )
    const [row] = lock ? await query.for('update') : await query
    if (!row)
      throw new LedgerError('ledger.voucher_not_found', `no voucher ${id} in this ledger`, {
        kind: 'not_found',
      })
    return row
  }

  async function voucherOut(q: Database, ledger: LedgerRow, row: VoucherRow): Promise<Voucher> {
    const lines = await q
      .select({ line: voucherLines, accountName: accounts.name })
      .from(voucherLines)
      .leftJoin(
        accounts,
        and(
          eq(accounts.countyCode, voucherLines.countyCode),
          eq(accounts.ledgerId, voucherLines.ledgerId),
          eq(accounts.code, voucherLines.accountCode),
        ),
      )
      .where(and(eq(voucherLines.countyCode, ledger.countyCode), eq(voucherLines.voucherId, row.id)))
      .orderBy(asc(voucherLines.lineNo))
    return toVoucher(
      row,
      lines.map((l) => l.line),
      new Map(lines.map((l) => [l.line.accountCode, l.accountName ?? ''])),
    )
  }

  async function insertDraft(
    q: Database,
    ledger: LedgerRow,
    input: { date: string; summary: string; attachments: number; lines: CreateVoucherInput['lines'] },
    preparedBy: string,
    reversesId: string | null,
    kind: 'regular' | 'closing' = 'regular',
    linkId: string | null = null,
    origin: string | null = null,
  ): Promise<VoucherRow> {
    const id = newId()
    const [row] = await q
      .insert(vouchers)
      .values({
        countyCode: ledger.countyCode,
        id,
        ledgerId: ledger.id,
        status: 'draft',
        kind,
        date: input.date,
        period: periodOf(input.date),
        summary: input.summary,
        attachments: input.attachments,
        preparedBy,
        reversesId,
        linkId,
        origin,
        createdAt: clock.now(),
      })
      .returning()
    await q.insert(voucherLines).values(
      input.lines.map((line, index) => ({
        countyCode: ledger.countyCode,
        voucherId: id,
        lineNo: index + 1,
        ledgerId: ledger.id,
        accountCode: line.account,
        summary: line.summary ?? null,
        debit: line.debit ?? 0n,
        credit: line.credit ?? 0n,
        counterparty: line.counterparty ?? null,
        reference: line.reference ?? null,
      })),
    )
    return row!
  }

  /** Net (debit − credit) of every leaf account under `prefix` over all posted history. */
  async function netBalances(q: Database, ledger: LedgerRow, codes: string[]): Promise<Map<string, Fen>> {
    if (codes.length === 0) return new Map()
    const rows = await q
      .select({
        code: balances.accountCode,
        net: sql<string>`sum(${balances.debit} - ${balances.credit})`,
      })
      .from(balances)
      .where(
        and(
          eq(balances.countyCode, ledger.countyCode),
          eq(balances.ledgerId, ledger.id),
          inArray(balances.accountCode, codes),
        ),
      )
      .groupBy(balances.accountCode)
    return new Map(rows.map((row) => [row.code, BigInt(row.net)]))
  }

  async function addToBalances(
    q: Database,
    ledger: LedgerRow,
    period: string,
    lines: { account: string; debit: Fen; credit: Fen }[],
  ) {
    const merged = new Map<string, { debit: Fen; credit: Fen }>()
    for (const line of lines) {
      const entry = merged.get(line.account) ?? { debit: 0n, credit: 0n }
      entry.debit += line.debit
      entry.credit += line.credit
      merged.set(line.account, entry)
    }
    // One multi-row upsert per posting instead of one statement per account.
    await q
      .insert(balances)
      .values(
        [...merged].map(([account, amounts]) => ({
          countyCode: ledger.countyCode,
          ledgerId: ledger.id,
          period,
          accountCode: account,
          ...amounts,
        })),
      )
      .onConflictDoUpdate({
        target: [balances.countyCode, balances.ledgerId, balances.period, balances.accountCode],
        set: {
          debit: sql`${balances.debit} + excluded.debit`,
          credit: sql`${balances.credit} + excluded.credit`,
        },
      })
  }

  /** The balance of an account and its sub-accounts at the end of `date`, net debit − credit. */
  async function netAsOf(tx: Database, ledger: LedgerRow, code: string, date: string): Promise<Fen> {
    const [opening] = await tx
      .select({ net: sql<string>`coalesce(sum(${balances.debit} - ${balances.credit}), 0)` })
      .from(balances)
      .where(
        and(
          eq(balances.countyCode, ledger.countyCode),
          eq(balances.ledgerId, ledger.id),
          eq(balances.period, OPENING_PERIOD),
          like(balances.accountCode, `${code}%`),
        ),
      )
    const [moved] = await tx
      .select({ net: sql<string>`coalesce(sum(${voucherLines.debit} - ${voucherLines.credit}), 0)` })
      .from(voucherLines)
      .innerJoin(vouchers, LINE_VOUCHER)
      .where(
        and(
          eq(voucherLines.countyCode, ledger.countyCode),
          eq(voucherLines.ledgerId, ledger.id),
          like(voucherLines.accountCode, `${code}%`),
          eq(vouchers.status, 'posted'),
          lte(vouchers.date, date),
        ),
      )
    return BigInt(opening?.net ?? '0') + BigInt(moved?.net ?? '0')
  }

  async function evaluateAssertions(
    tx: Database,
    ledger: LedgerRow,
    all: (typeof accounts.$inferSelect)[],
    rows: (typeof balanceAssertions.$inferSelect)[],
  ) {
    const out = []
    for (const row of rows) {
      const account = all.find((a) => a.code === row.accountCode)
      const actual = onNormalSide(
        await netAsOf(tx, ledger, row.accountCode, row.date),
        (account?.normalSide ?? 'debit') as NormalSide,
      )
      const signed =
        actual.side === 'credit' && account?.normalSide === 'both' ? -actual.amount : actual.amount
      out.push({
        id: row.id,
        account: row.accountCode,
        date: row.date,
        balance: row.balance,
        source: row.source,
        actual: signed,
        holds: signed === row.balance,
      })
    }
    return out
  }

  /** Net (debit − credit) per leaf account from the opening through `period`, optionally for some classes only. */
  async function leafNetsThrough(tx: Database, ledger: LedgerRow, period: string): Promise<Map<string, Fen>> {
    const rows = await tx
      .select({ code: balances.accountCode, net: sql<string>`sum(${balances.debit} - ${balances.credit})` })
      .from(balances)
      .where(
        and(
          eq(balances.countyCode, ledger.countyCode),
          eq(balances.ledgerId, ledger.id),
          lte(balances.period, period),
        ),
      )
      .groupBy(balances.accountCode)
    return new Map(rows.map((row) => [row.code, BigInt(row.net)]))
  }

  /** The leaf to close into: the account itself, or its sub-account named 未分配… / the only one. */
  function closingTarget(all: (typeof accounts.$inferSelect)[], code: string): string {
    const children = all.filter((a) => a.parentCode === code)
    const self = all.find((a) => a.code === code)
    if (self?.isLeaf) return code
    const target =
      children.find((c) => c.name.includes('未分配')) ?? (children.length === 1 ? children[0] : undefined)
    if (!target?.isLeaf) {
      throw new LedgerError(
        'ledger.closing_account_ambiguous',
        `cannot tell which sub-account of ${code} takes the year-end close`,
        {
          kind: 'rule',
        },
      )
    }
    return target.code
  }

  async function linkPartner(
    q: Database,
    voucher: VoucherRow,
  ): Promise<{ ledgerId: string; voucherId: string; countyCode: string } | null> {
    if (!voucher.linkId) return null
    const [link] = await q.select().from(ledgerLinks).where(eq(ledgerLinks.id, voucher.linkId))
    if (!link) return null
    return link.fromVoucherId === voucher.id
      ? { ledgerId: link.toLedgerId, voucherId: link.toVoucherId, countyCode: link.toCountyCode }
      : { ledgerId: link.fromLedgerId, voucherId: link.fromVoucherId, countyCode: link.countyCode }
  }

  /** Links with the state of both sides; matched when both stand the same way. */
  async function linksOut(q: Database, where: SQL | undefined) {
    const links = await q.select().from(ledgerLinks).where(where).orderBy(asc(ledgerLinks.id))
    const ids = links.flatMap((l) => [l.fromVoucherId, l.toVoucherId])
    const sides = ids.length
      ? await q
          .select({
            id: vouchers.id,
            status: vouchers.status,
            number: vouchers.number,
            period: vouchers.period,
            reversedById: vouchers.reversedById,
          })
          .from(vouchers)
          .where(inArray(vouchers.id, ids))
      : []
    const byId = new Map(sides.map((side) => [side.id, side]))
    const state = (id: string) => {
      const side = byId.get(id)
      return {
        voucherId: id,
        status: (side?.status ?? 'missing') as 'draft' | 'posted' | 'missing',
        label: side?.number ? voucherLabel(side.period, side.number) : null,
        reversed: Boolean(side?.reversedById),
      }
    }
    return links.map((link) => {
      const from = { ledgerId: link.fromLedgerId, ...state(link.fromVoucherId) }
      const to = { ledgerId: link.toLedgerId, ...state(link.toVoucherId) }
      return {
        id: link.id,
        date: link.date,
        summary: link.summary,
        amount: link.amount,
        purpose: link.purpose,
        from,
        to,
        matched: from.status === to.status && from.reversed === to.reversed && from.status !== 'missing',
      }
    })
  }

  /** Posts one draft inside the caller's transaction, which holds the ledger row lock. */
  async function postLocked(
    tx: Database,
    ledger: LedgerRow,
    voucherId: string,
    postedBy: string,
    cache: PostingCache = newPostingCache(),
  ): Promise<VoucherRow> {
    const row = await loadVoucher(tx, ledger, voucherId, true)
    if (row.status !== 'draft') {
      throw new LedgerError(
        'ledger.voucher_posted',
        `the voucher is already posted as 记字第${row.number}号`,
        {
          kind: 'conflict',
        },
      )
    }
    if (row.preparedBy === postedBy) {
      throw new LedgerError('ledger.self_review', 'the preparer of a voucher may not post it (记账 ≠ 审核)', {
        kind: 'forbidden',
      })
    }
    requireNotAhead(row.date, 'date', 'post')
    if (!cache.openPeriods.has(row.period)) {
      await requireOpenDate(tx, ledger, row.date, 'date')
      cache.openPeriods.add(row.period)
    }
    const lines = await tx
      .select()
      .from(voucherLines)
      .where(and(eq(voucherLines.countyCode, ledger.countyCode), eq(voucherLines.voucherId, row.id)))
      .orderBy(asc(voucherLines.lineNo))
    cache.accounts ??= await ledgerAccounts(tx, ledger)
    checkLineAccounts(
      cache.accounts,
      lines.map((l) => ({ account: l.accountCode })),
    )

    const cashCodes = [...new Set(lines.map((l) => l.accountCode).filter(isCashAccount))]
    const nets = await netBalances(tx, ledger, cashCodes)
    for (const code of cashCodes) {
      const delta = lines.filter((l) => l.accountCode === code).reduce((s, l) => s + l.debit - l.credit, 0n)
      const after = (nets.get(code) ?? 0n) + delta
      if (after < 0n) {
        throw new LedgerError('ledger.insufficient_balance', `${code} would go negative (${after} fen)`, {
          kind: 'rule',
          context: { account: code, balanceAfter: after.toString() },
        })
      }
    }

    const [counter] = await tx
      .insert(voucherCounters)
      .values({ countyCode: ledger.countyCode, ledgerId: ledger.id, period: row.period, lastNumber: 1 })
      .onConflictDoUpdate({
        target: [voucherCounters.countyCode, voucherCounters.ledgerId, voucherCounters.period],
        set: { lastNumber: sql`${voucherCounters.lastNumber} + 1` },
      })
      .returning({ number: voucherCounters.lastNumber })
    const number = counter!.number
    const hash = chainHash(ledger.lastHash, {
      id: row.id,
      date: row.date,
      number,
      summary: row.summary,
      lines: lines.map((l) => ({ account: l.accountCode, debit: l.debit, credit: l.credit })),
    })
    const [posted] = await tx
      .update(vouchers)
      .set({
        status: 'posted',
        number,
        postedBy,
        postedAt: clock.now(),
        hash,
        chainSeq: ledger.postedCount + 1,
      })
      .where(and(eq(vouchers.countyCode, ledger.countyCode), eq(vouchers.id, row.id)))
      .returning()
    await tx
      .update(ledgers)
      .set({ lastHash: hash, postedCount: ledger.postedCount + 1 })
      .where(and(eq(ledgers.countyCode, ledger.countyCode), eq(ledgers.id, ledger.id)))
    await addToBalances(
      tx,
      ledger,
      row.period,
      lines.map((l) => ({ account: l.accountCode, debit: l.debit, credit: l.credit })),
    )
    // Later postings in the same transaction continue the chain from here.
    ledger.lastHash = hash
    ledger.postedCount += 1
    return posted!
  }

  const service = {
    /** Opens a ledger for a collective with the chart's first-level accounts. */
    async createLedger(input: CreateLedgerInput): Promise<Ledger> {
      const countyCode = countyOf(input.villageCode)
      return db.transaction(async (tx) => {
        const id = newId()
        try {
          const [row] = await tx
            .insert(ledgers)
            .values({
              countyCode,
              id,
              villageCode: input.villageCode,
              collectiveName: input.collective.name,
              collectiveUscc: input.collective.uscc,
              chart: input.chart,
              firstPeriod: input.firstPeriod,
              createdAt: clock.now(),
            })
            .returning()
          await tx.insert(accounts).values(
            CHARTS[input.chart].map((account) => ({
              countyCode,
              ledgerId: id,
              code: account.code,
              name: account.name,
              class: account.class,
              normalSide: account.normalSide,
              parentCode: null,
            })),
          )
          return toLedger(row!)
        } catch (error) {
          if (isUniqueViolation(error)) {
            throw new LedgerError(
              'ledger.collective_has_ledger',
              `collective ${input.collective.uscc} already has a ledger`,
              {
                kind: 'conflict',
                field: 'collective.uscc',
              },
            )
          }
          throw error
        }
      })
    },

    async getLedger(id: string): Promise<Ledger> {
      return toLedger(await requireLedger(db, id))
    },

    async listLedgers(query: {
      within?: string
      limit: number
      after: string | null
    }): Promise<Page<Ledger>> {
      const rows = await db
        .select()
        .from(ledgers)
        .where(
          and(
            query.within ? like(ledgers.villageCode, `${query.within}%`) : undefined,
            query.after ? gt(ledgers.id, query.after) : undefined,
          ),
        )
        .orderBy(asc(ledgers.id))
        .limit(query.limit + 1)
      return toPage(rows.map(toLedger), query.limit, (l) => l.id)
    },

    async listAccounts(ledgerId: string): Promise<Account[]> {
      const ledger = await requireLedger(db, ledgerId)
      return (await ledgerAccounts(db, ledger)).map(toAccount)
    },

    /** Adds a 明细科目 under an account; the parent stops taking postings (it must have none yet). */
    async addAccount(ledgerId: string, input: AddAccountInput): Promise<Account> {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId, 'update')
        const all = await ledgerAccounts(tx, ledger)
        const parent = all.find((a) => a.code === input.parentCode)
        if (!parent) {
          throw new LedgerError('ledger.account_not_found', `no account ${input.parentCode}`, {
            kind: 'rule',
            field: 'parentCode',
          })
        }
        if (all.some((a) => a.code === input.code)) {
          throw new LedgerError('ledger.account_exists', `account ${input.code} exists`, {
            kind: 'conflict',
            field: 'code',
          })
        }
        if (parent.isLeaf) {
          // A leaf with postings (or drafts) becoming a parent would strand its lines.
          const [used] = await tx
            .select({ id: voucherLines.voucherId })
            .from(voucherLines)
            .where(
              and(
                eq(voucherLines.countyCode, ledger.countyCode),
                eq(voucherLines.ledgerId, ledger.id),
                eq(voucherLines.accountCode, parent.code),
              ),
            )
            .limit(1)
          const [opened] = await tx
            .select({ code: balances.accountCode })
            .from(balances)
            .where(
              and(
                eq(balances.countyCode, ledger.countyCode),
                eq(balances.ledgerId, ledger.id),
                eq(balances.accountCode, parent.code),
              ),
            )
            .limit(1)
          if (used || opened) {
            throw new LedgerError(
              'ledger.parent_has_entries',
              `${parent.code} ${parent.name} already has entries`,
              {
                kind: 'rule',
                field: 'parentCode',
              },
            )
          }
          await tx
            .update(accounts)
            .set({ isLeaf: false })
            .where(
              and(
                eq(accounts.countyCode, ledger.countyCode),
                eq(accounts.ledgerId, ledger.id),
                eq(accounts.code, parent.code),
              ),
            )
        }
        const [row] = await tx
          .insert(accounts)
          .values({
            countyCode: ledger.countyCode,
            ledgerId: ledger.id,
            code: input.code,
            name: input.name,
            class: parent.class,
            normalSide: parent.normalSide,
            parentCode: parent.code,
          })
          .returning()
        return toAccount(row!)
      })
    },

    /** Disables an account (never deletes it); refused while it or its sub-accounts hold a balance. */
    async disableAccount(ledgerId: string, code: string): Promise<Account> {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId, 'update')
        const all = await ledgerAccounts(tx, ledger)
        const account = all.find((a) => a.code === code)
        if (!account)
          throw new LedgerError('ledger.account_not_found', `no account ${code}`, { kind: 'not_found' })
        const subtree = all.filter((a) => a.code.startsWith(code)).map((a) => a.code)
        const nets = await netBalances(tx, ledger, subtree)
        const net = [...nets.values()].reduce((sum, n) => sum + n, 0n)
        if (net !== 0n) {
          throw new LedgerError('ledger.account_has_balance', `${code} ${account.name} has a balance`, {
            kind: 'rule',
            context: { net: net.toString() },
          })
        }
        const [row] = await tx
          .update(accounts)
          .set({ disabledAt: clock.now() })
          .where(
            and(
              eq(accounts.countyCode, ledger.countyCode),
              eq(accounts.ledgerId, ledger.id),
              eq(accounts.code, code),
            ),
          )
          .returning()
        return toAccount(row!)
      })
    },

    /** Sets opening balances: balanced, leaf accounts, and only before the first posted voucher. */
    async setOpeningBalances(ledgerId: string, input: OpeningBalancesInput): Promise<Account[]> {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId, 'update')
        if (await hasPosted(tx, ledger)) {
          throw new LedgerError(
            'ledger.opening_after_posting',
            'opening balances are set before the first posted voucher',
            {
              kind: 'rule',
            },
          )
        }
        const { debit, credit } = voucherTotals(input.lines)
        if (debit !== credit) {
          throw new LedgerError('ledger.unbalanced', `opening debits ${debit} fen ≠ credits ${credit} fen`, {
            kind: 'rule',
            field: 'lines',
          })
        }
        checkLineAccounts(await ledgerAccounts(tx, ledger), input.lines)
        const scope = and(
          eq(balances.countyCode, ledger.countyCode),
          eq(balances.ledgerId, ledger.id),
          eq(balances.period, OPENING_PERIOD),
        )
        await tx.delete(balances).where(scope)
        await addToBalances(
          tx,
          ledger,
          OPENING_PERIOD,
          input.lines.map((l) => ({ account: l.account, debit: l.debit ?? 0n, credit: l.credit ?? 0n })),
        )
        return (await ledgerAccounts(tx, ledger)).map(toAccount)
      })
    },

    /**
     * A draft 记账凭证, prepared by `preparedBy` (an API key id). A workflow of another domain
     * passes `origin`, the record that created the draft; such a draft is posted (and, if wrong,
     * reversed) but never deleted.
     */
    async createVoucher(
      ledgerId: string,
      input: CreateVoucherInput,
      preparedBy: string,
      options: { origin?: VoucherOrigin } = {},
    ): Promise<Voucher> {
      checkVoucherShape(input)
      const origin = options.origin === undefined ? null : originText(options.origin)
      requireNotAhead(input.date, 'date', 'draft')
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId, 'draft')
        await requireOpenDate(tx, ledger, input.date, 'date')
        checkLineAccounts(await ledgerAccounts(tx, ledger), input.lines)
        const row = await insertDraft(tx, ledger, input, preparedBy, null, 'regular', null, origin)
        return voucherOut(tx, ledger, row)
      })
    },

    async getVoucher(ledgerId: string, voucherId: string): Promise<Voucher> {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId)
        return voucherOut(tx, ledger, await loadVoucher(tx, ledger, voucherId))
      })
    },

    async listVouchers(
      ledgerId: string,
      query: { status?: 'draft' | 'posted'; from?: string; to?: string; limit: number; after: string | null },
    ): Promise<Page<Voucher>> {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId)
        const rows = await tx
          .select()
          .from(vouchers)
          .where(
            and(
              eq(vouchers.countyCode, ledger.countyCode),
              eq(vouchers.ledgerId, ledger.id),
              query.status ? eq(vouchers.status, query.status) : undefined,
              query.from ? gte(vouchers.period, query.from) : undefined,
              query.to ? lte(vouchers.period, query.to) : undefined,
              query.after ? gt(vouchers.id, query.after) : undefined,
            ),
          )
          .orderBy(asc(vouchers.id))
          .limit(query.limit + 1)
        const out: Voucher[] = []
        for (const row of rows) out.push(await voucherOut(tx, ledger, row))
        return toPage(out, query.limit, (v) => v.id)
      })
    },

    /**
     * Drafts may be deleted; posted vouchers never, nor drafts created by another domain's
     * record (it points at them).
     */
    async deleteVoucher(ledgerId: string, voucherId: string): Promise<Voucher> {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId)
        const row = await loadVoucher(tx, ledger, voucherId, true)
        if (row.status !== 'draft') {
          throw new LedgerError(
            'ledger.voucher_posted',
            'a posted voucher is never deleted; reverse it instead',
            { kind: 'rule' },
          )
        }
        const origin = parseOrigin(row.origin)
        if (origin) {
          throw new LedgerError(
            'ledger.voucher_has_origin',
            `this draft was created by ${origin.kind}; post it, and reverse it if it is wrong`,
            { kind: 'rule', context: { origin } },
          )
        }
        const before = await voucherOut(tx, ledger, row)
        if (row.reversesId) {
          // The original may be reversed again once its pending reversal is gone.
          await tx
            .update(vouchers)
            .set({ reversedById: null })
            .where(and(eq(vouchers.countyCode, ledger.countyCode), eq(vouchers.id, row.reversesId)))
        }
        await tx
          .delete(vouchers)
          .where(and(eq(vouchers.countyCode, ledger.countyCode), eq(vouchers.id, row.id)))
        return before
      })
    },

    /**
     * Posts a draft: by someone other than its preparer, into an open period, keeping 101/102
     * non-negative; assigns the next number of the month and extends the hash chain.
     */
    async postVoucher(ledgerId: string, voucherId: string, postedBy: string): Promise<Voucher> {
      return db.transaction(async (tx) => {
        const unlocked = await requireLedger(tx, ledgerId)
        const partner = await linkPartner(tx, await loadVoucher(tx, unlocked, voucherId))
        // Ledger row locks serialise posting per ledger (numbers, chain, cash checks); a linked
        // pair locks both ledgers in id order so two reviewers posting either side cannot deadlock.
        const sides = [
          { id: ledgerId, countyCode: unlocked.countyCode },
          ...(partner ? [{ id: partner.ledgerId, countyCode: partner.countyCode }] : []),
        ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        const locked = new Map<string, LedgerRow>()
        for (const side of sides) {
          locked.set(side.id, await requireLedger(tx, side.id, 'update', side.countyCode))
        }
        const ledger = locked.get(ledgerId)!
        const posted = await postLocked(tx, ledger, voucherId, postedBy)
        if (partner) await postLocked(tx, locked.get(partner.ledgerId)!, partner.voucherId, postedBy)
        return voucherOut(tx, ledger, posted)
      })
    },

    /**
     * The state of the given vouchers, in any ledgers, in the order asked (each id once); ids
     * that do not exist (a deleted draft) are absent. One query, for other domains that follow
     * vouchers they created.
     */
    async voucherStates(voucherIds: string[]): Promise<VoucherState[]> {
      const ids = [...new Set(voucherIds)]
      if (ids.length === 0) return []
      const rows = await db
        .select({
          id: vouchers.id,
          ledgerId: vouchers.ledgerId,
          status: vouchers.status,
          number: vouchers.number,
          period: vouchers.period,
          date: vouchers.date,
          postedAt: vouchers.postedAt,
          reversedById: vouchers.reversedById,
          origin: vouchers.origin,
        })
        .from(vouchers)
        .where(inArray(vouchers.id, ids))
      const byId = new Map(rows.map((row) => [row.id, row]))
      return ids.flatMap((id) => {
        const row = byId.get(id)
        if (!row) return []
        return [
          {
            id: row.id,
            ledgerId: row.ledgerId,
            status: row.status as VoucherState['status'],
            number: row.number,
            label: row.number === null ? null : voucherLabel(row.period, row.number),
            date: row.date,
            postedAt: row.postedAt ? row.postedAt.toISOString() : null,
            reversedById: row.reversedById,
            origin: parseOrigin(row.origin),
          },
        ]
      })
    },

    /** The other side of a linked voucher, for callers that must authorise both ledgers. */
    async linkedSide(
      ledgerId: string,
      voucherId: string,
    ): Promise<{ ledgerId: string; voucherId: string } | null> {
      const ledger = await requireLedger(db, ledgerId)
      const partner = await linkPartner(db, await loadVoucher(db, ledger, voucherId))
      return partner && { ledgerId: partner.ledgerId, voucherId: partner.voucherId }
    },

    /**
     * 飞地抱团: one draft in each ledger for the same amount, both carrying the link id and the
     * other collective as counterparty. Posting either posts both.
     */
    async createLink(input: CreateLedgerLinkInput, preparedBy: string) {
      requireNotAhead(input.date, 'date', 'draft')
      return db.transaction(async (tx) => {
        const ids = [input.from.ledgerId, input.to.ledgerId].sort()
        const locked = new Map<string, LedgerRow>()
        for (const id of ids) locked.set(id, await requireLedger(tx, id, 'update'))
        const from = locked.get(input.from.ledgerId)!
        const to = locked.get(input.to.ledgerId)!
        const id = newId()
        const sides = [
          { ledger: from, side: input.from, other: to, field: 'from' },
          { ledger: to, side: input.to, other: from, field: 'to' },
        ]
        const voucherIds: string[] = []
        for (const { ledger, side, other, field } of sides) {
          const lines = [
            {
              account: side.debit,
              debit: input.amount,
              counterparty: other.collectiveName,
              reference: `link:${id}`,
            },
            {
              account: side.credit,
              credit: input.amount,
              counterparty: other.collectiveName,
              reference: `link:${id}`,
            },
          ]
          try {
            await requireOpenDate(tx, ledger, input.date, 'date')
            checkLineAccounts(await ledgerAccounts(tx, ledger), lines)
          } catch (error) {
            throw withFieldPrefix(error, field)
          }
          const draft = await insertDraft(
            tx,
            ledger,
            { date: input.date, summary: input.summary, attachments: 0, lines },
            preparedBy,
            null,
            'regular',
            id,
          )
          voucherIds.push(draft.id)
        }
        await tx.insert(ledgerLinks).values({
          countyCode: from.countyCode,
          id,
          date: input.date,
          summary: input.summary,
          amount: input.amount,
          purpose: input.purpose,
          fromLedgerId: from.id,
          fromVoucherId: voucherIds[0]!,
          toCountyCode: to.countyCode,
          toLedgerId: to.id,
          toVoucherId: voucherIds[1]!,
          createdBy: preparedBy,
          createdAt: clock.now(),
        })
        return (await linksOut(tx, eq(ledgerLinks.id, id)))[0]!
      })
    },

    /** Links touching ledgers of villages inside `within`; `unmatched` keeps those whose sides disagree. */
    async listLinks(query: { within?: string; unmatched?: boolean }) {
      const inside = query.within
        ? sql`(exists (select 1 from ${ledgers} l where l.id = ${ledgerLinks.fromLedgerId} and l.village_code like ${`${query.within}%`})
            or exists (select 1 from ${ledgers} l where l.id = ${ledgerLinks.toLedgerId} and l.village_code like ${`${query.within}%`}))`
        : undefined
      const links = await linksOut(db, inside)
      return query.unmatched ? links.filter((link) => !link.matched) : links
    },

    /**
     * Posts many drafts in the given order, all or none, set-based: the drafts and their lines are
     * read in two queries, every rule is checked in order (so a cash shortfall names the voucher
     * that causes it), numbers come from one counter upsert per month, the hash chain is computed
     * in process, and vouchers and balances are written with a handful of statements.
     */
    async postVouchers(ledgerId: string, voucherIds: string[], postedBy: string): Promise<Voucher[]> {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId, 'update')
        const fail = (index: number, error: unknown) => withFieldPrefix(error, `voucherIds.${index}`)
        const rows = await tx
          .select()
          .from(vouchers)
          .where(
            and(
              eq(vouchers.countyCode, ledger.countyCode),
              eq(vouchers.ledgerId, ledger.id),
              inArray(vouchers.id, voucherIds),
            ),
          )
          .for('update')
        const byId = new Map(rows.map((r) => [r.id, r]))
        const allLines = await tx
          .select()
          .from(voucherLines)
          .where(
            and(eq(voucherLines.countyCode, ledger.countyCode), inArray(voucherLines.voucherId, voucherIds)),
          )
        const linesOf = groupBy(allLines, (l) => l.voucherId)
        const accountRows = await ledgerAccounts(tx, ledger)
        const cashCodes = [...new Set(allLines.map((l) => l.accountCode).filter(isCashAccount))]
        const cash = await netBalances(tx, ledger, cashCodes)
        const openPeriods = new Set<string>()
        const seen = new Set<string>()
        const today = clock.today()
        for (const [index, id] of voucherIds.entries()) {
          const row = byId.get(id)
          try {
            if (!row)
              throw new LedgerError('ledger.voucher_not_found', `no voucher ${id} in this ledger`, {
                kind: 'not_found',
              })
            if (seen.has(id))
              throw new LedgerError('ledger.duplicate_in_batch', 'the voucher is listed twice', {
                kind: 'invalid',
              })
            seen.add(id)
            if (row.status !== 'draft') {
              throw new LedgerError(
                'ledger.voucher_posted',
                `the voucher is already posted as 记字第${row.number}号`,
                { kind: 'conflict' },
              )
            }
            if (row.linkId) {
              throw new LedgerError(
                'ledger.linked_voucher_in_batch',
                'post a linked voucher on its own: it posts its other side too',
                {
                  kind: 'rule',
                },
              )
            }
            if (row.preparedBy === postedBy) {
              throw new LedgerError(
                'ledger.self_review',
                'the preparer of a voucher may not post it (记账 ≠ 审核)',
                { kind: 'forbidden' },
              )
            }
            requireNotAhead(row.date, 'date', 'post', today)
            if (!openPeriods.has(row.period)) {
              await requireOpenDate(tx, ledger, row.date, 'date')
              openPeriods.add(row.period)
            }
            const lines = linesOf.get(id) ?? []
            checkLineAccounts(
              accountRows,
              lines.map((l) => ({ account: l.accountCode })),
            )
            for (const line of lines) {
              if (!isCashAccount(line.accountCode)) continue
              const after = (cash.get(line.accountCode) ?? 0n) + line.debit - line.credit
              cash.set(line.accountCode, after)
            }
            for (const code of cashCodes) {
              const after = cash.get(code) ?? 0n
              if (after < 0n) {
                throw new LedgerError(
                  'ledger.insufficient_balance',
                  `${code} would go negative (${after} fen)`,
                  {
                    kind: 'rule',
                    context: { account: code, balanceAfter: after.toString() },
                  },
                )
              }
            }
          } catch (error) {
            throw fail(index, error)
          }
        }

        // Numbers: one counter upsert per month for the whole batch, then handed out in order.
        const perPeriod = new Map<string, number>()
        for (const id of voucherIds) {
          const period = byId.get(id)!.period
          perPeriod.set(period, (perPeriod.get(period) ?? 0) + 1)
        }
        const nextNumber = new Map<string, number>()
        for (const [period, count] of perPeriod) {
          const [counter] = await tx
            .insert(voucherCounters)
            .values({ countyCode: ledger.countyCode, ledgerId: ledger.id, period, lastNumber: count })
            .onConflictDoUpdate({
              target: [voucherCounters.countyCode, voucherCounters.ledgerId, voucherCounters.period],
              set: { lastNumber: sql`${voucherCounters.lastNumber} + ${count}` },
            })
            .returning({ last: voucherCounters.lastNumber })
          nextNumber.set(period, counter!.last - count + 1)
        }
        const now = clock.now()
        let previous = ledger.lastHash
        let seq = ledger.postedCount
        const posted: VoucherRow[] = voucherIds.map((id) => {
          const row = byId.get(id)!
          const number = nextNumber.get(row.period)!
          nextNumber.set(row.period, number + 1)
          const hash = chainHash(previous, {
            id,
            date: row.date,
            number,
            summary: row.summary,
            lines: [...(linesOf.get(id) ?? [])]
              .sort((a, b) => a.lineNo - b.lineNo)
              .map((l) => ({ account: l.accountCode, debit: l.debit, credit: l.credit })),
          })
          previous = hash
          seq += 1
          return { ...row, status: 'posted', number, postedBy, postedAt: now, hash, chainSeq: seq }
        })
        for (const part of chunks(posted, 1000)) {
          const values = sql.join(
            part.map((v) => sql`(${v.id}, ${v.number}::int, ${v.hash}, ${v.chainSeq}::int)`),
            sql`, `,
          )
          await tx.execute(sql`update ${vouchers} set status = 'posted', posted_by = ${postedBy}, posted_at = ${now},
            number = v.number, hash = v.hash, chain_seq = v.seq
            from (values ${values}) as v(id, number, hash, seq)
            where ${vouchers.countyCode} = ${ledger.countyCode} and ${vouchers.id} = v.id`)
        }
        await tx
          .update(ledgers)
          .set({ lastHash: previous, postedCount: seq })
          .where(and(eq(ledgers.countyCode, ledger.countyCode), eq(ledgers.id, ledger.id)))
        for (const [period, rowsOfPeriod] of groupBy(posted, (v) => v.period)) {
          await addToBalances(
            tx,
            ledger,
            period,
            rowsOfPeriod.flatMap((v) =>
              (linesOf.get(v.id) ?? []).map((l) => ({
                account: l.accountCode,
                debit: l.debit,
                credit: l.credit,
              })),
            ),
          )
        }
        const names = new Map(accountRows.map((a) => [a.code, a.name]))
        return posted.map((v) => toVoucher(v, linesOf.get(v.id) ?? [], names))
      })
    },

    /**
     * Creates many drafts, all or none (imports and integrations): every item is checked first,
     * then all headers and all lines are written with a few multi-row INSERTs.
     */
    async createVouchers(
      ledgerId: string,
      inputs: CreateVoucherInput[],
      preparedBy: string,
    ): Promise<Voucher[]> {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId, 'draft')
        const accountRows = await ledgerAccounts(tx, ledger)
        const openPeriods = new Set<string>()
        const today = clock.today()
        for (const [index, input] of inputs.entries()) {
          try {
            checkVoucherShape(input)
            requireNotAhead(input.date, 'date', 'draft', today)
            if (!openPeriods.has(periodOf(input.date))) {
              await requireOpenDate(tx, ledger, input.date, 'date')
              openPeriods.add(periodOf(input.date))
            }
            checkLineAccounts(accountRows, input.lines)
          } catch (error) {
            throw withFieldPrefix(error, `vouchers.${index}`)
          }
        }
        const now = clock.now()
        const headers: VoucherRow[] = inputs.map((input) => ({
          countyCode: ledger.countyCode,
          id: newId(),
          ledgerId: ledger.id,
          status: 'draft',
          kind: 'regular',
          date: input.date,
          period: periodOf(input.date),
          number: null,
          summary: input.summary,
          attachments: input.attachments,
          preparedBy,
          postedBy: null,
          postedAt: null,
          reversesId: null,
          reversedById: null,
          linkId: null,
          chainSeq: null,
          hash: null,
          origin: null,
          createdAt: now,
        }))
        const lineRows = inputs.flatMap((input, i) =>
          input.lines.map((line, j) => ({
            countyCode: ledger.countyCode,
            voucherId: headers[i]!.id,
            lineNo: j + 1,
            ledgerId: ledger.id,
            accountCode: line.account,
            summary: line.summary ?? null,
            debit: line.debit ?? 0n,
            credit: line.credit ?? 0n,
            counterparty: line.counterparty ?? null,
            reference: line.reference ?? null,
          })),
        )
        for (const part of chunks(headers)) await tx.insert(vouchers).values(part)
        for (const part of chunks(lineRows)) await tx.insert(voucherLines).values(part)
        const names = new Map(accountRows.map((a) => [a.code, a.name]))
        const linesOf = groupBy(lineRows, (l) => l.voucherId)
        return headers.map((h) => toVoucher(h, linesOf.get(h.id) ?? [], names))
      })
    },

    /** Records a balance seen outside the books; `holds` is computed whenever it is read. */
    async addAssertion(ledgerId: string, input: CreateAssertionInput, createdBy: string) {
      return db.transaction(async (tx) => {
        // A close running meanwhile waits for this assertion and then checks it.
        const ledger = await requireLedger(tx, ledgerId, 'draft')
        const all = await ledgerAccounts(tx, ledger)
        if (!all.some((a) => a.code === input.account)) {
          throw new LedgerError('ledger.account_not_found', `no account ${input.account}`, {
            kind: 'rule',
            field: 'account',
          })
        }
        const [row] = await tx
          .insert(balanceAssertions)
          .values({
            countyCode: ledger.countyCode,
            id: newId(),
            ledgerId: ledger.id,
            accountCode: input.account,
            date: input.date,
            period: periodOf(input.date),
            balance: input.balance,
            source: input.source ?? null,
            createdBy,
            createdAt: clock.now(),
          })
          .returning()
        return (await evaluateAssertions(tx, ledger, all, [row!]))[0]!
      })
    },

    async listAssertions(ledgerId: string, query: { period?: string }) {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId)
        const rows = await tx
          .select()
          .from(balanceAssertions)
          .where(
            and(
              eq(balanceAssertions.countyCode, ledger.countyCode),
              eq(balanceAssertions.ledgerId, ledger.id),
              query.period ? eq(balanceAssertions.period, query.period) : undefined,
            ),
          )
          .orderBy(asc(balanceAssertions.date), asc(balanceAssertions.id))
        return evaluateAssertions(tx, ledger, await ledgerAccounts(tx, ledger), rows)
      })
    },

    /** 红字冲销: a negated draft of a posted voucher, dated in an open period, linked both ways. */
    async reverseVoucher(
      ledgerId: string,
      voucherId: string,
      input: ReverseVoucherInput,
      preparedBy: string,
    ): Promise<Voucher> {
      const date = input.date ?? clock.today()
      requireNotAhead(date, 'date', 'draft')
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId, 'draft')
        const original = await loadVoucher(tx, ledger, voucherId, true)
        if (original.status !== 'posted') {
          throw new LedgerError(
            'ledger.voucher_not_posted',
            'only a posted voucher is reversed; delete a draft instead',
            {
              kind: 'rule',
            },
          )
        }
        if (original.reversedById) {
          throw new LedgerError(
            'ledger.already_reversed',
            `the voucher is already reversed by ${original.reversedById}`,
            {
              kind: 'conflict',
            },
          )
        }
        await requireOpenDate(tx, ledger, date, 'date')
        const lines = await tx
          .select()
          .from(voucherLines)
          .where(and(eq(voucherLines.countyCode, ledger.countyCode), eq(voucherLines.voucherId, original.id)))
          .orderBy(asc(voucherLines.lineNo))
        const negated = reversalLines(
          lines.map((l) => ({
            account: l.accountCode,
            summary: l.summary ?? undefined,
            debit: l.debit !== 0n ? l.debit : undefined,
            credit: l.debit !== 0n ? undefined : l.credit,
            counterparty: l.counterparty ?? undefined,
            reference: l.reference ?? undefined,
          })),
        )
        const label = original.number === null ? original.id : voucherLabel(original.period, original.number)
        const draft = await insertDraft(
          tx,
          ledger,
          { date, summary: `冲销 ${label}：${original.summary}`, attachments: 0, lines: negated },
          preparedBy,
          original.id,
        )
        await tx
          .update(vouchers)
          .set({ reversedById: draft.id })
          .where(and(eq(vouchers.countyCode, ledger.countyCode), eq(vouchers.id, original.id)))
        return voucherOut(tx, ledger, draft)
      })
    },

    /** 科目余额表 from posted vouchers over [from, to] months; drafts never count. */
    async trialBalance(ledgerId: string, from: string, to: string) {
      if (to < from) {
        throw new LedgerError('ledger.invalid_range', 'to must not be before from', {
          kind: 'invalid',
          field: 'to',
        })
      }
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId)
        const accountRows = await ledgerAccounts(tx, ledger)
        const rows = await tx
          .select({
            code: balances.accountCode,
            openingNet: sql<string>`coalesce(sum(${balances.debit} - ${balances.credit}) filter (where ${balances.period} < ${from}), 0)`,
            debit: sql<string>`coalesce(sum(${balances.debit}) filter (where ${balances.period} >= ${from}), 0)`,
            credit: sql<string>`coalesce(sum(${balances.credit}) filter (where ${balances.period} >= ${from}), 0)`,
          })
          .from(balances)
          .where(
            and(
              eq(balances.countyCode, ledger.countyCode),
              eq(balances.ledgerId, ledger.id),
              lte(balances.period, to),
            ),
          )
          .groupBy(balances.accountCode)
        const leaves: LeafMovement[] = rows.map((r) => ({
          code: r.code,
          openingNet: BigInt(r.openingNet),
          debit: BigInt(r.debit),
          credit: BigInt(r.credit),
        }))
        return { ledgerId, from, to, ...trialBalance(accountRows.map(toAccount), leaves) }
      })
    },

    /** Closes a month: earlier months closed, no drafts left; seals a hash over its vouchers. */
    async closePeriod(ledgerId: string, period: string, closedBy: string) {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId, 'update')
        if (period < ledger.firstPeriod) {
          throw new LedgerError('ledger.before_first_period', `the ledger books from ${ledger.firstPeriod}`, {
            kind: 'rule',
          })
        }
        if (await isClosed(tx, ledger, period)) {
          throw new LedgerError('ledger.period_closed', `period ${period} is already closed`, {
            kind: 'conflict',
          })
        }
        const previous = periodOf(addDays(`${period}-01`, -1))
        if (period > ledger.firstPeriod && !(await isClosed(tx, ledger, previous))) {
          throw new LedgerError('ledger.earlier_period_open', `close ${previous} first`, { kind: 'rule' })
        }
        const scope = and(
          eq(vouchers.countyCode, ledger.countyCode),
          eq(vouchers.ledgerId, ledger.id),
          eq(vouchers.period, period),
        )
        const drafts = await tx
          .select({ id: vouchers.id })
          .from(vouchers)
          .where(and(scope, eq(vouchers.status, 'draft')))
        if (drafts.length > 0) {
          throw new LedgerError(
            'ledger.drafts_in_period',
            `${drafts.length} draft voucher(s) dated in ${period}`,
            {
              kind: 'rule',
              context: { drafts: drafts.map((d) => d.id) },
            },
          )
        }
        const assertions = await tx
          .select()
          .from(balanceAssertions)
          .where(
            and(
              eq(balanceAssertions.countyCode, ledger.countyCode),
              eq(balanceAssertions.ledgerId, ledger.id),
              eq(balanceAssertions.period, period),
            ),
          )
        const failing = (
          await evaluateAssertions(tx, ledger, await ledgerAccounts(tx, ledger), assertions)
        ).filter((a) => !a.holds)
        if (failing.length > 0) {
          throw new LedgerError(
            'ledger.assertion_failed',
            `${failing.length} balance assertion(s) in ${period} do not hold`,
            {
              kind: 'rule',
              context: {
                assertions: failing.map((a) => ({
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
        const posted = await tx
          .select({ number: vouchers.number, hash: vouchers.hash })
          .from(vouchers)
          .where(and(scope, eq(vouchers.status, 'posted')))
          .orderBy(asc(vouchers.number))
        const seal = createHash('sha256')
          .update(JSON.stringify([ledger.id, period, posted.map((p) => [p.number, p.hash])]))
          .digest('hex')
        await tx.insert(closedPeriods).values({
          countyCode: ledger.countyCode,
          ledgerId: ledger.id,
          period,
          closedAt: clock.now(),
          closedBy,
          seal,
        })
        return { ledgerId, period, status: 'closed' as const, seal, vouchers: posted.length }
      })
    },

    /** Reopens a closed month (the latest closed one only), recording who, why and the old seal. */
    async reopenPeriod(ledgerId: string, period: string, reason: string, reopenedBy: string) {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId, 'update')
        const scope = and(
          eq(closedPeriods.countyCode, ledger.countyCode),
          eq(closedPeriods.ledgerId, ledger.id),
        )
        const [closed] = await tx
          .select()
          .from(closedPeriods)
          .where(and(scope, eq(closedPeriods.period, period)))
        if (!closed)
          throw new LedgerError('ledger.period_open', `period ${period} is not closed`, { kind: 'conflict' })
        const [later] = await tx
          .select({ period: closedPeriods.period })
          .from(closedPeriods)
          .where(and(scope, gt(closedPeriods.period, period)))
          .limit(1)
        if (later)
          throw new LedgerError('ledger.later_period_closed', `reopen ${later.period} first`, {
            kind: 'rule',
          })
        await tx.insert(periodReopenings).values({
          countyCode: ledger.countyCode,
          id: newId(),
          ledgerId: ledger.id,
          period,
          reason,
          reopenedBy,
          seal: closed.seal,
          reopenedAt: clock.now(),
        })
        await tx.delete(closedPeriods).where(and(scope, eq(closedPeriods.period, period)))
        return { ledgerId, period, status: 'open' as const, seal: null, vouchers: 0 }
      })
    },

    /** 资产负债表 at the end of `period`, from posted balances. */
    async balanceSheet(ledgerId: string, period: string) {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId)
        const all = (await ledgerAccounts(tx, ledger)).map(toAccount)
        return { ledgerId, period, ...balanceSheet(all, await leafNetsThrough(tx, ledger, period)) }
      })
    },

    /** 收益及收益分配表 for a year, from its regular posted vouchers (closing entries excluded). */
    async incomeStatement(ledgerId: string, year: string) {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId)
        const all = (await ledgerAccounts(tx, ledger)).map(toAccount)
        const rows = await tx
          .select({
            code: voucherLines.accountCode,
            debit: sql<string>`sum(${voucherLines.debit})`,
            credit: sql<string>`sum(${voucherLines.credit})`,
          })
          .from(voucherLines)
          .innerJoin(vouchers, LINE_VOUCHER)
          .where(
            and(
              eq(voucherLines.countyCode, ledger.countyCode),
              eq(voucherLines.ledgerId, ledger.id),
              eq(vouchers.status, 'posted'),
              eq(vouchers.kind, 'regular'),
              gte(vouchers.period, `${year}-01`),
              lte(vouchers.period, `${year}-12`),
            ),
          )
          .groupBy(voucherLines.accountCode)
        const movements = new Map(
          rows.map((r) => [r.code, { debit: BigInt(r.debit), credit: BigInt(r.credit) }]),
        )
        const before = await leafNetsThrough(tx, ledger, `${Number(year) - 1}-12`)
        const undistributed = [...before.entries()]
          .filter(([code]) => code.startsWith('322'))
          .reduce((sum, [, net]) => sum - net, 0n)
        return { ledgerId, year, ...incomeStatement(all, movements, undistributed) }
      })
    },

    /**
     * 年终结账: posts the closing vouchers dated 31 December — profit and loss leaves into 321
     * 本年收益, then 321 into 322 收益分配 — leaving 401 and balance-sheet accounts in place.
     */
    async closeYear(ledgerId: string, year: string, closedBy: string) {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId, 'update')
        const [existing] = await tx
          .select({ id: vouchers.id })
          .from(vouchers)
          .where(
            and(
              eq(vouchers.countyCode, ledger.countyCode),
              eq(vouchers.ledgerId, ledger.id),
              eq(vouchers.kind, 'closing'),
              eq(vouchers.period, `${year}-12`),
              sql`${vouchers.reversedById} is null`,
            ),
          )
          .limit(1)
        if (existing) {
          throw new LedgerError('ledger.year_closed', `${year} already has its closing vouchers`, {
            kind: 'conflict',
          })
        }
        const date = `${year}-12-31`
        // The closing vouchers are posted at once, so the year closes on its last day or later.
        requireNotAhead(date, 'year', 'post')
        await requireOpenDate(tx, ledger, date, 'year')
        const all = await ledgerAccounts(tx, ledger)
        const plCodes = new Set(
          all.filter((a) => a.class === 'income' || a.class === 'expense').map((a) => a.code),
        )
        const nets = await leafNetsThrough(tx, ledger, `${year}-12`)
        const plNets = new Map([...nets.entries()].filter(([code]) => plCodes.has(code)))
        const entries = closingEntries(plNets, closingTarget(all, '321'), closingTarget(all, '322'))
        const posted: Voucher[] = []
        for (const [summary, lines] of [
          [`${year}年 损益结转本年收益`, entries.toResult],
          [`${year}年 本年收益转入收益分配`, entries.toDistribution],
        ] as const) {
          if (lines.length === 0) continue
          const draft = await insertDraft(
            tx,
            ledger,
            { date, summary, attachments: 0, lines: [...lines] },
            'system:year-close',
            null,
            'closing',
          )
          posted.push(await voucherOut(tx, ledger, await postLocked(tx, ledger, draft.id, closedBy)))
        }
        return { ledgerId, year, result: entries.result, vouchers: posted }
      })
    },

    /** Ledgers of the given villages (a village may have several collectives). */
    async ledgersOfVillages(villageCodes: string[]): Promise<Ledger[]> {
      if (villageCodes.length === 0) return []
      const rows = await db
        .select()
        .from(ledgers)
        .where(inArray(ledgers.villageCode, villageCodes))
        .orderBy(asc(ledgers.villageCode))
      return rows.map(toLedger)
    },

    /**
     * 汇总 (aggregation, not consolidation) of several ledgers at the end of `period`: closing net
     * per first-level account per ledger; and the part of each net that comes from posted links
     * whose both sides lie inside the set, so a caller can eliminate money moving between them.
     */
    async aggregate(ledgerIds: string[], period: string) {
      const chart = CHARTS['rcea-2023']
      if (ledgerIds.length === 0)
        return {
          accounts: chart,
          nets: new Map<string, Map<string, Fen>>(),
          internal: new Map<string, Fen>(),
        }
      const rows = await db
        .select({
          ledgerId: balances.ledgerId,
          code: sql<string>`substr(${balances.accountCode}, 1, 3)`,
          net: sql<string>`sum(${balances.debit} - ${balances.credit})`,
        })
        .from(balances)
        .where(and(inArray(balances.ledgerId, ledgerIds), lte(balances.period, period)))
        .groupBy(balances.ledgerId, sql`substr(${balances.accountCode}, 1, 3)`)
      const nets = new Map<string, Map<string, Fen>>()
      for (const row of rows) {
        const perLedger = nets.get(row.ledgerId) ?? new Map<string, Fen>()
        perLedger.set(row.code, BigInt(row.net))
        nets.set(row.ledgerId, perLedger)
      }
      const internalRows = await db
        .select({
          code: sql<string>`substr(${voucherLines.accountCode}, 1, 3)`,
          net: sql<string>`sum(${voucherLines.debit} - ${voucherLines.credit})`,
        })
        .from(voucherLines)
        .innerJoin(
          vouchers,
          and(eq(vouchers.countyCode, voucherLines.countyCode), eq(vouchers.id, voucherLines.voucherId)),
        )
        .innerJoin(ledgerLinks, eq(ledgerLinks.id, vouchers.linkId))
        .where(
          and(
            eq(vouchers.status, 'posted'),
            lte(vouchers.period, period),
            inArray(ledgerLinks.fromLedgerId, ledgerIds),
            inArray(ledgerLinks.toLedgerId, ledgerIds),
          ),
        )
        .groupBy(sql`substr(${voucherLines.accountCode}, 1, 3)`)
      const internal = new Map(internalRows.map((r) => [r.code, BigInt(r.net)]))
      return { accounts: chart, nets, internal }
    },

    /**
     * 晒财务: freezes the disclosure of a closed month or quarter — income and expenditure item
     * by item, assets and liabilities at its end, receivables and payables, 收益分配 — as JSON
     * text with its sha256, so a printed notice board can be checked against the record.
     */
    async createDisclosure(ledgerId: string, input: CreateDisclosureInput, createdBy: string) {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId, 'update')
        const [from, to] = disclosureRange(input.period)
        for (let month = from; month <= to; month = periodOf(addDays(`${month}-28`, 5))) {
          if (!(await isClosed(tx, ledger, month))) {
            throw new LedgerError(
              'ledger.period_not_closed',
              `close ${month} before disclosing ${input.period}`,
              {
                kind: 'rule',
                field: 'period',
              },
            )
          }
        }
        const all = await ledgerAccounts(tx, ledger)
        const classOf = new Map(all.map((a) => [a.code, a.class]))
        const lines = await tx
          .select({ line: voucherLines, voucher: vouchers, accountName: accounts.name })
          .from(voucherLines)
          .innerJoin(vouchers, LINE_VOUCHER)
          .leftJoin(
            accounts,
            and(
              eq(accounts.countyCode, voucherLines.countyCode),
              eq(accounts.ledgerId, voucherLines.ledgerId),
              eq(accounts.code, voucherLines.accountCode),
            ),
          )
          .where(
            and(
              eq(voucherLines.countyCode, ledger.countyCode),
              eq(voucherLines.ledgerId, ledger.id),
              eq(vouchers.status, 'posted'),
              eq(vouchers.kind, 'regular'),
              gte(vouchers.period, from),
              lte(vouchers.period, to),
            ),
          )
          .orderBy(asc(vouchers.date), asc(vouchers.number), asc(voucherLines.lineNo))
        const item = (l: (typeof lines)[number], amount: Fen) => ({
          date: l.voucher.date,
          voucher: voucherLabel(l.voucher.period, l.voucher.number ?? 0),
          account: l.line.accountCode,
          accountName: l.accountName ?? '',
          summary: l.line.summary ?? l.voucher.summary,
          amount: formatMoney(amount),
        })
        const income = lines
          .filter((l) => classOf.get(l.line.accountCode) === 'income')
          .map((l) => item(l, l.line.credit - l.line.debit))
        const expenditure = lines
          .filter((l) => classOf.get(l.line.accountCode) === 'expense')
          .map((l) => item(l, l.line.debit - l.line.credit))
        const distribution = lines
          .filter((l) => l.line.accountCode.startsWith('322'))
          .map((l) => item(l, l.line.credit - l.line.debit))
        const sum = (items: { amount: string }[]) =>
          formatMoney(items.reduce((s, i) => s + BigInt(i.amount.replace('.', '')), 0n))
        const sheet = balanceSheet(
          (await ledgerAccounts(tx, ledger)).map(toAccount),
          await leafNetsThrough(tx, ledger, to),
        )
        const statementLines = (ls: { code: string; name: string; amount: Fen }[]) =>
          ls.map((l) => ({ code: l.code, name: l.name, amount: formatMoney(l.amount) }))
        const content = {
          collective: { name: ledger.collectiveName, uscc: ledger.collectiveUscc },
          villageCode: ledger.villageCode,
          period: input.period,
          months: { from, to },
          income: { items: income, total: sum(income) },
          expenditure: { items: expenditure, total: sum(expenditure) },
          assets: { items: statementLines(sheet.assets), total: formatMoney(sheet.totals.assets) },
          liabilities: {
            items: statementLines(sheet.liabilities),
            total: formatMoney(sheet.totals.liabilities),
          },
          equity: { items: statementLines(sheet.equity), total: formatMoney(sheet.totals.equity) },
          receivables: statementLines(sheet.assets.filter((l) => l.code === '112' || l.code === '113')),
          payables: statementLines(
            sheet.liabilities.filter((l) => ['113', '211', '212', '213'].includes(l.code)),
          ),
          distribution: { items: distribution, total: sum(distribution) },
        }
        const text = JSON.stringify(content)
        const sha256 = createHash('sha256').update(text).digest('hex')
        try {
          const [row] = await tx
            .insert(disclosures)
            .values({
              countyCode: ledger.countyCode,
              id: newId(),
              ledgerId: ledger.id,
              villageCode: ledger.villageCode,
              period: input.period,
              content: text,
              sha256,
              createdBy,
              createdAt: clock.now(),
            })
            .returning()
          return disclosureOut(row!)
        } catch (error) {
          if (isUniqueViolation(error)) {
            throw new LedgerError('ledger.disclosure_exists', `${input.period} is already disclosed`, {
              kind: 'conflict',
              field: 'period',
            })
          }
          throw error
        }
      })
    },

    /** Published disclosures of a village, newest period first (content omitted). */
    async listDisclosures(villageCode: string) {
      const rows = await db
        .select()
        .from(disclosures)
        .where(
          and(eq(disclosures.countyCode, countyOf(villageCode)), eq(disclosures.villageCode, villageCode)),
        )
        .orderBy(sql`${disclosures.period} desc`)
      return rows.map((row) => {
        const { content: _content, ...summary } = disclosureOut(row)
        return summary
      })
    },

    async getDisclosure(villageCode: string, id: string) {
      const [row] = await db
        .select()
        .from(disclosures)
        .where(
          and(
            eq(disclosures.countyCode, countyOf(villageCode)),
            eq(disclosures.villageCode, villageCode),
            eq(disclosures.id, id),
          ),
        )
      if (!row)
        throw new LedgerError('ledger.disclosure_not_found', `no disclosure ${id} for ${villageCode}`, {
          kind: 'not_found',
        })
      return disclosureOut(row)
    },

    /**
     * Re-verifies the whole hash chain from the stored lines: each posted voucher's hash must
     * equal sha256(previous hash + canonical voucher), and the head must match the ledger.
     */
    async verifyIntegrity(ledgerId: string) {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId)
        const posted = await tx
          .select()
          .from(vouchers)
          .where(
            and(
              eq(vouchers.countyCode, ledger.countyCode),
              eq(vouchers.ledgerId, ledger.id),
              eq(vouchers.status, 'posted'),
            ),
          )
          .orderBy(asc(vouchers.chainSeq))
        const lines = await tx
          .select()
          .from(voucherLines)
          .where(and(eq(voucherLines.countyCode, ledger.countyCode), eq(voucherLines.ledgerId, ledger.id)))
          .orderBy(asc(voucherLines.voucherId), asc(voucherLines.lineNo))
        const linesOf = new Map<string, typeof lines>()
        for (const line of lines) linesOf.set(line.voucherId, [...(linesOf.get(line.voucherId) ?? []), line])
        let previous: string | null = null
        let firstBreak: { voucherId: string; chainSeq: number | null; label: string | null } | null = null
        for (const voucher of posted) {
          const expected = chainHash(previous, {
            id: voucher.id,
            date: voucher.date,
            number: voucher.number ?? 0,
            summary: voucher.summary,
            lines: (linesOf.get(voucher.id) ?? []).map((l) => ({
              account: l.accountCode,
              debit: l.debit,
              credit: l.credit,
            })),
          })
          if (expected !== voucher.hash) {
            firstBreak = {
              voucherId: voucher.id,
              chainSeq: voucher.chainSeq,
              label: voucher.number === null ? null : voucherLabel(voucher.period, voucher.number),
            }
            break
          }
          previous = voucher.hash
        }
        const headMatches = firstBreak !== null || previous === ledger.lastHash
        return {
          ledgerId,
          vouchers: posted.length,
          valid: firstBreak === null && headMatches && posted.length === ledger.postedCount,
          head: ledger.lastHash,
          firstBreak,
        }
      })
    },

    /**
     * 明细账: posted lines of an account (and its sub-accounts) over [from, to] months, in date
     * and number order, with the running balance on the account's normal side.
     */
    async accountEntries(
      ledgerId: string,
      code: string,
      query: { from: string; to: string; limit: number; after: string | null },
    ) {
      return db.transaction(async (tx) => {
        const ledger = await requireLedger(tx, ledgerId)
        const all = await ledgerAccounts(tx, ledger)
        const account = all.find((a) => a.code === code)
        if (!account)
          throw new LedgerError('ledger.account_not_found', `no account ${code}`, { kind: 'not_found' })
        const normalSide = account.normalSide as NormalSide
        // Running balances need everything before the page: opening net + lines before the cursor.
        const [opening] = await tx
          .select({ net: sql<string>`coalesce(sum(${balances.debit} - ${balances.credit}), 0)` })
          .from(balances)
          .where(
            and(
              eq(balances.countyCode, ledger.countyCode),
              eq(balances.ledgerId, ledger.id),
              like(balances.accountCode, `${code}%`),
              sql`${balances.period} < ${query.from}`,
            ),
          )
        const sortKey = sql<string>`${vouchers.date} || '/' || lpad(${vouchers.number}::text, 6, '0') || '/' || lpad(${voucherLines.lineNo}::text, 4, '0')`
        const rows = await tx
          .select({ line: voucherLines, voucher: vouchers, key: sortKey })
          .from(voucherLines)
          .innerJoin(vouchers, LINE_VOUCHER)
          .where(
            and(
              eq(voucherLines.countyCode, ledger.countyCode),
              eq(voucherLines.ledgerId, ledger.id),
              like(voucherLines.accountCode, `${code}%`),
              eq(vouchers.status, 'posted'),
              gte(vouchers.period, query.from),
              lte(vouchers.period, query.to),
            ),
          )
          .orderBy(sortKey)
        let net = BigInt(opening?.net ?? '0')
        const openingBalance = onNormalSide(net, normalSide)
        const entries = rows.map(({ line, voucher, key }) => {
          net += line.debit - line.credit
          return {
            key,
            date: voucher.date,
            voucherId: voucher.id,
            label: voucherLabel(voucher.period, voucher.number ?? 0),
            account: line.accountCode,
            summary: line.summary ?? voucher.summary,
            debit: line.debit !== 0n ? line.debit : null,
            credit: line.debit !== 0n ? null : line.credit,
            balance: onNormalSide(net, normalSide),
          }
        })
        const start = query.after === null ? 0 : entries.findIndex((e) => e.key > query.after!)
        const page = toPage(
          start < 0 ? [] : entries.slice(start, start + query.limit + 1),
          query.limit,
          (e) => e.key,
        )
        return {
          ledgerId,
          account: { code: account.code, name: account.name, normalSide },
          from: query.from,
          to: query.to,
          opening: openingBalance,
          closing: onNormalSide(net, normalSide),
          items: page.items.map(({ key: _key, ...entry }) => entry),
          nextCursor: page.nextCursor,
        }
      })
    },

    withTx(tx: Database) {
      return createLedgerService({ ...options, db: tx })
    },
  }
  return service
}

export type LedgerService = ReturnType<typeof createLedgerService>
