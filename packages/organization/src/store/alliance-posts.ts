import { acrossCounties, countyWithin, type Database } from '@liancun/core'
import { and, eq, like } from 'drizzle-orm'
import { alliancePosts, alliances, people } from '../schema.js'
import { activeOn, overlapping } from './sql.js'

export type AlliancePostRow = typeof alliancePosts.$inferSelect

export function postsOverlapping(
  q: Database,
  countyCode: string,
  allianceId: string,
  range: { from: string; to: string | null },
): Promise<AlliancePostRow[]> {
  return q
    .select()
    .from(alliancePosts)
    .where(
      and(
        eq(alliancePosts.countyCode, countyCode),
        eq(alliancePosts.allianceId, allianceId),
        overlapping(alliancePosts, range.from, range.to),
      ),
    )
}

export async function insertAlliancePost(
  q: Database,
  values: typeof alliancePosts.$inferInsert,
): Promise<AlliancePostRow> {
  const [row] = await q.insert(alliancePosts).values(values).returning()
  return row!
}

/**
 * 跨村任职 on the alliance side: posts filled by a member village's secretary, valid on `asOf`; on
 * the county of `within`, or (a wider or no `within`) a deliberate read over counties.
 */
export function secretaryPostsOn(q: Database, within: string | undefined, asOf: string) {
  const county = countyWithin(within)
  const read = (d: Database) =>
    d
      .select({ post: alliancePosts, person: people })
      .from(alliancePosts)
      .innerJoin(
        alliances,
        and(eq(alliances.countyCode, alliancePosts.countyCode), eq(alliances.id, alliancePosts.allianceId)),
      )
      .innerJoin(
        people,
        and(eq(people.countyCode, alliancePosts.countyCode), eq(people.id, alliancePosts.personId)),
      )
      .where(
        and(
          county ? eq(alliancePosts.countyCode, county) : undefined,
          within ? like(alliances.townshipCode, `${within.slice(0, 9)}%`) : undefined,
          eq(alliancePosts.source, 'member_village_secretary'),
          activeOn(alliancePosts, asOf),
        ),
      )
  return county ? read(q) : acrossCounties(q, 'list.beyond-county', read)
}
