import { acrossCounties, countyWithin, type Database, selectRows } from '@liancun/core'
import { and, type SQL, sql } from 'drizzle-orm'
import {
  disbursements,
  distributionLines,
  distributionRuns,
  fundSources,
  projects,
  revenues,
} from '../schema.js'
import { inYear, projectsWithin } from './projects.js'
import { fromJson } from './sql.js'

export interface StatsRows {
  pooled: { kind: string; count: number; amount: string }[]
  projects: { category: string; status: string; count: number; budget: string }[]
  disbursed: string
  revenue: string
  distributed: string
  villages: number
}

/**
 * The 001 figures for a division and year in ONE statement (one snapshot): funds pooled by kind,
 * projects by category and status, money paid, revenue, and what reached village collectives.
 * Every table in it is filtered by the county of `within` (one tenant); wider (a city or a
 * province, or no `within`) it is the listed cross-county read `report.beyond-county`.
 */
export async function statsRows(q: Database, query: { within?: string; year?: number }): Promise<StatsRows> {
  const county = countyWithin(query.within)
  /** The county filter of a table (none for a read across counties). */
  const tenant = (table: { countyCode: unknown }) =>
    county === null ? undefined : sql`${table.countyCode} = ${county}`
  const scope = query.within ? projectsWithin(query.within) : undefined
  const sourceScope = and(
    tenant(fundSources),
    query.within ? sql`${fundSources.divisionCode} like ${`${query.within}%`}` : undefined,
    query.year ? sql`${fundSources.fiscalYear} = ${query.year}` : undefined,
  )
  const projectScope = and(scope, inYear(projects.startOn, query.year))
  const joined = (table: { countyCode: unknown; projectId: unknown }) =>
    sql`${projects}.county_code = ${table.countyCode} and ${projects}.id = ${table.projectId}`
  const where = (...parts: (SQL | undefined)[]) => {
    const all = and(...parts)
    return all ? sql`where ${all}` : sql``
  }
  const read = (db: Database) =>
    selectRows<Record<string, unknown>>(
      db,
      sql`select
      coalesce((select json_agg(g order by g.kind) from (
        select ${fundSources.kind} as kind, count(*)::int as count, sum(${fundSources.amount})::text as amount
          from ${fundSources} ${where(sourceScope)} group by ${fundSources.kind}) g), '[]'::json) as pooled,
      coalesce((select json_agg(g) from (
        select ${projects.category} as category, ${projects.status} as status, count(*)::int as count,
               sum(${projects.budget})::text as budget
          from ${projects} ${where(projectScope)} group by ${projects.category}, ${projects.status}) g),
        '[]'::json) as projects,
      (select coalesce(sum(${disbursements.amount}), 0)::text from ${disbursements}
         join ${projects} on ${joined(disbursements)}
         ${where(tenant(disbursements), scope, inYear(disbursements.date, query.year))}) as disbursed,
      (select coalesce(sum(${revenues.amount}), 0)::text from ${revenues}
         join ${projects} on ${joined(revenues)}
         ${where(tenant(revenues), scope, inYear(revenues.receivedOn, query.year))}) as revenue,
      (select json_build_object('total', coalesce(sum(${distributionLines.amount}), 0)::text,
                                'villages', count(distinct ${distributionLines.villageCode}))
         from ${distributionLines}
         join ${distributionRuns} on ${distributionRuns.countyCode} = ${distributionLines.countyCode}
                                 and ${distributionRuns.id} = ${distributionLines.runId}
         join ${projects} on ${joined(distributionRuns)}
         ${where(
           tenant(distributionLines),
           tenant(distributionRuns),
           scope,
           inYear(distributionRuns.date, query.year),
           sql`${distributionLines.villageCode} is not null`,
         )}) as shared`,
    )
  const [row] = county === null ? await acrossCounties(q, 'report.beyond-county', read) : await read(q)
  const shared = fromJson<{ total: string; villages: number }>(row?.shared ?? { total: '0', villages: 0 })
  return {
    pooled: fromJson(row?.pooled ?? []),
    projects: fromJson(row?.projects ?? []),
    disbursed: String(row?.disbursed ?? '0'),
    revenue: String(row?.revenue ?? '0'),
    distributed: shared.total,
    villages: Number(shared.villages),
  }
}
