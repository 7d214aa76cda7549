// On PostgreSQL the API names its parameterised statements once the migrations are applied
// (`OpenDatabase.migrated`), unless LIANCUN_PG_STATEMENT_CACHE is off.
import { selectRows } from '@liancun/core'
import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenDatabase, openDatabase } from '../src/database.js'

const adminUrl = process.env.LIANCUN_TEST_PG_URL

/** Named statements of the connection a transaction holds, after one parameterised query on it. */
async function namedAfterAQuery(opened: OpenDatabase): Promise<number> {
  return opened.db.transaction(async (tx) => {
    await selectRows(tx, sql`select ${1}::int as one`)
    const [row] = await selectRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from pg_prepared_statements where name like 'lc\\_%'`,
    )
    return row?.n ?? -1
  })
}

describe.skipIf(!adminUrl)('statement cache of the API on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>
  beforeAll(async () => {
    database = await createEmptyPostgresDatabase(adminUrl as string)
  })
  afterAll(() => database?.drop())

  it('prepares nothing before the migrations are applied, then names statements', async () => {
    const opened = await openDatabase({ databaseUrl: database.url })
    try {
      expect(await namedAfterAQuery(opened)).toBe(0)
      await opened.migrated?.()
      expect(await namedAfterAQuery(opened)).toBeGreaterThan(0)
    } finally {
      await opened.close()
    }
  })

  it('names nothing with the cache off', async () => {
    const opened = await openDatabase({ databaseUrl: database.url, statementCache: false })
    try {
      await opened.migrated?.()
      expect(await namedAfterAQuery(opened)).toBe(0)
    } finally {
      await opened.close()
    }
  })
})
