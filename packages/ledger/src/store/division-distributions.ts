import { type Database, selectRows } from '@liancun/core'
import { sql } from 'drizzle-orm'

/**
 * SQL of the distribution half of a county or township's 收益及收益分配表: the year's regular
 * posted vouchers touching 321 本年收益 or 322 收益分配 in every ledger of villages within the
 * division, as store/reports.ts distributionVouchers reads them for one ledger. With
 * `eliminateLinks`, the vouchers of links whose two ledgers both lie within are left out, as the
 * books leave out their legs. One statement, every table filtered by the county.
 */
export async function divisionDistributionVouchers(
  q: Database,
  within: string,
  year: string,
  eliminateLinks: boolean,
) {
  const county = within.slice(0, 6)
  const prefix = `${within}%`
  const internal = eliminateLinks
    ? sql`and not exists (select 1 from ledger.ledger_links k
        join ledger.ledgers lf on lf.county_code = ${county} and lf.id = k.from_ledger_id and lf.village_code like ${prefix}
        join ledger.ledgers lt on lt.county_code = ${county} and lt.id = k.to_ledger_id and lt.village_code like ${prefix}
        where k.county_code = ${county} and k.id = v.link_id)`
    : sql``
  const rows = await selectRows<{
    net: string
    debited: string[] | null
    credited: string[] | null
    summary: string
  }>(
    q,
    sql`with g as (select id from ledger.ledgers
        where county_code = ${county} and village_code like ${prefix}),
      v as (
        select v.id, v.ledger_id, v.summary from ledger.vouchers v
        join g on g.id = v.ledger_id
        where v.county_code = ${county}
          and v.status = 'posted' and v.kind = 'regular'
          and v.period between ${`${year}-01`} and ${`${year}-12`}
          ${internal}
          and exists (select 1 from ledger.voucher_lines x
            where x.county_code = ${county} and x.voucher_id = v.id
              and (x.account_code like '321%' or x.account_code like '322%'))),
      l as (select vl.voucher_id, v.summary, vl.account_code, vl.debit, vl.credit, a.name
        from ledger.voucher_lines vl
        join v on v.id = vl.voucher_id
        left join ledger.accounts a on a.county_code = ${county} and a.ledger_id = v.ledger_id
          and a.code = vl.account_code
        where vl.county_code = ${county})
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
