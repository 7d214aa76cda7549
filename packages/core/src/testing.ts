/**
 * Test databases for service and API suites. The engine is chosen by the environment, so one
 * suite runs twice: on embedded PGlite (default) and, when `LIANCUN_TEST_PG_URL` names an admin
 * connection to a PostgreSQL server, on a fresh real database per call.
 */
import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import pg from 'pg'
import type { Database } from './database.js'
import {
  countPgliteStatements,
  countPoolStatements,
  createStatementCounter,
  type MutableCounter,
  type StatementCounter,
} from './statement-counter.js'

export type TestEngine = 'pglite' | 'postgres'

export interface TestDatabase {
  engine: TestEngine
  db: Database
  /** A connection string to the same database (postgres engine only). */
  url: string | null
  close(): Promise<void>
}

/** The engine the current test run targets. */
export function testEngine(): TestEngine {
  return process.env.LIANCUN_TEST_PG_URL ? 'postgres' : 'pglite'
}

const templates = new Map<string, Promise<PGlite>>()

/**
 * A fresh, migrated database. On PGlite, `migrate` runs once per worker and `key` into a template
 * that each call clones; on PostgreSQL each call creates and later drops its own database.
 */
export async function createTestDatabase(
  key: string,
  migrate: (db: Database) => Promise<void>,
  options: { counter?: StatementCounter } = {},
): Promise<TestDatabase> {
  const adminUrl = process.env.LIANCUN_TEST_PG_URL
  if (adminUrl) return createPostgresDatabase(adminUrl, migrate, options.counter)

  let template = templates.get(key)
  if (!template) {
    template = (async () => {
      const client = new PGlite()
      await migrate(drizzlePglite({ client }))
      return client
    })()
    templates.set(key, template)
  }
  const client = (await (await template).clone()) as PGlite
  if (options.counter) countPgliteStatements(client, options.counter as MutableCounter)
  return {
    engine: 'pglite',
    db: drizzlePglite({ client }),
    url: null,
    close: () => client.close(),
  }
}

/** Creates an empty PostgreSQL database for one test file and returns its URL and a dropper. */
export async function createEmptyPostgresDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `liancun_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl })
      await dropper.connect()
      await dropper.query(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  }
}

/**
 * Dropping a test database `with (force)` can reach a connection that is still closing: the
 * server answers it with FATAL 57P01, which pg emits as an 'error' event that nobody listens to
 * any more, crashing the run after the tests passed. Queries still reject through their promises.
 */
export function ignoreTerminationErrors(pool: pg.Pool): void {
  pool.on('error', () => {})
  pool.on('connect', (client) => client.on('error', () => {}))
}

async function createPostgresDatabase(
  adminUrl: string,
  migrate: (db: Database) => Promise<void>,
  counter?: StatementCounter,
): Promise<TestDatabase> {
  const database = await createEmptyPostgresDatabase(adminUrl)
  const pool = new pg.Pool({ connectionString: database.url, max: 8 })
  ignoreTerminationErrors(pool)
  if (counter) countPoolStatements(pool, counter as MutableCounter)
  const db = drizzlePg({ client: pool })
  await migrate(db)
  return {
    engine: 'postgres',
    db,
    url: database.url,
    async close() {
      await pool.end()
      await database.drop()
    },
  }
}

export { errorCatalogueFindings } from './error-catalogue-check.js'
export { expectDomainError } from './expect-domain-error.js'
export type { StatementCounter } from './statement-counter.js'
export { countPgliteStatements, countPoolStatements, createStatementCounter }
