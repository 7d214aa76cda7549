import { countyOf, countyWithin, type Fen, newId, type Page, toPage } from '@liancun/core'
import { and, eq } from 'drizzle-orm'
import { type FundsContext, type GuardOptions, type ProjectRef, runGuard } from '../context.js'
import { FundsError, notFound } from '../errors.js'
import type { CreateProjectInput, ProjectCategory } from '../inputs.js'
import type { ProjectStatus } from '../rules/lifecycle.js'
import { checkProject, isPublic } from '../rules/projects.js'
import { projects } from '../schema.js'
import {
  afterId,
  findProject,
  insertProject,
  inYear,
  type NamedSource,
  type ProjectChildren,
  type ProjectDetailRow,
  type ProjectRow,
  projectDetail,
  projectDetails,
  projectsWithin,
  projectWithSources,
  publicProjectRows,
} from '../store/projects.js'
import { keyOf } from '../store/sql.js'

/** A project with everything the library keeps about it, from the row and its children. */
export function toProject(row: ProjectRow, c: ProjectChildren) {
  const paidBySource = new Map<string, Fen>()
  const paidByTranche = new Map<string, Fen>()
  for (const p of c.paid) {
    paidBySource.set(p.fundSourceId, (paidBySource.get(p.fundSourceId) ?? 0n) + BigInt(p.amount))
    paidByTranche.set(p.trancheId, (paidByTranche.get(p.trancheId) ?? 0n) + BigInt(p.amount))
  }
  const funding = c.funding.map((f) => ({
    fundSourceId: f.fundSourceId,
    allocated: BigInt(f.amount),
    disbursed: paidBySource.get(f.fundSourceId) ?? 0n,
  }))
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
    beneficiaries: c.beneficiaries.map((b) => ({ villageCode: b.villageCode, units: BigInt(b.units) })),
    targets: c.targets.map((t) => ({
      level1: t.level1 as 'output' | 'benefit' | 'satisfaction',
      indicator: t.indicator,
      unit: t.unit,
      target: t.target,
      actuals: c.results
        .filter((r) => r.indicator === t.indicator)
        .map((r) => ({ period: r.period, actual: r.actual })),
    })),
    acceptance: row.acceptance
      ? {
          ...(JSON.parse(row.acceptance) as { acceptedOn: string; assetClass: string; note: string | null }),
          shares: c.shares.map((s) => ({
            holder: s.holder,
            contribution: s.contribution,
            units: BigInt(s.units),
          })),
        }
      : null,
    notices: c.notices.map((n) => ({
      id: n.id,
      stage: n.stage as 'approval' | 'completion',
      from: n.from,
      until: n.until,
      days: n.days,
      channels: JSON.parse(n.channels) as string[],
    })),
    funding,
    allocated: funding.reduce((s, f) => s + f.allocated, 0n),
    disbursed: funding.reduce((s, f) => s + f.disbursed, 0n),
    paymentPlan: c.plan.map((t) => ({
      id: t.id,
      label: t.label,
      trigger: t.trigger,
      percentBp: t.percentBp === null ? null : BigInt(t.percentBp),
      amount: BigInt(t.amount),
      retention: t.retention,
      dueOn: t.dueOn,
      milestoneMetOn: t.milestoneMetOn,
      disbursed: paidByTranche.get(t.id) ?? 0n,
    })),
    createdAt: row.createdAt.toISOString(),
  }
}
export type Project = ReturnType<typeof toProject>

export const projectOf = (detail: ProjectDetailRow): Project => toProject(detail.row, detail)

/** Where a project sits: what a guard authorises on. */
export function projectRef(row: ProjectRow, beneficiaryVillageCodes: readonly string[]): ProjectRef {
  return {
    countyCode: row.countyCode,
    id: row.id,
    townshipCode: row.townshipCode,
    implementerVillageCode: row.implementerVillageCode,
    beneficiaryVillageCodes: [...beneficiaryVillageCodes].sort(),
    allianceId: row.allianceId,
    status: row.status as ProjectStatus,
    budget: row.budget,
    category: row.category,
    name: row.name,
  }
}

const refOfDetail = (d: ProjectDetailRow) =>
  projectRef(
    d.row,
    d.beneficiaries.map((b) => b.villageCode),
  )

/** 项目公开: a project and the sources that fund it, named. Nothing in these records is personal. */
function publicView(project: Project, sources: readonly NamedSource[]) {
  const named = new Map(sources.map((s) => [s.id, s]))
  return {
    project,
    funds: project.funding.map((f) => {
      const s = named.get(f.fundSourceId)!
      return {
        name: s.name,
        kind: s.kind,
        level: s.level,
        documentNo: s.documentNo,
        directFund: s.directFund,
        allocated: f.allocated,
        disbursed: f.disbursed,
      }
    }),
  }
}

/** The project library (项目库): entering, reading and listing projects. */
export function projectPart({ db, clock }: FundsContext) {
  return {
    /** Enters a project into the library as a candidate; targets and a benefit mechanism are required. */
    async createProject(input: CreateProjectInput, createdBy: string): Promise<Project> {
      checkProject(input)
      const countyCode = countyOf(input.townshipCode)
      const id = newId(countyCode)
      const beneficiaries = input.beneficiaries.map((b) => ({
        countyCode,
        projectId: id,
        villageCode: b.villageCode,
        units: BigInt(b.units),
      }))
      const targets = input.targets.map((t, position) => ({ countyCode, projectId: id, position, ...t }))
      const row = await db.transaction((tx) =>
        insertProject(
          tx,
          {
            countyCode,
            id,
            name: input.name,
            category: input.category,
            allianceId: input.allianceId ?? null,
            townshipCode: input.townshipCode,
            implementerVillageCode: 'villageCode' in input.implementer ? input.implementer.villageCode : null,
            implementerPartnerId: 'partnerId' in input.implementer ? input.implementer.partnerId : null,
            budget: input.budget,
            location: input.location,
            startOn: input.startOn,
            endOn: input.endOn,
            benefitMechanism: input.benefitMechanism,
            proposedBy: input.proposedBy,
            status: 'candidate',
            createdBy,
            createdAt: clock.now(),
          },
          beneficiaries,
          targets,
        ),
      )
      // A new project has only what was just written: no read back.
      return toProject(row, {
        beneficiaries: [...beneficiaries]
          .sort((a, b) => (a.villageCode < b.villageCode ? -1 : 1))
          .map((b) => ({ villageCode: b.villageCode, units: b.units.toString() })),
        targets: input.targets,
        results: [],
        shares: [],
        notices: [],
        funding: [],
        plan: [],
        paid: [],
      })
    },

    /** A project with all it keeps, in one statement; `guard` sees where it sits. */
    async getProject(id: string, options?: GuardOptions<ProjectRef>): Promise<Project> {
      const found = await projectDetail(db, await keyOf(db, projects, id))
      if (!found) throw notFound('project', id)
      await runGuard(options?.guard, refOfDetail(found))
      return projectOf(found)
    },

    /**
     * A project as the public noticeboard shows it (项目公开): past the library stage and not
     * cancelled, with the sources that fund it named; one statement.
     */
    async publicProject(id: string) {
      const found = await projectWithSources(db, await keyOf(db, projects, id))
      if (!found || !isPublic(found.row.status)) {
        throw new FundsError('funds.project_not_found', `no public project ${id}`, { context: { id } })
      }
      return publicView(toProject(found.row, found), found.sources)
    },

    /** A page of public projects with their sources named, in ONE statement whatever its size. */
    async publicProjects(within: string | undefined, limit: number, after: string | null) {
      const rows = await publicProjectRows(db, within, limit + 1, after)
      return toPage(
        rows.map((r) => publicView(toProject(r.row, r), r.sources)),
        limit,
        (v) => v.project.id,
      )
    },

    /** Where a project sits, for scope checks and cross-domain gates; `guard` sees it too. */
    async projectScope(id: string, options?: GuardOptions<ProjectRef>) {
      const found = await findProject(db, await keyOf(db, projects, id))
      if (!found) throw notFound('project', id)
      const ref = projectRef(found.row, found.beneficiaryVillageCodes)
      await runGuard(options?.guard, ref)
      return {
        countyCode: ref.countyCode,
        townshipCode: ref.townshipCode,
        implementerVillageCode: ref.implementerVillageCode,
        beneficiaryVillageCodes: ref.beneficiaryVillageCodes,
        status: ref.status,
        budget: found.row.budget,
        name: found.row.name,
      }
    },

    /**
     * A page of projects with all their children, in ONE statement whatever its size; in the
     * county `within` names, or across counties for a wider one (or none).
     */
    async listProjects(query: {
      within?: string
      status?: ProjectStatus
      category?: string
      year?: number
      limit: number
      after: string | null
    }): Promise<Page<Project>> {
      const rows = await projectDetails(
        db,
        countyWithin(query.within),
        and(
          query.within ? projectsWithin(query.within) : undefined,
          query.status ? eq(projects.status, query.status) : undefined,
          query.category ? eq(projects.category, query.category) : undefined,
          inYear(projects.startOn, query.year),
          afterId(query.after),
        ),
        query.limit + 1,
      )
      return toPage(rows.map(projectOf), query.limit, (p) => p.id)
    },
  }
}
