import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { selectRows } from '../src/database.js'
import { createTestDatabase, testEngine } from '../src/testing.js'

describe('test databases', () => {
  it('gives each caller a fresh migrated database on the engine of this run', async () => {
    const migrate = async (db: Parameters<Parameters<typeof createTestDatabase>[1]>[0]) => {
      await db.execute(
        sql`create table notes (county_code text not null, id int not null, primary key (county_code, id))`,
      )
    }
    const first = await createTestDatabase('core-testing', migrate)
    const second = await createTestDatabase('core-testing', migrate)
    try {
      expect(first.engine).toBe(testEngine())
      expect(first.engine).toBe(process.env.LIANCUN_TEST_PG_URL ? 'postgres' : 'pglite')
      await first.db.execute(sql`insert into notes values ('370322', 1)`)
      expect(await selectRows(first.db, sql`select count(*)::int as n from notes`)).toEqual([{ n: 1 }])
      expect(await selectRows(second.db, sql`select count(*)::int as n from notes`)).toEqual([{ n: 0 }])
    } finally {
      await first.close()
      await second.close()
    }
  })
})
