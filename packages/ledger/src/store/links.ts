import type { Database } from '@liancun/core'
import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm'
import { ledgerLinks, ledgers, vouchers } from '../schema.js'
import { byTenantId, byTenantIds } from './sql.js'

/** SQL of 飞地抱团 links: one voucher in each of two ledgers. */

export type LinkRow = typeof ledgerLinks.$inferSelect

export async function insertLink(q: Database, row: typeof ledgerLinks.$inferInsert): Promise<void> {
  await q.insert(ledgerLinks).values(row)
}

/** Links and the state of both their vouchers, in two statements whatever their number. */
export async function linksWithSides(q: Database, where: SQL | undefined) {
  const links = await q.select().from(ledgerLinks).where(where).orderBy(asc(ledgerLinks.id))
  const ids = links.flatMap((l) => [l.fromVoucherId, l.toVoucherId])
  const sides = ids.length
    ? await q
        .select({
          id: vouchers.id,
          status: vouchers.status,
          number: vouchers.number,
          period: vouchers.period,
          reversedById: vouchers.reversedById,
        })
        .from(vouchers)
        .where(byTenantIds(vouchers, ids))
    : []
  return { links, sides }
}

export const linkById = (id: string): SQL => byTenantId(ledgerLinks, id)

/** Links touching a ledger of a village inside `within`. */
export function linksWithin(within: string): SQL {
  const prefix = `${within}%`
  return or(
    sql`exists (select 1 from ${ledgers} l where l.id = ${ledgerLinks.fromLedgerId} and l.village_code like ${prefix})`,
    sql`exists (select 1 from ${ledgers} l where l.id = ${ledgerLinks.toLedgerId} and l.village_code like ${prefix})`,
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
    .where(
      and(
        eq(ledgerLinks.id, voucher.linkId),
        or(eq(ledgerLinks.countyCode, voucher.countyCode), eq(ledgerLinks.toCountyCode, voucher.countyCode)),
      ),
    )
  if (!link) return null
  return link.fromVoucherId === voucher.id
    ? { ledgerId: link.toLedgerId, voucherId: link.toVoucherId, countyCode: link.toCountyCode }
    : { ledgerId: link.fromLedgerId, voucherId: link.fromVoucherId, countyCode: link.countyCode }
}
