import { countyWithin, type Database } from '@liancun/core'
import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm'
import { ledgerLinks, ledgers, vouchers } from '../schema.js'
import { byTenantId, byTenantIds, perCountyOfIds } from './sql.js'

/**
 * SQL of 飞地抱团 links: one voucher in each of two ledgers. A link is kept in the county of each
 * side: one row when both ledgers share a county, and for a link between two counties the same
 * row twice, under each side's `county_code` (the from side's is the original, the id carries
 * its county). So each side's books, lists and posting read the link from their own county (on
 * Citus, their own shard) and never join across counties.
 */

export type LinkRow = typeof ledgerLinks.$inferSelect

/** Writes the link in each side's county. */
export async function insertLink(q: Database, row: typeof ledgerLinks.$inferInsert): Promise<void> {
  await q.insert(ledgerLinks).values(row)
  if (row.toCountyCode !== row.countyCode) {
    await q.insert(ledgerLinks).values({ ...row, countyCode: row.toCountyCode })
  }
}

/**
 * Links (deduplicated: a cross-county link read from both counties is one link) and the state of
 * both their vouchers, in two statements per county touched.
 */
export async function linksWithSides(q: Database, where: SQL | undefined) {
  const rows = await q.select().from(ledgerLinks).where(where).orderBy(asc(ledgerLinks.id))
  const links = [...new Map(rows.map((l) => [l.id, l])).values()]
  const ids = links.flatMap((l) => [l.fromVoucherId, l.toVoucherId])
  const sides = await perCountyOfIds(q, ids, (q, county, group) =>
    q
      .select({
        id: vouchers.id,
        status: vouchers.status,
        number: vouchers.number,
        period: vouchers.period,
        reversedById: vouchers.reversedById,
      })
      .from(vouchers)
      .where(byTenantIds(vouchers, group, county)),
  )
  return { links, sides }
}

export const linkById = (id: string): SQL => byTenantId(ledgerLinks, id)

/**
 * Links touching a ledger of a village inside `within`, from the rows kept in the county that
 * `within` lies in; null when `within` is wider than a county (the caller reads across counties).
 */
export function linksWithin(within: string): SQL {
  const prefix = `${within}%`
  const county = countyWithin(within)
  const side = (ledgerId: SQL) =>
    county === null
      ? sql`exists (select 1 from ${ledgers} l where l.county_code = ${ledgerLinks.countyCode} and l.id = ${ledgerId} and l.village_code like ${prefix})`
      : sql`exists (select 1 from ${ledgers} l where l.county_code = ${county} and l.id = ${ledgerId} and l.village_code like ${prefix})`
  return and(
    county === null ? undefined : eq(ledgerLinks.countyCode, county),
    or(side(sql`${ledgerLinks.fromLedgerId}`), side(sql`${ledgerLinks.toLedgerId}`)),
  ) as SQL
}

/** The other side of a voucher's link: its ledger, voucher and county. */
export async function linkPartnerOf(
  q: Database,
  voucher: { id: string; linkId: string | null; countyCode: string },
): Promise<{ ledgerId: string; voucherId: string; countyCode: string } | null> {
  if (!voucher.linkId) return null
  const [link] = await q
    .select()
    .from(ledgerLinks)
    .where(and(eq(ledgerLinks.countyCode, voucher.countyCode), eq(ledgerLinks.id, voucher.linkId)))
  if (!link) return null
  return link.fromVoucherId === voucher.id
    ? { ledgerId: link.toLedgerId, voucherId: link.toVoucherId, countyCode: link.toCountyCode }
    : { ledgerId: link.fromLedgerId, voucherId: link.fromVoucherId, countyCode: link.fromCountyCode }
}
