import { describe, expect, it } from 'vitest'
import type { GovernanceError } from '../errors.js'
import type { MatterMeetingInput } from '../inputs.js'
import { judgeMeeting, representativesComposition, tallyVotes } from './meeting.js'
import { NATIONAL_RULES } from './rule-set.js'

type Vote = { personId: string; option: 'yes' | 'no' | 'abstain' }
const meeting = (
  attendees: string[],
  votes: MatterMeetingInput['votes'],
  writtenOpinions?: Vote[],
): MatterMeetingInput => ({
  heldOn: '2024-03-01',
  attendees,
  votes,
  minutes: 'm',
  ...(writtenOpinions ? { writtenOpinions } : {}),
})
const byName = (yes: string[], no: string[] = [], abstain: string[] = []): Vote[] => [
  ...yes.map((personId) => ({ personId, option: 'yes' as const })),
  ...no.map((personId) => ({ personId, option: 'no' as const })),
  ...abstain.map((personId) => ({ personId, option: 'abstain' as const })),
]
const refusal = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    const { code, field } = error as GovernanceError
    return { code, field }
  }
  return null
}

describe('tallyVotes: who voted yes, by name, written opinions included', () => {
  const everyone = new Set(['a', 'b', 'c', 'd', 'e'])
  it('names the yes voters present and the absent voters whose written opinion is yes, no one else', () => {
    const { tally, yesBy } = tallyVotes(
      meeting(['a', 'b', 'c'], byName(['a'], ['b'], ['c']), [
        { personId: 'd', option: 'yes' },
        { personId: 'e', option: 'no' },
      ]),
      everyone,
      everyone,
    )
    expect(yesBy).toEqual(['a', 'd'])
    expect(tally).toEqual({ yes: 2, no: 2, abstain: 1, written: 2 })
  })

  it('names no one when the vote was recorded as totals', () => {
    expect(
      tallyVotes(meeting(['a', 'b'], { yes: 2, no: 0, abstain: 0 }), everyone, everyone).yesBy,
    ).toBeNull()
  })

  it('refuses a vote by name from someone who attends without a vote, naming the vote', () => {
    expect(
      refusal(() => tallyVotes(meeting(['a', 'b'], byName(['a', 'b'])), everyone, new Set(['a']))),
    ).toEqual({
      code: 'governance.voter_without_vote',
      field: 'votes.1.personId',
    })
  })
})

describe('every pass rule applied is listed, for the committee and the 党员大会 too', () => {
  it('lists the committee’s one pass rule (支部工作条例 Art. 12)', () => {
    const members = ['a', 'b', 'c']
    const result = judgeMeeting(
      meeting(members, { yes: 2, no: 1, abstain: 0 }),
      { kind: 'committee', members },
      NATIONAL_RULES,
    )
    expect(result.passes).toEqual([result.pass])
    expect(result.pass).toMatchObject({ base: 3, required: 2, count: 2, met: true })
  })

  it('lists the 党员大会’s one pass rule (Art. 11), counted of full members not sanctioned', () => {
    const roster = {
      kind: 'party_assembly' as const,
      fullVoting: ['f1', 'f2', 'f3', 'f4'],
      probationary: ['p1'],
      sanctioned: ['f4'],
    }
    const result = judgeMeeting(
      meeting(['f1', 'f2', 'f4', 'p1'], { yes: 2, no: 0, abstain: 0 }),
      roster,
      NATIONAL_RULES,
    )
    expect(result.passes).toEqual([result.pass])
    expect(result.pass).toMatchObject({ base: 3, required: 2, count: 2, met: true })
    expect(result.outcome).toBe('passed')
  })
})

describe('村民代表会议: yes of 村民代表 themselves for the land majority (农村土地承包法: 三分之二以上村民代表)', () => {
  // Asymmetric: six 村民代表 and two 村委会 members who are not representatives (组织法 Art. 25).
  const reps = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5']
  const roster = { kind: 'representatives' as const, members: [...reps, 'c0', 'c1'], representatives: reps }
  const land = { category: 'land_contracting' }

  it('passes the body’s rule by everyone’s yes: committee members’ votes count there', () => {
    // 6 of 8 present (exactly 2/3); yes 4 of 6 present, two of them committee members.
    const result = judgeMeeting(
      meeting(['r0', 'r1', 'r2', 'r3', 'c0', 'c1'], byName(['c0', 'c1', 'r0', 'r1'], ['r2', 'r3'])),
      roster,
      NATIONAL_RULES,
    )
    expect(result.outcome).toBe('passed')
    expect(result.pass).toMatchObject({ base: 6, count: 4, met: true })
  })

  it('rejects a land matter with 3 of 6 村民代表 yes, however many committee members join them', () => {
    const result = judgeMeeting(
      meeting([...reps, 'c0', 'c1'], byName(['c0', 'c1', 'r0', 'r1', 'r2'], ['r3', 'r4', 'r5'])),
      roster,
      NATIONAL_RULES,
      land,
    )
    expect(result.passes.map((p) => [p.base, p.required, p.count, p.met])).toEqual([
      [8, 5, 5, true],
      [6, 4, 3, false],
    ])
    expect(result.outcome).toBe('rejected')
  })

  it('counts an absent representative’s written yes towards the 2/3, and a written no not', () => {
    const present = ['r0', 'r1', 'r2', 'r3', 'r4', 'c0', 'c1']
    const votes = byName(['r0', 'r1', 'r2', 'c0'], ['r3', 'r4'], ['c1'])
    const withYes = judgeMeeting(
      meeting(present, votes, [{ personId: 'r5', option: 'yes' }]),
      roster,
      NATIONAL_RULES,
      land,
    )
    expect(withYes.passes.map((p) => p.count)).toEqual([5, 4])
    expect(withYes.outcome).toBe('passed')
    const withNo = judgeMeeting(
      meeting(present, votes, [{ personId: 'r5', option: 'no' }]),
      roster,
      NATIONAL_RULES,
      land,
    )
    expect(withNo.passes.map((p) => p.count)).toEqual([4, 3])
    expect(withNo.outcome).toBe('rejected')
  })
})

describe('the 村民代表会议’s make-up (组织法 Art. 25: 村民代表 4/5 以上, women 1/3 以上 of its members)', () => {
  const people = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`)
  const report = (roster: Omit<Parameters<typeof representativesComposition>[0], 'kind'>) =>
    representativesComposition({ kind: 'representatives', ...roster }, NATIONAL_RULES)

  it('warns of 7 representatives of 10 members (8 expected), and of no woman recorded', () => {
    const members = people(10, 'm')
    const result = report({ members, representatives: members.slice(0, 7), unknownGender: 2 })
    expect(result.representatives).toMatchObject({ base: 10, required: 8, count: 7, met: false })
    expect(result.womenRepresentatives).toMatchObject({ base: 10, required: 4, count: 0, met: false })
    expect(result.unknownGender).toBe(2)
    expect(result.warnings).toEqual([
      '村民代表 are 7 of 10 members; at least 8 expected',
      'women representatives are 0 of 10 members; at least 4 expected (2 without a recorded gender)',
    ])
  })

  it('is silent at exactly 8 of 10 representatives and 4 of 10 women', () => {
    const members = people(10, 'm')
    const result = report({
      members,
      representatives: members.slice(0, 8),
      womenRepresentatives: members.slice(0, 4),
    })
    expect(result.representatives.met).toBe(true)
    expect(result.womenRepresentatives).toMatchObject({ count: 4, met: true })
    expect(result.unknownGender).toBe(0)
    expect(result.warnings).toEqual([])
  })

  it('says nothing of unrecorded genders when every gender is recorded', () => {
    const members = people(5, 'm')
    const result = report({ members, womenRepresentatives: ['m0'] })
    expect(result.representatives).toMatchObject({ count: 5, met: true })
    expect(result.warnings).toEqual(['women representatives are 1 of 5 members; at least 2 expected'])
  })
})
