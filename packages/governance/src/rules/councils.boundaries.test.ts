import { describe, expect, it } from 'vitest'
import type { GovernanceError } from '../errors.js'
import { SessionMinutesInput } from '../inputs.js'
import { planMinutes } from './councils.js'
import { NATIONAL_RULES } from './rule-set.js'

/**
 * 乡村夜话 minutes at their boundaries: a resolution spending the major-matter amount opens its
 * 四议两公开 matter (the amount is local practice, 5,000,000 fen by default); a resolution closes
 * as 不可办 only by a reasoned vote of more than half of those present; otherwise only with a 100%
 * progress report.
 */
const R1 = '01a23124-34cc-72c6-b231-6ab3268522f1'
const R2 = '01a23124-34cc-72c6-b231-6ab3268522f2'
const t1 = '01a23124-34cc-72c6-b231-6ab3268522e4'
const members = new Set(['a', 'b', 'c', 'd', 'e', 'f'])
const four = ['a', 'b', 'c', 'd']
const context = { members, agenda: new Set([t1]), open: [] as { id: string }[], rules: NATIONAL_RULES }
const minutes = (extra: object) => ({
  ...SessionMinutesInput.parse({ heldOn: '2024-03-10', present: [], ...extra }),
  present: four,
})
const refusal = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    const { code, field, context } = error as GovernanceError
    return { code, field, context }
  }
  return null
}

describe('a resolution at the major-matter amount opens its 四议两公开 matter', () => {
  const resolve = (resolution: object, rules = NATIONAL_RULES) =>
    planMinutes(
      minutes({
        deliberations: [
          {
            topicId: t1,
            outcome: 'resolved',
            votes: { yes: 3, no: 1, abstain: 0 },
            resolution: { text: '修建村道', owner: '村委会主任', dueOn: '2024-06-30', ...resolution },
          },
        ],
      }),
      { ...context, rules },
    )

  it('refuses exactly the major-matter amount without a matter, naming the field and both amounts', () => {
    expect(refusal(() => resolve({ amount: '50000.00' }))).toEqual({
      code: 'governance.major_matter_required',
      field: 'deliberations.0.resolution.matter',
      context: { amount: '5000000', majorMatterFen: '5000000' },
    })
  })

  it('accepts one fen under the amount without a matter, and the amount with one', () => {
    expect(resolve({ amount: '49999.99' })).toMatchObject({
      resolutions: [{ topicId: t1, amount: 4_999_999n, matter: null }],
    })
    expect(resolve({ amount: '50000.00', matter: { category: 'large_expenditure' } })).toMatchObject({
      resolutions: [{ topicId: t1, amount: 5_000_000n, matter: { category: 'large_expenditure' } }],
    })
  })

  it('never asks a matter of a resolution that spends nothing, even where every amount is major', () => {
    const everyAmount = { ...NATIONAL_RULES, majorMatterFen: 0n }
    expect(resolve({}, everyAmount)).toMatchObject({
      resolutions: [{ topicId: t1, amount: null, matter: null }],
    })
    expect(refusal(() => resolve({ amount: '0.00' }, everyAmount))?.code).toBe(
      'governance.major_matter_required',
    )
  })
})

describe('closing as not actionable (不可办): the reason and a vote of more than half of those present', () => {
  const close = (closure: object) =>
    planMinutes(
      minutes({
        progressReports: [{ resolutionId: R1, note: '无法实施', percent: 0 }],
        closures: [{ resolutionId: R1, reason: 'not_actionable', evidence: '县交通局复函', ...closure }],
      }),
      { ...context, open: [{ id: R1 }] },
    )
  const explanation = '规划调整，道路不再修建'

  it('closes with a reason and 3 yes of 4 present, recording the decision', () => {
    const plan = close({ explanation, votes: { yes: 3, no: 0, abstain: 1 } })
    expect(plan).toMatchObject({
      status: 'held',
      closures: [
        {
          resolutionId: R1,
          closure: {
            reason: 'not_actionable',
            evidence: '县交通局复函',
            explanation,
            on: '2024-03-10',
            decision: { base: 4, required: 3, count: 3, met: true, rule: NATIONAL_RULES.councilPass },
          },
        },
      ],
    })
  })

  it.each([
    // votes of 4 present: refused, and the yes counted
    [{ yes: 2, no: 0, abstain: 0 }, 2], // exactly half
    [{ yes: 2, no: 1, abstain: 1 }, 2],
    [{ yes: 3, no: 1, abstain: 1 }, 3], // five votes from four present
    [{ yes: 3, no: 2, abstain: 0 }, 3], // five votes from four present
  ])('refuses votes %o of 4 present, naming the votes', (votes, yes) => {
    expect(refusal(() => close({ explanation, votes }))).toEqual({
      code: 'governance.closure_needs_decision',
      field: 'closures.0.votes',
      context: { present: 4, required: 3, yes, basis: NATIONAL_RULES.councilPass.basis },
    })
  })

  it('refuses a closure without votes at the votes, and one without a reason at the explanation', () => {
    expect(refusal(() => close({ explanation }))).toMatchObject({
      code: 'governance.closure_needs_decision',
      field: 'closures.0.votes',
      context: { yes: 0 },
    })
    expect(refusal(() => close({ votes: { yes: 4, no: 0, abstain: 0 } }))).toMatchObject({
      code: 'governance.closure_needs_decision',
      field: 'closures.0.explanation',
      context: { yes: 4 },
    })
  })
})

describe('closing as solved: with this resolution’s own 100% progress report', () => {
  const close = (reports: { resolutionId: string; percent: number }[], resolutionId = R2) =>
    planMinutes(
      minutes({
        progressReports: reports.map((r) => ({ ...r, note: '进展' })),
        closures: [{ resolutionId, reason: 'solved', evidence: '照片' }],
      }),
      { ...context, open: [{ id: R1 }, { id: R2 }] },
    )

  it('refuses 99%, naming the closure and the percent', () => {
    expect(
      refusal(() =>
        close([
          { resolutionId: R1, percent: 100 },
          { resolutionId: R2, percent: 99 },
        ]),
      ),
    ).toEqual({ code: 'governance.closure_not_complete', field: 'closures.0', context: { percent: 99 } })
  })

  it('does not borrow another resolution’s 100%', () => {
    expect(
      refusal(() =>
        close([
          { resolutionId: R1, percent: 100 },
          { resolutionId: R2, percent: 0 },
        ]),
      ),
    ).toEqual({ code: 'governance.closure_not_complete', field: 'closures.0', context: { percent: 0 } })
    expect(
      close([
        { resolutionId: R1, percent: 40 },
        { resolutionId: R2, percent: 100 },
      ]),
    ).toMatchObject({ closures: [{ resolutionId: R2, closure: { reason: 'solved', on: '2024-03-10' } }] })
  })
})
