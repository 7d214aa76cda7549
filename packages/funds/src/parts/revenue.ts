import { type Fen, newId } from '@liancun/core'
import { type FundsContext, type GuardOptions, type ProjectRef, runGuard } from '../context.js'
import { FundsError, notFound } from '../errors.js'
import type { DistributionInput, RevenueInput } from '../inputs.js'
import {
  type DistributionOutcome,
  type DistributionPolicy,
  distributeRevenue,
} from '../rules/distribution.js'
import { checkNotFuture } from '../rules/payment-plan.js'
import { checkDistributable, checkEarning, distributionDate, monitoredPayables } from '../rules/revenue.js'
import { distributionRuns, projects } from '../schema.js'
import { findProject } from '../store/projects.js'
import {
  attachLineVouchers,
  distributionContext,
  insertRevenue,
  insertRun,
  type LineVoucher,
  type RunRow,
  runCounty,
  runProjectId,
  runWithLines,
  type StoredLine,
} from '../store/revenues.js'
import { keyOf, type RowKey } from '../store/sql.js'
import { projectRef } from './projects.js'

/**
 * What the app checks before a run is stored (the 四议两公开 decision adopting the plan): given
 * the project and the revenue, it answers what it found (stored with the run) or refuses.
 */
export type DistributionGate = (
  project: ProjectRef,
  run: { revenueId: string; amount: Fen; date: string; outcome: DistributionOutcome },
) => Promise<Record<string, unknown>>

/** JSON with bigints as strings, for stored runs. */
const stringify = (value: unknown) =>
  JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))

export interface DistributionRun {
  id: string
  projectId: string
  revenueId: string
  policyVersion: string
  date: string
  revenue: Fen
  policy: DistributionPolicy
  holders: { key: string; units: Fen }[]
  outcome: DistributionOutcome
  lines: {
    recipient: string
    villageCode: string | null
    amount: Fen
    ledgerId: string | null
    voucherId: string | null
  }[]
  /** The monitored households' part as payables to each named household (fen). */
  monitoredHouseholds: { ref: string; amount: Fen }[]
  /** The decision the app found adopting the plan (matter, standing, disclosure); null on older runs. */
  decision: Record<string, unknown> | null
  createdAt: string
}

/** A stored run re-run from its inputs: the stored result is the record, and must come back exactly. */
function toRun(run: RunRow, lines: readonly StoredLine[]): DistributionRun {
  const inputs = JSON.parse(run.inputs) as {
    revenue: string
    policy: {
      version: string
      guaranteed: { villageCode: string; amount: string }[]
      reserveBp: string
      monitoredHouseholdsBp: string
      shortfall: DistributionPolicy['shortfall']
    }
    holders: { key: string; units: string }[]
    monitoredHouseholds?: { ref: string; amount: string }[]
  }
  const policy: DistributionPolicy = {
    version: inputs.policy.version,
    guaranteed: inputs.policy.guaranteed.map((g) => ({
      villageCode: g.villageCode,
      amount: BigInt(g.amount),
    })),
    reserveBp: BigInt(inputs.policy.reserveBp),
    monitoredHouseholdsBp: BigInt(inputs.policy.monitoredHouseholdsBp),
    shortfall: inputs.policy.shortfall,
  }
  const holders = inputs.holders.map((h) => ({ key: h.key, units: BigInt(h.units) }))
  return {
    id: run.id,
    projectId: run.projectId,
    revenueId: run.revenueId,
    policyVersion: run.policyVersion,
    date: run.date,
    revenue: BigInt(inputs.revenue),
    policy,
    holders,
    outcome: distributeRevenue(BigInt(inputs.revenue), policy, holders),
    lines: lines.map((l) => ({
      recipient: l.recipient,
      villageCode: l.villageCode,
      amount: BigInt(l.amount),
      ledgerId: l.ledgerId,
      voucherId: l.voucherId,
    })),
    monitoredHouseholds: (inputs.monitoredHouseholds ?? []).map((h) => ({
      ref: h.ref,
      amount: BigInt(h.amount),
    })),
    decision: run.decision ? (JSON.parse(run.decision) as Record<string, unknown>) : null,
    createdAt: run.createdAt.toISOString(),
  }
}

/** 收益 and its distribution (收益分配) by the shares set at acceptance. */
export function revenuePart({ db, clock }: FundsContext) {
  /** The project locked and authorised (its key read by `keyOf` beforehand); not found otherwise. */
  async function locked(tx: typeof db, key: RowKey, options: GuardOptions<ProjectRef> | undefined) {
    const found = await findProject(tx, key, { lock: true })
    if (!found) throw notFound('project', key.id)
    const ref = projectRef(found.row, found.beneficiaryVillageCodes)
    await runGuard(options?.guard, ref)
    return { ...found.row, ref }
  }

  async function loadRun(q: typeof db, key: RowKey): Promise<{ run: DistributionRun; stored: string }> {
    const found = await runWithLines(q, key)
    if (!found) throw notFound('run', key.id)
    return { run: toRun(found.row, found.lines), stored: found.row.result }
  }

  return {
    /** 收益: income the operating project earned in a period. */
    async recordRevenue(
      projectId: string,
      input: RevenueInput,
      createdBy: string,
      options?: GuardOptions<ProjectRef>,
    ) {
      const key = await keyOf(db, projects, projectId)
      return db.transaction(async (tx) => {
        const project = await locked(tx, key, options)
        checkEarning(project.status)
        checkNotFuture(input.receivedOn, clock.today(), 'receivedOn', 'revenue is recorded once received and')
        const row = await insertRevenue(tx, {
          countyCode: project.countyCode,
          id: newId(project.countyCode),
          projectId: project.id,
          ...input,
          createdBy,
          createdAt: clock.now(),
        })
        return {
          id: row.id,
          projectId: project.id,
          period: row.period,
          amount: row.amount,
          receivedOn: row.receivedOn,
          createdAt: row.createdAt.toISOString(),
        }
      })
    },

    /**
     * 收益分配: runs the policy on a revenue over the ownership shares set at acceptance and
     * stores the run. One run per revenue. The app writes each village's voucher draft and calls
     * `attachDistributionVouchers` in the same transaction.
     */
    async distribute(
      projectId: string,
      input: DistributionInput,
      createdBy: string,
      options?: GuardOptions<ProjectRef>,
      gate?: DistributionGate,
    ): Promise<DistributionRun> {
      const key = await keyOf(db, projects, projectId)
      return db.transaction(async (tx) => {
        const project = await locked(tx, key, options)
        // Read once the lock is held: a run committed meanwhile shows.
        const context = await distributionContext(tx, project, input.revenueId)
        const { revenue } = context
        if (!revenue) {
          throw new FundsError(
            'funds.revenue_not_found',
            `project ${projectId} has no revenue ${input.revenueId}`,
            {
              field: 'revenueId',
            },
          )
        }
        const policy: DistributionPolicy = {
          version: input.policy.version,
          guaranteed: input.policy.guaranteed,
          reserveBp: input.policy.reservePercent ?? 0n,
          monitoredHouseholdsBp: input.policy.monitoredHouseholdsPercent ?? 0n,
          shortfall: input.policy.shortfall,
        }
        checkDistributable(revenue.id, context.runId, context.shares)
        const holders = context.shares.map((s) => ({ key: s.holder, units: s.units }))
        const outcome = distributeRevenue(revenue.amount, policy, holders)
        const date = distributionDate(revenue, input.date)
        const monitored =
          outcome.allocations.find((a) => a.recipient === 'monitored_households')?.amount ?? 0n
        const payables = monitoredPayables(monitored, input.monitoredHouseholds)
        // The decision is asked for once the run is known to be possible: its refusals come last.
        const decision = gate
          ? await gate(project.ref, { revenueId: revenue.id, amount: revenue.amount, date, outcome })
          : null
        const id = newId(project.countyCode)
        const createdAt = clock.now()
        const run = {
          countyCode: project.countyCode,
          id,
          projectId: project.id,
          revenueId: revenue.id,
          policyVersion: policy.version,
          inputs: stringify({ revenue: revenue.amount, policy, holders, monitoredHouseholds: payables }),
          result: stringify(outcome),
          date,
          decision: decision ? stringify(decision) : null,
          createdBy,
          createdAt,
        }
        const lines = outcome.allocations
          .filter((a) => a.amount > 0n)
          .map((a) => ({
            countyCode: project.countyCode,
            runId: id,
            recipient: a.recipient,
            villageCode: a.recipient.startsWith('village:') ? a.recipient.slice('village:'.length) : null,
            amount: a.amount,
          }))
        await insertRun(tx, run, lines)
        // Written just now: the run is what was stored, without reading it back.
        return toRun(
          run as RunRow,
          [...lines]
            .sort((a, b) => (a.recipient < b.recipient ? -1 : a.recipient > b.recipient ? 1 : 0))
            .map((l) => ({ ...l, amount: l.amount.toString(), ledgerId: null, voucherId: null })),
        )
      })
    },

    /** Links each village's voucher draft to its line of the run, in one statement. */
    async attachDistributionVouchers(runId: string, vouchers: LineVoucher[]) {
      const key = await keyOf(db, distributionRuns, runId)
      return db.transaction(async (tx) => {
        const countyCode = await runCounty(tx, key)
        if (!countyCode) throw notFound('run', runId)
        await attachLineVouchers(tx, { countyCode, id: runId }, vouchers)
        return (await loadRun(tx, { countyCode, id: runId })).run
      })
    },

    /** A stored run, re-run from its inputs (`reproduced`), in one statement. */
    async getRun(runId: string): Promise<DistributionRun & { reproduced: boolean }> {
      const { run, stored } = await loadRun(db, await keyOf(db, distributionRuns, runId))
      return { ...run, reproduced: stored === stringify(run.outcome) }
    },

    /** The project a run belongs to. */
    async projectOfRun(runId: string): Promise<string> {
      const projectId = await runProjectId(db, await keyOf(db, distributionRuns, runId))
      if (!projectId) throw notFound('run', runId)
      return projectId
    },
  }
}
