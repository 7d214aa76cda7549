/**
 * Cross-county reads. On Citus (tenant = county) every request is meant to touch one county's
 * shard; the few reads that are cross-county by purpose are named here, in one place, and run
 * through `acrossCounties`, which on a distributed database lifts the multi-shard guard
 * (`citus.multi_task_query_log_level`) for their transaction only. Everything else that fans
 * out fails loudly in the Citus test pass. On PGlite and plain PostgreSQL the read runs as is.
 */
import { sql } from 'drizzle-orm'
import { type Database, selectRows } from './database.js'

/** Every read that may span counties, and why it must. */
export const CROSS_COUNTY_READS = {
  'list.beyond-county':
    'a list whose scope or `within` filter is wider than one county (a city, province or `*` key)',
  'report.beyond-county': 'books or statistics consolidated over a division wider than one county',
  'ops.whole-database': 'operator and migration tasks over every county (integrity scans, data repairs)',
  'lookup.id-without-county':
    'a row by an id that carries no county (a UUIDv7 made before ids carried their county): found by id alone',
} as const

export type CrossCountyRead = keyof typeof CROSS_COUNTY_READS

const distributed = new WeakSet<object>()

/**
 * A database handle and every transaction opened from it share drizzle's dialect object, so the
 * mark set on the root handle at migration holds inside its transactions too.
 */
const markOf = (db: Database): object => (db as unknown as { dialect?: object }).dialect ?? db

/** Records that `db` is a Citus database (done by `applyMigrations`, which checks once). */
export function markDistributed(db: Database): void {
  distributed.add(markOf(db))
}

/** True when `db` (or the database a transaction `db` runs on) was migrated on Citus in this process. */
export function isDistributed(db: Database): boolean {
  return distributed.has(markOf(db))
}

/**
 * Runs a read that is cross-county by purpose. `read` names the entry in `CROSS_COUNTY_READS`.
 * On Citus it runs in its own transaction with the guard lifted; elsewhere it runs directly.
 */
export async function acrossCounties<T>(
  db: Database,
  read: CrossCountyRead,
  run: (db: Database) => Promise<T>,
): Promise<T> {
  if (!isDistributed(db)) return run(db)
  void CROSS_COUNTY_READS[read]
  // Inside a request's transaction this is a savepoint, after which a local setting would last
  // to the end of the transaction: the previous level is put back before it ends.
  return db.transaction(async (tx) => {
    const [row] = await selectRows<{ previous: string }>(
      tx,
      sql`select current_setting('citus.multi_task_query_log_level') as previous,
            set_config('citus.multi_task_query_log_level', 'off', true)`,
    )
    const result = await run(tx)
    await tx.execute(
      sql`select set_config('citus.multi_task_query_log_level', ${row?.previous ?? 'off'}, true)`,
    )
    return result
  })
}

/**
 * The county a division filter stays inside, or null when it is wider than one county. A
 * village (12 digits), township (9) or county (6) code begins with its county's six digits.
 */
export function countyWithin(prefix: string | null | undefined): string | null {
  return prefix && prefix.length >= 6 && /^\d+$/.test(prefix) ? prefix.slice(0, 6) : null
}

/**
 * Groups keyed items by county (`countyOf`), in first-seen order. A multi-county read or write is
 * issued as one statement per county, so on Citus every statement stays on one shard; almost
 * always there is one county, and so one statement.
 */
export function groupByCounty<T>(items: readonly T[], countyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const county = countyOf(item)
    const group = groups.get(county)
    if (group) group.push(item)
    else groups.set(county, [item])
  }
  return groups
}
