import type { Database } from '@liancun/core'
import { and, asc, eq, gt, like } from 'drizzle-orm'
import type { PartnerRow } from '../outputs.js'
import { partners } from '../schema.js'
import { byId } from './sql.js'

export async function findPartner(
  q: Database,
  id: string,
  countyCode?: string,
): Promise<PartnerRow | undefined> {
  const [row] = await q
    .select()
    .from(partners)
    .where(byId(partners, id, countyCode))
  return row
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

export function listPartners(
  q: Database,
  query: { within?: string; kind?: string; limit: number; after: string | null },
): Promise<PartnerRow[]> {
  return q
    .select()
    .from(partners)
    .where(
      and(
        // Partners belong to a county; a narrower scope still sees its county's partners.
        query.within ? like(partners.countyCode, `${query.within.slice(0, 6)}%`) : undefined,
        query.kind ? eq(partners.kind, query.kind) : undefined,
        query.after ? gt(partners.id, query.after) : undefined,
      ),
    )
    .orderBy(asc(partners.id))
    .limit(query.limit + 1)
}
