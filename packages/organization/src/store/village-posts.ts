import { acrossCounties, countyWithin, type Database } from '@liancun/core'
import { and, asc, eq, like, ne, type SQL } from 'drizzle-orm'
import { people, villagePosts } from '../schema.js'
import { activeOn, countyOfCode, overlapping } from './sql.js'

export type VillagePostRow = typeof villagePosts.$inferSelect
export type PostWithPerson = { post: VillagePostRow; person: typeof people.$inferSelect }

/** Posts of one body of a village whose range shares a day with [from, to]. */
export async function postsOfBodyOverlapping(
  q: Database,
  villageCode: string,
  body: string,
  range: { from: string; to: string | null },
): Promise<VillagePostRow[]> {
  return q
    .select()
    .from(villagePosts)
    .where(
      and(
        eq(villagePosts.countyCode, countyOfCode(villageCode)),
        eq(villagePosts.villageCode, villageCode),
        eq(villagePosts.body, body),
        overlapping(villagePosts, range.from, range.to),
      ),
    )
}

export async function insertVillagePost(
  q: Database,
  values: typeof villagePosts.$inferInsert,
): Promise<VillagePostRow> {
  const [row] = await q.insert(villagePosts).values(values).returning()
  return row!
}

const postKey = (villageCode: string, id: string) =>
  and(
    eq(villagePosts.countyCode, countyOfCode(villageCode)),
    eq(villagePosts.id, id),
    eq(villagePosts.villageCode, villageCode),
  ) as SQL

/**
 * A post of the village with its holder, locked `FOR NO KEY UPDATE` (the strength of the update
 * that follows; it also covers the joined person row, but that mode leaves foreign-key checks
 * on people free). Keyed by (county, id) and the village.
 */
export async function lockVillagePost(
  q: Database,
  villageCode: string,
  id: string,
): Promise<PostWithPerson | undefined> {
  const [row] = await withPeople(q, postKey(villageCode, id)).for('no key update')
  return row
}

export async function endVillagePost(
  q: Database,
  villageCode: string,
  id: string,
  to: string,
): Promise<void> {
  await q.update(villagePosts).set({ to }).where(postKey(villageCode, id))
}

/** Posts of the village valid on `asOf`, with their holders, in one statement. */
export function postsOfVillageOn(q: Database, villageCode: string, asOf: string): Promise<PostWithPerson[]> {
  return withPeople(
    q,
    and(
      eq(villagePosts.countyCode, countyOfCode(villageCode)),
      eq(villagePosts.villageCode, villageCode),
      activeOn(villagePosts, asOf),
    ) as SQL,
  )
}

/**
 * 跨村任职 on the village side: posts held by a person of another village; on the county of
 * `within`, or (a wider or no `within`) a deliberate read over counties.
 */
export function crossVillagePostsOn(
  q: Database,
  within: string | undefined,
  asOf: string,
): Promise<PostWithPerson[]> {
  const county = countyWithin(within)
  const read = (d: Database) =>
    withPeople(
      d,
      and(
        within ? like(villagePosts.villageCode, `${within}%`) : undefined,
        county ? eq(villagePosts.countyCode, county) : undefined,
        ne(people.villageCode, villagePosts.villageCode),
        activeOn(villagePosts, asOf),
      ) as SQL,
    )
  return county ? read(q) : acrossCounties(q, 'list.beyond-county', read)
}

function withPeople(q: Database, where: SQL) {
  return q
    .select({ post: villagePosts, person: people })
    .from(villagePosts)
    .innerJoin(
      people,
      and(eq(people.countyCode, villagePosts.countyCode), eq(people.id, villagePosts.personId)),
    )
    .where(where)
    .orderBy(asc(villagePosts.body), asc(villagePosts.title), asc(villagePosts.from))
}
