import { acrossCounties, countyOfId, countyWithin, type Database } from '@liancun/core'
import { and, asc, desc, eq, gt, inArray, like, lte, type SQL, sql } from 'drizzle-orm'
import type { AllianceRow } from '../outputs.js'
import { allianceMembers, alliancePosts, alliances, divisions, partners, people } from '../schema.js'
import { activeOn, byId, countyOfCode, outer, readByOlderId } from './sql.js'

/**
 * The alliance, keyed by `(county_code, id)`: the county given, or carried by the id. A lock needs
 * the county (look an older id's up first, `countyOfAlliance`); an older id is otherwise read by
 * id alone, as the deliberate cross-county read it is on Citus.
 */
export async function findAlliance(
  q: Database,
  id: string,
  options: { lock?: boolean; countyCode?: string } = {},
): Promise<AllianceRow | undefined> {
  const county = options.countyCode ?? countyOfId(id)
  if (county === null) {
    if (options.lock)
      throw new Error(`alliance ${id}: a lock is taken by (county_code, id), its county first`)
    const [row] = await readByOlderId(q, (d) => d.select().from(alliances).where(eq(alliances.id, id)))
    return row
  }
  const query = q
    .select()
    .from(alliances)
    .where(byId(alliances, id, county))
  const [row] = options.lock ? await query.for('update') : await query
  return row
}

/**
 * The county of an alliance: carried by its id, or for an id made before ids carried it, looked
 * up by id alone (one statement over every county).
 */
export async function countyOfAlliance(q: Database, id: string): Promise<string | undefined> {
  const carried = countyOfId(id)
  if (carried !== null) return carried
  const [row] = await readByOlderId(q, (d) =>
    d.select({ countyCode: alliances.countyCode }).from(alliances).where(eq(alliances.id, id)),
  )
  return row?.countyCode
}

export async function insertAlliance(
  q: Database,
  values: typeof alliances.$inferInsert,
): Promise<AllianceRow> {
  const [row] = await q.insert(alliances).values(values).returning()
  return row!
}

/** A member valid on the day read, named from its division or partner row. */
export interface MemberOnDay {
  id: string
  villageCode: string | null
  partnerId: string | null
  role: string
  from: string
  to: string | null
  name: string | null
}

/** A post valid on the day read, with its holder. */
export interface PostOnDay {
  id: string
  title: string
  source: string
  from: string
  to: string | null
  personId: string
  personName: string
  personVillageCode: string
}

/**
 * Villages of the alliance row in the outer query that are members on `asOf` (a correlated count),
 * on the county given — the outer query's own, bound — or, for a read over several counties, on
 * the outer row's county.
 */
export const villageCountOn = (asOf: string, countyCode: string | null) => sql<number>`(
  select count(*)::int from ${allianceMembers} vm
   where vm.county_code = ${countyCode ?? outer(alliances.countyCode)} and vm.alliance_id = ${outer(alliances.id)}
     and vm.village_code is not null
     and vm.valid_from <= ${asOf} and (vm.valid_to is null or vm.valid_to >= ${asOf}))`

/**
 * The alliance with its members and posts valid on `asOf`, in ONE statement (children as JSON
 * arrays of correlated subqueries, each on the same bound county): one round trip, and one
 * snapshot, so the members, the posts and their `crossVillage` flags agree without a transaction.
 */
export async function allianceOn(
  q: Database,
  countyCode: string,
  id: string,
  asOf: string,
): Promise<{ row: AllianceRow; members: MemberOnDay[]; posts: PostOnDay[] } | undefined> {
  const members = sql<MemberOnDay[]>`coalesce((
    select json_agg(json_build_object(
             'id', m.id, 'villageCode', m.village_code, 'partnerId', m.partner_id, 'role', m.role,
             'from', m.valid_from, 'to', m.valid_to, 'name', coalesce(d.name, p.name))
           order by m.valid_from, m.id)
      from ${allianceMembers} m
      left join ${divisions} d on d.county_code = ${countyCode} and d.code = m.village_code
      left join ${partners} p on p.county_code = ${countyCode} and p.id = m.partner_id
     where m.county_code = ${countyCode} and m.alliance_id = ${outer(alliances.id)}
       and m.valid_from <= ${asOf} and (m.valid_to is null or m.valid_to >= ${asOf})), '[]'::json)`
  const posts = sql<PostOnDay[]>`coalesce((
    select json_agg(json_build_object(
             'id', ap.id, 'title', ap.title, 'source', ap.source, 'from', ap.valid_from, 'to', ap.valid_to,
             'personId', pe.id, 'personName', pe.name, 'personVillageCode', pe.village_code)
           order by ap.valid_from, ap.id)
      from ${alliancePosts} ap
      join ${people} pe on pe.county_code = ${countyCode} and pe.id = ap.person_id
     where ap.county_code = ${countyCode} and ap.alliance_id = ${outer(alliances.id)}
       and ap.valid_from <= ${asOf} and (ap.valid_to is null or ap.valid_to >= ${asOf})), '[]'::json)`
  const [found] = await q
    .select({ row: alliances, members, posts })
    .from(alliances)
    .where(and(eq(alliances.countyCode, countyCode), eq(alliances.id, id)))
  return found && { row: found.row, members: parseJson(found.members), posts: parseJson(found.posts) }
}

/** Drivers hand `json` back parsed; a driver configured to leave it as text still works. */
function parseJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value
}

/**
 * A page of alliances, each with its village count on `asOf`, in one statement whatever the page
 * size: on the county of `within`, or (a wider or no `within`) a deliberate read over counties.
 */
export async function listAlliancePage(
  q: Database,
  query: { within?: string; mode?: string; asOf: string; limit: number; after: string | null },
): Promise<{ row: AllianceRow; villageCount: number }[]> {
  const within = query.within
  const county = countyWithin(within)
  const page = (d: Database) =>
    d
      .select({ row: alliances, villageCount: villageCountOn(query.asOf, county) })
      .from(alliances)
      .where(
        and(
          county ? eq(alliances.countyCode, county) : undefined,
          within && within.length < 12 ? like(alliances.townshipCode, `${within}%`) : undefined,
          // A village's view: the alliances it belongs to on the day.
          county && within?.length === 12
            ? inArray(
                alliances.id,
                d
                  .select({ id: allianceMembers.allianceId })
                  .from(allianceMembers)
                  .where(
                    and(
                      eq(allianceMembers.countyCode, county),
                      eq(allianceMembers.villageCode, within),
                      activeOn(allianceMembers, query.asOf),
                    ),
                  ),
              )
            : undefined,
          query.mode ? eq(alliances.mode, query.mode) : undefined,
          lte(alliances.establishedOn, query.asOf),
          query.after ? gt(alliances.id, query.after) : undefined,
        ) as SQL,
      )
      .orderBy(asc(alliances.id))
      .limit(query.limit + 1)
  const rows = county ? await page(q) : await acrossCounties(q, 'list.beyond-county', page)
  return rows.map((r) => ({ row: r.row, villageCount: Number(r.villageCount) }))
}

/** The alliance a village belongs to on `asOf`, its membership and village count, in one statement. */
export async function allianceOfVillageOn(q: Database, villageCode: string, asOf: string) {
  const county = countyOfCode(villageCode)
  const [found] = await q
    .select({ membership: allianceMembers, alliance: alliances, villageCount: villageCountOn(asOf, county) })
    .from(allianceMembers)
    .innerJoin(
      alliances,
      and(eq(alliances.countyCode, allianceMembers.countyCode), eq(alliances.id, allianceMembers.allianceId)),
    )
    .where(
      and(
        eq(allianceMembers.countyCode, county),
        eq(allianceMembers.villageCode, villageCode),
        activeOn(allianceMembers, asOf),
      ),
    )
    // With nesting a village may be in a 村级片区 and a 镇域片区 alliance: the nearer one first.
    .orderBy(desc(alliances.tier), asc(allianceMembers.from))
    .limit(1)
  return found && { ...found, villageCount: Number(found.villageCount) }
}
