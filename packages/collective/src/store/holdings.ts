import type { Database } from '@liancun/core'
import { and, asc, eq, gt, isNull, lte, or, type SQL } from 'drizzle-orm'
import { holdings, payoutLines, payouts } from '../schema.js'
import type { CollectiveRow } from './registers.js'

export type HoldingRow = typeof holdings.$inferSelect
export type PayoutRow = typeof payouts.$inferSelect
export type PayoutLineRow = typeof payoutLines.$inferSelect

export function insertHoldings(q: Database, values: (typeof holdings.$inferInsert)[]) {
  return q.insert(holdings).values(values).returning()
}

export async function findHolding(q: Database, c: CollectiveRow, id: string, lock = false) {
  const query = q
    .select()
    .from(holdings)
    .where(and(eq(holdings.countyCode, c.countyCode), eq(holdings.collectiveId, c.id), eq(holdings.id, id)))
  const [row] = lock ? await query.for('update') : await query
  return row
}

/** The holdings valid on `asOf` (the register of that day), or every row of the history. */
export function holdingsOf(
  q: Database,
  c: CollectiveRow,
  filter: { asOf?: string; kindId?: string; holderId?: string } = {},
) {
  const { asOf } = filter
  return q
    .select()
    .from(holdings)
    .where(
      and(
        eq(holdings.countyCode, c.countyCode),
        eq(holdings.collectiveId, c.id),
        asOf ? lte(holdings.validFrom, asOf) : undefined,
        asOf ? (or(isNull(holdings.validTo), gt(holdings.validTo, asOf)) as SQL) : undefined,
        filter.kindId ? eq(holdings.kindId, filter.kindId) : undefined,
        filter.holderId ? eq(holdings.holderId, filter.holderId) : undefined,
      ),
    )
    .orderBy(asc(holdings.holderId), asc(holdings.validFrom), asc(holdings.id))
}

export async function closeHolding(q: Database, c: CollectiveRow, id: string, validTo: string) {
  await q
    .update(holdings)
    .set({ validTo })
    .where(and(eq(holdings.countyCode, c.countyCode), eq(holdings.collectiveId, c.id), eq(holdings.id, id)))
}

export async function insertPayout(
  q: Database,
  payout: typeof payouts.$inferInsert,
  lines: (typeof payoutLines.$inferInsert)[],
) {
  const [row] = await q.insert(payouts).values(payout).returning()
  const written = lines.length ? await q.insert(payoutLines).values(lines).returning() : []
  return { row: row!, lines: written }
}

export async function findPayout(q: Database, c: CollectiveRow, id: string, lock = false) {
  const query = q
    .select()
    .from(payouts)
    .where(and(eq(payouts.countyCode, c.countyCode), eq(payouts.collectiveId, c.id), eq(payouts.id, id)))
  const [row] = lock ? await query.for('update') : await query
  if (!row) return undefined
  const lines = await q
    .select()
    .from(payoutLines)
    .where(and(eq(payoutLines.countyCode, c.countyCode), eq(payoutLines.payoutId, id)))
    .orderBy(asc(payoutLines.householdId))
  return { row, lines }
}

export function listPayouts(q: Database, c: CollectiveRow, page: { limit: number; after: string | null }) {
  return q
    .select()
    .from(payouts)
    .where(
      and(
        eq(payouts.countyCode, c.countyCode),
        eq(payouts.collectiveId, c.id),
        page.after ? gt(payouts.id, page.after) : undefined,
      ),
    )
    .orderBy(asc(payouts.id))
    .limit(page.limit + 1)
}

export async function setPayoutVouchers(
  q: Database,
  c: CollectiveRow,
  id: string,
  values: { payableVoucherIds?: string; paymentVoucherIds?: string },
) {
  await q
    .update(payouts)
    .set(values)
    .where(and(eq(payouts.countyCode, c.countyCode), eq(payouts.collectiveId, c.id), eq(payouts.id, id)))
}
