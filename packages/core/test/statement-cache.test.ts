import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { selectRows } from '../src/database.js'
import { cacheStatements } from '../src/statement-cache.js'
import { createEmptyPostgresDatabase, ignoreTerminationErrors } from '../src/testing.js'

const url = process.env.LIANCUN_TEST_PG_URL

/** Names of the prepared statements of the one connection of a pool of one. */
const preparedNames = async (db: ReturnType<typeof drizzle>) =>
  (await selectRows<{ name: string }>(db, sql`select name from pg_prepared_statements order by name`)).map(
    (r) => r.name,
  )

describe.skipIf(!url)('statement cache (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>
  beforeAll(async () => {
    database = await createEmptyPostgresDatabase(url as string)
  })
  afterAll(() => database?.drop())

  async function withPool(
    max: number,
    work: (db: ReturnType<typeof drizzle>, start: () => void) => Promise<void>,
  ) {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 })
    ignoreTerminationErrors(pool)
    const cache = cacheStatements(pool, { max })
    try {
      await work(drizzle({ client: pool }), () => cache.start())
    } finally {
      await pool.end()
    }
  }

  it('prepares nothing before start, then each parameterised text once, under one name per text', async () => {
    await withPool(10, async (db, start) => {
      await selectRows(db, sql`select ${1}::int as one`)
      expect(await preparedNames(db)).toEqual([])
      start()
      const a = await selectRows<{ n: number }>(db, sql`select ${2}::int as n`)
      const b = await selectRows<{ n: number }>(db, sql`select ${3}::int as n`)
      // Same text, other values: the one statement answers both, with the values of each call.
      expect([a[0]?.n, b[0]?.n]).toEqual([2, 3])
      const names = await preparedNames(db)
      expect(names).toHaveLength(1)
      expect(names[0]).toMatch(/^lc_/)
      // The lookup of pg_prepared_statements has no parameters and stays unnamed; another
      // parameterised text gets a name of its own.
      await selectRows(db, sql`select ${4}::text as other`)
      expect(await preparedNames(db)).toHaveLength(2)
    })
  })

  it('names at most `max` texts per connection; later texts still run, unnamed', async () => {
    await withPool(2, async (db, start) => {
      start()
      for (const column of ['a', 'b', 'c', 'd']) {
        const [row] = await selectRows<Record<string, number>>(
          db,
          sql`select ${7}::int as ${sql.identifier(column)}`,
        )
        expect(row?.[column]).toBe(7)
      }
      expect(await preparedNames(db)).toHaveLength(2)
    })
  })

  it('keeps working in transactions and after a statement fails', async () => {
    await withPool(10, async (db, start) => {
      start()
      await expect(selectRows(db, sql`select ${1}::int / ${0}::int as boom`)).rejects.toThrow()
      const [row] = await selectRows<{ boom: number }>(db, sql`select ${6}::int / ${2}::int as boom`)
      expect(row?.boom).toBe(3)
      const inside = await db.transaction(async (tx) =>
        selectRows<{ n: number }>(tx, sql`select ${5}::int as n`),
      )
      expect(inside[0]?.n).toBe(5)
    })
  })
})
