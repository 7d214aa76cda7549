// The embedded default runs PGlite in a worker thread; drizzle must not tell the difference.
import { findPgError, isUniqueViolation, selectRows } from '@liancun/core'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenDatabase, openDatabase } from '../src/database.js'

let opened: OpenDatabase
beforeAll(async () => {
  opened = await openDatabase({})
  await opened.db.execute(
    sql`create table notes (id int primary key, body text not null, at timestamptz not null default now(), day date)`,
  )
})
afterAll(() => opened.close())

describe('PGlite in a worker thread', () => {
  it('answers queries with drizzle’s value types: dates and instants stay text', async () => {
    await opened.db.execute(sql`insert into notes (id, body, day) values (1, '一', '2024-03-01')`)
    const [row] = await selectRows<{ id: number; body: string; day: string; at: string }>(
      opened.db,
      sql`select id, body, day, at from notes where id = 1`,
    )
    expect(row).toMatchObject({ id: 1, body: '一', day: '2024-03-01' })
    expect(typeof row?.at).toBe('string')
  })

  it('commits a transaction, and rolls one back when its work throws', async () => {
    await opened.db.transaction(async (tx) => {
      await tx.execute(sql`insert into notes (id, body) values (2, '二')`)
    })
    await expect(
      opened.db.transaction(async (tx) => {
        await tx.execute(sql`insert into notes (id, body) values (3, '三')`)
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    const ids = await selectRows<{ id: number }>(opened.db, sql`select id from notes order by id`)
    expect(ids.map((r) => r.id)).toEqual([1, 2])
  })

  it('carries PostgreSQL error fields across the thread', async () => {
    const failure = await opened.db
      .execute(sql`insert into notes (id, body) values (1, 'dup')`)
      .catch((e) => e)
    expect(isUniqueViolation(failure)).toBe(true)
    expect(findPgError(failure)?.code).toBe('23505')
  })

  it('runs concurrent transactions one after another, never interleaved', async () => {
    const order: string[] = []
    await Promise.all(
      [10, 20, 30].map((base) =>
        opened.db.transaction(async (tx) => {
          order.push(`begin ${base}`)
          await tx.execute(sql`insert into notes (id, body) values (${base}, 'a')`)
          await tx.execute(sql`insert into notes (id, body) values (${base + 1}, 'b')`)
          order.push(`end ${base}`)
        }),
      ),
    )
    expect(order).toEqual(['begin 10', 'end 10', 'begin 20', 'end 20', 'begin 30', 'end 30'])
  })
})
