import { describe, expect, it } from 'vitest'
import { OrganizationError } from '../errors.js'
import {
  checkExcusal,
  checkRepresentativeTerm,
  checkSanction,
  meetingOfRepresentatives,
  rosterCounts,
} from './roster.js'

/** The refusal `fn` throws, so its code, kind and field can be asserted together. */
function refusal(fn: () => void): OrganizationError {
  try {
    fn()
  } catch (error) {
    if (error instanceof OrganizationError) return error
    throw error
  }
  throw new Error('expected a refusal, but the call passed')
}

describe('rosterCounts: 留党察看 takes the vote away, whatever the status (党章 Art. 40)', () => {
  // Asymmetric: 4 full (1 excused, 1 sanctioned, 1 sanctioned and excused), 3 probationary (1 sanctioned).
  const branch = [
    { status: 'full' as const, excused: false },
    { status: 'full' as const, excused: true },
    { status: 'full' as const, excused: false, sanctioned: true },
    { status: 'full' as const, excused: true, sanctioned: true },
    { status: 'full' as const, excused: false, sanctioned: false },
    { status: 'probationary' as const, excused: false, sanctioned: true },
    { status: 'probationary' as const, excused: false },
  ]

  it('counts the sanctioned among those who attend, and not among the full members who vote', () => {
    expect(rosterCounts(branch)).toEqual({
      full: 5,
      probationary: 2,
      excused: 2,
      shouldAttend: 5,
      sanctioned: 3,
      // Only the two full members neither excused nor sanctioned vote.
      fullVoting: 2,
    })
  })

  it('counts only `sanctioned: true` as sanctioned: absent or false is not', () => {
    expect(rosterCounts([{ status: 'full', excused: false, sanctioned: false }]).sanctioned).toBe(0)
    expect(rosterCounts([{ status: 'full', excused: false }]).sanctioned).toBe(0)
    expect(rosterCounts([{ status: 'full', excused: false, sanctioned: true }])).toMatchObject({
      sanctioned: 1,
      fullVoting: 0,
      shouldAttend: 1,
    })
  })

  it('one full member, neither excused nor sanctioned, is an electorate of one', () => {
    expect(rosterCounts([{ status: 'full', excused: false }]).fullVoting).toBe(1)
    expect(rosterCounts([{ status: 'probationary', excused: false }]).fullVoting).toBe(0)
  })
})

describe('overlapping periods are refused, naming the field (one excusal, term, 留党察看 at a time)', () => {
  it('refuses a 留党察看 sharing a day with another, and accepts one with no clash', () => {
    const error = refusal(() => checkSanction([{ from: '2024-03-01' }]))
    expect(error).toMatchObject({ code: 'organization.sanction_overlaps', field: 'sanction.from' })
    expect(error.message).toContain('2024-03-01')
    expect(() => checkSanction([])).not.toThrow()
  })

  it('names the field of an overlapping excusal and representative term', () => {
    expect(refusal(() => checkExcusal([{ from: '2024-01-01' }]))).toMatchObject({
      code: 'organization.excusal_overlaps',
      field: 'excusal.from',
    })
    expect(refusal(() => checkRepresentativeTerm([{}]))).toMatchObject({
      code: 'organization.representative_term_overlaps',
      field: 'from',
    })
    expect(() => checkRepresentativeTerm([])).not.toThrow()
  })
})

describe('meetingOfRepresentatives: 村委会 members and 村民代表, each person once (组织法 Art. 25)', () => {
  const person = (personId: string, gender: string | null = null) => ({
    personId,
    name: `name-${personId}`,
    gender,
  })

  it('counts a person holding both as a representative, and a committee member listed twice once', () => {
    const committee = [person('chair', 'male'), person('both', 'female'), person('member'), person('member')]
    const representatives = [person('both', 'female'), person('rep-1', 'female'), person('rep-2', 'male')]
    const meeting = meetingOfRepresentatives(committee, representatives)
    expect(meeting.members).toEqual([
      { personId: 'both', name: 'name-both', gender: 'female', representative: true },
      { personId: 'rep-1', name: 'name-rep-1', gender: 'female', representative: true },
      { personId: 'rep-2', name: 'name-rep-2', gender: 'male', representative: true },
      { personId: 'chair', name: 'name-chair', gender: 'male', representative: false },
      { personId: 'member', name: 'name-member', gender: null, representative: false },
    ])
    // The bodies as recorded, for the roster's report.
    expect(meeting.committee).toEqual(['chair', 'both', 'member', 'member'])
    expect(meeting.representatives).toEqual(['both', 'rep-1', 'rep-2'])
  })

  it('is the committee alone when no representatives are recorded, and empty for neither', () => {
    expect(meetingOfRepresentatives([person('a')], []).members).toEqual([
      { personId: 'a', name: 'name-a', gender: null, representative: false },
    ])
    expect(meetingOfRepresentatives([], [])).toEqual({ members: [], committee: [], representatives: [] })
  })
})
