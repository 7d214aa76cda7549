import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { collectiveMigrations } from '@liancun/collective'
import {
  applyMigrations,
  cacheStatements,
  type Database,
  type MigrationSet,
  pendingMigrationCount,
  selectRows,
} from '@liancun/core'
import { fundsMigrations } from '@liancun/funds'
import { governanceMigrations } from '@liancun/governance'
import { ledgerMigrations } from '@liancun/ledger'
import { organizationMigrations } from '@liancun/organization'
import { sql } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import pg from 'pg'
import { ThreadedPglite } from './embedded-pglite.js'

export type Engine = 'pglite' | 'postgres'

export interface OpenDatabase {
  db: Database
  engine: Engine
  close(): Promise<void>
  /** Called once the migrations are applied: from then on statements are prepared by name (both engines). */
  migrated?(): void | Promise<void>
}

/** The app's own tables (keys, idempotency, audit). */
export const apiMigrations: MigrationSet = {
  name: 'api',
  folder: fileURLToPath(new URL('../migrations', import.meta.url)),
  table: '__api_migrations',
  schemas: ['api'],
  // Keys are looked up by hash before any county is known, and a key's scope may span counties.
  referenceTables: ['api.api_keys', 'api.settings'],
}

/** Every migration set, in the order they are applied. Domain packages own theirs. */
export const migrationSets: MigrationSet[] = [
  apiMigrations,
  organizationMigrations,
  ledgerMigrations,
  governanceMigrations,
  fundsMigrations,
  collectiveMigrations,
]

/** node-postgres when a URL is given; otherwise PGlite (in a worker thread) in memory or in `dataDir`. */
export async function openDatabase(options: {
  databaseUrl?: string
  dataDir?: string
  /** PGlite on the main thread (benchmarks compare); by default it runs in a worker thread. */
  inProcess?: boolean
  /** Named prepared statements after `migrated()` (default on): node-postgres, and PGlite in its worker. */
  statementCache?: boolean
}): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 })
    const cache = options.statementCache === false ? undefined : cacheStatements(pool)
    // A broken idle connection must not crash the process; the next query reconnects.
    pool.on('error', () => {})
    // …and a client whose server process is terminated (restart, forced drop) must not either:
    // pg emits that as an 'error' event on the client, outside any query.
    pool.on('connect', (client) => client.on('error', () => {}))
    return {
      db: drizzlePg({ client: pool }),
      engine: 'postgres',
      close: () => pool.end(),
      migrated: () => cache?.start(),
    }
  }
  if (options.inProcess) {
    const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite()
    await client.waitReady
    return { db: drizzlePglite({ client }), engine: 'pglite', close: () => client.close() }
  }
  // By default PGlite runs in its own thread, so a long statement never blocks the event loop.
  const client = new ThreadedPglite(options.dataDir)
  await client.waitReady
  return {
    db: drizzlePglite({ client: client as unknown as PGlite }),
    engine: 'pglite',
    close: () => client.close(),
    migrated: () => client.migrated(options.statementCache !== false),
  }
}

export async function migrateAll(db: Database): Promise<void> {
  for (const set of migrationSets) await applyMigrations(db, set)
}

/** Readiness: the database answers and no migration is pending. */
export async function readiness(db: Database): Promise<{ database: boolean; pendingMigrations: number }> {
  await selectRows(db, sql`select 1`)
  let pending = 0
  for (const set of migrationSets) pending += await pendingMigrationCount(db, set)
  return { database: true, pendingMigrations: pending }
}
