import { type Database, selectRows } from '@liancun/core'
import { and, asc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { ledgers, vouchers } from '../schema.js'
import { countyOfLedger } from './ledgers.js'
import {
  byTenantId,
  byTenantIds,
  columnsOf,
  jsonRows,
  perCountyOfIds,
  type RecordShape,
  recordset,
} from './sql.js'

/** SQL of vouchers and their lines. Every read returns a voucher with its lines in ONE statement. */

export type VoucherRow = typeof vouchers.$inferSelect
type LedgerKey = { countyCode: string; id: string }

/** A line as read back with its voucher: amounts as text (bigint fen), the account's name joined. */
export interface LineJson {
  lineNo: number
  account: string
  accountName: string
  summary: string | null
  debit: string
  credit: string
  counterparty: string | null
  reference: string | null
}

/**
 * The lines of the voucher row of the enclosing query (named `vouchers`, or aliased `lv`), with
 * account names, ordered: one subquery. `county` is the bound county of the enclosing query: a
 * subquery correlated on the outer row's county alone cannot be routed to one Citus shard. The
 * account name is a lookup by the whole primary key, so it is one index probe per line whatever
 * the planner's statistics say (a join let a never-analysed PGlite scan the county's accounts for
 * every line: 55 ms for a page of 50).
 */
const linesOf = (voucher: 'vouchers' | 'lv', county: string | null) => {
  const countyOfLine = county === null ? sql`vl.county_code` : sql`${county}`
  return sql<unknown>`(select coalesce(json_agg(json_build_object(
    'lineNo', vl.line_no, 'account', vl.account_code,
    'accountName', coalesce((select a.name from ledger.accounts a
      where a.county_code = ${countyOfLine} and a.ledger_id = vl.ledger_id and a.code = vl.account_code), ''),
    'summary', vl.summary, 'debit', vl.debit::text, 'credit', vl.credit::text,
    'counterparty', vl.counterparty, 'reference', vl.reference) order by vl.line_no), '[]'::json)
  from ledger.voucher_lines vl
  where vl.county_code = ${county === null ? sql.raw(`${voucher}.county_code`) : sql`${county}`}
    and vl.voucher_id = ${sql.raw(voucher)}.id)`
}
const linesOfVoucher = (county: string | null) => linesOf('vouchers', county)
/** Vouchers under an alias, for a lock: FOR UPDATE OF names an unqualified relation. */
const lockedVouchers = alias(vouchers, 'lv')

/**
 * A ledger and, when it is there, one of its vouchers with lines — one statement, so a read both
 * finds the ledger to authorise and the voucher to return.
 */
export async function ledgerWithVoucher(q: Database, ledgerId: string, voucherId: string) {
  const county = await countyOfLedger(q, ledgerId)
  if (county === null) return undefined
  const [row] = await q
    .select({ ledger: ledgers, voucher: vouchers, lines: linesOfVoucher(county) })
    .from(ledgers)
    .leftJoin(
      vouchers,
      and(
        county === null ? eq(vouchers.countyCode, ledgers.countyCode) : eq(vouchers.countyCode, county),
        eq(vouchers.ledgerId, ledgers.id),
        eq(vouchers.id, voucherId),
      ),
    )
    .where(byTenantId(ledgers, ledgerId, county))
  return row && { ledger: row.ledger, voucher: row.voucher, lines: jsonRows<LineJson>(row.lines) }
}

/**
 * A page of a ledger's vouchers, each with its lines: one statement whatever the page size. The
 * page is read in id order through `vouchers_ledger_page_idx`, and each voucher's lines by the
 * lines' primary key. (A version that joined the page's lines with the accounts once per page was
 * faster on PostgreSQL by ≈ 15% but let PGlite, whose statistics lag, hash the ledger's lines for
 * every page: 12 pages a second against 37.)
 */
export async function voucherPage(
  q: Database,
  ledger: LedgerKey,
  query: { status?: 'draft' | 'posted'; from?: string; to?: string; limit: number; after: string | null },
) {
  const rows = await q
    .select({ voucher: vouchers, lines: linesOfVoucher(ledger.countyCode) })
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
  return rows.map((row) => ({ voucher: row.voucher, lines: jsonRows<LineJson>(row.lines) }))
}

/** One voucher of a ledger locked FOR UPDATE, with its lines. */
export async function lockVoucher(q: Database, ledger: LedgerKey, voucherId: string) {
  const v = lockedVouchers
  const [row] = await q
    .select({ voucher: v, lines: linesOf('lv', ledger.countyCode) })
    .from(v)
    .where(and(eq(v.countyCode, ledger.countyCode), eq(v.ledgerId, ledger.id), eq(v.id, voucherId)))
    .for('update', { of: v })
  return row && { voucher: row.voucher, lines: jsonRows<LineJson>(row.lines) }
}

export const VOUCHER_SHAPE = {
  county_code: 'text',
  id: 'text',
  ledger_id: 'text',
  status: 'text',
  kind: 'text',
  date: 'date',
  period: 'text',
  number: 'int',
  summary: 'text',
  attachments: 'int',
  prepared_by: 'text',
  posted_by: 'text',
  posted_at: 'timestamptz',
  reverses_id: 'text',
  link_id: 'text',
  chain_seq: 'int',
  hash: 'text',
  origin: 'text',
  source_ref: 'text',
  source_preparer: 'text',
  source_reviewer: 'text',
  matter_id: 'text',
  matter_rule: 'text',
  created_at: 'timestamptz',
} as const satisfies RecordShape

export const LINE_SHAPE = {
  county_code: 'text',
  voucher_id: 'text',
  line_no: 'int',
  ledger_id: 'text',
  account_code: 'text',
  summary: 'text',
  debit: 'bigint',
  credit: 'bigint',
  counterparty: 'text',
  reference: 'text',
} as const satisfies RecordShape

export type VoucherRecord = { [K in keyof typeof VOUCHER_SHAPE]: unknown }
export type LineRecord = { [K in keyof typeof LINE_SHAPE]: unknown }

/**
 * What a draft insert checks in the same statement, per ledger: the months are open, and every
 * code marked `enforce` is an enabled leaf. Every code listed is read back for its name.
 */
export interface DraftChecks {
  periods: { county_code: string; ledger_id: string; period: string }[]
  codes: { county_code: string; ledger_id: string; code: string; enforce: boolean }[]
}

export interface DraftFacts {
  inserted: boolean
  closed: { ledgerId: string; period: string }[]
  accounts: { ledgerId: string; code: string; name: string; isLeaf: boolean; disabled: boolean }[]
}

/**
 * Inserts vouchers and their lines in ONE statement, only if every month is open and every
 * account is an enabled leaf — checked by that same statement, which runs after the ledger lock
 * was granted and so sees a close or a chart change that committed meanwhile. Returns whether it
 * inserted, and the facts it checked, from which the caller names the refusal. With no headers
 * it only reads the facts.
 */
export async function insertDraftsIfOpen(
  q: Database,
  headers: readonly VoucherRecord[],
  lines: readonly LineRecord[],
  checks: DraftChecks,
): Promise<DraftFacts> {
  const countyOf = (row: { county_code: unknown }) => String(row.county_code)
  const counties = new Set([...headers, ...checks.periods, ...checks.codes].map(countyOf))
  if (counties.size <= 1) return insertCountyDrafts(q, [...counties][0] ?? '', headers, lines, checks)
  // A cross-county link: each county's drafts by their own statement, on their own shard. A
  // refusal in either leaves `inserted` false, and the caller's throw rolls the other back.
  const out: DraftFacts = { inserted: headers.length > 0, closed: [], accounts: [] }
  for (const county of counties) {
    const of = <T extends { county_code: unknown }>(rows: readonly T[]) =>
      rows.filter((r) => countyOf(r) === county)
    const part = await insertCountyDrafts(q, county, of(headers), of(lines), {
      periods: of(checks.periods),
      codes: of(checks.codes),
    })
    out.inserted &&= part.inserted || of(headers).length === 0
    out.closed.push(...part.closed)
    out.accounts.push(...part.accounts)
  }
  return out
}

async function insertCountyDrafts(
  q: Database,
  county: string,
  headers: readonly VoucherRecord[],
  lines: readonly LineRecord[],
  checks: DraftChecks,
): Promise<DraftFacts> {
  const periodKeys = { county_code: 'text', ledger_id: 'text', period: 'text' } as const
  const codeKeys = { county_code: 'text', ledger_id: 'text', code: 'text', enforce: 'bool' } as const
  const [row] = await selectRows<{ ok: boolean; closed: unknown; accounts: unknown }>(
    q,
    sql`with
      closed as (select c.ledger_id, c.period from ledger.closed_periods c
        join ${recordset(checks.periods, periodKeys, 'p')}
          on c.county_code = p.county_code and c.ledger_id = p.ledger_id and c.period = p.period
        where c.county_code = ${county}),
      used as (select k.ledger_id, k.code, k.enforce, a.name, a.is_leaf, a.disabled_at is not null as disabled
        from ${recordset(checks.codes, codeKeys, 'k')}
        left join ledger.accounts a
          on a.county_code = ${county} and a.county_code = k.county_code and a.ledger_id = k.ledger_id and a.code = k.code),
      ok as (select not exists (select 1 from closed)
        and not exists (select 1 from used where enforce and (name is null or not is_leaf or disabled)) as ok),
      v as (insert into ledger.vouchers (${columnsOf(VOUCHER_SHAPE)})
        select ${columnsOf(VOUCHER_SHAPE, 't')} from ${recordset(headers, VOUCHER_SHAPE)}
        where (select ok from ok) returning 1),
      l as (insert into ledger.voucher_lines (${columnsOf(LINE_SHAPE)})
        select ${columnsOf(LINE_SHAPE, 't')} from ${recordset(lines, LINE_SHAPE)}
        where (select ok from ok) returning 1)
    select (select ok from ok) as ok,
      (select json_agg(json_build_object('ledgerId', ledger_id, 'period', period)) from closed) as closed,
      (select json_agg(json_build_object('ledgerId', ledger_id, 'code', code, 'name', name,
        'isLeaf', is_leaf, 'disabled', disabled)) from used where name is not null) as accounts`,
  )
  return {
    inserted: Boolean(row?.ok) && headers.length > 0,
    closed: jsonRows(row?.closed),
    accounts: jsonRows(row?.accounts),
  }
}

/** Deletes a draft (its lines cascade) and frees the voucher it was reversing, if any. */
export async function deleteDraftRow(q: Database, row: VoucherRow): Promise<void> {
  if (row.reversesId) {
    await q
      .update(vouchers)
      .set({ reversedById: null })
      .where(and(eq(vouchers.countyCode, row.countyCode), eq(vouchers.id, row.reversesId)))
  }
  await q.delete(vouchers).where(and(eq(vouchers.countyCode, row.countyCode), eq(vouchers.id, row.id)))
}

export async function markReversed(q: Database, original: VoucherRow, reversalId: string): Promise<void> {
  await q
    .update(vouchers)
    .set({ reversedById: reversalId })
    .where(and(eq(vouchers.countyCode, original.countyCode), eq(vouchers.id, original.id)))
}

/** Status, number and origin of vouchers by id in any ledgers (one statement, for other domains). */
export function voucherStateRows(q: Database, ids: readonly string[]) {
  return perCountyOfIds(q, ids, (q, county, group) =>
    q
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
      .where(byTenantIds(vouchers, group, county)),
  )
}

/** Ids of the drafts dated in a month. */
export function draftIdsIn(q: Database, ledger: LedgerKey, period: string) {
  return q
    .select({ id: vouchers.id })
    .from(vouchers)
    .where(
      and(
        eq(vouchers.countyCode, ledger.countyCode),
        eq(vouchers.ledgerId, ledger.id),
        eq(vouchers.period, period),
        eq(vouchers.status, 'draft'),
      ),
    )
}

/** Numbers and hashes of a month's posted vouchers, for its seal. */
export function postedOfPeriod(q: Database, ledger: LedgerKey, period: string) {
  return q
    .select({ number: vouchers.number, hash: vouchers.hash })
    .from(vouchers)
    .where(
      and(
        eq(vouchers.countyCode, ledger.countyCode),
        eq(vouchers.ledgerId, ledger.id),
        eq(vouchers.period, period),
        eq(vouchers.status, 'posted'),
      ),
    )
    .orderBy(asc(vouchers.number))
}

/** True once the ledger has a posted voucher. */
export async function hasPosted(q: Database, ledger: LedgerKey): Promise<boolean> {
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

/** The year's closing vouchers still standing (not reversed). */
export async function hasClosingVouchers(q: Database, ledger: LedgerKey, year: string): Promise<boolean> {
  const [row] = await q
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
  return row !== undefined
}

/** Posted vouchers in chain order with their lines, for re-verifying the chain. */
export function chainOf(q: Database, ledger: LedgerKey) {
  return q
    .select({ voucher: vouchers, lines: linesOfVoucher(ledger.countyCode) })
    .from(vouchers)
    .where(
      and(
        eq(vouchers.countyCode, ledger.countyCode),
        eq(vouchers.ledgerId, ledger.id),
        eq(vouchers.status, 'posted'),
      ),
    )
    .orderBy(asc(vouchers.chainSeq))
    .then((rows) => rows.map((row) => ({ voucher: row.voucher, lines: jsonRows<LineJson>(row.lines) })))
}

/** Existing source references among `refs` in a ledger (an import refuses to book one twice). */
export function sourceRefsIn(
  q: Database,
  ledger: LedgerKey,
  refs: readonly string[],
): Promise<{ ref: string | null }[]> {
  if (refs.length === 0) return Promise.resolve([])
  return q
    .select({ ref: vouchers.sourceRef })
    .from(vouchers)
    .where(
      and(
        eq(vouchers.countyCode, ledger.countyCode),
        eq(vouchers.ledgerId, ledger.id),
        inArray(vouchers.sourceRef, [...refs]),
      ),
    )
}
