import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type SQL, sql } from 'drizzle-orm'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { markDistributed } from './cross-county.js'
import { distributeTables } from './distribution.js'

/**
 * Any drizzle PostgreSQL handle: node-postgres or PGlite, the root database or a transaction.
 * Services are written against this, so the app can hand them a transaction to compose domains.
 */
// biome-ignore lint/suspicious/noExplicitAny: the schema generic differs per package; services never rely on it
export type Database = PgDatabase<PgQueryResultHKT, any>

/** Where a package keeps its migrations and the table that records which were applied. */
export interface MigrationSet {
  /** Package name for messages, e.g. `organization`. */
  name: string
  /** Absolute path of the drizzle-kit output folder (with meta/_journal.json). */
  folder: string
  /** Own table per package: drizzle applies only migrations newer than its table's last row. */
  table: string
  /** The PostgreSQL schemas this set's migrations create; on Citus their tables are distributed. */
  schemas: readonly string[]
  /** `schema.table` names that are global, not per county: Citus reference tables. */
  referenceTables?: readonly string[]
}

/** Shared Postgres schema holding every package's migrations table. */
export const MIGRATIONS_SCHEMA = 'drizzle'

/**
 * Applies a package's pending migrations, then (on Citus only) distributes its new tables.
 * Works on node-postgres and PGlite alike.
 */
export async function applyMigrations(db: Database, set: MigrationSet): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder: set.folder })
  // Both drivers' migrators reduce to this call; using it directly keeps packages driver-neutral.
  const internals = db as unknown as {
    dialect: { migrate(m: unknown, session: unknown, config: unknown): Promise<void> }
    session: unknown
  }
  await internals.dialect.migrate(migrations, internals.session, {
    migrationsFolder: set.folder,
    migrationsSchema: MIGRATIONS_SCHEMA,
    migrationsTable: set.table,
  })
  const placed = await distributeTables(db, set.schemas, set.referenceTables)
  if (placed.citus) markDistributed(db)
}

/** Number of migrations in the folder that the database has not recorded as applied. */
export async function pendingMigrationCount(db: Database, set: MigrationSet): Promise<number> {
  const journal = JSON.parse(readFileSync(join(set.folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[]
  }
  const [exists] = await selectRows<{ present: boolean }>(
    db,
    sql`select to_regclass(${`${MIGRATIONS_SCHEMA}.${set.table}`}) is not null as present`,
  )
  if (!exists?.present) return journal.entries.length
  const [applied] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${sql.identifier(MIGRATIONS_SCHEMA)}.${sql.identifier(set.table)}`,
  )
  return journal.entries.length - (applied?.n ?? 0)
}

/**
 * True when the error is PostgreSQL's unique_violation (23505), on either driver. A named
 * constraint also matches its Citus shard copy, which carries a `_<shard id>` suffix.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const candidate = findPgError(error)
  if (candidate?.code !== '23505') return false
  if (constraint === undefined || isConstraintNamed(candidate.constraint, constraint)) return true
  // Raised on a Citus worker, the error reaches the coordinator's client without its
  // `constraint` field: only the message names the shard's index ("…_102010").
  if (candidate.constraint !== undefined) return false
  const quoted = /violates unique constraint "([^"]+)"/.exec(candidate.message ?? '')?.[1]
  return isConstraintNamed(quoted, constraint)
}

/** `actual` is `name` itself or a Citus shard's copy of it (`name_102008`). */
export function isConstraintNamed(actual: string | undefined, name: string): boolean {
  if (actual === undefined) return false
  return actual === name || (actual.startsWith(`${name}_`) && /^\d+$/.test(actual.slice(name.length + 1)))
}

/** True when the error is a serialization failure or deadlock that a retry can resolve. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = findPgError(error)?.code
  return code === '40001' || code === '40P01'
}

/** drizzle wraps driver errors; the PostgreSQL fields sit on the error or its cause chain. */
export function findPgError(
  error: unknown,
): { code?: string; constraint?: string; message?: string } | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; constraint?: string; message?: string; cause?: unknown }
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return candidate as { code: string; constraint?: string; message?: string }
    }
    current = candidate.cause
  }
  return undefined
}

/** Runs raw SQL and returns its rows; both drivers answer `execute` with `{ rows }`. */
export async function selectRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}
