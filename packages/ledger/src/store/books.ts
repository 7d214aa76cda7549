import { type Database, type Fen, selectRows } from '@liancun/core'
import { sql } from 'drizzle-orm'
import { fen, jsonRows } from './sql.js'

/**
 * SQL of county books: the maintained balances of every ledger of villages within a county or
 * township, one statement each, filtered by the county (the tenant) and the division prefix.
 */

export interface Movement {
  openingNet: Fen
  debit: Fen
  credit: Fen
}

/**
 * Per ledger and leaf account, over every ledger within `within`: the net before `from`
 * (opening balances included), and the debits and credits from `from` through `to`; and how many
 * ledgers there are. From the balances, never the lines.
 */
export async function divisionMovements(q: Database, within: string, from: string, to: string) {
  const { ledgers, rows } = await movements(q, within, from, to, 'ledger')
  return { ledgers, rows: rows as ({ ledgerId: string; code: string } & Movement)[] }
}

/**
 * `divisionMovements` summed per first-level account (the three digits) in the database: what a
 * division's trial balance shows, ≈ 20 rows whatever the number of ledgers (a county of 300
 * ledgers sent ≈ 900 per-ledger rows to be summed in JS).
 */
export async function divisionFirstLevelMovements(q: Database, within: string, from: string, to: string) {
  return movements(q, within, from, to, 'first-level')
}

async function movements(
  q: Database,
  within: string,
  from: string,
  to: string,
  per: 'ledger' | 'first-level',
) {
  const county = within.slice(0, 6)
  const m =
    per === 'ledger'
      ? sql`select b.ledger_id, b.account_code,`
      : sql`select '' as ledger_id, left(b.account_code, 3) as account_code,`
  const groupBy = per === 'ledger' ? sql`b.ledger_id, b.account_code` : sql`left(b.account_code, 3)`
  const [row] = await selectRows<{ ledgers: number; rows: unknown }>(
    q,
    sql`with g as (select id from ledger.ledgers
        where county_code = ${county} and village_code like ${`${within}%`}),
      m as (${m}
          coalesce(sum(b.debit - b.credit) filter (where b.period < ${from}), 0)::text as opening_net,
          coalesce(sum(b.debit) filter (where b.period >= ${from}), 0)::text as debit,
          coalesce(sum(b.credit) filter (where b.period >= ${from}), 0)::text as credit
        from ledger.balances b join g on g.id = b.ledger_id
        where b.county_code = ${county} and b.period <= ${to}
        group by ${groupBy})
    select (select count(*) from g)::int as ledgers,
      (select json_agg(json_build_object('ledgerId', ledger_id, 'code', account_code,
        'openingNet', opening_net, 'debit', debit, 'credit', credit)) from m) as rows`,
  )
  const rows = jsonRows<{
    ledgerId: string
    code: string
    openingNet: string
    debit: string
    credit: string
  }>(row?.rows)
  return {
    ledgers: Number(row?.ledgers ?? 0),
    rows: rows.map((r) => ({
      ledgerId: r.ledgerId,
      code: r.code,
      openingNet: fen(r.openingNet),
      debit: fen(r.debit),
      credit: fen(r.credit),
    })),
  }
}

/**
 * Per first-level account, the lines of posted vouchers of the given kind within `within`,
 * split like `divisionMovements`: `links` keeps the legs of 飞地抱团 links whose two ledgers both
 * lie within (money moving inside the division, to eliminate); `closing` keeps the year-end
 * closing vouchers (an income statement leaves them out). Reads lines, but only of those vouchers.
 */
export async function divisionLines(
  q: Database,
  within: string,
  which: 'links' | 'closing',
  from: string,
  to: string,
): Promise<Map<string, Movement>> {
  const county = within.slice(0, 6)
  const prefix = `${within}%`
  const only =
    which === 'closing'
      ? sql`v.kind = 'closing'`
      : // Both sides within one county: a cross-county link is never internal to `within`.
        sql`exists (select 1 from ledger.ledger_links k
          join ledger.ledgers lf on lf.county_code = ${county} and lf.id = k.from_ledger_id and lf.village_code like ${prefix}
          join ledger.ledgers lt on lt.county_code = ${county} and lt.id = k.to_ledger_id and lt.village_code like ${prefix}
          where k.county_code = ${county} and k.id = v.link_id)`
  const rows = await selectRows<{ code: string; opening_net: string; debit: string; credit: string }>(
    q,
    sql`select substr(l.account_code, 1, 3) as code,
        coalesce(sum(l.debit - l.credit) filter (where v.period < ${from}), 0)::text as opening_net,
        coalesce(sum(l.debit) filter (where v.period >= ${from}), 0)::text as debit,
        coalesce(sum(l.credit) filter (where v.period >= ${from}), 0)::text as credit
      from ledger.voucher_lines l
      join ledger.vouchers v on v.county_code = ${county} and v.id = l.voucher_id
      join ledger.ledgers g on g.county_code = ${county} and g.id = v.ledger_id
      where l.county_code = ${county} and g.village_code like ${prefix}
        and v.status = 'posted' and v.period <= ${to} and ${only}
      group by substr(l.account_code, 1, 3)`,
  )
  return new Map(
    rows.map((r) => [r.code, { openingNet: fen(r.opening_net), debit: fen(r.debit), credit: fen(r.credit) }]),
  )
}
