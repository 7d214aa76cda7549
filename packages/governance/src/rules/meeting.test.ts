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
