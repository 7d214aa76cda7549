import { describe, expect, it } from 'vitest'
import type { GovernanceError } from '../errors.js'
import type { MatterMeetingInput } from '../inputs.js'
import { checkVillagersMeeting } from './stages.js'

/** 组织法 Art. 21: 召集村民会议，应当提前十天通知村民 — at least the configured days (10 nationally). */
const meeting = (extra: Partial<MatterMeetingInput> & Record<string, unknown>): MatterMeetingInput => ({
  heldOn: '2024-03-21',
  attendees: [],
  votes: { yes: 0, no: 0, abstain: 0 },
  minutes: 'm',
  body: 'villagers_meeting',
  ...extra,
})
const rules = { villagersMeetingNoticeDays: 10 }
const refusal = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    const { code, field, context } = error as GovernanceError
    return { code, field, context }
  }
  return null
}
const notice2018 = {
  law: '中华人民共和国村民委员会组织法',
  version: '2018',
  article: '21',
  provision: 'villagersMeetingNotice',
}

describe('checkVillagersMeeting: notice at least 10 days before (组织法 Art. 21)', () => {
  it('accepts exactly 10 days, refuses 9 with the days, both dates and the basis', () => {
    expect(refusal(() => checkVillagersMeeting(meeting({ noticeSentOn: '2024-03-11' }), rules))).toBeNull()
    expect(refusal(() => checkVillagersMeeting(meeting({ noticeSentOn: '2024-03-12' }), rules))).toEqual({
      code: 'governance.notice_too_short',
      field: 'noticeSentOn',
      context: { days: 9, required: 10, noticeSentOn: '2024-03-12', heldOn: '2024-03-21', basis: notice2018 },
    })
  })

  it('asks for the notice day, citing the text in force on the meeting day', () => {
    expect(refusal(() => checkVillagersMeeting(meeting({}), rules))).toEqual({
      code: 'governance.notice_required',
      field: 'noticeSentOn',
      context: { required: 10, basis: notice2018 },
    })
    expect(
      refusal(() => checkVillagersMeeting(meeting({ heldOn: '2026-01-01' }), rules))?.context,
    ).toMatchObject({
      basis: { version: '2025', verified: false },
    })
  })

  it('refuses a typed household count, naming the field, whatever the body', () => {
    expect(refusal(() => checkVillagersMeeting(meeting({ presentHouseholds: 30 }), rules))).toEqual({
      code: 'governance.household_count_not_accepted',
      field: 'presentHouseholds',
      context: {},
    })
  })

  it('asks no notice of a representatives’ meeting', () => {
    expect(
      refusal(() => checkVillagersMeeting(meeting({ body: 'representatives_meeting' }), rules)),
    ).toBeNull()
  })
})
