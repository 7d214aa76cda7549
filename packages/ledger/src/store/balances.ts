import { type Database, type Fen, selectRows } from '@liancun/core'
import { and, eq, inArray, lte, sql } from 'drizzle-orm'
import { accounts, balances, ledgerLinks, voucherLines, vouchers } from '../schema.js'
import { OPENING_PERIOD } from '../types.js'
import { fen, jsonRows, perCountyOfIds } from './sql.js'

/** SQL of the maintained balances (per ledger, month and leaf account; `0000-00` = opening). */

type LedgerKey = { countyCode: string; id: string }
const ofLedger = (ledger: LedgerKey) =>
  and(eq(balances.countyCode, ledger.countyCode), eq(balances.ledgerId, ledger.id))

/** Posted net (debit − credit) of the given accounts over all history. */
export async function netBalances(
  q: Database,
  ledger: LedgerKey,
  codes: readonly string[],
): Promise<Map<string, Fen>> {
  if (codes.length === 0) return new Map()
  const rows = await q
    .select({ code: balances.accountCode, net: sql<string>`sum(${balances.debit} - ${balances.credit})` })
    .from(balances)
    .where(and(ofLedger(ledger), inArray(balances.accountCode, [...codes])))
    .groupBy(balances.accountCode)
  return new Map(rows.map((row) => [row.code, BigInt(row.net)]))
}

/** Replaces the opening balances (period 0000-00) with the given, merged per account. */
export async function replaceOpening(
  q: Database,
  ledger: LedgerKey,
  lines: readonly { account: string; debit: Fen; credit: Fen }[],
): Promise<void> {
  await q.delete(balances).where(and(ofLedger(ledger), eq(balances.period, OPENING_PERIOD)))
  const merged = new Map<string, { debit: Fen; credit: Fen }>()
  for (const line of lines) {
    const entry = merged.get(line.account) ?? { debit: 0n, credit: 0n }
    entry.debit += line.debit
    entry.credit += line.credit
    merged.set(line.account, entry)
  }
  await q.insert(balances).values(
    [...merged].map(([account, amounts]) => ({
      countyCode: ledger.countyCode,
      ledgerId: ledger.id,
      period: OPENING_PERIOD,
      accountCode: account,
      ...amounts,
    })),
  )
}

/**
 * The chart with each account's movement over [from, to] from the balances, in ONE statement:
 * the net before `from` (opening balances included) and the debits and credits inside the range.
 */
export async function chartWithMovements(q: Database, ledger: LedgerKey, from: string, to: string) {
  const rows = await q
    .select({
      account: accounts,
      openingNet: sql<string | null>`m.opening_net`,
      debit: sql<string | null>`m.debit`,
      credit: sql<string | null>`m.credit`,
    })
    .from(accounts)
    .leftJoin(
      sql`(select b.account_code,
          coalesce(sum(b.debit - b.credit) filter (where b.period < ${from}), 0)::text as opening_net,
          coalesce(sum(b.debit) filter (where b.period >= ${from}), 0)::text as debit,
          coalesce(sum(b.credit) filter (where b.period >= ${from}), 0)::text as credit
        from ledger.balances b
        where b.county_code = ${ledger.countyCode} and b.ledger_id = ${ledger.id} and b.period <= ${to}
        group by b.account_code) as m`,
      sql`m.account_code = ${accounts.code}`,
    )
    .where(and(eq(accounts.countyCode, ledger.countyCode), eq(accounts.ledgerId, ledger.id)))
    .orderBy(accounts.code)
  return rows.map((row) => ({
    account: row.account,
    movement:
      row.openingNet === null
        ? null
        : { openingNet: fen(row.openingNet), debit: fen(row.debit), credit: fen(row.credit) },
  }))
}

/** Net (debit − credit) per leaf account from the opening through `period`. */
export async function leafNetsThrough(
  q: Database,
  ledger: LedgerKey,
  period: string,
): Promise<Map<string, Fen>> {
  const rows = await q
    .select({ code: balances.accountCode, net: sql<string>`sum(${balances.debit} - ${balances.credit})` })
    .from(balances)
    .where(and(ofLedger(ledger), lte(balances.period, period)))
    .groupBy(balances.accountCode)
  return new Map(rows.map((row) => [row.code, BigInt(row.net)]))
}

/**
 * The balance of each asserted account (and its sub-accounts) at the end of its date: opening
 * balances plus posted lines dated up to it. One statement for any number of assertions.
 */
export async function netsAsOf(
  q: Database,
  ledger: LedgerKey,
  asked: readonly { code: string; date: string }[],
): Promise<Fen[]> {
  if (asked.length === 0) return []
  const [row] = await selectRows<{ nets: unknown }>(
    q,
    sql`select json_agg(t.net order by t.n) as nets from (select x.n, (
        (select coalesce(sum(b.debit - b.credit), 0) from ledger.balances b
          where b.county_code = ${ledger.countyCode} and b.ledger_id = ${ledger.id}
            and b.period = ${OPENING_PERIOD} and b.account_code like x.code || '%')
        + (select coalesce(sum(l.debit - l.credit), 0) from ledger.voucher_lines l
          join ledger.vouchers v on v.county_code = ${ledger.countyCode} and v.id = l.voucher_id
          where l.county_code = ${ledger.countyCode} and l.ledger_id = ${ledger.id}
            and l.account_code like x.code || '%' and v.status = 'posted' and v.date <= x.date::date)
      )::text as net
      from jsonb_to_recordset(${JSON.stringify(asked.map((a, n) => ({ ...a, n })))}::jsonb) as x(code text, date text, n int)) t`,
  )
  return jsonRows<string>(row?.nets).map(fen)
}

/**
 * 汇总 inputs: closing net per first-level account per ledger at the end of `period`, and the
 * part of it that comes from posted links whose both sides lie inside the set.
 */
export async function aggregateRows(q: Database, ledgerIds: readonly string[], period: string) {
  const rows = await perCountyOfIds(q, ledgerIds, (q, county, ids) =>
    q
      .select({
        ledgerId: balances.ledgerId,
        code: sql<string>`substr(${balances.accountCode}, 1, 3)`,
        net: sql<string>`sum(${balances.debit} - ${balances.credit})`,
      })
      .from(balances)
      .where(
        and(
          county === null ? undefined : eq(balances.countyCode, county),
          inArray(balances.ledgerId, ids),
          lte(balances.period, period),
        ),
      )
      .groupBy(balances.ledgerId, sql`substr(${balances.accountCode}, 1, 3)`),
  )
  const internal = await internalLinkNets(q, ledgerIds, { through: period })
  return { rows: rows.map((r) => ({ ...r, net: BigInt(r.net) })), internal }
}

/**
 * Net (debit − credit) per first-level account of the posted link vouchers whose two sides both
 * lie in `ledgerIds`: what moved between them, to eliminate. `from` limits to months from it.
 * Per county of the ledgers: each county sums its own side of a link, from the link row kept in
 * that county, so a cross-county link is eliminated without a cross-shard join.
 */
export async function internalLinkNets(
  q: Database,
  ledgerIds: readonly string[],
  range: { from?: string; through: string; kind?: 'regular' },
): Promise<Map<string, Fen>> {
  if (ledgerIds.length === 0) return new Map()
  const all = [...ledgerIds]
  const rows = await perCountyOfIds(q, ledgerIds, (q, county, ids) =>
    q
      .select({
        code: sql<string>`substr(${voucherLines.accountCode}, 1, 3)`,
        net: sql<string>`sum(${voucherLines.debit} - ${voucherLines.credit})`,
      })
      .from(voucherLines)
      .innerJoin(
        vouchers,
        and(eq(vouchers.countyCode, voucherLines.countyCode), eq(vouchers.id, voucherLines.voucherId)),
      )
      .innerJoin(
        ledgerLinks,
        and(eq(ledgerLinks.countyCode, vouchers.countyCode), eq(ledgerLinks.id, vouchers.linkId)),
      )
      .where(
        and(
          county === null ? undefined : eq(voucherLines.countyCode, county),
          county === null ? undefined : eq(vouchers.countyCode, county),
          county === null ? undefined : eq(ledgerLinks.countyCode, county),
          inArray(vouchers.ledgerId, ids),
          eq(vouchers.status, 'posted'),
          lte(vouchers.period, range.through),
          range.from ? sql`${vouchers.period} >= ${range.from}` : undefined,
          range.kind ? eq(vouchers.kind, range.kind) : undefined,
          inArray(ledgerLinks.fromLedgerId, all),
          inArray(ledgerLinks.toLedgerId, all),
        ),
      )
      .groupBy(sql`substr(${voucherLines.accountCode}, 1, 3)`),
  )
  const nets = new Map<string, Fen>()
  for (const r of rows) nets.set(r.code, (nets.get(r.code) ?? 0n) + BigInt(r.net))
  return nets
}
