import type { Database, Fen } from '@liancun/core'
import { acrossCounties, countyOfId, isDistributed } from '@liancun/core'
import { and, eq, getTableName, type SQL, sql, type Table } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

/**
 * A row's key: its id and its county (the tenant), or null where the county is not known (an id
 * made before ids carried their county, on a database that is not distributed: see `keyOf`).
 */
export interface RowKey {
  countyCode: string | null
  id: string
}

/**
 * A county no row has: the key of an older id that no county holds, so the read that follows
 * finds nothing (on one shard) and answers not found as any unknown id does.
 */
const NO_COUNTY = ''

/**
 * The key of a row by its id: the county carried by the id (`newId(countyCode)`). An older id
 * (a UUIDv7) carries none; plain PostgreSQL and PGlite then read by id alone, as before. On Citus
 * a read by id alone touches every shard (and cannot lock), so there the row's county is looked
 * up first, across counties (`lookup.id-without-county`: the only statement this adds, and only
 * for such ids), before the read or lock that follows goes to that county alone.
 */
export async function keyOf(
  db: Database,
  table: Table & { countyCode: AnyPgColumn; id: AnyPgColumn },
  id: string,
): Promise<RowKey> {
  const countyCode = countyOfId(id)
  if (countyCode !== null || !isDistributed(db)) return { countyCode, id }
  const [row] = await acrossCounties(db, 'lookup.id-without-county', (all) =>
    all
      .select({ countyCode: table.countyCode })
      .from(table as Table)
      .where(eq(table.id, id))
      .limit(1),
  )
  return { countyCode: (row?.countyCode as string | undefined) ?? NO_COUNTY, id }
}

/**
 * A row by id, keyed by its tenant: `(county_code, id)` with the county given or carried by the id
 * (`newId(countyCode)`); by id alone only for ids made before ids carried their county.
 */
export function byId(
  table: { countyCode: AnyPgColumn; id: AnyPgColumn },
  id: string,
  countyCode?: string | null,
): SQL {
  const county = countyCode === undefined ? countyOfId(id) : countyCode
  return county === null ? eq(table.id, id) : (and(eq(table.countyCode, county), eq(table.id, id)) as SQL)
}

/** A row by its key (see `byId`). */
export const byKey = (table: { countyCode: AnyPgColumn; id: AnyPgColumn }, key: RowKey): SQL =>
  byId(table, key.id, key.countyCode)

/**
 * The county a subquery over an outer row's children filters on. Citus routes a statement to one
 * shard only when every table in it is filtered by the same constant county: a correlated
 * `x.county_code = outer.county_code` makes it plan for every shard (and refuse a lock). So it is
 * the bound county whenever one is known, and the outer row's column only where none is: a read
 * by an older id on plain PostgreSQL, or a read across counties by purpose (`acrossCounties`).
 */
export function countyOr(county: string | null, outerColumn: SQL): SQL {
  return county === null ? outerColumn : sql`${county}`
}

/**
 * Runs a list read in the county it names, or — none named (no `within`, or a city or province
 * one) — as the listed cross-county read `list.beyond-county`.
 */
export function inCountyOrAcross<T>(
  q: Database,
  county: string | null,
  read: (db: Database) => Promise<T>,
): Promise<T> {
  return county === null ? acrossCounties(q, 'list.beyond-county', read) : read(q)
}

/** The county a division code belongs to: its first six digits. */
export const countyOfCode = (code: string) => code.slice(0, 6)

/**
 * A column of the outer query's table, qualified by the table's name, for correlated subqueries:
 * drizzle leaves select-list columns of a single-table query unqualified, and an unqualified name
 * inside a subquery would bind to the subquery's own table.
 */
export function outer(table: Table, column: AnyPgColumn): SQL {
  return sql`${sql.identifier(getTableName(table))}.${sql.identifier(column.name)}`
}

/**
 * A JSON value read from a correlated `json_agg` subquery: the drivers hand back parsed JSON, but
 * a text cast (or an older driver) gives the string; both come out as the value.
 */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

/** A SQL sum (a numeric string, or null over no rows) as fen. */
export const fen = (value: unknown): Fen => BigInt((value as string | number | bigint | null) ?? 0)
