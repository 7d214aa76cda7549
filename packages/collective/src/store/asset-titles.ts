import type { Database } from '@liancun/core'
import { and, eq, sql } from 'drizzle-orm'
import { assets } from '../schema.js'
import type { CollectiveRow } from './registers.js'

/** Ids of a collective's cards whose funding lineage names `projectId`: one statement. */
export async function cardIdsOfProject(q: Database, c: CollectiveRow, projectId: string): Promise<string[]> {
  const rows = await q
    .select({ id: assets.id })
    .from(assets)
    .where(
      and(
        eq(assets.countyCode, c.countyCode),
        eq(assets.collectiveId, c.id),
        sql`position(${JSON.stringify(projectId)} in ${assets.projectIds}) > 0`,
      ),
    )
    .orderBy(assets.id)
  return rows.map((r) => r.id)
}
