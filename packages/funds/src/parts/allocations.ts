import { newId } from '@liancun/core'
import { type FundsContext, type ProjectAndSourceGuards, runGuard } from '../context.js'
import { notFound } from '../errors.js'
import type { AllocationInput } from '../inputs.js'
import { checkAllocation } from '../rules/allocation.js'
import { fundSources, projects } from '../schema.js'
import { allocationTotals, insertAllocation } from '../store/allocations.js'
import { findProject } from '../store/projects.js'
import { findSource } from '../store/sources.js'
import { keyOf } from '../store/sql.js'
import { projectRef } from './projects.js'
import { sourceRef } from './sources.js'

/** 资金安排: committing part of a source to a project. */
export function allocationPart({ db, clock }: FundsContext) {
  return {
    /**
     * Commits part of a source to an approved project of an allowed category. The project and
     * source rows are locked (by `(county_code, id)`), then the totals are read, so concurrent
     * allocations that would overdraw the source fail one by one. `guard` sees the project,
     * `sourceGuard` the source.
     */
    async allocate(
      projectId: string,
      input: AllocationInput,
      createdBy: string,
      options?: ProjectAndSourceGuards,
    ) {
      const projectKey = await keyOf(db, projects, projectId)
      const sourceKey = await keyOf(db, fundSources, input.fundSourceId)
      return db.transaction(async (tx) => {
        const project = await findProject(tx, projectKey, { lock: true })
        if (!project) throw notFound('project', projectId)
        await runGuard(options?.guard, projectRef(project.row, project.beneficiaryVillageCodes))
        const source = await findSource(tx, sourceKey, { lock: true })
        if (!source) throw notFound('source', input.fundSourceId)
        await runGuard(options?.sourceGuard, sourceRef(source))
        // A source of another county is refused (funds.cross_county) before any total counts,
        // so its totals are not read: no statement spans two counties.
        const totals =
          source.countyCode === project.row.countyCode
            ? await allocationTotals(tx, source.countyCode, {
                sourceId: source.id,
                projectId: project.row.id,
              })
            : { sourceAllocated: 0n, sourceNonIndustry: 0n, projectAllocated: 0n }
        const { sourceAvailable } = checkAllocation(
          project.row,
          { ...source, allowedCategories: JSON.parse(source.allowedCategories) as string[] },
          input.amount,
          totals,
        )
        const row = await insertAllocation(tx, {
          countyCode: project.row.countyCode,
          id: newId(project.row.countyCode),
          fundSourceId: source.id,
          projectId: project.row.id,
          amount: input.amount,
          createdBy,
          createdAt: clock.now(),
        })
        return {
          id: row.id,
          projectId: project.row.id,
          fundSourceId: source.id,
          amount: row.amount,
          sourceAvailable,
          createdAt: row.createdAt.toISOString(),
        }
      })
    },
  }
}
