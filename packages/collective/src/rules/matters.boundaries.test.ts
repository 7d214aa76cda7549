import { describe, expect, it } from 'vitest'
import { MAJOR_MATTER_BASIS, matterStandingProblem, requireMatter } from './matters.js'
import { refused } from './refused.test-helper.js'

// 四议两公开 (中国共产党农村基层组织工作条例 2019): a disposal or contract at or above the
// major-matter amount names its matter; the refusal names matterId, the two amounts and the basis.

describe('the major-matter refusal names matterId, the amounts and the basis', () => {
  it('exactly the amount without a matter', () => {
    const error = refused(
      () =>
        requireMatter({ amount: 5_000_000n, majorMatterAmount: 5_000_000n, matterId: null, what: '处置' }),
      'collective.matter_required',
    )
    expect(error.field).toBe('matterId')
    expect(error.context).toEqual({
      amount: '50000.00',
      majorMatterAmount: '50000.00',
      basis: MAJOR_MATTER_BASIS,
    })
  })

  it('a matter still missing steps: the refusal lists them', () => {
    const problem = matterStandingProblem('mt-1', ['党员大会审议', '决议公开'])
    expect(problem?.field).toBe('matterId')
    expect(problem?.context).toEqual({
      matterId: 'mt-1',
      missing: ['党员大会审议', '决议公开'],
      basis: MAJOR_MATTER_BASIS,
    })
  })

  it('cites 四议两公开 and the 2019 条例', () => {
    expect(MAJOR_MATTER_BASIS).toContain('四议两公开')
    expect(MAJOR_MATTER_BASIS).toContain('中国共产党农村基层组织工作条例 2019')
  })
})
