import type { Database, Fen } from '@liancun/core'
import { and, asc, eq, getTableColumns, gt, inArray, like, type SQL, sql } from 'drizzle-orm'
import { allocations, disbursements, fundSources, projects } from '../schema.js'
import { byId, countyOfCode, fen, outer } from './sql.js'

export type SourceRow = typeof fundSources.$inferSelect

/**
 * Allocations still committed: those of a cancelled project are released (they stay on record,
 * and the source's `available` recovers).
 */
export const liveAllocation = sql`not exists (select 1 from ${projects} cancelled
  where cancelled.county_code = ${allocations.countyCode} and cancelled.id = ${allocations.projectId}
  and cancelled.status = 'cancelled')`

/** Σ live allocations and Σ disbursements of the outer source row, as text (fen), never stored. */
const allocatedOf = sql<string>`(
  select coalesce(sum(a.amount), 0)::text from ${allocations} a
   where a.county_code = ${outer(fundSources, fundSources.countyCode)}
     and a.fund_source_id = ${outer(fundSources, fundSources.id)}
     and not exists (select 1 from ${projects} cancelled
       where cancelled.county_code = a.county_code and cancelled.id = a.project_id
         and cancelled.status = 'cancelled'))`
const disbursedOf = sql<string>`(
  select coalesce(sum(d.amount), 0)::text from ${disbursements} d
   where d.county_code = ${outer(fundSources, fundSources.countyCode)}
     and d.fund_source_id = ${outer(fundSources, fundSources.id)})`

/** A source row with its running totals, read in one statement. */
export interface SourceWithTotals {
  row: SourceRow
  allocated: Fen
  disbursed: Fen
}

export const sourceTotalsColumns = {
  row: getTableColumns(fundSources),
  allocated: allocatedOf.mapWith(fen),
  disbursed: disbursedOf.mapWith(fen),
}

export async function insertSource(q: Database, values: typeof fundSources.$inferInsert): Promise<SourceRow> {
  const [row] = await q.insert(fundSources).values(values).returning()
  return row!
}

/** A source by `(county_code, id)`; `lock` takes it `FOR UPDATE` (allocations against it queue). */
export async function findSource(
  q: Database,
  id: string,
  options: { lock?: boolean } = {},
): Promise<SourceRow | undefined> {
  const query = q.select().from(fundSources).where(byId(fundSources, id))
  const [row] = options.lock ? await query.for('update') : await query
  return row
}

export async function sourceWithTotals(q: Database, id: string): Promise<SourceWithTotals | undefined> {
  const [found] = await q.select(sourceTotalsColumns).from(fundSources).where(byId(fundSources, id))
  return found
}

/** A page of sources with their totals, in one statement; `within` keeps it on one county. */
export async function listSources(
  q: Database,
  query: { within?: string; holderIds?: string[]; year?: number; limit: number; after: string | null },
): Promise<SourceWithTotals[]> {
  return q
    .select(sourceTotalsColumns)
    .from(fundSources)
    .where(
      and(
        query.within && query.within.length >= 6
          ? eq(fundSources.countyCode, countyOfCode(query.within))
          : undefined,
        query.within ? like(fundSources.divisionCode, `${query.within}%`) : undefined,
        query.holderIds ? inArray(fundSources.holderId, query.holderIds) : undefined,
        query.year ? eq(fundSources.fiscalYear, query.year) : undefined,
        query.after ? gt(fundSources.id, query.after) : undefined,
      ),
    )
    .orderBy(asc(fundSources.id))
    .limit(query.limit + 1)
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
