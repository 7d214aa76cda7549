import { acrossCounties, countyOfId, type Database } from '@liancun/core'
import { and, eq, getTableName, type SQL, sql, type Table } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'

/**
 * A row by id, keyed by its tenant: `(county_code, id)` with the county given or carried by the id
 * (`newId(countyCode)`); by id alone only for ids made before ids carried their county.
 */
export function byId(
  table: { countyCode: AnyPgColumn; id: AnyPgColumn },
  id: string,
  countyCode?: string,
): SQL {
  const county = countyCode ?? countyOfId(id)
  return county === null ? eq(table.id, id) : (and(eq(table.countyCode, county), eq(table.id, id)) as SQL)
}

/** A table keyed by its tenant: `(county_code, id)`. */
type KeyedTable = PgTable & { countyCode: AnyPgColumn; id: AnyPgColumn }

/**
 * A read by an id that does not carry its county (made before ids carried it): by id alone, so on
 * Citus over every county's shard, as the deliberate read `lookup.id-without-county`. Ids that
 * carry their county are read on their tenant.
 */
export function readByOlderId<T>(db: Database, read: (q: Database) => Promise<T>): Promise<T> {
  return acrossCounties(db, 'lookup.id-without-county', read)
}

/**
 * A read of one row of `table` by id, in one statement either way: `where` keys it by
 * `(county_code, id)` with the county its id carries, and `county` is that county (bound) for the
 * read's subqueries. An older id is read by id alone, its subqueries on the outer row's county.
 */
export function readById<T>(
  q: Database,
  table: KeyedTable,
  id: string,
  read: (d: Database, where: SQL, county: string | SQL) => Promise<T>,
): Promise<T> {
  const county = countyOfId(id)
  return county === null
    ? readByOlderId(q, (d) => read(d, eq(table.id, id), outer(table, table.countyCode)))
    : read(q, byId(table, id, county), county)
}

/**
 * The county a row's lock is taken on: carried by its id (no statement), or for an older id looked
 * up by id alone — before the transaction that locks it, so the lock waits on one shard only.
 * Undefined: no row.
 */
export async function countyOfRow(q: Database, table: KeyedTable, id: string): Promise<string | undefined> {
  const carried = countyOfId(id)
  if (carried !== null) return carried
  const [row] = await readByOlderId(q, (d) =>
    d.select({ countyCode: table.countyCode }).from(table).where(eq(table.id, id)),
  )
  return row?.countyCode as string | undefined
}

/** The county a division code belongs to: its first six digits. */
export const countyOfCode = (code: string) => code.slice(0, 6)

/**
 * A JSON value read from a correlated `json_agg` subquery: the drivers hand back parsed JSON, but
 * a text cast (or an older driver) gives the string; both come out as the value.
 */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

/**
 * A column of the outer query's table, qualified by the table's name, for correlated subqueries:
 * drizzle leaves select-list columns of a single-table query unqualified, and an unqualified name
 * inside a subquery would bind to the subquery's own table.
 */
export function outer(table: Table, column: AnyPgColumn): SQL {
  return sql`${sql.identifier(getTableName(table))}.${sql.identifier(column.name)}`
}
