import { acrossCounties, countyOfId, type Database, groupByCounty } from '@liancun/core'
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'

/**
 * `(county_code, id) = (…)` when the county is known — given, or carried by the id (`newId(county)`)
 * — so the statement (and any lock it takes) touches one tenant; by id alone for an older id.
 */
export function byTenantId(
  columns: { countyCode: PgColumn; id: PgColumn },
  id: string,
  countyCode: string | null = countyOfId(id),
): SQL {
  return countyCode === null
    ? eq(columns.id, id)
    : (and(eq(columns.countyCode, countyCode), eq(columns.id, id)) as SQL)
}

/**
 * Rows by many ids, each county's ids under its own `(county_code = …)` filter (ids that carry no
 * county by id alone). Ids of one county make a single-shard filter; callers that may get ids of
 * several counties split them with `perCountyOfIds` first.
 */
export function byTenantIds(
  columns: { countyCode: PgColumn; id: PgColumn },
  ids: readonly string[],
  countyCode?: string | null,
): SQL {
  const groups = new Map<string | null, string[]>()
  for (const id of ids) {
    const county = countyCode === undefined ? countyOfId(id) : countyCode
    groups.set(county, [...(groups.get(county) ?? []), id])
  }
  const parts = [...groups].map(([county, group]) =>
    county === null
      ? inArray(columns.id, group)
      : (and(eq(columns.countyCode, county), inArray(columns.id, group)) as SQL),
  )
  return (parts.length === 1 ? parts[0] : or(...parts)) as SQL
}

/** Column name → PostgreSQL type of a JSON record set. */
export type RecordShape = Record<string, 'text' | 'int' | 'bigint' | 'date' | 'timestamptz' | 'bool'>

/**
 * `jsonb_to_recordset($1::jsonb) as alias(col type, …)`: any number of rows as ONE bind parameter,
 * so a multi-row insert or update is one statement whatever its size (no 65,535-parameter limit,
 * no chunking). Bigints travel as strings and are cast by the column type.
 */
export function recordset(rows: readonly Record<string, unknown>[], shape: RecordShape, alias = 't'): SQL {
  const text = JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))
  const columns = Object.entries(shape)
    .map(([name, type]) => `${name} ${type}`)
    .join(', ')
  return sql`jsonb_to_recordset(${text}::jsonb) as ${sql.raw(alias)}(${sql.raw(columns)})`
}

/** The column list of a record shape, for `insert into t (…) select … from recordset`. */
export function columnsOf(shape: RecordShape, prefix?: string): SQL {
  return sql.raw(
    Object.keys(shape)
      .map((name) => (prefix ? `${prefix}.${name}` : name))
      .join(', '),
  )
}

/** A JSON value read back from an aggregate: null (no rows) becomes an empty list. */
export function jsonRows<T>(value: unknown): T[] {
  if (value === null || value === undefined) return []
  return (typeof value === 'string' ? JSON.parse(value) : value) as T[]
}

/** bigint from a JSON number-as-text (or a driver's string/number/bigint). */
export function fen(value: unknown): bigint {
  return typeof value === 'bigint' ? value : BigInt(value as string)
}

/**
 * Runs `run` once per county of `ids` (by `countyOfId`). Ids that carry no county form their own
 * group, read by id alone: the listed cross-county read `lookup.id-without-county`.
 */
export async function perCountyOfIds<T>(
  q: Database,
  ids: readonly string[],
  run: (q: Database, countyCode: string | null, ids: string[]) => Promise<T[]>,
): Promise<T[]> {
  const groups = groupByCounty(ids, (id) => countyOfId(id) ?? '')
  const out: T[] = []
  for (const [county, group] of groups) {
    out.push(
      ...(await (county === ''
        ? acrossCounties(q, 'lookup.id-without-county', (db) => run(db, null, group))
        : run(q, county, group))),
    )
  }
  return out
}
