import { acrossCounties, countyOfId, countyWithin, type Database, groupByCounty } from '@liancun/core'
import { and, asc, eq, gt, inArray, like } from 'drizzle-orm'
import type { ChartAccount } from '../chart.js'
import { accounts, ledgers } from '../schema.js'
import { byTenantId } from './sql.js'

/** SQL of the `ledgers` table: ledger rows, their locks, their chain heads. */

export type LedgerRow = typeof ledgers.$inferSelect

/**
 * Row locks on a ledger, held to the end of the transaction.
 * - `update` (FOR UPDATE) serialises what changes the ledger as a whole: posting (numbers, hash
 *   chain, cash checks), closing, reopening and closing the year, the chart, opening balances.
 * - `key share` (FOR KEY SHARE) is taken by every write of a draft into a month, before it checks
 *   that the month is open, and by adding a balance assertion (a close checks both). Drafts do
 *   not wait for one another, but they conflict with `update`: a close waits for the drafts in
 *   flight (and then sees them), and a draft started during a close waits for it (and then sees
 *   the month closed). FOR KEY SHARE is the lock the vouchers → ledgers foreign key takes at the
 *   insert anyway, so this adds no lock mode. It relies on READ COMMITTED: what a part checks
 *   after the lock is read by a LATER statement, which sees what the other side committed (a
 *   subquery of the locking statement itself would still see the snapshot before the wait).
 */
export type LedgerLock = 'none' | 'key share' | 'update'

/**
 * The county of a ledger: carried by its id, or — for an id made before ids carried their county
 * (UUIDv7) — looked up by id alone, the listed cross-county read `lookup.id-without-county`. Null
 * when no ledger has that id. So every later statement, and every lock, is keyed by the county.
 */
export async function countyOfLedger(q: Database, id: string): Promise<string | null> {
  const carried = countyOfId(id)
  if (carried !== null) return carried
  const [row] = await acrossCounties(q, 'lookup.id-without-county', (db) =>
    db.select({ countyCode: ledgers.countyCode }).from(ledgers).where(eq(ledgers.id, id)).limit(1),
  )
  return row?.countyCode ?? null
}

/** A ledger by id (and its county, when known), optionally locked. */
export async function ledgerRow(
  q: Database,
  id: string,
  lock: LedgerLock = 'none',
  countyCode?: string,
): Promise<LedgerRow | undefined> {
  const county = countyCode ?? (await countyOfLedger(q, id))
  if (county === null) return undefined
  const query = q
    .select()
    .from(ledgers)
    .where(byTenantId(ledgers, id, county))
  const [row] = lock === 'none' ? await query : await query.for(lock)
  return row
}

/** Locks several ledgers FOR UPDATE in id order, the one order every multi-ledger write uses. */
export async function lockLedgers(q: Database, ids: readonly string[]): Promise<LedgerRow[]> {
  const sorted = [...new Set(ids)].sort()
  const out: LedgerRow[] = []
  // One statement per ledger keeps the lock order explicit (two ledgers at most: a link).
  for (const id of sorted) {
    const row = await ledgerRow(q, id, 'update')
    if (row) out.push(row)
  }
  return out
}

export async function insertLedger(
  q: Database,
  row: typeof ledgers.$inferInsert,
  chart: readonly ChartAccount[],
): Promise<LedgerRow> {
  const [inserted] = await q.insert(ledgers).values(row).returning()
  await q.insert(accounts).values(
    chart.map((account) => ({
      countyCode: row.countyCode,
      ledgerId: row.id,
      code: account.code,
      name: account.name,
      class: account.class,
      normalSide: account.normalSide,
      parentCode: null,
    })),
  )
  return inserted!
}

/**
 * A page of ledgers within a division. Inside one county it reads that county alone; wider (no
 * `within`, or a city or province prefix) it is the listed cross-county read `list.beyond-county`.
 */
export function listLedgerRows(q: Database, query: { within?: string; limit: number; after: string | null }) {
  const county = countyWithin(query.within)
  const read = (db: Database) =>
    db
      .select()
      .from(ledgers)
      .where(
        and(
          county === null ? undefined : eq(ledgers.countyCode, county),
          query.within ? like(ledgers.villageCode, `${query.within}%`) : undefined,
          query.after ? gt(ledgers.id, query.after) : undefined,
        ),
      )
      .orderBy(asc(ledgers.id))
      .limit(query.limit + 1)
  return county === null ? acrossCounties(q, 'list.beyond-county', read) : read(q)
}

/** The ledgers of the given villages, one statement per county (a village code begins with its county). */
export async function ledgersOfVillageCodes(q: Database, villageCodes: readonly string[]) {
  const rows: LedgerRow[] = []
  for (const [county, codes] of groupByCounty(villageCodes, (code) => code.slice(0, 6))) {
    rows.push(
      ...(await q
        .select()
        .from(ledgers)
        .where(and(eq(ledgers.countyCode, county), inArray(ledgers.villageCode, codes)))),
    )
  }
  return rows.sort((a, b) => (a.villageCode < b.villageCode ? -1 : a.villageCode > b.villageCode ? 1 : 0))
}

/** Every ledger of villages within a division, with the county filter when the division names one. */
export function ledgersWithin(q: Database, within: string) {
  return q
    .select()
    .from(ledgers)
    .where(and(eq(ledgers.countyCode, within.slice(0, 6)), like(ledgers.villageCode, `${within}%`)))
    .orderBy(asc(ledgers.id))
}
