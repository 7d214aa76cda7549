import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { selectRows } from '../src/database.js'
import {
  countPgliteStatements,
  countPoolStatements,
  createEmptyPostgresDatabase,
  createStatementCounter,
  ignoreTerminationErrors,
} from '../src/testing.js'

/** One statement, then a transaction of two: 1 + BEGIN + 2 + COMMIT. */
async function workload(db: ReturnType<typeof drizzlePglite> | ReturnType<typeof drizzlePg>) {
  await selectRows(db, sql`select 1 as one`)
  await db.transaction(async (tx) => {
    await selectRows(tx, sql`select 2 as two`)
    await selectRows(tx, sql`select 3 as three`)
  })
}

describe('statement counter', () => {
  it('counts every statement PGlite receives, BEGIN and COMMIT included', async () => {
    const client = new PGlite()
    const counter = createStatementCounter()
    countPgliteStatements(client, counter)
    // PGlite reads its array types once, on its first query; count from a warm instance.
    await client.query('select 0')
    counter.reset()
    await workload(drizzlePglite({ client }))
    expect(counter.count).toBe(5)
    expect(counter.statements[0]).toContain('select 1')
    counter.reset()
    expect(counter.count).toBe(0)
    await client.close()
  })

  it.skipIf(!process.env.LIANCUN_TEST_PG_URL)('counts the same on PostgreSQL', async () => {
    const database = await createEmptyPostgresDatabase(process.env.LIANCUN_TEST_PG_URL as string)
    const pool = new pg.Pool({ connectionString: database.url, max: 2 })
    ignoreTerminationErrors(pool)
    const counter = createStatementCounter()
    countPoolStatements(pool, counter)
    try {
      await workload(drizzlePg({ client: pool }))
      expect(counter.count).toBe(5)
      expect(counter.statements.map((s) => s.trim().toLowerCase())).toContain('begin')
    } finally {
      await pool.end()
      await database.drop()
    }
  })
})
