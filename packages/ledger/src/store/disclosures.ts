import { countyOf, type Database, selectRows } from '@liancun/core'
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

/**
 * Every ledger of villages within a county (6 digits) or township (9 digits) that books the
 * months of `period` (its first month on or before the period's last), with whether `period`
 * — or, for a quarter, each of its months — is disclosed. One statement, on the county's shard.
 */
export async function disclosureCoverage(
  q: Database,
  within: string,
  period: string,
  months: readonly string[],
) {
  const county = within.slice(0, 6)
  return selectRows<{
    ledger_id: string
    village_code: string
    collective_name: string
    published: string[] | null
  }>(
    q,
    sql`select g.id as ledger_id, g.village_code, g.collective_name,
        (select array_agg(d.period order by d.period) from ledger.disclosures d
          where d.county_code = ${county} and d.ledger_id = g.id
            and d.period in (select jsonb_array_elements_text(${JSON.stringify([period, ...months])}::jsonb))) as published
      from ledger.ledgers g
      where g.county_code = ${county} and g.village_code like ${`${within}%`}
        and g.first_period <= ${months[months.length - 1] ?? period}
      order by g.village_code`,
  )
}
