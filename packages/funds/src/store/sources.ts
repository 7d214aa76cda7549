import { countyOfId, countyWithin, type Database, type Fen } from '@liancun/core'
import { and, asc, eq, getTableColumns, gt, inArray, like, type SQL, sql } from 'drizzle-orm'
import { allocations, disbursements, fundSources, projects } from '../schema.js'
import { byKey, countyOr, fen, inCountyOrAcross, outer, type RowKey } from './sql.js'

export type SourceRow = typeof fundSources.$inferSelect

/**
 * Σ live allocations and Σ disbursements of the outer source row (of `county`, see `countyOr`),
 * as text (fen), never stored. Allocations of a cancelled project are released (they stay on
 * record, and the source's `available` recovers).
 */
function totalsOf(county: string | null) {
  const sCounty = countyOr(county, outer(fundSources, fundSources.countyCode))
  const sId = outer(fundSources, fundSources.id)
  const allocated = sql<string>`(
  select coalesce(sum(a.amount), 0)::text from ${allocations} a
   where a.county_code = ${sCounty} and a.fund_source_id = ${sId}
     and not exists (select 1 from ${projects} cancelled
       where cancelled.county_code = ${sCounty} and cancelled.id = a.project_id
         and cancelled.status = 'cancelled'))`
  const disbursed = sql<string>`(
  select coalesce(sum(d.amount), 0)::text from ${disbursements} d
   where d.county_code = ${sCounty} and d.fund_source_id = ${sId})`
  return { allocated, disbursed }
}

/** A source row with its running totals, read in one statement. */
export interface SourceWithTotals {
  row: SourceRow
  allocated: Fen
  disbursed: Fen
}

/** The columns of a source with its totals, for sources of `county` (null: each its own). */
export function sourceTotalsColumns(county: string | null) {
  const totals = totalsOf(county)
  return {
    row: getTableColumns(fundSources),
    allocated: totals.allocated.mapWith(fen),
    disbursed: totals.disbursed.mapWith(fen),
  }
}

export async function insertSource(q: Database, values: typeof fundSources.$inferInsert): Promise<SourceRow> {
  const [row] = await q.insert(fundSources).values(values).returning()
  return row!
}

/** A source by `(county_code, id)`; `lock` takes it `FOR UPDATE` (allocations against it queue). */
export async function findSource(
  q: Database,
  key: RowKey,
  options: { lock?: boolean } = {},
): Promise<SourceRow | undefined> {
  const query = q.select().from(fundSources).where(byKey(fundSources, key))
  const [row] = options.lock ? await query.for('update') : await query
  return row
}

export async function sourceWithTotals(q: Database, key: RowKey): Promise<SourceWithTotals | undefined> {
  const [found] = await q
    .select(sourceTotalsColumns(key.countyCode))
    .from(fundSources)
    .where(byKey(fundSources, key))
  return found
}

/**
 * The one county a list of sources stays in: the county `within` names, or the county every
 * holder id carries (an alliance's money sits in its township, in the alliance's county); null
 * when the list is wider, or its holders' ids carry no county.
 */
function countyOfList(query: { within?: string; holderIds?: string[] }): string | null {
  const county = countyWithin(query.within)
  if (county !== null || query.within || !query.holderIds?.length) return county
  const counties = new Set(query.holderIds.map(countyOfId))
  const [only] = counties
  return counties.size === 1 && only ? only : null
}

/**
 * A page of sources with their totals, in one statement: in the county of `within` or of the
 * holders, else across counties (`list.beyond-county`).
 */
export async function listSources(
  q: Database,
  query: { within?: string; holderIds?: string[]; year?: number; limit: number; after: string | null },
): Promise<SourceWithTotals[]> {
  const county = countyOfList(query)
  return inCountyOrAcross(q, county, (db) =>
    db
      .select(sourceTotalsColumns(county))
      .from(fundSources)
      .where(
        and(
          county === null ? undefined : eq(fundSources.countyCode, county),
          query.within ? like(fundSources.divisionCode, `${query.within}%`) : undefined,
          query.holderIds ? inArray(fundSources.holderId, query.holderIds) : undefined,
          query.year ? eq(fundSources.fiscalYear, query.year) : undefined,
          query.after ? gt(fundSources.id, query.after) : undefined,
        ),
      )
      .orderBy(asc(fundSources.id))
      .limit(query.limit + 1),
  )
}

/** Sources of one county by id (to name the sources funding a project). */
export async function sourcesOf(
  q: Database,
  countyCode: string,
  ids: readonly string[],
): Promise<SourceRow[]> {
  if (ids.length === 0) return []
  return q
    .select()
    .from(fundSources)
    .where(and(eq(fundSources.countyCode, countyCode), inArray(fundSources.id, [...ids])) as SQL)
}
