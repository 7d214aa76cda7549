import type { Database, Fen } from '@liancun/core'
import { selectRows } from '@liancun/core'
import { sql } from 'drizzle-orm'
import { allocations, projects } from '../schema.js'
import { fen } from './sql.js'

/**
 * What an allocation is decided against, in ONE statement issued once the project and source rows
 * are locked (so allocations committed while this one waited are counted): the source's live
 * allocations, its non-industry allocations, and the project's allocations. A source funds only
 * projects of its own county, so all of it is read in that one county (`countyCode`).
 */
export async function allocationTotals(
  q: Database,
  countyCode: string,
  ids: { sourceId: string; projectId: string },
): Promise<{ sourceAllocated: Fen; sourceNonIndustry: Fen; projectAllocated: Fen }> {
  const [row] = await selectRows<{
    source_allocated: string
    source_non_industry: string
    project_allocated: string
  }>(
    q,
    sql`select
      (select coalesce(sum(a.amount), 0)::text from ${allocations} a
        where a.county_code = ${countyCode} and a.fund_source_id = ${ids.sourceId}
          and not exists (select 1 from ${projects} c where c.county_code = ${countyCode}
                            and c.id = a.project_id and c.status = 'cancelled')) as source_allocated,
      (select coalesce(sum(a.amount), 0)::text from ${allocations} a
         join ${projects} p on p.county_code = ${countyCode} and p.id = a.project_id
        where a.county_code = ${countyCode} and a.fund_source_id = ${ids.sourceId}
          and p.category <> 'industry' and p.status <> 'cancelled') as source_non_industry,
      (select coalesce(sum(a.amount), 0)::text from ${allocations} a
        where a.county_code = ${countyCode} and a.project_id = ${ids.projectId}) as project_allocated`,
  )
  return {
    sourceAllocated: fen(row?.source_allocated),
    sourceNonIndustry: fen(row?.source_non_industry),
    projectAllocated: fen(row?.project_allocated),
  }
}

export async function insertAllocation(
  q: Database,
  values: typeof allocations.$inferInsert,
): Promise<typeof allocations.$inferSelect> {
  const [row] = await q.insert(allocations).values(values).returning()
  return row!
}
