import type { Database } from '@liancun/core'
import { and, asc, eq, gt, inArray, type SQL } from 'drizzle-orm'
import { assetDisposals, assetOwners, assets } from '../schema.js'
import type { CollectiveRow } from './registers.js'

export type AssetRow = typeof assets.$inferSelect
export type OwnerRow = typeof assetOwners.$inferSelect
export type DisposalRow = typeof assetDisposals.$inferSelect

export interface AssetRecord {
  row: AssetRow
  owners: OwnerRow[]
  disposal: DisposalRow | null
}

export async function insertAsset(
  q: Database,
  asset: typeof assets.$inferInsert,
  owners: (typeof assetOwners.$inferInsert)[],
): Promise<AssetRecord> {
  const [row] = await q.insert(assets).values(asset).returning()
  const written = owners.length ? await q.insert(assetOwners).values(owners).returning() : []
  return { row: row!, owners: written, disposal: null }
}

/**
 * Asset cards of a collective with their owners and disposals: three statements whatever the
 * number of cards (never one per card).
 */
export async function assetsOf(
  q: Database,
  c: CollectiveRow,
  query: { ids?: readonly string[]; limit?: number; after?: string | null; lock?: boolean } = {},
): Promise<AssetRecord[]> {
  const where = and(
    eq(assets.countyCode, c.countyCode),
    eq(assets.collectiveId, c.id),
    query.ids ? inArray(assets.id, [...query.ids]) : undefined,
    query.after ? gt(assets.id, query.after) : undefined,
  ) as SQL
  const base = q.select().from(assets).where(where).orderBy(asc(assets.id))
  const limited = query.limit === undefined ? base : base.limit(query.limit + 1)
  const rows = query.lock ? await limited.for('update') : await limited
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [owners, disposals] = await Promise.all([
    q
      .select()
      .from(assetOwners)
      .where(and(eq(assetOwners.countyCode, c.countyCode), inArray(assetOwners.assetId, ids)) as SQL)
      .orderBy(asc(assetOwners.holderKind), asc(assetOwners.holderId)),
    q
      .select()
      .from(assetDisposals)
      .where(and(eq(assetDisposals.countyCode, c.countyCode), inArray(assetDisposals.assetId, ids)) as SQL),
  ])
  return rows.map((row) => ({
    row,
    owners: owners.filter((o) => o.assetId === row.id),
    disposal: disposals.find((d) => d.assetId === row.id) ?? null,
  }))
}

export async function insertDisposal(
  q: Database,
  c: CollectiveRow,
  values: typeof assetDisposals.$inferInsert,
) {
  const [row] = await q.insert(assetDisposals).values(values).returning()
  await q
    .update(assets)
    .set({ disposedOn: values.disposedOn })
    .where(
      and(eq(assets.countyCode, c.countyCode), eq(assets.collectiveId, c.id), eq(assets.id, values.assetId)),
    )
  return row!
}
