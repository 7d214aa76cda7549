import type { Database, Fen } from '@liancun/core'
import { selectRows } from '@liancun/core'
import { and, asc, eq, sql } from 'drizzle-orm'
import { disbursements, projectAssetOwners, projectAssets, projectTitleEntries, tranches } from '../schema.js'
import { fromJson } from './sql.js'

/**
 * What 确权 is checked against, in ONE statement issued once the project row is locked: Σ paid
 * into each ledger for the project, and the payment plan's total (null when none is set).
 */
export async function titleContext(
  q: Database,
  project: { countyCode: string; id: string },
): Promise<{ byLedger: { ledgerId: string; amount: Fen }[]; planned: Fen | null }> {
  const [row] = await selectRows<{ by_ledger: unknown; planned: string | null }>(
    q,
    sql`select
      coalesce((select json_agg(json_build_object('ledgerId', x.ledger_id, 'amount', x.amount::text)
                                order by x.ledger_id)
          from (select d.ledger_id, sum(d.amount) as amount from ${disbursements} d
                 where d.county_code = ${project.countyCode} and d.project_id = ${project.id}
                 group by d.ledger_id) x), '[]'::json) as by_ledger,
      (select sum(t.amount)::text from ${tranches} t
        where t.county_code = ${project.countyCode} and t.project_id = ${project.id}) as planned`,
  )
  const byLedger = fromJson<{ ledgerId: string; amount: string }[]>(row?.by_ledger ?? [])
  return {
    byLedger: byLedger.map((l) => ({ ledgerId: l.ledgerId, amount: BigInt(l.amount) })),
    planned: row?.planned == null ? null : BigInt(row.planned),
  }
}

export async function insertTitles(
  q: Database,
  assets: (typeof projectAssets.$inferInsert)[],
  owners: (typeof projectAssetOwners.$inferInsert)[],
  entries: (typeof projectTitleEntries.$inferInsert)[],
): Promise<void> {
  if (assets.length) await q.insert(projectAssets).values(assets)
  if (owners.length) await q.insert(projectAssetOwners).values(owners)
  if (entries.length) await q.insert(projectTitleEntries).values(entries)
}

/** Links each ledger's draft voucher to its 确权 entry row: one statement. */
export async function attachTitleVouchers(
  q: Database,
  project: { countyCode: string; id: string },
  vouchers: readonly { ledgerId: string; voucherId: string }[],
): Promise<void> {
  if (vouchers.length === 0) return
  const cases = sql.join(
    // A searched CASE: Citus 13 deparses a simple `case col when $1` wrongly for the worker
    // ("operator does not exist: text = boolean").
    vouchers.map((v) => sql`when ${projectTitleEntries.ledgerId} = ${v.ledgerId} then ${v.voucherId}`),
    sql` `,
  )
  await q
    .update(projectTitleEntries)
    .set({
      voucherId: sql`case ${cases} else ${projectTitleEntries.voucherId} end`,
    })
    .where(
      and(
        eq(projectTitleEntries.countyCode, project.countyCode),
        eq(projectTitleEntries.projectId, project.id),
      ),
    )
}

/** A project’s 确权 assets with their owners and per-ledger entries: three statements, no N+1. */
export async function titlesOf(q: Database, project: { countyCode: string; id: string }) {
  const assets = await q
    .select()
    .from(projectAssets)
    .where(and(eq(projectAssets.countyCode, project.countyCode), eq(projectAssets.projectId, project.id)))
    .orderBy(asc(projectAssets.position))
  if (assets.length === 0) return { assets, owners: [], entries: [] }
  const owners = await q
    .select()
    .from(projectAssetOwners)
    .where(
      and(
        eq(projectAssetOwners.countyCode, project.countyCode),
        eq(projectAssetOwners.projectId, project.id),
      ),
    )
    .orderBy(asc(projectAssetOwners.position), asc(projectAssetOwners.owner))
  const entries = await q
    .select()
    .from(projectTitleEntries)
    .where(
      and(
        eq(projectTitleEntries.countyCode, project.countyCode),
        eq(projectTitleEntries.projectId, project.id),
      ),
    )
    .orderBy(asc(projectTitleEntries.ledgerId))
  return { assets, owners, entries }
}

/**
 * Money paid into a ledger after 确权 (先建后补): added to that ledger's `received` when the
 * project's 确权 is recorded — one statement, copying the county from the project's first asset
 * row (so nothing is written for a project without 确权, and Citus pushes it to the one shard).
 * Returns the ledger's new total received, or null when the project has no 确权.
 */
export async function addReceivedAfterTitle(
  q: Database,
  project: { countyCode: string; id: string },
  ledgerId: string,
  amount: Fen,
): Promise<Fen | null> {
  const rows = await selectRows<{ received: string }>(
    q,
    sql`insert into ${projectTitleEntries} as e (county_code, project_id, ledger_id, owned, received)
        select a.county_code, a.project_id, ${ledgerId}, 0, ${amount.toString()}::bigint
          from ${projectAssets} a
         where a.county_code = ${project.countyCode} and a.project_id = ${project.id} and a.position = 1
        on conflict (county_code, project_id, ledger_id)
        do update set received = e.received + excluded.received
        returning e.received::text as received`,
  )
  return rows[0] ? BigInt(rows[0].received) : null
}

/** Projects whose 确权 put an asset on `ledgerId` (owned > 0), in id order: one statement. */
export async function projectsTitledTo(q: Database, countyCode: string, ledgerId: string): Promise<string[]> {
  const rows = await q
    .select({ projectId: projectTitleEntries.projectId })
    .from(projectTitleEntries)
    .where(
      and(
        eq(projectTitleEntries.countyCode, countyCode),
        eq(projectTitleEntries.ledgerId, ledgerId),
        sql`${projectTitleEntries.owned} > 0`,
      ),
    )
    .orderBy(asc(projectTitleEntries.projectId))
  return rows.map((r) => r.projectId)
}
