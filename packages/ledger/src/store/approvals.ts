import type { Database } from '@liancun/core'
import { and, asc, eq, inArray } from 'drizzle-orm'
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
