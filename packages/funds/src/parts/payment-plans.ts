import { newId } from '@liancun/core'
import { type FundsContext, type GuardOptions, type ProjectRef, runGuard } from '../context.js'
import { FundsError, notFound } from '../errors.js'
import type { MilestoneInput, PaymentPlanInput } from '../inputs.js'
import { FUNDABLE, type ProjectStatus } from '../rules/lifecycle.js'
import { checkMilestone, checkReplan, planAmounts, type Trigger } from '../rules/payment-plan.js'
import { projects } from '../schema.js'
import { findProject } from '../store/projects.js'
import { keyOf, type RowKey } from '../store/sql.js'
import {
  deleteTranches,
  findTranche,
  insertTranches,
  markTrancheMilestone,
  planContext,
} from '../store/tranches.js'
import { projectRef } from './projects.js'

/** 分期拨付: the payment plan of a project and its milestones. */
export function paymentPlanPart({ db, clock }: FundsContext) {
  /** The project locked and authorised (its key read by `keyOf` beforehand); not found otherwise. */
  async function locked(tx: typeof db, key: RowKey, options: GuardOptions<ProjectRef> | undefined) {
    const found = await findProject(tx, key, { lock: true })
    if (!found) throw notFound('project', key.id)
    await runGuard(options?.guard, projectRef(found.row, found.beneficiaryVillageCodes))
    return found.row
  }

  return {
    /** Sets (or, before the first payment, replaces) the payment plan; tranches sum to the allocated total. */
    async setPaymentPlan(projectId: string, input: PaymentPlanInput, options?: GuardOptions<ProjectRef>) {
      const key = await keyOf(db, projects, projectId)
      return db.transaction(async (tx) => {
        const project = await locked(tx, key, options)
        if (!FUNDABLE.includes(project.status as ProjectStatus)) {
          throw new FundsError(
            'funds.project_not_approved',
            `a payment plan follows approval; the project is ${project.status}`,
          )
        }
        // Read once the lock is held: payments made meanwhile keep their tranches.
        const { tranches: current, allocated } = await planContext(tx, project)
        const kept = current.filter((t) => t.paid)
        const items = input.tranches.map((t) => ({
          label: t.label,
          trigger: t.trigger,
          percentBp: t.percent,
          amount: t.amount,
          retention: t.retention,
          dueOn: t.dueOn,
        }))
        checkReplan(kept, items, allocated)
        const keptTotal = kept.reduce((sum, t) => sum + t.amount, 0n)
        const amounts = planAmounts(allocated - keptTotal, items)
        await deleteTranches(
          tx,
          project.countyCode,
          current.filter((t) => !t.paid).map((t) => t.id),
        )
        const offset = kept.length ? Math.max(...kept.map((t) => t.position)) + 1 : 0
        const rows = await insertTranches(
          tx,
          items.map((t, index) => ({
            countyCode: project.countyCode,
            id: newId(project.countyCode),
            projectId: project.id,
            position: offset + index,
            label: t.label,
            trigger: t.trigger,
            percentBp: t.percentBp === undefined ? null : Number(t.percentBp),
            amount: amounts[index]!,
            retention: t.retention ?? false,
            dueOn: t.dueOn ?? null,
            createdAt: clock.now(),
          })),
        )
        return [...kept, ...rows]
          .sort((a, b) => a.position - b.position)
          .map((t) => ({
            id: t.id,
            label: t.label,
            trigger: t.trigger as Trigger,
            percentBp: t.percentBp === null ? null : BigInt(t.percentBp),
            amount: t.amount,
            retention: t.retention,
            dueOn: t.dueOn,
          }))
      })
    },

    /** Marks a milestone tranche's milestone as verified (with evidence). */
    async markMilestone(
      projectId: string,
      trancheId: string,
      input: MilestoneInput,
      options?: GuardOptions<ProjectRef>,
    ) {
      const key = await keyOf(db, projects, projectId)
      return db.transaction(async (tx) => {
        const project = await locked(tx, key, options)
        const tranche = await findTranche(tx, project, trancheId)
        if (!tranche) {
          throw new FundsError(
            'funds.tranche_not_found',
            `project ${projectId} has no tranche ${trancheId}`,
            {
              field: 'trancheId',
            },
          )
        }
        checkMilestone(tranche)
        await markTrancheMilestone(tx, tranche, {
          milestoneMetOn: input.metOn,
          milestoneEvidence: input.evidence,
        })
        return { trancheId, metOn: input.metOn, evidence: input.evidence }
      })
    },
  }
}
