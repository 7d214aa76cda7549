import { acrossCounties, countyOfId, countyWithin, type Database } from '@liancun/core'
import { and, asc, eq, gt, like } from 'drizzle-orm'
import type { PartnerRow } from '../outputs.js'
import { partners } from '../schema.js'
import { byId, readByOlderId } from './sql.js'

/** A partner by (county, id): the county given or carried by the id; an older id by id alone. */
export async function findPartner(
  q: Database,
  id: string,
  countyCode?: string,
): Promise<PartnerRow | undefined> {
  const county = countyCode ?? countyOfId(id)
  const [row] =
    county === null
      ? await readByOlderId(q, (d) => d.select().from(partners).where(eq(partners.id, id)))
      : await q
          .select()
          .from(partners)
          .where(byId(partners, id, county))
  return row
}

/** The county of a partner: carried by its id, or looked up for an older id (undefined: none). */
export async function countyOfPartner(q: Database, id: string): Promise<string | undefined> {
  const carried = countyOfId(id)
  if (carried !== null) return carried
  const [row] = await readByOlderId(q, (d) =>
    d.select({ countyCode: partners.countyCode }).from(partners).where(eq(partners.id, id)),
  )
  return row?.countyCode
}

export async function findPartnerIdByUscc(
  q: Database,
  countyCode: string,
  uscc: string,
): Promise<string | undefined> {
  const [row] = await q
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.countyCode, countyCode), eq(partners.uscc, uscc)))
  return row?.id
}

export async function insertPartner(q: Database, values: typeof partners.$inferInsert): Promise<PartnerRow> {
  const [row] = await q.insert(partners).values(values).returning()
  return row!
}

/** A page of partners: on the county of `within`, or (a wider or no `within`) over counties. */
export function listPartners(
  q: Database,
  query: { within?: string; kind?: string; limit: number; after: string | null },
): Promise<PartnerRow[]> {
  // Partners belong to a county; a narrower scope still sees its county's partners.
  const county = countyWithin(query.within)
  const page = (d: Database) =>
    d
      .select()
      .from(partners)
      .where(
        and(
          county ? eq(partners.countyCode, county) : undefined,
          !county && query.within ? like(partners.countyCode, `${query.within}%`) : undefined,
          query.kind ? eq(partners.kind, query.kind) : undefined,
          query.after ? gt(partners.id, query.after) : undefined,
        ),
      )
      .orderBy(asc(partners.id))
      .limit(query.limit + 1)
  return county ? page(q) : acrossCounties(q, 'list.beyond-county', page)
}
