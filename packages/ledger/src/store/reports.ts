import { type Database, selectRows } from '@liancun/core'
import { and, asc, eq, gte, like, lte, sql } from 'drizzle-orm'
import { accounts, balances, voucherLines, vouchers } from '../schema.js'

/** SQL of the reports that read posted lines rather than balances (明细账, 收益表, 晒财务). */

type LedgerKey = { countyCode: string; id: string }

const LINE_VOUCHER = and(
  eq(vouchers.countyCode, voucherLines.countyCode),
  eq(vouchers.id, voucherLines.voucherId),
)
const linesOf = (ledger: LedgerKey) =>
  and(
    eq(voucherLines.countyCode, ledger.countyCode),
    eq(voucherLines.ledgerId, ledger.id),
    eq(vouchers.status, 'posted'),
  )

/** Debits and credits per account of a year's regular posted vouchers (closing entries excluded). */
export async function yearMovements(q: Database, ledger: LedgerKey, year: string) {
  const rows = await q
    .select({
      code: voucherLines.accountCode,
      debit: sql<string>`sum(${voucherLines.debit})`,
      credit: sql<string>`sum(${voucherLines.credit})`,
    })
    .from(voucherLines)
    .innerJoin(vouchers, LINE_VOUCHER)
    .where(
      and(
        linesOf(ledger),
        eq(vouchers.kind, 'regular'),
        gte(vouchers.period, `${year}-01`),
        lte(vouchers.period, `${year}-12`),
      ),
    )
    .groupBy(voucherLines.accountCode)
  return new Map(rows.map((r) => [r.code, { debit: BigInt(r.debit), credit: BigInt(r.credit) }]))
}

/** Net before `from` of an account and its sub-accounts (opening balances included). */
export async function netBefore(q: Database, ledger: LedgerKey, code: string, from: string): Promise<bigint> {
  const [row] = await q
    .select({ net: sql<string>`coalesce(sum(${balances.debit} - ${balances.credit}), 0)` })
    .from(balances)
    .where(
      and(
        eq(balances.countyCode, ledger.countyCode),
        eq(balances.ledgerId, ledger.id),
        like(balances.accountCode, `${code}%`),
        sql`${balances.period} < ${from}`,
      ),
    )
  return BigInt(row?.net ?? '0')
}

/** Posted lines of an account and its sub-accounts over [from, to], by date, number and line. */
export function entryRows(q: Database, ledger: LedgerKey, code: string, from: string, to: string) {
  const sortKey = sql<string>`${vouchers.date} || '/' || lpad(${vouchers.number}::text, 6, '0') || '/' || lpad(${voucherLines.lineNo}::text, 4, '0')`
  return q
    .select({ line: voucherLines, voucher: vouchers, key: sortKey })
    .from(voucherLines)
    .innerJoin(vouchers, LINE_VOUCHER)
    .where(
      and(
        linesOf(ledger),
        like(voucherLines.accountCode, `${code}%`),
        gte(vouchers.period, from),
        lte(vouchers.period, to),
      ),
    )
    .orderBy(sortKey)
}

/** Lines of regular posted vouchers over [from, to] with their vouchers and account names. */
export function disclosedLines(q: Database, ledger: LedgerKey, from: string, to: string) {
  return q
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
        linesOf(ledger),
        eq(vouchers.kind, 'regular'),
        gte(vouchers.period, from),
        lte(vouchers.period, to),
      ),
    )
    .orderBy(asc(vouchers.date), asc(vouchers.number), asc(voucherLines.lineNo))
}

/**
 * The year's regular posted vouchers that touch 321 本年收益 or 322 收益分配 (the distribution
 * half of 收益及收益分配表): per voucher, its net (credit − debit) on them, the names of the 322
 * sub-accounts it debits, and the first-level codes it credits elsewhere. One statement.
 */
export async function distributionVouchers(q: Database, ledger: LedgerKey, year: string) {
  const rows = await selectRows<{
    net: string
    debited: string[] | null
    credited: string[] | null
    summary: string
  }>(
    q,
    sql`with v as (
        select v.id, v.summary from ledger.vouchers v
        where v.county_code = ${ledger.countyCode} and v.ledger_id = ${ledger.id}
          and v.status = 'posted' and v.kind = 'regular'
          and v.period between ${`${year}-01`} and ${`${year}-12`}
          and exists (select 1 from ledger.voucher_lines x
            where x.county_code = ${ledger.countyCode} and x.voucher_id = v.id
              and (x.account_code like '321%' or x.account_code like '322%'))),
      l as (select vl.voucher_id, v.summary, vl.account_code, vl.debit, vl.credit, a.name
        from ledger.voucher_lines vl
        join v on v.id = vl.voucher_id
        left join ledger.accounts a on a.county_code = ${ledger.countyCode} and a.ledger_id = ${ledger.id}
          and a.code = vl.account_code
        where vl.county_code = ${ledger.countyCode})
    select
      sum(case when account_code like '321%' or account_code like '322%' then credit - debit else 0 end)::text as net,
      array_agg(distinct name) filter (where account_code like '322%' and debit > 0 and name is not null) as debited,
      array_agg(distinct left(account_code, 3)) filter (where account_code not like '32%' and credit > 0) as credited,
      max(summary) as summary
    from l group by voucher_id order by voucher_id`,
  )
  return rows.map((r) => ({
    net: BigInt(r.net),
    debitedNames: r.debited ?? [],
    creditedCodes: r.credited ?? [],
    summary: r.summary,
  }))
}
