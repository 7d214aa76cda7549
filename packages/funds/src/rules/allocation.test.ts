import { describe, expect, it } from 'vitest'
import type { FundsError } from '../errors.js'
import { type AllocatingProject, type AllocatingSource, checkAllocation } from './allocation.js'

const project: AllocatingProject = {
  status: 'approved',
  countyCode: '370323',
  townshipCode: '370323107',
  allianceId: 'a1',
  category: 'livelihood',
  budget: 50_000_00n,
}
const source: AllocatingSource = {
  name: '扶持资金',
  countyCode: '370323',
  holderKind: 'township',
  holderId: '370323107',
  allowedCategories: ['industry', 'livelihood'],
  minIndustryShareBp: null,
  amount: 100_000_00n,
}
const none = { sourceAllocated: 0n, sourceNonIndustry: 0n, projectAllocated: 0n }
const code = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    return (error as FundsError).code
  }
  return null
}

describe('checkAllocation', () => {
  it('allocates to an approved or started project and says what the source has left', () => {
    expect(checkAllocation(project, source, 10_000_00n, { ...none, sourceAllocated: 30_000_00n })).toEqual({
      sourceAvailable: 60_000_00n,
    })
    expect(checkAllocation({ ...project, status: 'started' }, source, 1n, none).sourceAvailable).toBe(
      99_999_99n,
    )
    for (const status of ['submitted', 'accepted', 'cancelled']) {
      expect(code(() => checkAllocation({ ...project, status }, source, 1n, none))).toBe(
        'funds.project_not_approved',
      )
    }
  })

  it('funds projects of its own county, within its holder’s reach, of its allowed categories', () => {
    expect(code(() => checkAllocation({ ...project, countyCode: '370322' }, source, 1n, none))).toBe(
      'funds.cross_county',
    )
    expect(code(() => checkAllocation({ ...project, townshipCode: '370323108' }, source, 1n, none))).toBe(
      'funds.source_out_of_reach',
    )
    const county = { ...source, holderKind: 'county', holderId: '370323' }
    expect(
      code(() => checkAllocation({ ...project, townshipCode: '370323108' }, county, 1n, none)),
    ).toBeNull()
    const alliance = { ...source, holderKind: 'alliance', holderId: 'a1' }
    expect(code(() => checkAllocation(project, alliance, 1n, none))).toBeNull()
    expect(code(() => checkAllocation({ ...project, allianceId: null }, alliance, 1n, none))).toBe(
      'funds.source_out_of_reach',
    )
    expect(code(() => checkAllocation({ ...project, category: 'infrastructure' }, source, 1n, none))).toBe(
      'funds.category_not_allowed',
    )
  })

  it('never overdraws the source, keeps the industry share reachable, and stays within the budget', () => {
    expect(code(() => checkAllocation(project, source, 100_000_01n, none))).toBe('funds.insufficient_source')
    const share = { ...source, minIndustryShareBp: 6000 }
    // Σ non-industry may reach 40% of the amount, no more.
    expect(code(() => checkAllocation(project, share, 40_000_00n, none))).toBeNull()
    expect(code(() => checkAllocation(project, share, 40_000_01n, none))).toBe('funds.industry_share')
    expect(
      code(() => checkAllocation({ ...project, category: 'industry' }, share, 50_000_00n, none)),
    ).toBeNull()
    expect(code(() => checkAllocation(project, source, 1n, { ...none, projectAllocated: 50_000_00n }))).toBe(
      'funds.over_budget',
    )
  })
})
