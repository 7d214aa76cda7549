import type { Database } from '@liancun/core'
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
