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

/**
 * Creates an empty PostgreSQL database for one test file and returns its URL and a dropper. When
 * the admin connection is a Citus coordinator, the database is made on every node with the
 * extension and the workers registered, as Citus does not propagate `create database`.
 */
export async function createEmptyPostgresDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `liancun_test_${randomBytes(6).toString('hex')}`
  const workers = await citusWorkers(adminUrl)
  const nodes = [adminUrl, ...workers.map((worker) => nodeUrl(adminUrl, worker))]
  await Promise.all(nodes.map((node) => runOn(node, [`create database ${name}`])))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  if (workers.length > 0) {
    await Promise.all(
      nodes.map((node) =>
        retried(() => runOn(withDatabase(node, name), ['create extension if not exists citus'])),
      ),
    )
    const coordinator = new URL(adminUrl)
    await runOn(url.toString(), [
      `select citus_set_coordinator_host('${coordinator.hostname}', ${Number(coordinator.port || 5432)})`,
    ])
    // Two suites setting up databases at once can collide on a worker ("tuple concurrently
    // updated", then "failure on connection marked as essential"): each step is idempotent
    // (`if not exists`; adding a node that is there is a no-op), so a failed attempt is repeated.
    for (const worker of workers) {
      await retried(() => runOn(url.toString(), [`select citus_add_node('${worker.host}', ${worker.port})`]))
    }
    // A statement that fans out to several shards fails the test: every request must be
    // single-shard, except the cross-county reads that lift this themselves (core/cross-county).
    await runOn(url.toString(), [`alter database ${name} set citus.multi_task_query_log_level = 'error'`])
  }
  return {
    url: url.toString(),
    async drop() {
      // A Citus maintenance daemon may reconnect to a worker's copy while it is being dropped.
      await Promise.all(
        nodes.map((node) => retried(() => runOn(node, [`drop database if exists ${name} with (force)`]))),
      )
    },
  }
}

interface CitusWorker {
  host: string
  port: number
}

/** The primary workers of the Citus cluster behind `adminUrl`; none on plain PostgreSQL. */
async function citusWorkers(adminUrl: string): Promise<CitusWorker[]> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    const citus = await admin.query(`select 1 from pg_extension where extname = 'citus'`)
    if (citus.rowCount === 0) return []
    const rows = await admin.query<{ host: string; port: number }>(
      `select nodename as host, nodeport as port from pg_dist_node
        where groupid <> 0 and noderole = 'primary' and isactive order by nodeport`,
    )
    return rows.rows
  } finally {
    await admin.end()
  }
}

function nodeUrl(adminUrl: string, worker: CitusWorker): string {
  const url = new URL(adminUrl)
  url.hostname = worker.host
  url.port = String(worker.port)
  return url.toString()
}

function withDatabase(nodeUrlText: string, name: string): string {
  const url = new URL(nodeUrlText)
  url.pathname = `/${name}`
  return url.toString()
}

async function retried(work: () => Promise<void>, attempts = 6): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      if (attempt >= attempts) throw error
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt + Math.random() * 300))
    }
  }
}

async function runOn(connectionString: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    for (const statement of statements) await client.query(statement)
  } finally {
    await client.end()
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
