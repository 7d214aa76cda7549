import { type Database, groupByCounty, selectRows } from '@liancun/core'
import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { ledgers, vouchers } from '../schema.js'
import type { LedgerRow } from './ledgers.js'
import { linkPartnerOf } from './links.js'
import { columnsOf, fen, jsonRows, recordset } from './sql.js'
import {
  LINE_SHAPE,
  type LineRecord,
  VOUCHER_SHAPE,
  type VoucherRecord,
  type VoucherRow,
} from './vouchers.js'

/**
 * SQL of posting, three statements whatever the batch: lock, read the facts, write the plan.
 * The facts are read by a statement AFTER the lock statement, so under READ COMMITTED they
 * include whatever a posting that held the lock before us committed.
 */

/**
 * Locks the ledger(s) and voucher(s) to post, FOR UPDATE in ledger-id order — ledger then
 * voucher, the order every posting takes. With `partner`, a linked voucher's other side (and its
 * ledger) is locked too: in the same statement when it lies in the same county, so two reviewers
 * posting either side of one link lock the two ledgers in the same order and never deadlock.
 * A side in another county (a cross-county link) is locked by a second statement on its own
 * shard; two postings of either side of such a link can then deadlock, which PostgreSQL (and
 * Citus's distributed detector) resolves by failing one of them with 40P01, to retry.
 */
export async function lockForPosting(
  q: Database,
  ledger: { id: string; countyCode: string | null },
  voucherIds: readonly string[],
  partner: boolean,
): Promise<{ ledger: LedgerRow; voucher: VoucherRow }[]> {
  const county = ledger.countyCode
  // No county: no such ledger (`countyOfLedger` found none), so nothing to lock.
  if (county === null) return []
  const first = voucherIds[0] ?? ''
  const own = (v: typeof vouchers) => and(eq(v.ledgerId, ledger.id), inArray(v.id, [...voucherIds])) as SQL
  // The link row is immutable, written with both drafts, and kept in each side's county.
  const sameCountySide = (v: typeof vouchers) => sql`(${v.countyCode}, ${v.id}) in (
    select k.county_code,
           case when k.from_voucher_id = v0.id then k.to_voucher_id else k.from_voucher_id end
    from ledger.vouchers v0
    join ledger.ledger_links k on k.county_code = ${county} and k.id = v0.link_id
    where v0.county_code = ${county} and v0.id = ${first} and v0.ledger_id = ${ledger.id}
      and k.to_county_code = k.county_code)`
  const rows = await lockRows(q, county, (v) => (partner ? or(own(v), sameCountySide(v)) : own(v)))
  if (!partner) return rows
  const mine = rows.find((r) => r.voucher.id === first && r.ledger.id === ledger.id)
  if (!mine?.voucher.linkId || rows.some((r) => r !== mine)) return rows
  const other = await linkPartnerOf(q, mine.voucher)
  if (!other || other.countyCode === county) return rows
  const theirs = await lockRows(
    q,
    other.countyCode,
    (v) => and(eq(v.ledgerId, other.ledgerId), eq(v.id, other.voucherId)) as SQL,
  )
  return [...rows, ...theirs]
}

/** Ledger and voucher rows of one county, FOR UPDATE. */
function lockRows(
  q: Database,
  county: string,
  where: (v: typeof vouchers) => SQL | undefined,
): Promise<{ ledger: LedgerRow; voucher: VoucherRow }[]> {
  const g = alias(ledgers, 'g')
  const v = alias(vouchers, 'v')
  // Aliased: FOR UPDATE OF names unqualified relations.
  return q
    .select({ ledger: g, voucher: v })
    .from(g)
    .innerJoin(v, and(eq(v.countyCode, g.countyCode), eq(v.ledgerId, g.id)))
    .where(and(eq(g.countyCode, county), eq(v.countyCode, county), where(v as unknown as typeof vouchers)))
    .orderBy(asc(g.id), asc(v.id))
    .for('update', { of: [g, v] })
}

export interface PostingFactRows {
  lines: {
    voucherId: string
    lineNo: number
    ledgerId: string
    account: string
    summary: string | null
    debit: bigint
    credit: bigint
    counterparty: string | null
    reference: string | null
  }[]
  accounts: { ledgerId: string; code: string; name: string; isLeaf: boolean; disabled: boolean }[]
  nets: { ledgerId: string; account: string; net: bigint }[]
  counters: { ledgerId: string; period: string; last: number }[]
  closed: { ledgerId: string; period: string }[]
  /** Years among `periods` with posted closing vouchers (年终结账 done), per ledger. */
  closedYears: { ledgerId: string; year: string }[]
  /** Posted cash (101/102) movements per ledger, account and day, from `cashFrom` on. */
  cashDays: { ledgerId: string; account: string; date: string; net: bigint }[]
  sourceRefs: string[]
}

/**
 * Everything the posting rules need, in ONE statement: the lines of the vouchers, the accounts
 * they use (plus `codes`, for lines not yet written — an import), the posted net of every cash
 * account among them, the month counters and the closed months among `periods`.
 */
export async function postingFacts(q: Database, input: PostingFactKeys): Promise<PostingFactRows> {
  const counties = groupByCounty(
    [...input.vouchers, ...input.codes, ...input.periods, ...(input.sourceRefs ? [input.sourceRefs] : [])],
    (k) => k.countyCode,
  )
  if (counties.size <= 1) return countyPostingFacts(q, [...counties.keys()][0] ?? '', input)
  // A cross-county link: one statement per county, each on its own shard.
  const out: PostingFactRows = {
    lines: [],
    accounts: [],
    nets: [],
    counters: [],
    closed: [],
    closedYears: [],
    cashDays: [],
    sourceRefs: [],
  }
  for (const county of counties.keys()) {
    const of = <T extends { countyCode: string }>(rows: readonly T[]) =>
      rows.filter((r) => r.countyCode === county)
    const part = await countyPostingFacts(q, county, {
      vouchers: of(input.vouchers),
      codes: of(input.codes),
      periods: of(input.periods),
      ...(input.sourceRefs?.countyCode === county ? { sourceRefs: input.sourceRefs } : {}),
      ...(input.cashFrom ? { cashFrom: input.cashFrom } : {}),
    })
    for (const name of Object.keys(out) as (keyof PostingFactRows)[]) {
      ;(out[name] as unknown[]).push(...(part[name] as unknown[]))
    }
  }
  return out
}

export interface PostingFactKeys {
  vouchers: readonly { countyCode: string; id: string }[]
  codes: readonly { countyCode: string; ledgerId: string; code: string }[]
  periods: readonly { countyCode: string; ledgerId: string; period: string }[]
  /** Source references an import brings: those already in the ledger come back in `sourceRefs`. */
  sourceRefs?: { countyCode: string; ledgerId: string; refs: readonly string[] }
  /** The earliest date being posted: cash movements from it on are read (by day). */
  cashFrom?: string
}

/** `postingFacts` for keys of one county: every table filtered by it. */
async function countyPostingFacts(
  q: Database,
  county: string,
  input: PostingFactKeys,
): Promise<PostingFactRows> {
  const refs = input.sourceRefs ?? { countyCode: '', ledgerId: '', refs: [] }
  // No date: no day is read. Drafts' days are read only when one of them takes cash out (a
  // voucher that only adds to an account cannot make any later day negative), so the usual
  // receipt costs nothing here; the scan starts at the month's index entry, not the ledger's.
  const cashFrom = input.cashFrom ?? '9999-12-31'
  const voucherKeys = recordset(
    input.vouchers.map((v) => ({ county_code: v.countyCode, id: v.id })),
    { county_code: 'text', id: 'text' },
    'vk',
  )
  const codeKeys = recordset(
    input.codes.map((c) => ({ county_code: c.countyCode, ledger_id: c.ledgerId, code: c.code })),
    { county_code: 'text', ledger_id: 'text', code: 'text' },
    'ck',
  )
  const periodKeys = recordset(
    input.periods.map((p) => ({ county_code: p.countyCode, ledger_id: p.ledgerId, period: p.period })),
    { county_code: 'text', ledger_id: 'text', period: 'text' },
    'pk',
  )
  const [row] = await selectRows<
    Record<
      | Exclude<keyof PostingFactRows, 'sourceRefs' | 'cashDays' | 'closedYears'>
      | 'source_refs'
      | 'cash_days'
      | 'closed_years',
      unknown
    >
  >(
    q,
    sql`with
      l as (select vl.* from ledger.voucher_lines vl
        join ${voucherKeys} on vl.county_code = vk.county_code and vl.voucher_id = vk.id
        where vl.county_code = ${county}),
      codes as (select distinct county_code, ledger_id, account_code as code from l
        union select county_code, ledger_id, code from ${codeKeys}),
      p as (select * from ${periodKeys})
    select
      (select json_agg(json_build_object('voucherId', voucher_id, 'lineNo', line_no, 'ledgerId', ledger_id,
        'account', account_code, 'summary', summary, 'debit', debit::text, 'credit', credit::text,
        'counterparty', counterparty, 'reference', reference)) from l) as lines,
      (select json_agg(json_build_object('ledgerId', a.ledger_id, 'code', a.code, 'name', a.name,
        'isLeaf', a.is_leaf, 'disabled', a.disabled_at is not null))
        from ledger.accounts a join codes c
          on a.county_code = c.county_code and a.ledger_id = c.ledger_id and a.code = c.code
        where a.county_code = ${county}) as accounts,
      (select json_agg(json_build_object('ledgerId', ledger_id, 'account', account_code, 'net', net::text))
        from (select b.ledger_id, b.account_code, sum(b.debit - b.credit) as net
          from ledger.balances b join codes c
            on b.county_code = c.county_code and b.ledger_id = c.ledger_id and b.account_code = c.code
          where b.county_code = ${county} and (c.code like '101%' or c.code like '102%')
          group by b.ledger_id, b.account_code) cash) as nets,
      (select json_agg(json_build_object('ledgerId', d.ledger_id, 'account', d.account_code, 'date', d.date,
          'net', d.net::text) order by d.ledger_id, d.account_code, d.date)
        from (select cl.ledger_id, cl.account_code, cv.date::text as date, sum(cl.debit - cl.credit) as net
          from ledger.vouchers cv
          join ledger.voucher_lines cl on cl.county_code = ${county} and cl.voucher_id = cv.id
          join codes c on cl.county_code = c.county_code and cl.ledger_id = c.ledger_id and cl.account_code = c.code
          where cv.county_code = ${county} and cv.ledger_id in (select ledger_id from codes)
            and cv.status = 'posted' and cv.period >= left(${cashFrom}, 7) and cv.date >= ${cashFrom}::date
            and (c.code like '101%' or c.code like '102%')
            and (not exists (select from l) or exists (select from l
              where l.account_code like '101%' or l.account_code like '102%'
              group by l.voucher_id, l.account_code having sum(l.debit - l.credit) < 0))
          group by cl.ledger_id, cl.account_code, cv.date) d) as cash_days,
      (select json_agg(json_build_object('ledgerId', vc.ledger_id, 'period', vc.period, 'last', vc.last_number))
        from ledger.voucher_counters vc join p
          on vc.county_code = p.county_code and vc.ledger_id = p.ledger_id and vc.period = p.period
        where vc.county_code = ${county}) as counters,
      (select json_agg(json_build_object('ledgerId', cp.ledger_id, 'period', cp.period))
        from ledger.closed_periods cp join p
          on cp.county_code = p.county_code and cp.ledger_id = p.ledger_id and cp.period = p.period
        where cp.county_code = ${county}) as closed,
      (select json_agg(distinct jsonb_build_object('ledgerId', yv.ledger_id, 'year', left(yv.period, 4)))
        from ledger.vouchers yv join p
          on yv.county_code = p.county_code and yv.ledger_id = p.ledger_id
            and yv.period = left(p.period, 4) || '-12'
        where yv.county_code = ${county} and yv.status = 'posted' and yv.kind = 'closing'
          and yv.reversed_by_id is null) as closed_years,
      (select json_agg(sv.source_ref) from ledger.vouchers sv
        where sv.county_code = ${refs.countyCode} and sv.ledger_id = ${refs.ledgerId}
          and sv.source_ref in (select jsonb_array_elements_text(${JSON.stringify(refs.refs)}::jsonb))) as source_refs`,
  )
  const lines = jsonRows<
    { debit: string; credit: string } & Omit<PostingFactRows['lines'][number], 'debit' | 'credit'>
  >(row?.lines)
  return {
    lines: lines.map((l) => ({ ...l, debit: fen(l.debit), credit: fen(l.credit) })),
    accounts: jsonRows(row?.accounts),
    nets: jsonRows<{ ledgerId: string; account: string; net: string }>(row?.nets).map((n) => ({
      ...n,
      net: fen(n.net),
    })),
    counters: jsonRows(row?.counters),
    closed: jsonRows(row?.closed),
    closedYears: jsonRows(row?.closed_years),
    cashDays: jsonRows<{ ledgerId: string; account: string; date: string; net: string }>(row?.cash_days).map(
      (d) => ({ ...d, net: fen(d.net) }),
    ),
    sourceRefs: jsonRows<string>(row?.source_refs),
  }
}

export interface PostingWrite {
  /** Drafts that become posted… */
  posted: readonly {
    countyCode: string
    id: string
    number: number
    hash: string
    chainSeq: number
    postedBy: string
  }[]
  /** …or vouchers written posted at once (an import), with their lines. */
  inserted?: { headers: readonly VoucherRecord[]; lines: readonly LineRecord[] }
  heads: readonly { countyCode: string; ledgerId: string; lastHash: string; postedCount: number }[]
  counters: readonly { countyCode: string; ledgerId: string; period: string; taken: number; last: number }[]
  balances: readonly {
    countyCode: string
    ledgerId: string
    period: string
    account: string
    debit: bigint
    credit: bigint
  }[]
  postedAt: Date
}

/**
 * Writes a posting plan in ONE statement: month counters, the vouchers (updated from draft, or
 * inserted posted), the ledgers' chain heads and the balances. Checks in the same breath that
 * every counter ends where the plan says and every draft was still a draft; anything else means
 * the lock discipline was broken, and the caller's transaction is rolled back by the throw.
 */
export async function writePosting(q: Database, plan: PostingWrite): Promise<void> {
  const counties = new Set(
    [...plan.heads, ...plan.posted, ...(plan.inserted?.headers ?? [])].map(countyOfRow),
  )
  if (counties.size <= 1) return writeCountyPosting(q, [...counties][0] ?? '', plan)
  // A cross-county link: each county's part of the plan by its own statement, on its own shard.
  for (const county of counties) {
    const of = <T>(rows: readonly T[]) => rows.filter((r) => countyOfRow(r as object) === county)
    await writeCountyPosting(q, county, {
      posted: of(plan.posted),
      heads: of(plan.heads),
      counters: of(plan.counters),
      balances: of(plan.balances),
      postedAt: plan.postedAt,
      ...(plan.inserted
        ? { inserted: { headers: of(plan.inserted.headers), lines: of(plan.inserted.lines) } }
        : {}),
    })
  }
}

const countyOfRow = (row: object): string =>
  (row as { countyCode?: string; county_code?: string }).countyCode ??
  (row as { county_code?: string }).county_code ??
  ''

/** `writePosting` for a plan of one county: every target filtered by it. */
async function writeCountyPosting(q: Database, county: string, plan: PostingWrite): Promise<void> {
  const counterRows = plan.counters.map((c) => ({
    county_code: c.countyCode,
    ledger_id: c.ledgerId,
    period: c.period,
    taken: c.taken,
  }))
  const postedRows = plan.posted.map((v) => ({
    county_code: v.countyCode,
    id: v.id,
    number: v.number,
    hash: v.hash,
    chain_seq: v.chainSeq,
    posted_by: v.postedBy,
  }))
  const headRows = plan.heads.map((h) => ({
    county_code: h.countyCode,
    id: h.ledgerId,
    last_hash: h.lastHash,
    posted_count: h.postedCount,
  }))
  const balanceRows = plan.balances.map((b) => ({
    county_code: b.countyCode,
    ledger_id: b.ledgerId,
    period: b.period,
    account_code: b.account,
    debit: b.debit,
    credit: b.credit,
  }))
  const inserted = plan.inserted ?? { headers: [], lines: [] }
  const [row] = await selectRows<{ counters: unknown; updated: number; inserted: number }>(
    q,
    sql`with
      c as (insert into ledger.voucher_counters (county_code, ledger_id, period, last_number)
        select county_code, ledger_id, period, taken
        from ${recordset(counterRows, { county_code: 'text', ledger_id: 'text', period: 'text', taken: 'int' })}
        on conflict (county_code, ledger_id, period)
        do update set last_number = ledger.voucher_counters.last_number + excluded.last_number
        returning ledger_id, period, last_number),
      u as (update ledger.vouchers v set status = 'posted', number = t.number, hash = t.hash,
          chain_seq = t.chain_seq, posted_by = t.posted_by, posted_at = ${plan.postedAt.toISOString()}::timestamptz
        from ${recordset(postedRows, { county_code: 'text', id: 'text', number: 'int', hash: 'text', chain_seq: 'int', posted_by: 'text' })}
        where v.county_code = ${county} and v.county_code = t.county_code and v.id = t.id and v.status = 'draft'
        returning v.id),
      i as (insert into ledger.vouchers (${columnsOf(VOUCHER_SHAPE)})
        select ${columnsOf(VOUCHER_SHAPE, 't')} from ${recordset(inserted.headers, VOUCHER_SHAPE)} returning 1),
      il as (insert into ledger.voucher_lines (${columnsOf(LINE_SHAPE)})
        select ${columnsOf(LINE_SHAPE, 't')} from ${recordset(inserted.lines, LINE_SHAPE)} returning 1),
      h as (update ledger.ledgers g set last_hash = t.last_hash, posted_count = t.posted_count
        from ${recordset(headRows, { county_code: 'text', id: 'text', last_hash: 'text', posted_count: 'int' })}
        where g.county_code = ${county} and g.county_code = t.county_code and g.id = t.id returning 1),
      b as (insert into ledger.balances (county_code, ledger_id, period, account_code, debit, credit)
        select county_code, ledger_id, period, account_code, debit, credit
        from ${recordset(balanceRows, { county_code: 'text', ledger_id: 'text', period: 'text', account_code: 'text', debit: 'bigint', credit: 'bigint' })}
        on conflict (county_code, ledger_id, period, account_code)
        do update set debit = ledger.balances.debit + excluded.debit, credit = ledger.balances.credit + excluded.credit
        returning 1)
    select (select json_agg(json_build_object('ledgerId', ledger_id, 'period', period, 'last', last_number)) from c) as counters,
      (select count(*) from u)::int as updated, (select count(*) from i)::int as inserted`,
  )
  const ends = new Map(
    jsonRows<{ ledgerId: string; period: string; last: number }>(row?.counters).map((c) => [
      `${c.ledgerId}|${c.period}`,
      c.last,
    ]),
  )
  const numbered = plan.counters.every((c) => ends.get(`${c.ledgerId}|${c.period}`) === c.last)
  if (
    !numbered ||
    Number(row?.updated) !== plan.posted.length ||
    Number(row?.inserted) !== inserted.headers.length
  ) {
    throw new Error('posting: counters or drafts changed under the ledger lock; nothing was posted')
  }
}
