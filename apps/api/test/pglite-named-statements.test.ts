// PGlite in its worker prepares parameterised statements by name once the app's migrations are
// applied (embedded/pglite-named-statements.mjs); drizzle must not tell the difference.
import { findPgError, isUniqueViolation, selectRows } from '@liancun/core'
import { asc, eq, gt, sql } from 'drizzle-orm'
import { date, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenDatabase, openDatabase } from '../src/database.js'

const notes = pgTable('notes', {
  id: integer('id').primaryKey(),
  body: text('body').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  day: date('day'),
  extra: jsonb('extra'),
})

let opened: OpenDatabase
beforeAll(async () => {
  opened = await openDatabase({})
  await opened.db.execute(
    sql`create table notes (id int primary key, body text not null, at timestamptz not null default now(), day date, extra jsonb)`,
  )
})
afterAll(() => opened.close())

/** The same reads, as drizzle's builder (row arrays, parsers) and as raw SQL (objects). */
async function reads() {
  const built = await opened.db
    .select({ id: notes.id, body: notes.body, day: notes.day, extra: notes.extra })
    .from(notes)
    .where(gt(notes.id, 0))
    .orderBy(asc(notes.id))
  const raw = await selectRows<{ id: number; n: string }>(
    opened.db,
    sql`select id, (id::bigint * ${'1000000000000'}::bigint)::text as n from notes where id >= ${0} order by id`,
  )
  return { built, raw }
}

const prepared = async () =>
  (
    await selectRows<{ name: string }>(opened.db, sql`select name from pg_prepared_statements order by name`)
  ).map((r) => r.name)

describe('PGlite named statements', () => {
  it('answers as before once statements are prepared, with the same value types', async () => {
    await opened.db.insert(notes).values({ id: 1, body: '一', day: '2024-03-01', extra: { a: [1, '二'] } })
    const before = await reads()
    expect(await prepared()).toEqual([])
    await opened.migrated?.()
    const first = await reads()
    const again = await reads()
    expect(first).toEqual(before)
    expect(again).toEqual(before)
    expect(before.built[0]).toEqual({ id: 1, body: '一', day: '2024-03-01', extra: { a: [1, '二'] } })
    // Each parameterised text once, whatever the number of calls.
    const names = await prepared()
    expect(names.length).toBe(2)
    expect(names.every((n) => n.startsWith('lc_'))).toBe(true)
    // PGlite has no autovacuum: the worker analysed the tables (reltuples is -1 until then).
    const [stats] = await selectRows<{ tuples: number }>(
      opened.db,
      sql`select reltuples::int as tuples from pg_class where relname = ${'notes'}`,
    )
    expect(stats?.tuples).toBe(1)
  })

  it('writes through prepared statements, inside and outside transactions', async () => {
    await opened.db.insert(notes).values({ id: 2, body: '二' })
    await opened.db.transaction(async (tx) => {
      await tx.insert(notes).values({ id: 3, body: '三' })
      await tx.update(notes).set({ body: '叁' }).where(eq(notes.id, 3))
    })
    const rows = await opened.db.select({ id: notes.id, body: notes.body }).from(notes).where(gt(notes.id, 1))
    expect(rows).toEqual([
      { id: 2, body: '二' },
      { id: 3, body: '叁' },
    ])
  })

  it('rolls back a failed transaction, carries the error fields, and keeps working after', async () => {
    const failure = await opened.db
      .transaction(async (tx) => {
        await tx.insert(notes).values({ id: 4, body: '四' })
        await tx.insert(notes).values({ id: 1, body: 'dup' })
      })
      .catch((e) => e)
    expect(isUniqueViolation(failure)).toBe(true)
    expect(findPgError(failure)?.code).toBe('23505')
    const outside = await opened.db
      .insert(notes)
      .values({ id: 2, body: 'dup' })
      .catch((e) => e)
    expect(findPgError(outside)?.code).toBe('23505')
    const ids = await opened.db.select({ id: notes.id }).from(notes).orderBy(asc(notes.id))
    expect(ids.map((r) => r.id)).toEqual([1, 2, 3])
  })

  it('runs concurrent transactions one after another', async () => {
    const order: string[] = []
    await Promise.all(
      [10, 20, 30].map((base) =>
        opened.db.transaction(async (tx) => {
          order.push(`begin ${base}`)
          await tx.insert(notes).values({ id: base, body: 'a' })
          await tx.insert(notes).values({ id: base + 1, body: 'b' })
          order.push(`end ${base}`)
        }),
      ),
    )
    expect(order).toEqual(['begin 10', 'end 10', 'begin 20', 'end 20', 'begin 30', 'end 30'])
    const [count] = await selectRows<{ n: number }>(
      opened.db,
      sql`select count(*)::int as n from notes where id >= ${10}`,
    )
    expect(count?.n).toBe(6)
  })
})
