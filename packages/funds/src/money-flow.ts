import { type Clock, type Database, type Fen, formatMoney, newId } from '@liancun/core'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { FundsError } from './errors.js'
import type {
  AllocationInput,
  DisbursementInput,
  DistributionInput,
  MilestoneInput,
  PaymentPlanInput,
  RevenueInput,
} from './inputs.js'
import { fen, liveAllocation, requireProject, requireSource } from './records.js'
import { type DistributionOutcome, type DistributionPolicy, distributeRevenue } from './rules/distribution.js'
import { FUNDABLE, type ProjectStatus } from './rules/lifecycle.js'
import { planAmounts, type Trigger, triggerGap } from './rules/payment-plan.js'
import { FULL_BP } from './rules/percent.js'
import {
  allocations,
  disbursements,
  distributionLines,
  distributionRuns,
  projectShares,
  projects,
  projectTransitions,
  revenues,
  tranches,
} from './schema.js'

/** JSON with bigints as strings, for stored runs. */
const stringify = (value: unknown) =>
  JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))

/** Allocation may happen once the county approved, until works are accepted. */
const ALLOCATABLE: readonly ProjectStatus[] = ['approved', 'started']

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
  createdAt: string
}

/** Allocations, payment plans, disbursements, revenues and their distribution. */
export function moneyFlowMethods(db: Database, clock: Clock) {
  async function sumWhere(
    q: Database,
    table: typeof allocations | typeof disbursements,
    where: ReturnType<typeof and>,
  ) {
    const [row] = await q
      .select({ total: sql<string>`coalesce(sum(${table.amount}), 0)` })
      .from(table)
      .where(where)
    return fen(row?.total)
  }

  async function requireTranche(q: Database, projectId: string, trancheId: string) {
    const [row] = await q
      .select()
      .from(tranches)
      .where(and(eq(tranches.id, trancheId), eq(tranches.projectId, projectId)))
    if (!row) {
      throw new FundsError('funds.tranche_not_found', `project ${projectId} has no tranche ${trancheId}`, {
        kind: 'not_found',
        field: 'trancheId',
      })
    }
    return row
  }

  async function stepDay(
    q: Database,
    countyCode: string,
    projectId: string,
    to: string,
  ): Promise<string | null> {
    const [row] = await q
      .select({ on: projectTransitions.on })
      .from(projectTransitions)
      .where(
        and(
          eq(projectTransitions.countyCode, countyCode),
          eq(projectTransitions.projectId, projectId),
          eq(projectTransitions.toStatus, to),
        ),
      )
    return row?.on ?? null
  }

  async function loadRun(q: Database, id: string): Promise<DistributionRun> {
    const [run] = await q.select().from(distributionRuns).where(eq(distributionRuns.id, id))
    if (!run) throw new FundsError('funds.run_not_found', `no distribution run ${id}`, { kind: 'not_found' })
    const lines = await q
      .select()
      .from(distributionLines)
      .where(and(eq(distributionLines.countyCode, run.countyCode), eq(distributionLines.runId, id)))
      .orderBy(asc(distributionLines.recipient))
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
      // The stored result is the record; re-running the same inputs must give it back exactly.
      outcome: distributeRevenue(BigInt(inputs.revenue), policy, holders),
      lines: lines.map((l) => ({
        recipient: l.recipient,
        villageCode: l.villageCode,
        amount: l.amount,
        ledgerId: l.ledgerId,
        voucherId: l.voucherId,
      })),
      createdAt: run.createdAt.toISOString(),
    }
  }

  return {
    /**
     * 资金安排: commits part of a source to an approved project of an allowed category. The
     * source row is locked, so concurrent allocations that would overdraw it fail one by one.
     */
    async allocate(projectId: string, input: AllocationInput, createdBy: string) {
      return db.transaction(async (tx) => {
        const project = await requireProject(tx, projectId, true)
        if (!ALLOCATABLE.includes(project.status as ProjectStatus)) {
          throw new FundsError(
            'funds.project_not_approved',
            `money is allocated to an approved project; it is ${project.status}`,
            {
              kind: 'rule',
            },
          )
        }
        const source = await requireSource(tx, input.fundSourceId, true)
        if (source.countyCode !== project.countyCode) {
          throw new FundsError('funds.cross_county', 'a source funds projects of its own county', {
            kind: 'rule',
            field: 'fundSourceId',
          })
        }
        // The holder allocates within its reach: a county anywhere in the county, a township in
        // its own township, an alliance to its own projects (its pooled money, 统一规划).
        const reaches =
          source.holderKind === 'county' ||
          (source.holderKind === 'township' && project.townshipCode === source.holderId) ||
          (source.holderKind === 'alliance' && project.allianceId === source.holderId)
        if (!reaches) {
          throw new FundsError(
            'funds.source_out_of_reach',
            `${source.name} is held by ${source.holderKind} ${source.holderId} and funds that ${source.holderKind}’s projects`,
            {
              kind: 'rule',
              field: 'fundSourceId',
              context: { holder: { kind: source.holderKind, id: source.holderId } },
            },
          )
        }
        const allowed = JSON.parse(source.allowedCategories) as string[]
        if (!allowed.includes(project.category)) {
          throw new FundsError(
            'funds.category_not_allowed',
            `${source.name} funds ${allowed.join(', ')}; this project is ${project.category}`,
            { kind: 'rule', field: 'fundSourceId', context: { allowed, category: project.category } },
          )
        }
        const sourceWhere = and(
          eq(allocations.countyCode, source.countyCode),
          eq(allocations.fundSourceId, source.id),
        )
        const allocated = await sumWhere(tx, allocations, and(sourceWhere, liveAllocation))
        if (allocated + input.amount > source.amount) {
          throw new FundsError(
            'funds.insufficient_source',
            `${source.name} has ${formatMoney(source.amount - allocated)} available; ${formatMoney(input.amount)} asked`,
            {
              kind: 'rule',
              field: 'amount',
              context: {
                available: formatMoney(source.amount - allocated),
                requested: formatMoney(input.amount),
              },
            },
          )
        }
        if (source.minIndustryShareBp !== null && project.category !== 'industry') {
          // Σ non-industry ≤ (100% − required share) × amount keeps the share reachable whatever
          // is allocated later, in any order.
          const [row] = await tx
            .select({ total: sql<string>`coalesce(sum(${allocations.amount}), 0)` })
            .from(allocations)
            .innerJoin(
              projects,
              and(eq(projects.countyCode, allocations.countyCode), eq(projects.id, allocations.projectId)),
            )
            .where(
              and(
                sourceWhere,
                sql`${projects.category} <> 'industry'`,
                sql`${projects.status} <> 'cancelled'`,
              ),
            )
          const other = fen(row?.total) + input.amount
          const bp = BigInt(source.minIndustryShareBp)
          if (other * FULL_BP > (FULL_BP - bp) * source.amount) {
            throw new FundsError(
              'funds.industry_share',
              `${source.name} keeps at least ${bp / 100n}% for industry projects; this allocation would leave less`,
              { kind: 'rule', field: 'amount' },
            )
          }
        }
        const projectAllocated = await sumWhere(
          tx,
          allocations,
          and(eq(allocations.countyCode, project.countyCode), eq(allocations.projectId, projectId)),
        )
        if (projectAllocated + input.amount > project.budget) {
          throw new FundsError(
            'funds.over_budget',
            `the project’s budget is ${formatMoney(project.budget)}; ${formatMoney(projectAllocated)} is allocated`,
            { kind: 'rule', field: 'amount' },
          )
        }
        const [row] = await tx
          .insert(allocations)
          .values({
            countyCode: project.countyCode,
            id: newId(),
            fundSourceId: source.id,
            projectId,
            amount: input.amount,
            createdBy,
            createdAt: clock.now(),
          })
          .returning()
        return {
          id: row!.id,
          projectId,
          fundSourceId: source.id,
          amount: row!.amount,
          sourceAvailable: source.amount - allocated - input.amount,
          createdAt: row!.createdAt.toISOString(),
        }
      })
    },

    /** Sets (or, before the first payment, replaces) the payment plan; tranches sum to the allocated total. */
    async setPaymentPlan(projectId: string, input: PaymentPlanInput) {
      return db.transaction(async (tx) => {
        const project = await requireProject(tx, projectId, true)
        if (!FUNDABLE.includes(project.status as ProjectStatus)) {
          throw new FundsError(
            'funds.project_not_approved',
            `a payment plan follows approval; the project is ${project.status}`,
            {
              kind: 'rule',
            },
          )
        }
        // Tranches already paid from stay as they are; the plan replaces the others and covers
        // what they leave of the allocated total (given in amounts once money has been paid).
        const paid = await tx
          .selectDistinct({ trancheId: disbursements.trancheId })
          .from(disbursements)
          .where(
            and(eq(disbursements.countyCode, project.countyCode), eq(disbursements.projectId, projectId)),
          )
        const current = await tx
          .select()
          .from(tranches)
          .where(and(eq(tranches.countyCode, project.countyCode), eq(tranches.projectId, projectId)))
        const paidIds = new Set(paid.map((p) => p.trancheId))
        const kept = current.filter((t) => paidIds.has(t.id)).sort((a, b) => a.position - b.position)
        const allocated = await sumWhere(
          tx,
          allocations,
          and(eq(allocations.countyCode, project.countyCode), eq(allocations.projectId, projectId)),
        )
        const items = input.tranches.map((t) => ({
          label: t.label,
          trigger: t.trigger,
          percentBp: t.percent,
          amount: t.amount,
          retention: t.retention,
          dueOn: t.dueOn,
        }))
        const keptTotal = kept.reduce((sum, t) => sum + t.amount, 0n)
        if (kept.length > 0 && (items.some((t) => t.percentBp !== undefined) || keptTotal >= allocated)) {
          throw new FundsError(
            'funds.plan_in_use',
            keptTotal >= allocated
              ? `the tranches already paid from cover ${formatMoney(keptTotal)} of ${formatMoney(allocated)} allocated; nothing is left to plan`
              : `money has been paid under ${kept.map((t) => t.label).join(', ')}; plan the remaining ${formatMoney(allocated - keptTotal)} in amounts`,
            { kind: 'conflict', field: 'tranches', context: { kept: kept.map((t) => t.id) } },
          )
        }
        const amounts = planAmounts(allocated - keptTotal, items)
        const unpaid = current.filter((t) => !paidIds.has(t.id)).map((t) => t.id)
        if (unpaid.length) {
          await tx
            .delete(tranches)
            .where(and(eq(tranches.countyCode, project.countyCode), inArray(tranches.id, unpaid)))
        }
        const offset = kept.length ? Math.max(...kept.map((t) => t.position)) + 1 : 0
        const rows = await tx
          .insert(tranches)
          .values(
            items.map((t, index) => ({
              countyCode: project.countyCode,
              id: newId(),
              projectId,
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
          .returning()
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
    async markMilestone(projectId: string, trancheId: string, input: MilestoneInput) {
      return db.transaction(async (tx) => {
        const project = await requireProject(tx, projectId, true)
        const tranche = await requireTranche(tx, projectId, trancheId)
        if (tranche.trigger !== 'milestone') {
          throw new FundsError(
            'funds.not_a_milestone',
            `tranche ${tranche.label} is triggered by ${tranche.trigger}`,
            {
              kind: 'rule',
            },
          )
        }
        if (tranche.milestoneMetOn) {
          throw new FundsError('funds.milestone_met', `already met on ${tranche.milestoneMetOn}`, {
            kind: 'conflict',
          })
        }
        await tx
          .update(tranches)
          .set({ milestoneMetOn: input.metOn, milestoneEvidence: input.evidence })
          .where(and(eq(tranches.countyCode, project.countyCode), eq(tranches.id, trancheId)))
        return { trancheId, metOn: input.metOn, evidence: input.evidence }
      })
    },

    /**
     * 拨付: checks the tranche's trigger and that Σ paid stays within the tranche and within what
     * the source allocated to the project. The project row is locked so concurrent payments queue.
     * The app then writes the voucher draft and calls `attachVoucher` in the same transaction.
     */
    async disburse(projectId: string, input: DisbursementInput, createdBy: string) {
      return db.transaction(async (tx) => {
        const project = await requireProject(tx, projectId, true)
        if (!FUNDABLE.includes(project.status as ProjectStatus)) {
          throw new FundsError('funds.project_not_fundable', `no payment to a ${project.status} project`, {
            kind: 'rule',
          })
        }
        if (input.date > clock.today()) {
          throw new FundsError('funds.future_date', 'a payment is recorded on or before today', {
            kind: 'rule',
            field: 'date',
          })
        }
        const tranche = await requireTranche(tx, projectId, input.trancheId)
        const source = await requireSource(tx, input.fundSourceId)
        const gap = triggerGap(
          tranche.trigger as Trigger,
          {
            startedOn: await stepDay(tx, project.countyCode, projectId, 'started'),
            acceptedOn: await stepDay(tx, project.countyCode, projectId, 'accepted'),
            dueOn: tranche.dueOn,
            milestoneMetOn: tranche.milestoneMetOn,
          },
          input.date,
        )
        if (gap) {
          throw new FundsError(
            'funds.tranche_not_triggered',
            `tranche ${tranche.label} cannot pay on ${input.date}: ${gap}`,
            {
              kind: 'rule',
              field: 'trancheId',
              context: { trigger: tranche.trigger },
            },
          )
        }
        const county = eq(disbursements.countyCode, project.countyCode)
        const allocated = await sumWhere(
          tx,
          allocations,
          and(
            eq(allocations.countyCode, project.countyCode),
            eq(allocations.projectId, projectId),
            eq(allocations.fundSourceId, source.id),
          ),
        )
        const planTotal = (
          await tx
            .select({ total: sql<string>`coalesce(sum(${tranches.amount}), 0)` })
            .from(tranches)
            .where(and(eq(tranches.countyCode, project.countyCode), eq(tranches.projectId, projectId)))
        )[0]?.total
        const allAllocated = await sumWhere(
          tx,
          allocations,
          and(eq(allocations.countyCode, project.countyCode), eq(allocations.projectId, projectId)),
        )
        if (fen(planTotal) !== allAllocated) {
          throw new FundsError(
            'funds.plan_outdated',
            `the payment plan covers ${formatMoney(fen(planTotal))}, the project has ${formatMoney(allAllocated)} allocated; set the plan again`,
            { kind: 'rule' },
          )
        }
        const paidFromSource = await sumWhere(
          tx,
          disbursements,
          and(county, eq(disbursements.projectId, projectId), eq(disbursements.fundSourceId, source.id)),
        )
        if (paidFromSource + input.amount > allocated) {
          throw new FundsError(
            'funds.over_allocation',
            `${source.name} allocated ${formatMoney(allocated)} to this project; ${formatMoney(paidFromSource)} is paid`,
            {
              kind: 'rule',
              field: 'amount',
              context: { allocated: formatMoney(allocated), disbursed: formatMoney(paidFromSource) },
            },
          )
        }
        const paidOnTranche = await sumWhere(
          tx,
          disbursements,
          and(county, eq(disbursements.trancheId, tranche.id)),
        )
        if (paidOnTranche + input.amount > tranche.amount) {
          throw new FundsError(
            'funds.over_tranche',
            `tranche ${tranche.label} is ${formatMoney(tranche.amount)}; ${formatMoney(paidOnTranche)} is paid`,
            {
              kind: 'rule',
              field: 'amount',
              context: { tranche: formatMoney(tranche.amount), disbursed: formatMoney(paidOnTranche) },
            },
          )
        }
        const [row] = await tx
          .insert(disbursements)
          .values({
            countyCode: project.countyCode,
            id: newId(),
            projectId,
            trancheId: tranche.id,
            fundSourceId: source.id,
            amount: input.amount,
            date: input.date,
            ledgerId: input.ledgerId,
            createdBy,
            createdAt: clock.now(),
          })
          .returning()
        return {
          id: row!.id,
          projectId,
          projectName: project.name,
          trancheId: tranche.id,
          trancheLabel: tranche.label,
          fundSourceId: source.id,
          sourceName: source.name,
          documentNo: source.documentNo,
          directFund: source.directFund,
          amount: row!.amount,
          date: row!.date,
          ledgerId: row!.ledgerId,
          voucherId: row!.voucherId,
          createdAt: row!.createdAt.toISOString(),
        }
      })
    },

    /** Links the voucher draft the app wrote for a disbursement. */
    async attachVoucher(disbursementId: string, voucherId: string) {
      const [row] = await db
        .update(disbursements)
        .set({ voucherId })
        .where(eq(disbursements.id, disbursementId))
        .returning({ id: disbursements.id })
      if (!row)
        throw new FundsError('funds.disbursement_not_found', `no disbursement ${disbursementId}`, {
          kind: 'not_found',
        })
    },

    async listDisbursements(projectId: string) {
      const project = await requireProject(db, projectId)
      const rows = await db
        .select()
        .from(disbursements)
        .where(and(eq(disbursements.countyCode, project.countyCode), eq(disbursements.projectId, projectId)))
        .orderBy(asc(disbursements.date), asc(disbursements.id))
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

    /** 收益: income the operating project earned in a period. */
    async recordRevenue(projectId: string, input: RevenueInput, createdBy: string) {
      return db.transaction(async (tx) => {
        const project = await requireProject(tx, projectId, true)
        if (!['accepted', 'operating'].includes(project.status)) {
          throw new FundsError(
            'funds.not_operating',
            `revenue comes from accepted or operating projects; this one is ${project.status}`,
            {
              kind: 'rule',
            },
          )
        }
        if (input.receivedOn > clock.today()) {
          throw new FundsError('funds.future_date', 'revenue is recorded once received, on or before today', {
            kind: 'rule',
            field: 'receivedOn',
          })
        }
        const [row] = await tx
          .insert(revenues)
          .values({
            countyCode: project.countyCode,
            id: newId(),
            projectId,
            ...input,
            createdBy,
            createdAt: clock.now(),
          })
          .returning()
        return {
          id: row!.id,
          projectId,
          period: row!.period,
          amount: row!.amount,
          receivedOn: row!.receivedOn,
          createdAt: row!.createdAt.toISOString(),
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
    ): Promise<DistributionRun> {
      return db.transaction(async (tx) => {
        const project = await requireProject(tx, projectId, true)
        const [revenue] = await tx
          .select()
          .from(revenues)
          .where(
            and(
              eq(revenues.countyCode, project.countyCode),
              eq(revenues.id, input.revenueId),
              eq(revenues.projectId, projectId),
            ),
          )
        if (!revenue) {
          throw new FundsError(
            'funds.revenue_not_found',
            `project ${projectId} has no revenue ${input.revenueId}`,
            {
              kind: 'not_found',
              field: 'revenueId',
            },
          )
        }
        const [already] = await tx
          .select({ id: distributionRuns.id })
          .from(distributionRuns)
          .where(
            and(
              eq(distributionRuns.countyCode, project.countyCode),
              eq(distributionRuns.revenueId, revenue.id),
            ),
          )
        if (already) {
          throw new FundsError(
            'funds.revenue_distributed',
            `revenue ${revenue.id} was distributed by run ${already.id}`,
            {
              kind: 'conflict',
              context: { runId: already.id },
            },
          )
        }
        const shares = await tx
          .select()
          .from(projectShares)
          .where(
            and(eq(projectShares.countyCode, project.countyCode), eq(projectShares.projectId, projectId)),
          )
          .orderBy(asc(projectShares.holder))
        if (shares.length === 0) {
          throw new FundsError(
            'funds.no_shares',
            'revenue is split by the ownership shares recorded at acceptance (验收)',
            {
              kind: 'rule',
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
        const holders = shares.map((s) => ({ key: s.holder, units: s.units }))
        const outcome = distributeRevenue(revenue.amount, policy, holders)
        const date = input.date ?? revenue.receivedOn
        if (date < revenue.receivedOn) {
          throw new FundsError(
            'funds.distributed_before_received',
            `the revenue was received on ${revenue.receivedOn}`,
            {
              kind: 'rule',
              field: 'date',
            },
          )
        }
        const id = newId()
        await tx.insert(distributionRuns).values({
          countyCode: project.countyCode,
          id,
          projectId,
          revenueId: revenue.id,
          policyVersion: policy.version,
          inputs: stringify({ revenue: revenue.amount, policy, holders }),
          result: stringify(outcome),
          date,
          createdBy,
          createdAt: clock.now(),
        })
        const lines = outcome.allocations.filter((a) => a.amount > 0n)
        if (lines.length) {
          await tx.insert(distributionLines).values(
            lines.map((a) => ({
              countyCode: project.countyCode,
              runId: id,
              recipient: a.recipient,
              villageCode: a.recipient.startsWith('village:') ? a.recipient.slice('village:'.length) : null,
              amount: a.amount,
            })),
          )
        }
        return loadRun(tx, id)
      })
    },

    /** Links each village's voucher draft to its line of the run. */
    async attachDistributionVouchers(
      runId: string,
      vouchers: { villageCode: string; ledgerId: string; voucherId: string }[],
    ) {
      return db.transaction(async (tx) => {
        const [run] = await tx.select().from(distributionRuns).where(eq(distributionRuns.id, runId))
        if (!run)
          throw new FundsError('funds.run_not_found', `no distribution run ${runId}`, { kind: 'not_found' })
        for (const v of vouchers) {
          await tx
            .update(distributionLines)
            .set({ ledgerId: v.ledgerId, voucherId: v.voucherId })
            .where(
              and(
                eq(distributionLines.countyCode, run.countyCode),
                eq(distributionLines.runId, runId),
                eq(distributionLines.recipient, `village:${v.villageCode}`),
              ),
            )
        }
        return loadRun(tx, runId)
      })
    },

    async getRun(runId: string): Promise<DistributionRun & { reproduced: boolean }> {
      return db.transaction(async (tx) => {
        const run = await loadRun(tx, runId)
        const [stored] = await tx
          .select({ result: distributionRuns.result })
          .from(distributionRuns)
          .where(eq(distributionRuns.id, runId))
        return { ...run, reproduced: stored!.result === stringify(run.outcome) }
      })
    },

    async projectOfRun(runId: string): Promise<string> {
      const [run] = await db
        .select({ projectId: distributionRuns.projectId })
        .from(distributionRuns)
        .where(eq(distributionRuns.id, runId))
      if (!run)
        throw new FundsError('funds.run_not_found', `no distribution run ${runId}`, { kind: 'not_found' })
      return run.projectId
    },
  }
}
