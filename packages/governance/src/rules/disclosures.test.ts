import { describe, expect, it } from 'vitest'
import type { GovernanceError } from '../errors.js'
import type { CreateMatterDisclosureInput } from '../inputs.js'
import {
  checkDisclosure,
  checkImplementation,
  checkResponse,
  isOverdue,
  objectionDueOn,
} from './disclosures.js'

const code = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    return (error as GovernanceError).code
  }
  return null
}
const resolved = { state: 'resolved', implementation: 'none' }
const disclosure = (from: string, until: string): CreateMatterDisclosureInput => ({
  kind: 'resolution',
  channels: ['online'],
  from,
  until,
})

describe('两公开', () => {
  it('discloses a resolution once resolved, for at least the configured days', () => {
    expect(
      code(() =>
        checkDisclosure({ ...resolved, state: 'resolution' }, disclosure('2024-03-01', '2024-03-07'), 7),
      ),
    ).toBe('governance.not_resolved')
    expect(code(() => checkDisclosure(resolved, disclosure('2024-03-01', '2024-03-06'), 7))).toBe(
      'governance.disclosure_too_short',
    )
    expect(code(() => checkDisclosure(resolved, disclosure('2024-03-01', '2024-03-07'), 7))).toBeNull()
  })

  it('discloses the result once the implementation is completed', () => {
    const result: CreateMatterDisclosureInput = {
      kind: 'result',
      channels: ['online'],
      from: '2024-05-01',
      until: '2024-05-07',
    }
    expect(code(() => checkDisclosure({ ...resolved, implementation: 'started' }, result, 7))).toBe(
      'governance.not_implemented',
    )
    expect(code(() => checkDisclosure({ ...resolved, implementation: 'completed' }, result, 7))).toBeNull()
  })
})

describe('objections', () => {
  it('answer a disclosed resolution and are due in the configured days', () => {
    expect(code(() => objectionDueOn(resolved, false, '2024-03-02', 3))).toBe('governance.nothing_disclosed')
    expect(code(() => objectionDueOn({ ...resolved, state: 'consultation' }, true, '2024-03-02', 3))).toBe(
      'governance.nothing_disclosed',
    )
    expect(objectionDueOn(resolved, true, '2024-03-30', 3)).toBe('2024-04-02')
  })

  it('are answered once, not before they were made, and show when late', () => {
    const open = { outcome: null, submittedOn: '2024-03-02', dueOn: '2024-03-05', respondedOn: null }
    const answer = { outcome: 'dismissed', respondedOn: '2024-03-01', response: 'r' } as const
    expect(code(() => checkResponse(open, answer))).toBe('governance.response_before_objection')
    expect(
      code(() => checkResponse({ ...open, outcome: 'dismissed' }, { ...answer, respondedOn: '2024-03-03' })),
    ).toBe('governance.objection_answered')
    expect(isOverdue(open, '2024-03-05')).toBe(false)
    expect(isOverdue(open, '2024-03-06')).toBe(true)
    expect(isOverdue({ ...open, outcome: 'dismissed', respondedOn: '2024-03-06' }, '2024-03-06')).toBe(true)
    expect(isOverdue({ ...open, outcome: 'dismissed', respondedOn: '2024-03-05' }, '2024-04-01')).toBe(false)
  })
})

describe('实施', () => {
  const start = { status: 'started', on: '2024-03-16' } as const
  it('starts after the disclosure ended with no objection pending, once', () => {
    expect(code(() => checkImplementation(resolved, start, null, []))).toBe('governance.not_disclosed')
    expect(
      code(() => checkImplementation(resolved, { ...start, on: '2024-03-15' }, { until: '2024-03-15' }, [])),
    ).toBe('governance.disclosure_running')
    expect(code(() => checkImplementation(resolved, start, { until: '2024-03-15' }, ['o1']))).toBe(
      'governance.objection_pending',
    )
    expect(
      code(() =>
        checkImplementation({ ...resolved, implementation: 'started' }, start, { until: '2024-03-15' }, []),
      ),
    ).toBe('governance.already_started')
    expect(code(() => checkImplementation(resolved, start, { until: '2024-03-15' }, []))).toBeNull()
  })

  it('completes after it started', () => {
    const complete = { status: 'completed', on: '2024-05-01' } as const
    expect(code(() => checkImplementation(resolved, complete, { until: '2024-03-15' }, []))).toBe(
      'governance.not_started',
    )
    expect(
      code(() => checkImplementation({ ...resolved, implementation: 'started' }, complete, null, [])),
    ).toBeNull()
  })
})

describe('两公开 and 实施: boundaries and what a refusal names', () => {
  const refusal = (f: () => unknown) => {
    try {
      f()
    } catch (error) {
      const { code, field, context } = error as GovernanceError
      return { code, field, context }
    }
    return null
  }

  it.each([
    // from, until, days required → refusal context
    ['2024-03-01', '2024-03-07', 7, null], // exactly seven days, both ends counted
    ['2024-03-01', '2024-03-06', 7, { days: 6, required: 7 }], // one short
    ['2024-03-01', '2024-03-01', 1, null],
    ['2024-03-01', '2024-03-10', 10, null],
    ['2024-03-01', '2024-03-09', 10, { days: 9, required: 10 }],
  ] as const)('a disclosure from %s until %s, %i days required', (from, until, required, context) => {
    expect(refusal(() => checkDisclosure(resolved, disclosure(from, until), required))).toEqual(
      context === null ? null : { code: 'governance.disclosure_too_short', field: 'until', context },
    )
  })

  it('takes a response on the day of the objection, not the day before', () => {
    const open = { outcome: null, submittedOn: '2024-03-02' }
    const answer = (respondedOn: string) => ({ outcome: 'upheld', respondedOn, response: 'r' }) as const
    expect(refusal(() => checkResponse(open, answer('2024-03-02')))).toBeNull()
    expect(refusal(() => checkResponse(open, answer('2024-03-01')))).toEqual({
      code: 'governance.response_before_objection',
      field: 'respondedOn',
      context: {},
    })
  })

  it('starts implementation only for a resolved matter with a disclosure, the day after it ends', () => {
    const latest = { until: '2024-03-15' }
    const start = (on: string) => ({ status: 'started', on }) as const
    const atReview = { state: 'party_review', implementation: 'none' }
    expect(refusal(() => checkImplementation(atReview, start('2024-03-16'), latest, []))?.code).toBe(
      'governance.not_disclosed',
    )
    expect(refusal(() => checkImplementation(resolved, start('2024-03-15'), latest, []))).toEqual({
      code: 'governance.disclosure_running',
      field: 'on',
      context: { until: '2024-03-15' },
    })
    expect(refusal(() => checkImplementation(resolved, start('2024-03-16'), latest, []))).toBeNull()
    expect(refusal(() => checkImplementation(resolved, start('2024-03-16'), latest, ['o1', 'o2']))).toEqual({
      code: 'governance.objection_pending',
      field: undefined,
      context: { objections: ['o1', 'o2'] },
    })
    expect(
      refusal(() =>
        checkImplementation({ ...resolved, implementation: 'completed' }, start('2024-03-16'), latest, []),
      ),
    )?.toMatchObject({ code: 'governance.already_started' })
    expect(
      refusal(() =>
        checkImplementation(
          { ...resolved, implementation: 'completed' },
          { status: 'completed', on: '2024-05-01' },
          latest,
          [],
        ),
      )?.code,
    ).toBe('governance.not_started')
  })

  it('is overdue when unanswered after the due day, or answered after it', () => {
    const due = { dueOn: '2024-03-05' }
    expect(isOverdue({ ...due, outcome: null, respondedOn: null }, '2024-03-05')).toBe(false)
    expect(isOverdue({ ...due, outcome: null, respondedOn: null }, '2024-03-06')).toBe(true)
    expect(isOverdue({ ...due, outcome: 'upheld', respondedOn: '2024-03-05' }, '2024-03-30')).toBe(false)
    expect(isOverdue({ ...due, outcome: 'upheld', respondedOn: '2024-03-06' }, '2024-03-06')).toBe(true)
  })
})
