import { type Database, isUniqueViolation, selectRows } from '@liancun/core'
import { and, eq, sql } from 'drizzle-orm'
import { FundsError } from '../errors.js'
import { projectAuthorisations } from '../schema.js'

/** The projects a decision already authorised in a county, with the budgets counted against it. */
export async function authorisationsOf(
  q: Database,
  countyCode: string,
  decisionRef: string,
): Promise<{ projectId: string; amount: bigint }[]> {
  return q
    .select({ projectId: projectAuthorisations.projectId, amount: projectAuthorisations.amount })
    .from(projectAuthorisations)
    .where(
      and(
        eq(projectAuthorisations.countyCode, countyCode),
        eq(projectAuthorisations.decisionRef, decisionRef),
      ),
    )
    .orderBy(projectAuthorisations.projectId)
}

/**
 * Records which decision authorised a project. The unique (county, decision, slot) index refuses
 * a second project under a matter that lists none, even when two approvals race.
 */
export async function recordAuthorisation(
  q: Database,
  values: typeof projectAuthorisations.$inferInsert,
): Promise<void> {
  try {
    await q.insert(projectAuthorisations).values(values)
  } catch (error) {
    if (isUniqueViolation(error, 'project_authorisations_slot_idx')) {
      throw new FundsError(
        'funds.decision_already_used',
        `decision ${values.decisionRef} lists no projects and already authorised another project`,
        { field: 'decisionRef', context: { decisionRef: values.decisionRef, slot: values.slot } },
      )
    }
    throw error
  }
}

/**
 * Serialises the approvals under one decision (issue 12 item 5): a matter listing several
 * projects caps their sum, but each approval locks only its own project and slot, so two at once
 * would both read the sum without the other. A transaction-scoped advisory lock keyed by
 * (county, decision) makes the second wait until the first commits or rolls back; its read of
 * what the decision authorised then sees the first. It names no table, so on Citus it is taken
 * on the coordinator every request goes through; the key carries the county, so counties never
 * wait on each other (except on a 64-bit hash collision, which only delays).
 */
export async function lockDecision(q: Database, countyCode: string, decisionRef: string): Promise<void> {
  await selectRows(
    q,
    sql`select pg_advisory_xact_lock(hashtextextended(${`funds.decision:${countyCode}:${decisionRef}`}, 0))`,
  )
}
