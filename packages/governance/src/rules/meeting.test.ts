import { describe, expect, it } from 'vitest'
import type { MatterMeetingInput } from '../inputs.js'
import { judgeMeeting } from './meeting.js'
import { NATIONAL_RULES } from './rule-set.js'

const ids = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `${prefix}${i}`)
const meeting = (
  attendees: string[],
  votes: MatterMeetingInput['votes'],
  extra: Partial<MatterMeetingInput> = {},
): MatterMeetingInput => ({
  heldOn: '2024-03-01',
  attendees,
  votes,
  minutes: 'm',
  ...extra,
})
const code = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    return (error as { code: string }).code
  }
  return null
}

describe('judgeMeeting', () => {
  it('needs more than half of the committee present and yes from more than half of its members', () => {
    const members = ids(5)
    const roster = { kind: 'committee' as const, members }
    expect(
      judgeMeeting(meeting(members.slice(0, 2), { yes: 2, no: 0, abstain: 0 }), roster, NATIONAL_RULES)
        .outcome,
    ).toBe('quorum_not_met')
    expect(
      judgeMeeting(meeting(members.slice(0, 3), { yes: 3, no: 0, abstain: 0 }), roster, NATIONAL_RULES)
        .outcome,
    ).toBe('passed')
    expect(
      judgeMeeting(meeting(members.slice(0, 4), { yes: 2, no: 2, abstain: 0 }), roster, NATIONAL_RULES)
        .outcome,
    ).toBe('rejected')
  })

  it('refuses people not on the roster, and more votes than voters present', () => {
    const roster = { kind: 'committee' as const, members: ids(3) }
    expect(
      code(() => judgeMeeting(meeting(['stranger'], { yes: 1, no: 0, abstain: 0 }), roster, NATIONAL_RULES)),
    ).toBe('governance.attendee_not_on_roster')
    expect(
      code(() => judgeMeeting(meeting(ids(2), { yes: 3, no: 0, abstain: 0 }), roster, NATIONAL_RULES)),
    ).toBe('governance.more_votes_than_voters')
  })

  it('lets probationary members attend but not vote, and counts written opinions of absent voters', () => {
    const roster = { kind: 'party_assembly' as const, fullVoting: ids(10, 'f'), probationary: ids(2, 'x') }
    expect(
      code(() =>
        judgeMeeting(meeting(['f0', 'x0'], [{ personId: 'x0', option: 'yes' }]), roster, NATIONAL_RULES),
      ),
    ).toBe('governance.voter_without_vote')
    // 6 full present (> 5), 5 yes in the room + 1 written = 6 > half of 10 should attend.
    const present = ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'x0']
    const votes = ['f0', 'f1', 'f2', 'f3', 'f4'].map((personId) => ({ personId, option: 'yes' as const }))
    const withWritten = judgeMeeting(
      meeting(present, votes, { writtenOpinions: [{ personId: 'f9', option: 'yes' }] }),
      roster,
      NATIONAL_RULES,
    )
    expect(withWritten).toMatchObject({
      outcome: 'passed',
      tally: { yes: 6, written: 1 },
      pass: { base: 10, required: 6 },
    })
    expect(judgeMeeting(meeting(present, votes), roster, NATIONAL_RULES).outcome).toBe('rejected')
  })

  it('takes exactly 2/3 of representatives as a quorum', () => {
    const roster = { kind: 'representatives' as const, members: ids(30) }
    expect(
      judgeMeeting(meeting(ids(20), { yes: 11, no: 9, abstain: 0 }), roster, NATIONAL_RULES).outcome,
    ).toBe('passed')
    expect(
      judgeMeeting(meeting(ids(19), { yes: 19, no: 0, abstain: 0 }), roster, NATIONAL_RULES).outcome,
    ).toBe('quorum_not_met')
  })

  it('counts each attendee and each named vote once, from those present', () => {
    const roster = { kind: 'committee' as const, members: ids(5) }
    const judged = (m: MatterMeetingInput) => code(() => judgeMeeting(m, roster, NATIONAL_RULES))
    expect(judged(meeting(['p0', 'p1', 'p0'], { yes: 2, no: 0, abstain: 0 }))).toBe(
      'governance.attendee_twice',
    )
    expect(
      judged(
        meeting(
          ['p0', 'p1', 'p2'],
          [
            { personId: 'p0', option: 'yes' },
            { personId: 'p0', option: 'no' },
          ],
        ),
      ),
    ).toBe('governance.double_vote')
    expect(judged(meeting(['p0', 'p1', 'p2'], [{ personId: 'p3', option: 'yes' }]))).toBe(
      'governance.voter_not_present',
    )
    // a written opinion comes from a voter who is absent, never from one in the room
    expect(
      judged(
        meeting(
          ['p0', 'p1', 'p2'],
          { yes: 3, no: 0, abstain: 0 },
          {
            writtenOpinions: [{ personId: 'p1', option: 'yes' }],
          },
        ),
      ),
    ).toBe('governance.invalid_written_opinion')
    expect(
      judged(
        meeting(
          ['p0', 'p1', 'p2'],
          { yes: 3, no: 0, abstain: 0 },
          {
            writtenOpinions: [{ personId: 'stranger', option: 'yes' }],
          },
        ),
      ),
    ).toBe('governance.invalid_written_opinion')
  })
})

const refusal = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    const { code, field, context } = error as { code: string; field?: string; context: object }
    return { code, field, context }
  }
  return null
}

describe('judgeMeeting: refusals name the field', () => {
  const roster = { kind: 'committee' as const, members: ids(5) }
  const judged = (m: MatterMeetingInput) => refusal(() => judgeMeeting(m, roster, NATIONAL_RULES))

  it.each([
    [
      meeting(['p0', 'stranger'], { yes: 1, no: 0, abstain: 0 }),
      'governance.attendee_not_on_roster',
      'attendees.1',
      { personId: 'stranger' },
    ],
    [
      meeting(['p0', 'p1', 'p1'], { yes: 1, no: 0, abstain: 0 }),
      'governance.attendee_twice',
      'attendees.2',
      {},
    ],
    [
      meeting(
        ['p0', 'p1'],
        [
          { personId: 'p0', option: 'yes' },
          { personId: 'p2', option: 'yes' },
        ],
      ),
      'governance.voter_not_present',
      'votes.1.personId',
      {},
    ],
    [
      meeting(
        ['p0', 'p1'],
        [
          { personId: 'p1', option: 'yes' },
          { personId: 'p1', option: 'no' },
        ],
      ),
      'governance.double_vote',
      'votes.1.personId',
      {},
    ],
    [
      meeting(['p0', 'p1'], { yes: 1, no: 1, abstain: 1 }),
      'governance.more_votes_than_voters',
      'votes',
      { cast: 3, presentVoters: 2 },
    ],
    [
      meeting(
        ['p0', 'p1', 'p2'],
        { yes: 3, no: 0, abstain: 0 },
        {
          writtenOpinions: [
            { personId: 'p4', option: 'yes' },
            { personId: 'p2', option: 'yes' },
          ],
        },
      ),
      'governance.invalid_written_opinion',
      'writtenOpinions.1.personId',
      {},
    ],
  ] as const)('%#: %s on %s', (m, code, field, context) => {
    expect(judged(m as MatterMeetingInput)).toEqual({ code, field, context })
  })
})

describe('judgeMeeting: the tally and who counts', () => {
  it('tallies named votes and counted votes per option', () => {
    const roster = { kind: 'committee' as const, members: ids(7) }
    const named = judgeMeeting(
      meeting(ids(6), [
        { personId: 'p0', option: 'yes' },
        { personId: 'p1', option: 'yes' },
        { personId: 'p2', option: 'no' },
        { personId: 'p3', option: 'abstain' },
        { personId: 'p4', option: 'abstain' },
      ]),
      roster,
      NATIONAL_RULES,
    )
    expect(named.tally).toEqual({ yes: 2, no: 1, abstain: 2, written: 0 })
    const counted = judgeMeeting(
      meeting(ids(6), { yes: 3, no: 2, abstain: 1 }, { writtenOpinions: [{ personId: 'p6', option: 'no' }] }),
      roster,
      NATIONAL_RULES,
    )
    expect(counted.tally).toEqual({ yes: 3, no: 3, abstain: 1, written: 1 })
    expect(counted.outcome).toBe('rejected') // 3 yes of 7 members
  })

  it('decides a committee by more than half of all its members, not of those present', () => {
    const roster = { kind: 'committee' as const, members: ids(7) }
    const j = judgeMeeting(meeting(ids(5), { yes: 3, no: 0, abstain: 2 }), roster, NATIONAL_RULES)
    expect(j.pass).toMatchObject({ base: 7, required: 4, count: 3, met: false })
    expect(j.pass.rule).toEqual({
      denominator: 'members',
      threshold: { comparator: 'gt', num: 1, den: 2 },
      basis: { law: '中国共产党支部工作条例（试行）', version: '2018', article: '12' },
    })
    expect(j.outcome).toBe('rejected')
    expect(judgeMeeting(meeting(ids(5), { yes: 4, no: 0, abstain: 1 }), roster, NATIONAL_RULES).outcome).toBe(
      'passed',
    )
  })

  it('counts probationary members present neither for the quorum nor as voters', () => {
    // 4 full, 3 probationary: quorum is more than half of the 4 full members
    const roster = { kind: 'party_assembly' as const, fullVoting: ids(4, 'f'), probationary: ids(3, 'x') }
    const fewFull = judgeMeeting(
      meeting(['f0', 'f1', 'x0', 'x1', 'x2'], { yes: 2, no: 0, abstain: 0 }),
      roster,
      NATIONAL_RULES,
    )
    expect(fewFull.outcome).toBe('quorum_not_met')
    expect(fewFull.quorum).toMatchObject({ base: 4, count: 2 })
    // three present voters cannot cast four votes, whatever the probationary members present
    expect(
      refusal(() =>
        judgeMeeting(
          meeting(['f0', 'f1', 'f2', 'x0'], { yes: 4, no: 0, abstain: 0 }),
          roster,
          NATIONAL_RULES,
        ),
      ),
    ).toMatchObject({ code: 'governance.more_votes_than_voters', context: { cast: 4, presentVoters: 3 } })
    expect(
      judgeMeeting(meeting(['f0', 'f1', 'f2', 'x0'], { yes: 3, no: 0, abstain: 0 }), roster, NATIONAL_RULES)
        .outcome,
    ).toBe('passed')
  })

  it('judges a 村民会议 by adults or by the households with a member present, over those present', () => {
    // 10 adults in 6 households: v0+v1 in h0, v2+v3 in h1, v4 … v9 alone in h2 … h5 (v8, v9 share h5).
    const households = [
      { id: 'h0', adults: ['v0', 'v1'] },
      { id: 'h1', adults: ['v2', 'v3'] },
      { id: 'h2', adults: ['v4'] },
      { id: 'h3', adults: ['v5'] },
      { id: 'h4', adults: ['v6', 'v7'] },
      { id: 'h5', adults: ['v8', 'v9'] },
    ]
    const roster = { kind: 'villagers' as const, villagers: ids(10, 'v'), households }
    // v0, v2, v4, v6 represent four households of six: exactly 2/3.
    const byHouseholds = judgeMeeting(
      meeting(['v0', 'v2', 'v4', 'v6'], { yes: 3, no: 1, abstain: 0 }),
      roster,
      NATIONAL_RULES,
    )
    expect(byHouseholds).toMatchObject({
      outcome: 'passed',
      quorum: { base: 6, required: 4, count: 4, met: true },
      pass: { base: 4, required: 3, count: 3 },
      tally: { yes: 3, no: 1, abstain: 0, written: 0 },
    })
    // Four people of only three households: one household short of 2/3, and not half the adults.
    const sameHouses = judgeMeeting(
      meeting(['v0', 'v1', 'v2', 'v4'], { yes: 3, no: 1, abstain: 0 }),
      roster,
      NATIONAL_RULES,
    )
    expect(sameHouses.outcome).toBe('quorum_not_met')
    expect(sameHouses.quorum).toMatchObject({ base: 6, count: 3 })
    const byAdults = judgeMeeting(meeting(ids(6, 'v'), { yes: 3, no: 3, abstain: 0 }), roster, NATIONAL_RULES)
    expect(byAdults).toMatchObject({ outcome: 'rejected', quorum: { base: 10, count: 6, met: true } })
  })

  it('counts villagers of unknown age in the base, never on the roster', () => {
    const roster = { kind: 'villagers' as const, villagers: ids(5, 'v'), unknownAge: 5, households: [] }
    // 5 adults present of 10 (5 known + 5 unknown): exactly half is not more than half.
    const j = judgeMeeting(meeting(ids(5, 'v'), { yes: 5, no: 0, abstain: 0 }), roster, NATIONAL_RULES)
    expect(j.outcome).toBe('quorum_not_met')
    expect(j.alternatives).toMatchObject([
      { base: 10, count: 5 },
      { base: 0, count: 0 },
    ])
  })

  it('judges a 村民代表会议 against its own rules, not the villagers’', () => {
    const roster = { kind: 'representatives' as const, members: ids(9) }
    const j = judgeMeeting(meeting(ids(6), { yes: 4, no: 2, abstain: 0 }), roster, NATIONAL_RULES)
    expect(j).toMatchObject({
      outcome: 'passed',
      quorum: { rule: NATIONAL_RULES.representativesMeetingQuorum, base: 9, required: 6 },
      pass: { rule: NATIONAL_RULES.representativesMeetingPass, base: 6, required: 4 },
      tally: { yes: 4, no: 2, abstain: 0, written: 0 },
    })
  })
})
