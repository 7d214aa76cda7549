import {
  type FundsContext,
  type GuardOptions,
  type ProjectRef,
  runGuard,
  type SourceRef,
} from '../context.js'
import { notFound } from '../errors.js'
import { fundSources, projects } from '../schema.js'
import { keyOf } from '../store/sql.js'
import { projectTrace, sourceTrace } from '../store/traces.js'
import { projectRef, toProject } from './projects.js'
import { sourceRef, toSource } from './sources.js'

/**
 * Traceability, always derived from the records (never stored totals), each trace read in ONE
 * statement so its totals and lists come from one snapshot.
 */
export function tracePart({ db }: FundsContext) {
  return {
    /** Every allocation and disbursement of a source, with totals that reconcile to its amount. */
    async traceSource(id: string, options?: GuardOptions<SourceRef>) {
      const found = await sourceTrace(db, await keyOf(db, fundSources, id))
      if (!found) throw notFound('source', id)
      await runGuard(options?.guard, sourceRef(found.row))
      const source = toSource(found.row, found)
      const allocations = found.allocations.map((a) => ({
        id: a.id,
        projectId: a.projectId,
        projectName: a.projectName,
        amount: BigInt(a.amount),
        /** Released when the project was cancelled: on record, no longer committed. */
        released: a.projectStatus === 'cancelled',
        createdAt: new Date(a.createdAt).toISOString(),
      }))
      const disbursements = found.disbursements.map((d) => ({
        id: d.id,
        projectId: d.projectId,
        trancheId: d.trancheId,
        amount: BigInt(d.amount),
        date: d.date,
        ledgerId: d.ledgerId,
        voucherId: d.voucherId,
      }))
      return {
        source,
        allocations,
        disbursements,
        totals: {
          amount: source.amount,
          allocated: source.allocated,
          disbursed: source.disbursed,
          allocatedNotDisbursed: source.allocated - source.disbursed,
          available: source.available,
          /** amount = available + allocated, and allocated = disbursed + allocatedNotDisbursed. */
          reconciles:
            source.available + source.allocated === source.amount &&
            allocations.filter((a) => !a.released).reduce((s, a) => s + a.amount, 0n) === source.allocated &&
            disbursements.reduce((s, d) => s + d.amount, 0n) === source.disbursed,
        },
      }
    },

    /** Money in by source, out by tranche, revenues and their distributions; `guard` sees the project. */
    async traceProject(id: string, options?: GuardOptions<ProjectRef>) {
      const found = await projectTrace(db, await keyOf(db, projects, id))
      if (!found) throw notFound('project', id)
      await runGuard(
        options?.guard,
        projectRef(
          found.row,
          found.beneficiaries.map((b) => b.villageCode),
        ),
      )
      const project = toProject(found.row, found)
      const byId = new Map(found.sources.map((s) => [s.id, s]))
      const income = found.revenues
      return {
        project: { id: project.id, name: project.name, status: project.status, budget: project.budget },
        moneyIn: project.funding.map((f) => ({
          fundSourceId: f.fundSourceId,
          name: byId.get(f.fundSourceId)?.name ?? '',
          kind: byId.get(f.fundSourceId)?.kind ?? '',
          documentNo: byId.get(f.fundSourceId)?.documentNo ?? '',
          directFund: byId.get(f.fundSourceId)?.directFund ?? false,
          allocated: f.allocated,
          disbursed: f.disbursed,
        })),
        moneyOut: project.paymentPlan.map((t) => ({
          trancheId: t.id,
          label: t.label,
          trigger: t.trigger,
          planned: t.amount,
          disbursed: t.disbursed,
          disbursements: found.disbursements
            .filter((d) => d.trancheId === t.id)
            .map((d) => ({
              id: d.id,
              fundSourceId: d.fundSourceId,
              amount: BigInt(d.amount),
              date: d.date,
              ledgerId: d.ledgerId,
              voucherId: d.voucherId,
            })),
        })),
        revenues: income.map((r) => ({
          id: r.id,
          period: r.period,
          amount: BigInt(r.amount),
          receivedOn: r.receivedOn,
          distribution: r.run
            ? {
                runId: r.run.id,
                policyVersion: r.run.policyVersion,
                date: r.run.date,
                lines: r.run.lines.map((l) => ({
                  recipient: l.recipient,
                  villageCode: l.villageCode,
                  amount: BigInt(l.amount),
                  ledgerId: l.ledgerId,
                  voucherId: l.voucherId,
                })),
              }
            : null,
        })),
        totals: {
          allocated: project.allocated,
          disbursed: project.disbursed,
          revenue: income.reduce((s, r) => s + BigInt(r.amount), 0n),
          distributedToVillages: income
            .flatMap((r) => r.run?.lines ?? [])
            .filter((l) => l.villageCode !== null)
            .reduce((s, l) => s + BigInt(l.amount), 0n),
        },
      }
    },
  }
}
