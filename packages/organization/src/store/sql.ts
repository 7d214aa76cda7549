import { acrossCounties, countyOfId, type Database } from '@liancun/core'
import { and, eq, getTableName, gte, isNull, lte, or, type SQL, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

/** A dated table: its validity columns. */
interface Dated {
  from: AnyPgColumn
  to: AnyPgColumn
}

/** Rows valid on `day`: from ≤ day and (to open or day ≤ to). */
export function activeOn(table: Dated, day: string): SQL {
  return and(lte(table.from, day), or(isNull(table.to), gte(table.to, day))) as SQL
}

/** Rows whose range shares a day with [from, to]. */
export function overlapping(table: Dated, from: string, to: string | null): SQL {
  return and(or(isNull(table.to), gte(table.to, from)), to === null ? undefined : lte(table.from, to)) as SQL
}

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

/**
 * A read by an id that does not carry its county (made before ids carried it): by id alone, so on
 * Citus over every county's shard, as the deliberate read `lookup.id-without-county`. Ids that
 * carry their county are read on their tenant.
 */
export function readByOlderId<T>(db: Database, read: (q: Database) => Promise<T>): Promise<T> {
  return acrossCounties(db, 'lookup.id-without-county', read)
}

/** The county a division code belongs to: its first six digits. */
export const countyOfCode = (code: string) => code.slice(0, 6)

/**
 * A column of the outer query, always qualified by its table (`"alliances"."id"`), for correlated
 * subqueries: drizzle leaves columns of a single-table select unqualified, and inside a subquery
 * an unqualified name would bind to the inner table instead.
 */
export function outer(column: AnyPgColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`
}
