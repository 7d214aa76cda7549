import { countyOf, type Database } from '@liancun/core'
import { and, eq, sql } from 'drizzle-orm'
import { disclosures } from '../schema.js'

/** SQL of 晒财务 disclosures, keyed by (county_code, village_code, id). */

export type DisclosureRow = typeof disclosures.$inferSelect

export async function insertDisclosure(
  q: Database,
  row: typeof disclosures.$inferInsert,
): Promise<DisclosureRow> {
  const [inserted] = await q.insert(disclosures).values(row).returning()
  return inserted!
}

export function disclosuresOfVillage(q: Database, villageCode: string) {
  return q
    .select()
    .from(disclosures)
    .where(and(eq(disclosures.countyCode, countyOf(villageCode)), eq(disclosures.villageCode, villageCode)))
    .orderBy(sql`${disclosures.period} desc`)
}

export async function disclosureOfVillage(q: Database, villageCode: string, id: string) {
  const [row] = await q
    .select()
    .from(disclosures)
    .where(
      and(
        eq(disclosures.countyCode, countyOf(villageCode)),
        eq(disclosures.villageCode, villageCode),
        eq(disclosures.id, id),
      ),
    )
  return row
}
