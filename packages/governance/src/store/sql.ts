import { countyOfId } from '@liancun/core'
import { and, eq, getTableName, type SQL, sql, type Table } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

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
