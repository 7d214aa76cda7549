import type { Database, Fen } from '@liancun/core'
import { selectRows } from '@liancun/core'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { allocations, disbursements, tranches } from '../schema.js'
import { byId, fen, fromJson } from './sql.js'

export type TrancheRow = typeof tranches.$inferSelect

/** A tranche as a plan reads it back (money as fen). */
export interface PlannedTranche {
  id: string
  position: number
  label: string
  trigger: string
  percentBp: number | null
  amount: Fen
  retention: boolean
  dueOn: string | null
  /** Money has been paid under it: it stays as it is. */
  paid: boolean
}

/**
 * What a new payment plan is decided against, in ONE statement issued once the project row is
 * locked: the current tranches (in position order, each saying whether it was paid from) and
 * Σ allocated to the project.
 */
export async function planContext(
  q: Database,
  project: { countyCode: string; id: string },
): Promise<{ tranches: PlannedTranche[]; allocated: Fen }> {
  const [row] = await selectRows<{ tranches: unknown; allocated: string }>(
    q,
    sql`select
      coalesce((select json_agg(json_build_object(
                  'id', t.id, 'position', t.position, 'label', t.label, 'trigger', t.trigger,
                  'percentBp', t.percent_bp, 'amount', t.amount::text, 'retention', t.retention,
                  'dueOn', t.due_on,
                  'paid', exists (select 1 from ${disbursements} d
                                   where d.county_code = ${project.countyCode} and d.tranche_id = t.id))
                order by t.position)
          from ${tranches} t where t.county_code = ${project.countyCode} and t.project_id = ${project.id}),
        '[]'::json) as tranches,
      (select coalesce(sum(a.amount), 0)::text from ${allocations} a
        where a.county_code = ${project.countyCode} and a.project_id = ${project.id}) as allocated`,
  )
  const stored = fromJson<(Omit<PlannedTranche, 'amount'> & { amount: string })[]>(row?.tranches ?? [])
  return { tranches: stored.map((t) => ({ ...t, amount: BigInt(t.amount) })), allocated: fen(row?.allocated) }
}

export async function deleteTranches(q: Database, countyCode: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await q.delete(tranches).where(and(eq(tranches.countyCode, countyCode), inArray(tranches.id, [...ids])))
}

export async function insertTranches(
  q: Database,
  values: (typeof tranches.$inferInsert)[],
): Promise<TrancheRow[]> {
  if (values.length === 0) return []
  return q.insert(tranches).values(values).returning()
}

/** One tranche of a project, by `(county_code, id)`. */
export async function findTranche(
  q: Database,
  project: { countyCode: string; id: string },
  trancheId: string,
): Promise<TrancheRow | undefined> {
  const [row] = await q
    .select()
    .from(tranches)
    .where(and(byId(tranches, trancheId, project.countyCode), eq(tranches.projectId, project.id)))
  return row
}

export async function markTrancheMilestone(
  q: Database,
  tranche: { countyCode: string; id: string },
  set: Pick<TrancheRow, 'milestoneMetOn' | 'milestoneEvidence'>,
): Promise<void> {
  await q
    .update(tranches)
    .set(set)
    .where(byId(tranches, tranche.id, tranche.countyCode))
}
