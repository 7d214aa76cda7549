import type { Database } from '@liancun/core'
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm'
import { PROJECT_CATEGORIES } from './inputs.js'
import {
  fen,
  inYear,
  projectDetail,
  projectsWithin,
  requireProject,
  requireSource,
  sourceTotals,
  toSource,
} from './records.js'
import {
  allocations,
  disbursements,
  distributionLines,
  distributionRuns,
  fundSources,
  projects,
  revenues,
} from './schema.js'

/**
 * Traceability and figures, always derived from the records (never stored totals), so alliance,
 * township and county views cannot double count.
 */
export function reportMethods(db: Database) {
  return {
    /** Every allocation and disbursement of a source, with totals that reconcile to its amount. */
    async traceSource(id: string) {
      return db.transaction(async (tx) => {
        const row = await requireSource(tx, id)
        const source = toSource(row, (await sourceTotals(tx, row.countyCode, [id])).get(id)!)
        const allocationRows = await tx
          .select({ allocation: allocations, projectName: projects.name, projectStatus: projects.status })
          .from(allocations)
          .innerJoin(
            projects,
            and(eq(projects.countyCode, allocations.countyCode), eq(projects.id, allocations.projectId)),
          )
          .where(and(eq(allocations.countyCode, row.countyCode), eq(allocations.fundSourceId, id)))
          .orderBy(asc(allocations.createdAt), asc(allocations.id))
        const paid = await tx
          .select()
          .from(disbursements)
          .where(and(eq(disbursements.countyCode, row.countyCode), eq(disbursements.fundSourceId, id)))
          .orderBy(asc(disbursements.date), asc(disbursements.id))
        return {
          source,
          allocations: allocationRows.map(({ allocation, projectName, projectStatus }) => ({
            id: allocation.id,
            projectId: allocation.projectId,
            projectName,
            amount: allocation.amount,
            /** Released when the project was cancelled: on record, no longer committed. */
            released: projectStatus === 'cancelled',
            createdAt: allocation.createdAt.toISOString(),
          })),
          disbursements: paid.map((d) => ({
            id: d.id,
            projectId: d.projectId,
            trancheId: d.trancheId,
            amount: d.amount,
            date: d.date,
            ledgerId: d.ledgerId,
            voucherId: d.voucherId,
          })),
          totals: {
            amount: source.amount,
            allocated: source.allocated,
            disbursed: source.disbursed,
            allocatedNotDisbursed: source.allocated - source.disbursed,
            available: source.available,
            /** amount = available + allocated, and allocated = disbursed + allocatedNotDisbursed. */
            reconciles:
              source.available + source.allocated === source.amount &&
              allocationRows
                .filter((a) => a.projectStatus !== 'cancelled')
                .reduce((s, a) => s + a.allocation.amount, 0n) === source.allocated &&
              paid.reduce((s, d) => s + d.amount, 0n) === source.disbursed,
          },
        }
      })
    },

    /** Money in by source, out by tranche, revenues and their distributions. */
    async traceProject(id: string) {
      return db.transaction(async (tx) => {
        const project = await projectDetail(tx, await requireProject(tx, id))
        const sources = project.funding.length
          ? await tx
              .select()
              .from(fundSources)
              .where(
                inArray(
                  fundSources.id,
                  project.funding.map((f) => f.fundSourceId),
                ),
              )
          : []
        const paid = await tx
          .select()
          .from(disbursements)
          .where(eq(disbursements.projectId, id))
          .orderBy(asc(disbursements.date), asc(disbursements.id))
        const income = await tx
          .select()
          .from(revenues)
          .where(eq(revenues.projectId, id))
          .orderBy(asc(revenues.receivedOn))
        const runs = await tx.select().from(distributionRuns).where(eq(distributionRuns.projectId, id))
        const lines = runs.length
          ? await tx
              .select()
              .from(distributionLines)
              .where(
                inArray(
                  distributionLines.runId,
                  runs.map((r) => r.id),
                ),
              )
              .orderBy(asc(distributionLines.recipient))
          : []
        const byId = new Map(sources.map((s) => [s.id, s]))
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
            disbursements: paid
              .filter((d) => d.trancheId === t.id)
              .map((d) => ({
                id: d.id,
                fundSourceId: d.fundSourceId,
                amount: d.amount,
                date: d.date,
                ledgerId: d.ledgerId,
                voucherId: d.voucherId,
              })),
          })),
          revenues: income.map((r) => {
            const run = runs.find((x) => x.revenueId === r.id)
            return {
              id: r.id,
              period: r.period,
              amount: r.amount,
              receivedOn: r.receivedOn,
              distribution: run
                ? {
                    runId: run.id,
                    policyVersion: run.policyVersion,
                    date: run.date,
                    lines: lines
                      .filter((l) => l.runId === run.id)
                      .map((l) => ({
                        recipient: l.recipient,
                        villageCode: l.villageCode,
                        amount: l.amount,
                        ledgerId: l.ledgerId,
                        voucherId: l.voucherId,
                      })),
                  }
                : null,
            }
          }),
          totals: {
            allocated: project.allocated,
            disbursed: project.disbursed,
            revenue: income.reduce((s, r) => s + r.amount, 0n),
            distributedToVillages: lines
              .filter((l) => l.villageCode !== null)
              .reduce((s, l) => s + l.amount, 0n),
          },
        }
      })
    },

    /**
     * The 001 figures for a division and year: funds pooled by kind, projects by category and
     * status, money paid out, revenue and what reached village collectives.
     */
    async stats(query: { within?: string; year?: number }) {
      return db.transaction(async (tx) => {
        const prefix = query.within ? `${query.within}%` : '%'
        const projectScope = query.within ? projectsWithin(query.within) : undefined
        const pooled = await tx
          .select({
            kind: fundSources.kind,
            count: sql<number>`count(*)::int`,
            amount: sql<string>`sum(${fundSources.amount})`,
          })
          .from(fundSources)
          .where(
            and(
              like(fundSources.divisionCode, prefix),
              query.year ? eq(fundSources.fiscalYear, query.year) : undefined,
            ),
          )
          .groupBy(fundSources.kind)
          .orderBy(fundSources.kind)
        const inScope = and(projectScope, inYear(projects.startOn, query.year))
        const projectRows = await tx
          .select({
            category: projects.category,
            status: projects.status,
            count: sql<number>`count(*)::int`,
            budget: sql<string>`sum(${projects.budget})`,
          })
          .from(projects)
          .where(inScope)
          .groupBy(projects.category, projects.status)
        const joinProject = and(
          eq(projects.countyCode, disbursements.countyCode),
          eq(projects.id, disbursements.projectId),
        )
        const [paid] = await tx
          .select({ total: sql<string>`coalesce(sum(${disbursements.amount}), 0)` })
          .from(disbursements)
          .innerJoin(projects, joinProject)
          .where(and(projectScope, inYear(disbursements.date, query.year)))
        const [earned] = await tx
          .select({ total: sql<string>`coalesce(sum(${revenues.amount}), 0)` })
          .from(revenues)
          .innerJoin(
            projects,
            and(eq(projects.countyCode, revenues.countyCode), eq(projects.id, revenues.projectId)),
          )
          .where(and(projectScope, inYear(revenues.receivedOn, query.year)))
        const [shared] = await tx
          .select({
            total: sql<string>`coalesce(sum(${distributionLines.amount}), 0)`,
            villages: sql<number>`count(distinct ${distributionLines.villageCode})::int`,
          })
          .from(distributionLines)
          .innerJoin(
            distributionRuns,
            and(
              eq(distributionRuns.countyCode, distributionLines.countyCode),
              eq(distributionRuns.id, distributionLines.runId),
            ),
          )
          .innerJoin(
            projects,
            and(
              eq(projects.countyCode, distributionRuns.countyCode),
              eq(projects.id, distributionRuns.projectId),
            ),
          )
          .where(
            and(
              projectScope,
              inYear(distributionRuns.date, query.year),
              sql`${distributionLines.villageCode} is not null`,
            ),
          )
        const byCategory = PROJECT_CATEGORIES.map((category) => {
          const rows = projectRows.filter((r) => r.category === category && r.status !== 'cancelled')
          return {
            category,
            count: rows.reduce((s, r) => s + r.count, 0),
            budget: rows.reduce((s, r) => s + fen(r.budget), 0n),
          }
        })
        const statuses = [...new Set(projectRows.map((r) => r.status))].sort()
        return {
          within: query.within ?? null,
          year: query.year ?? null,
          pooled: {
            total: pooled.reduce((s, p) => s + fen(p.amount), 0n),
            sources: pooled.reduce((s, p) => s + p.count, 0),
            byKind: pooled.map((p) => ({ kind: p.kind, count: p.count, amount: fen(p.amount) })),
          },
          projects: {
            total: byCategory.reduce((s, c) => s + c.count, 0),
            byCategory,
            byStatus: statuses.map((status) => ({
              status,
              count: projectRows.filter((r) => r.status === status).reduce((s, r) => s + r.count, 0),
            })),
          },
          disbursed: fen(paid?.total),
          revenue: fen(earned?.total),
          distributedToVillages: fen(shared?.total),
          villagesReceiving: shared?.villages ?? 0,
        }
      })
    },

    /** Projects for the public noticeboard: no personal data exists in these records. */
    async publicProjectIds(within: string | undefined, limit: number, after: string | null) {
      const rows = await db
        .select({ id: projects.id })
        .from(projects)
        .where(
          and(
            within ? projectsWithin(within) : undefined,
            sql`${projects.status} not in ('candidate', 'cancelled')`,
            after ? sql`${projects.id} > ${after}` : undefined,
          ),
        )
        .orderBy(asc(projects.id))
        .limit(limit + 1)
      return rows.map((r) => r.id)
    },
  }
}
