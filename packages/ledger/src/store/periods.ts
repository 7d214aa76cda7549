import type { Database } from '@liancun/core'
import { and, asc, eq } from 'drizzle-orm'
import { balanceAssertions, closedPeriods, periodReopenings } from '../schema.js'

/** SQL of months (closed, reopened) and balance assertions, keyed by (county_code, ledger_id). */

type LedgerKey = { countyCode: string; id: string }
const closedOf = (ledger: LedgerKey) =>
  and(eq(closedPeriods.countyCode, ledger.countyCode), eq(closedPeriods.ledgerId, ledger.id))

/** Every closed month of a ledger with its seal (a ledger closes at most twelve a year). */
export function closedRows(q: Database, ledger: LedgerKey) {
  return q.select().from(closedPeriods).where(closedOf(ledger)).orderBy(asc(closedPeriods.period))
}

export async function insertClosed(q: Database, row: typeof closedPeriods.$inferInsert): Promise<void> {
  await q.insert(closedPeriods).values(row)
}

/** Reopens a month: records who, why and the old seal, and removes the closed row. */
export async function reopen(
  q: Database,
  ledger: LedgerKey,
  reopening: typeof periodReopenings.$inferInsert,
): Promise<void> {
  await q.insert(periodReopenings).values(reopening)
  await q.delete(closedPeriods).where(and(closedOf(ledger), eq(closedPeriods.period, reopening.period)))
}

export type AssertionRow = typeof balanceAssertions.$inferSelect

export async function insertAssertion(
  q: Database,
  row: typeof balanceAssertions.$inferInsert,
): Promise<AssertionRow> {
  const [inserted] = await q.insert(balanceAssertions).values(row).returning()
  return inserted!
}

export function assertionRows(q: Database, ledger: LedgerKey, period?: string) {
  return q
    .select()
    .from(balanceAssertions)
    .where(
      and(
        eq(balanceAssertions.countyCode, ledger.countyCode),
        eq(balanceAssertions.ledgerId, ledger.id),
        period ? eq(balanceAssertions.period, period) : undefined,
      ),
    )
    .orderBy(asc(balanceAssertions.date), asc(balanceAssertions.id))
}

/**
 * Takes a closed month's row out for the year-end close to post its closing vouchers into it,
 * returning it; the close writes it back resealed (`insertClosed`) in the same transaction, under
 * the ledger's row lock, so no one else ever sees the month open.
 */
export async function takeClosed(q: Database, ledger: LedgerKey, period: string) {
  const [row] = await q
    .delete(closedPeriods)
    .where(and(closedOf(ledger), eq(closedPeriods.period, period)))
    .returning()
  return row
}
