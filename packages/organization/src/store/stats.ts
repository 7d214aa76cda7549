import { acrossCounties, countyWithin, type Database } from '@liancun/core'
import { and, eq, inArray, like, lte, sql } from 'drizzle-orm'
import { VILLAGE_KINDS } from '../rules/divisions.js'
import { allianceMembers, alliances, divisions } from '../schema.js'
import { outer } from './sql.js'

/**
 * Coverage statistics. Without `within`, or with one wider than a county, these are the
 * deliberate cross-county reads (statistics over a city, a province, the nation); with a county
 * or narrower they stay on its tenant.
 */

export function allianceCountsByModeAndLevel(q: Database, within: string | undefined, asOf: string) {
  const county = countyWithin(within)
  const read = (d: Database) =>
    d
      .select({ mode: alliances.mode, level: alliances.level, n: sql<number>`count(*)::int` })
      .from(alliances)
      .where(
        and(
          county ? eq(alliances.countyCode, county) : undefined,
          within ? like(alliances.townshipCode, `${within.slice(0, 9)}%`) : undefined,
          lte(alliances.establishedOn, asOf),
        ),
      )
      .groupBy(alliances.mode, alliances.level)
  return county ? read(q) : acrossCounties(q, 'report.beyond-county', read)
}

export async function villageCoverage(q: Database, within: string | undefined, asOf: string) {
  const county = countyWithin(within)
  const covered = sql`exists (select 1 from ${allianceMembers} m where m.county_code = ${county ?? outer(divisions.countyCode)}
    and m.village_code = ${outer(divisions.code)} and m.valid_from <= ${asOf}
    and (m.valid_to is null or m.valid_to >= ${asOf}))`
  const read = (d: Database) =>
    d
      .select({
        total: sql<number>`count(*)::int`,
        covered: sql<number>`(count(*) filter (where ${covered}))::int`,
        small: sql<number>`(count(*) filter (where ${divisions.population} < 500))::int`,
        smallCovered: sql<number>`(count(*) filter (where ${divisions.population} < 500 and ${covered}))::int`,
      })
      .from(divisions)
      .where(
        and(
          county ? eq(divisions.countyCode, county) : undefined,
          inArray(divisions.kind, [...VILLAGE_KINDS]),
          within ? like(divisions.code, `${within}%`) : undefined,
        ),
      )
  const [row] = county ? await read(q) : await acrossCounties(q, 'report.beyond-county', read)
  return {
    total: Number(row?.total ?? 0),
    covered: Number(row?.covered ?? 0),
    small: Number(row?.small ?? 0),
    smallCovered: Number(row?.smallCovered ?? 0),
  }
}
