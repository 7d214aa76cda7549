import { type Database, selectRows } from '@liancun/core'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { voucherApprovals } from '../schema.js'

/** SQL of the 村账乡代管 approval chain: every query keyed by county and voucher. */

export type ApprovalRow = typeof voucherApprovals.$inferSelect

/** The steps taken on vouchers of one county, in the order they were taken. */
export function approvalsOf(q: Database, countyCode: string, voucherIds: readonly string[]) {
  const a = voucherApprovals
  return q
    .select()
    .from(a)
    .where(and(eq(a.countyCode, countyCode), inArray(a.voucherId, [...voucherIds])))
    .orderBy(asc(a.voucherId), asc(a.approvedAt))
}

export async function insertApproval(q: Database, row: ApprovalRow): Promise<void> {
  await q.insert(voucherApprovals).values(row)
}

/**
 * What the county's live vouchers (drafts and posted ones not reversed) already charge to a
 * matter: the major movement each recorded in its matter_rule, in fen. Taken under a
 * transaction-scoped lock on (county, matter), so two drafts naming one matter at once are
 * counted one after the other and cannot both pass its amount.
 */
export async function chargedToMatter(q: Database, countyCode: string, matterId: string): Promise<bigint> {
  await selectRows(
    q,
    sql`select pg_advisory_xact_lock(hashtextextended(${`ledger.matter:${countyCode}:${matterId}`}, 0))`,
  )
  const [row] = await selectRows<{ charged: string | null }>(
    q,
    sql`select sum(((matter_rule::jsonb) -> 'need' ->> 'amount')::bigint)::text as charged
        from ledger.vouchers
        where county_code = ${countyCode} and matter_id = ${matterId}
          and status in ('draft', 'posted') and reversed_by_id is null`,
  )
  return BigInt(row?.charged ?? '0')
}
