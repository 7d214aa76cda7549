import type { Database, Fen } from '@liancun/core'
import { and, asc, eq, gte, inArray, like, lte, or, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { FundsError } from './errors.js'
import type { ProjectCategory } from './inputs.js'
import type { ProjectStatus } from './rules/lifecycle.js'
import {
  allocations,
  disbursements,
  fundSources,
  projectBeneficiaries,
  projectNotices,
  projectResults,
  projectShares,
  projects,
  projectTargets,
  tranches,
} from './schema.js'

/** Loading and shaping the records every part of the service reads. */

export type SourceRow = typeof fundSources.$inferSelect
export type ProjectRow = typeof projects.$inferSelect

export async function requireSource(q: Database, id: string, lock = false): Promise<SourceRow> {
  const query = q.select().from(fundSources).where(eq(fundSources.id, id))
  const [row] = lock ? await query.for('update') : await query
  if (!row) throw new FundsError('funds.source_not_found', `no fund source ${id}`, { kind: 'not_found' })
  return row
}

export async function requireProject(q: Database, id: string, lock = false): Promise<ProjectRow> {
  const query = q.select().from(projects).where(eq(projects.id, id))
  const [row] = lock ? await query.for('update') : await query
  if (!row) throw new FundsError('funds.project_not_found', `no project ${id}`, { kind: 'not_found' })
  return row
}

/** A SQL sum (a numeric string, or null over no rows) as fen. */
export const fen = (value: unknown): Fen => BigInt((value as string | number | bigint | null) ?? 0)

/**
 * Allocations still committed: those of a cancelled project are released (they stay on record,
 * and the source's `available` recovers).
 */
export const liveAllocation = sql`not exists (select 1 from ${projects} cancelled
  where cancelled.county_code = ${allocations.countyCode} and cancelled.id = ${allocations.projectId}
  and cancelled.status = 'cancelled')`

/** Σ allocated and Σ disbursed per source, summed from the records (never stored). */
export async function sourceTotals(
  q: Database,
  countyCode: string | null,
  ids: string[],
): Promise<Map<string, { allocated: Fen; disbursed: Fen }>> {
  const out = new Map(ids.map((id) => [id, { allocated: 0n, disbursed: 0n }]))
  if (ids.length === 0) return out
  const county = (column: AnyPgColumn) => (countyCode ? eq(column, countyCode) : undefined)
  const allocated = await q
    .select({ id: allocations.fundSourceId, total: sql<string>`sum(${allocations.amount})` })
    .from(allocations)
    .where(and(county(allocations.countyCode), inArray(allocations.fundSourceId, ids), liveAllocation))
    .groupBy(allocations.fundSourceId)
  const disbursed = await q
    .select({ id: disbursements.fundSourceId, total: sql<string>`sum(${disbursements.amount})` })
    .from(disbursements)
    .where(and(county(disbursements.countyCode), inArray(disbursements.fundSourceId, ids)))
    .groupBy(disbursements.fundSourceId)
  for (const row of allocated) out.get(row.id)!.allocated = fen(row.total)
  for (const row of disbursed) out.get(row.id)!.disbursed = fen(row.total)
  return out
}

export function toSource(row: SourceRow, totals: { allocated: Fen; disbursed: Fen }) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    level: row.level,
    documentNo: row.documentNo,
    fiscalYear: row.fiscalYear,
    amount: row.amount,
    receivedOn: row.receivedOn,
    holder:
      row.holderKind === 'alliance'
        ? { kind: 'alliance' as const, id: row.holderId }
        : { kind: row.holderKind as 'county' | 'township', code: row.holderId },
    divisionCode: row.divisionCode,
    allowedCategories: JSON.parse(row.allowedCategories) as ProjectCategory[],
    excludedUses: JSON.parse(row.excludedUses) as string[],
    minIndustryShareBp: row.minIndustryShareBp === null ? null : BigInt(row.minIndustryShareBp),
    directFund: row.directFund,
    allocated: totals.allocated,
    disbursed: totals.disbursed,
    available: row.amount - totals.allocated,
    createdAt: row.createdAt.toISOString(),
  }
}
export type FundSource = ReturnType<typeof toSource>

/** A project with everything the library keeps about it: one query per part, no N+1. */
export async function projectDetail(q: Database, row: ProjectRow) {
  const key = (table: { countyCode: AnyPgColumn; projectId: AnyPgColumn }) =>
    and(eq(table.countyCode, row.countyCode), eq(table.projectId, row.id))
  // One query after another: a transaction is one connection, and pg queues rather than overlaps.
  const beneficiaries = await q
    .select()
    .from(projectBeneficiaries)
    .where(key(projectBeneficiaries))
    .orderBy(asc(projectBeneficiaries.villageCode))
  const targets = await q
    .select()
    .from(projectTargets)
    .where(key(projectTargets))
    .orderBy(asc(projectTargets.position))
  const results = await q
    .select()
    .from(projectResults)
    .where(key(projectResults))
    .orderBy(asc(projectResults.period), asc(projectResults.id))
  const shares = await q
    .select()
    .from(projectShares)
    .where(key(projectShares))
    .orderBy(asc(projectShares.holder))
  const notices = await q
    .select()
    .from(projectNotices)
    .where(key(projectNotices))
    .orderBy(asc(projectNotices.from), asc(projectNotices.id))
  const funded = await q
    .select({ fundSourceId: allocations.fundSourceId, amount: sql<string>`sum(${allocations.amount})` })
    .from(allocations)
    .where(key(allocations))
    .groupBy(allocations.fundSourceId)
  const plan = await q.select().from(tranches).where(key(tranches)).orderBy(asc(tranches.position))
  const paid = await q
    .select({
      trancheId: disbursements.trancheId,
      fundSourceId: disbursements.fundSourceId,
      amount: sql<string>`sum(${disbursements.amount})`,
    })
    .from(disbursements)
    .where(key(disbursements))
    .groupBy(disbursements.trancheId, disbursements.fundSourceId)

  const paidBySource = new Map<string, Fen>()
  const paidByTranche = new Map<string, Fen>()
  for (const p of paid) {
    paidBySource.set(p.fundSourceId, (paidBySource.get(p.fundSourceId) ?? 0n) + fen(p.amount))
    paidByTranche.set(p.trancheId, (paidByTranche.get(p.trancheId) ?? 0n) + fen(p.amount))
  }
  const funding = funded
    .map((f) => ({
      fundSourceId: f.fundSourceId,
      allocated: fen(f.amount),
      disbursed: paidBySource.get(f.fundSourceId) ?? 0n,
    }))
    .sort((a, b) => (a.fundSourceId < b.fundSourceId ? -1 : 1))
  const allocatedTotal = funding.reduce((s, f) => s + f.allocated, 0n)
  return {
    id: row.id,
    name: row.name,
    category: row.category as ProjectCategory,
    allianceId: row.allianceId,
    townshipCode: row.townshipCode,
    implementer: row.implementerVillageCode
      ? { villageCode: row.implementerVillageCode }
      : { partnerId: row.implementerPartnerId! },
    budget: row.budget,
    location: row.location,
    startOn: row.startOn,
    endOn: row.endOn,
    benefitMechanism: row.benefitMechanism,
    proposedBy: row.proposedBy as 'village' | 'alliance' | 'township',
    status: row.status as ProjectStatus,
    beneficiaries: beneficiaries.map((b) => ({ villageCode: b.villageCode, units: b.units })),
    targets: targets.map((t) => ({
      level1: t.level1 as 'output' | 'benefit' | 'satisfaction',
      indicator: t.indicator,
      unit: t.unit,
      target: t.target,
      actuals: results
        .filter((r) => r.indicator === t.indicator)
        .map((r) => ({ period: r.period, actual: r.actual })),
    })),
    acceptance: row.acceptance
      ? {
          ...(JSON.parse(row.acceptance) as { acceptedOn: string; assetClass: string; note: string | null }),
          shares: shares.map((s) => ({ holder: s.holder, contribution: s.contribution, units: s.units })),
        }
      : null,
    notices: notices.map((n) => ({
      id: n.id,
      stage: n.stage as 'approval' | 'completion',
      from: n.from,
      until: n.until,
      days: n.days,
      channels: JSON.parse(n.channels) as string[],
    })),
    funding,
    allocated: allocatedTotal,
    disbursed: funding.reduce((s, f) => s + f.disbursed, 0n),
    paymentPlan: plan.map((t) => ({
      id: t.id,
      label: t.label,
      trigger: t.trigger,
      percentBp: t.percentBp === null ? null : BigInt(t.percentBp),
      amount: t.amount,
      retention: t.retention,
      dueOn: t.dueOn,
      milestoneMetOn: t.milestoneMetOn,
      disbursed: paidByTranche.get(t.id) ?? 0n,
    })),
    createdAt: row.createdAt.toISOString(),
  }
}
export type Project = Awaited<ReturnType<typeof projectDetail>>

/** `within` over projects: a township or county prefix, or a village that implements or benefits. */
export function projectsWithin(within: string) {
  if (within.length < 12) return like(projects.townshipCode, `${within.slice(0, 9)}%`)
  return or(
    eq(projects.implementerVillageCode, within),
    sql`exists (select 1 from ${projectBeneficiaries} b where b.county_code = ${projects.countyCode}
      and b.project_id = ${projects.id} and b.village_code = ${within})`,
  )
}

/** A business date inside a calendar year (no filter without a year). */
export function inYear(column: AnyPgColumn, year: number | undefined) {
  return year === undefined ? undefined : and(gte(column, `${year}-01-01`), lte(column, `${year}-12-31`))
}
