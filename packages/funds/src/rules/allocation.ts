import { type Fen, formatMoney } from '@liancun/core'
import { FundsError } from '../errors.js'
import type { ProjectStatus } from './lifecycle.js'
import { FULL_BP } from './percent.js'

/** Allocation may happen once the county approved, until works are accepted. */
export const ALLOCATABLE: readonly ProjectStatus[] = ['approved', 'started']

export interface AllocatingProject {
  status: string
  countyCode: string
  townshipCode: string
  allianceId: string | null
  category: string
  budget: Fen
}

export interface AllocatingSource {
  name: string
  countyCode: string
  holderKind: string
  holderId: string
  allowedCategories: readonly string[]
  minIndustryShareBp: number | null
  amount: Fen
}

/**
 * 资金安排: an approved project of an allowed category, funded by a source of its county within
 * the holder's reach (a county anywhere in the county, a township in its own township, an
 * alliance its own projects); the source never goes negative, a required industry share stays
 * reachable (Σ non-industry ≤ (100% − share) × amount, whatever is allocated later, in any
 * order), and the project stays within its budget. Returns what the source has left. Pure.
 */
export function checkAllocation(
  project: AllocatingProject,
  source: AllocatingSource,
  amount: Fen,
  totals: { sourceAllocated: Fen; sourceNonIndustry: Fen; projectAllocated: Fen },
): { sourceAvailable: Fen } {
  if (!ALLOCATABLE.includes(project.status as ProjectStatus)) {
    throw new FundsError(
      'funds.project_not_approved',
      `money is allocated to an approved project; it is ${project.status}`,
    )
  }
  if (source.countyCode !== project.countyCode) {
    throw new FundsError('funds.cross_county', 'a source funds projects of its own county', {
      field: 'fundSourceId',
    })
  }
  const reaches =
    source.holderKind === 'county' ||
    (source.holderKind === 'township' && project.townshipCode === source.holderId) ||
    (source.holderKind === 'alliance' && project.allianceId === source.holderId)
  if (!reaches) {
    throw new FundsError(
      'funds.source_out_of_reach',
      `${source.name} is held by ${source.holderKind} ${source.holderId} and funds that ${source.holderKind}’s projects`,
      { field: 'fundSourceId', context: { holder: { kind: source.holderKind, id: source.holderId } } },
    )
  }
  if (!source.allowedCategories.includes(project.category)) {
    throw new FundsError(
      'funds.category_not_allowed',
      `${source.name} funds ${source.allowedCategories.join(', ')}; this project is ${project.category}`,
      { field: 'fundSourceId', context: { allowed: source.allowedCategories, category: project.category } },
    )
  }
  const available = source.amount - totals.sourceAllocated
  if (amount > available) {
    throw new FundsError(
      'funds.insufficient_source',
      `${source.name} has ${formatMoney(available)} available; ${formatMoney(amount)} asked`,
      { field: 'amount', context: { available: formatMoney(available), requested: formatMoney(amount) } },
    )
  }
  if (source.minIndustryShareBp !== null && project.category !== 'industry') {
    const bp = BigInt(source.minIndustryShareBp)
    if ((totals.sourceNonIndustry + amount) * FULL_BP > (FULL_BP - bp) * source.amount) {
      throw new FundsError(
        'funds.industry_share',
        `${source.name} keeps at least ${bp / 100n}% for industry projects; this allocation would leave less`,
        { field: 'amount' },
      )
    }
  }
  if (totals.projectAllocated + amount > project.budget) {
    throw new FundsError(
      'funds.over_budget',
      `the project’s budget is ${formatMoney(project.budget)}; ${formatMoney(totals.projectAllocated)} is allocated`,
      { field: 'amount' },
    )
  }
  return { sourceAvailable: available - amount }
}
