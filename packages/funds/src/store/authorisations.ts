import { type Database, isUniqueViolation } from '@liancun/core'
import { and, eq } from 'drizzle-orm'
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
