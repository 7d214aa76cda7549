import { newId } from '@liancun/core'
import {
  type FundsContext,
  type GuardOptions,
  type ProjectAndSourceGuards,
  type ProjectRef,
  runGuard,
} from '../context.js'
import { FundsError, notFound } from '../errors.js'
import type { DisbursementInput } from '../inputs.js'
import { FUNDABLE, type ProjectStatus } from '../rules/lifecycle.js'
import { checkNotFuture, checkPayment } from '../rules/payment-plan.js'
import { disbursements, fundSources, projects } from '../schema.js'
import {
  disbursementsOf,
  insertDisbursement,
  paymentContext,
  setDisbursementVoucher,
} from '../store/disbursements.js'
import { findProject } from '../store/projects.js'
import { keyOf } from '../store/sql.js'
import { projectRef } from './projects.js'
import { sourceRef } from './sources.js'

/** 拨付: paying tranches from sources into the implementing village's books. */
export function disbursementPart({ db, clock }: FundsContext) {
  return {
    /**
     * 拨付: checks the tranche's trigger and that Σ paid stays within the tranche and within what
     * the source allocated to the project. The project row is locked so concurrent payments queue,
     * and what the limits compare with is read once the lock is held. The app then writes the
     * voucher draft and calls `attachVoucher` in the same transaction. `guard` sees the project,
     * `sourceGuard` the source.
     */
    async disburse(
      projectId: string,
      input: DisbursementInput,
      createdBy: string,
      options?: ProjectAndSourceGuards,
    ) {
      const projectKey = await keyOf(db, projects, projectId)
      const sourceKey = await keyOf(db, fundSources, input.fundSourceId)
      return db.transaction(async (tx) => {
        const found = await findProject(tx, projectKey, { lock: true })
        if (!found) throw notFound('project', projectId)
        const project = found.row
        await runGuard(options?.guard, projectRef(project, found.beneficiaryVillageCodes))
        const context = await paymentContext(tx, project, input, sourceKey)
        const { source, tranche } = context
        if (!source) throw notFound('source', input.fundSourceId)
        await runGuard(options?.sourceGuard, sourceRef(source))
        if (!FUNDABLE.includes(project.status as ProjectStatus)) {
          throw new FundsError('funds.project_not_fundable', `no payment to a ${project.status} project`)
        }
        checkNotFuture(input.date, clock.today(), 'date', 'a payment')
        if (!tranche) {
          throw new FundsError(
            'funds.tranche_not_found',
            `project ${projectId} has no tranche ${input.trancheId}`,
            {
              field: 'trancheId',
            },
          )
        }
        checkPayment(input, {
          sourceName: source.name,
          tranche,
          facts: {
            startedOn: context.startedOn,
            acceptedOn: context.acceptedOn,
            dueOn: tranche.dueOn,
            milestoneMetOn: tranche.milestoneMetOn,
          },
          allocatedFromSource: context.allocatedFromSource,
          allocated: context.allocated,
          planTotal: context.planTotal,
          paidFromSource: context.paidFromSource,
          paidOnTranche: context.paidOnTranche,
        })
        const row = await insertDisbursement(tx, {
          countyCode: project.countyCode,
          id: newId(project.countyCode),
          projectId: project.id,
          trancheId: tranche.id,
          fundSourceId: source.id,
          amount: input.amount,
          date: input.date,
          ledgerId: input.ledgerId,
          createdBy,
          createdAt: clock.now(),
        })
        return {
          id: row.id,
          projectId: project.id,
          projectName: project.name,
          trancheId: tranche.id,
          trancheLabel: tranche.label,
          fundSourceId: source.id,
          sourceName: source.name,
          documentNo: source.documentNo,
          directFund: source.directFund,
          amount: row.amount,
          date: row.date,
          ledgerId: row.ledgerId,
          voucherId: row.voucherId,
          createdAt: row.createdAt.toISOString(),
        }
      })
    },

    /** Links the voucher draft the app wrote for a disbursement. */
    async attachVoucher(disbursementId: string, voucherId: string) {
      if (!(await setDisbursementVoucher(db, await keyOf(db, disbursements, disbursementId), voucherId)))
        throw notFound('disbursement', disbursementId)
    },

    /** A project's payments by date; `guard` sees the project. */
    async listDisbursements(projectId: string, options?: GuardOptions<ProjectRef>) {
      const found = await findProject(db, await keyOf(db, projects, projectId))
      if (!found) throw notFound('project', projectId)
      await runGuard(options?.guard, projectRef(found.row, found.beneficiaryVillageCodes))
      const rows = await disbursementsOf(db, found.row)
      return rows.map((d) => ({
        id: d.id,
        trancheId: d.trancheId,
        fundSourceId: d.fundSourceId,
        amount: d.amount,
        date: d.date,
        ledgerId: d.ledgerId,
        voucherId: d.voucherId,
      }))
    },
  }
}
