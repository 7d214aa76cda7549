import { describe, expect, it } from 'vitest'
import type { GovernanceError } from '../errors.js'
import { SessionMinutesInput } from '../inputs.js'
import {
  checkChair,
  checkProposer,
  checkReviewable,
  checkSchedule,
  councilPoints,
  membersOn,
  POINTS_SCHEDULE,
  planMinutes,
  resolutionOverdue,
} from './councils.js'
import { NATIONAL_RULES } from './rule-set.js'

const R1 = '01a23124-34cc-72c6-b231-6ab3268522f1'
const R2 = '01a23124-34cc-72c6-b231-6ab3268522f2'
const code = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    return (error as GovernanceError).code
  }
  return null
}
const member = (personId: string, post = 'member', from = '2024-01-01', to: string | null = null) => ({
  personId,
  post,
  from,
  to,
})
const add = (post: 'chair' | 'member', from: string, to?: string) => ({
  personId: 'new',
  category: 'villager_rep' as const,
  post,
  from,
  ...(to ? { to } : {}),
})

describe('members and topics', () => {
  it('keeps one chair at a time', () => {
    const members = [member('c', 'chair', '2024-01-01', '2024-06-30'), member('m')]
    expect(code(() => checkChair(members, add('chair', '2024-06-01')))).toBe('governance.chair_taken')
    expect(code(() => checkChair(members, add('chair', '2023-01-01', '2024-01-01')))).toBe(
      'governance.chair_taken',
    )
    expect(code(() => checkChair(members, add('chair', '2024-07-01')))).toBeNull()
    expect(code(() => checkChair(members, add('member', '2024-06-01')))).toBeNull()
  })

  it('takes topics from members of the day, and reviews a topic once (again after a rejection)', () => {
    const members = [member('a', 'member', '2024-01-01', '2024-03-31')]
    expect(code(() => checkProposer(members, 'a', '2024-03-31'))).toBeNull()
    expect(code(() => checkProposer(members, 'a', '2024-04-01'))).toBe('governance.not_a_member')
    expect(membersOn(members, '2023-12-31')).toEqual([])
    for (const status of ['submitted', 'rejected']) expect(code(() => checkReviewable(status))).toBeNull()
    for (const status of ['accepted', 'resolved'])
      expect(code(() => checkReviewable(status))).toBe('governance.topic_reviewed')
  })

  it('schedules accepted topics only, with notice inside the window', () => {
    const topics = [
      { id: 't1', status: 'accepted' },
      { id: 't2', status: 'submitted' },
    ]
    const window = NATIONAL_RULES.councilNoticeDays
    const on = (noticeSentOn: string, topicIds = ['t1']) => ({
      noticeSentOn,
      scheduledOn: '2024-03-10',
      topicIds,
    })
    expect(code(() => checkSchedule(on('2024-03-07'), window, topics))).toBeNull()
    expect(code(() => checkSchedule(on('2024-03-10'), { min: 1, max: 7 }, topics))).toBe(
      'governance.notice_outside_window',
    )
    expect(code(() => checkSchedule(on('2024-03-07', ['t1', 't2']), window, topics))).toBe(
      'governance.topic_not_accepted',
    )
    expect(code(() => checkSchedule(on('2024-03-07', ['t9']), window, topics))).toBe(
      'governance.topic_not_accepted',
    )
  })
})

describe('planMinutes', () => {
  const members = new Set(['a', 'b', 'c', 'd', 'e', 'f'])
  const rules = NATIONAL_RULES
  const minutes = (extra: object) =>
    SessionMinutesInput.parse({ heldOn: '2024-03-10', present: [], ...extra })
  const base = { members, agenda: new Set(['01a23124-34cc-72c6-b231-6ab3268522e4']), open: [], rules }
  const topicId = '01a23124-34cc-72c6-b231-6ab3268522e4'
  const ids = (n: number) => [...members].slice(0, n)

  it('refuses strangers and records a failed session below 2/3', () => {
    expect(code(() => planMinutes({ ...minutes({}), present: ['zz'] }, base))).toBe(
      'governance.attendee_not_on_roster',
    )
    const failed = planMinutes({ ...minutes({}), present: ids(3) }, base)
    expect(failed).toMatchObject({
      status: 'failed',
      present: 3,
      quorum: { base: 6, required: 4, met: false },
    })
  })

  it('needs a progress report on every open resolution, and deliberates only the agenda', () => {
    const open = [{ id: 'r1' }]
    expect(code(() => planMinutes({ ...minutes({}), present: ids(4) }, { ...base, open }))).toBe(
      'governance.progress_report_missing',
    )
    const other = { topicId: '01a23124-34cc-72c6-b231-6ab3268522e5', outcome: 'deferred' as const }
    expect(code(() => planMinutes({ ...minutes({ deliberations: [other] }), present: ids(4) }, base))).toBe(
      'governance.topic_not_on_agenda',
    )
  })

  it('resolves by a majority of those present with an owner and a due day, and closes open resolutions only', () => {
    const resolution = { text: '安装路灯', owner: '村委会主任', dueOn: '2024-04-30' }
    const deliberate = (
      votes: { yes: number; no: number; abstain: number } | undefined,
      withResolution = true,
    ) =>
      planMinutes(
        {
          ...minutes({
            deliberations: [
              {
                topicId,
                outcome: 'resolved',
                ...(votes ? { votes } : {}),
                ...(withResolution ? { resolution } : {}),
              },
            ],
          }),
          present: ids(4),
        },
        base,
      )
    expect(code(() => deliberate({ yes: 2, no: 2, abstain: 0 }))).toBe('governance.resolution_needs_majority')
    expect(code(() => deliberate(undefined))).toBe('governance.resolution_needs_majority')
    expect(code(() => deliberate({ yes: 3, no: 1, abstain: 0 }, false))).toBe(
      'governance.resolution_needs_majority',
    )
    expect(deliberate({ yes: 3, no: 1, abstain: 0 })).toMatchObject({
      status: 'held',
      resolutions: [{ topicId, ...resolution }],
      topicStatus: [{ topicId, status: 'resolved' }],
    })
    const closing = (resolutionId: string) =>
      planMinutes(
        {
          ...minutes({
            progressReports: [{ resolutionId: R1, note: '完成', percent: 100 }],
            closures: [{ resolutionId, reason: 'solved', evidence: '照片' }],
          }),
          present: ids(4),
        },
        { ...base, open: [{ id: R1 }] },
      )
    expect(code(() => closing(R2))).toBe('governance.resolution_not_open')
    expect(closing(R1)).toMatchObject({
      closures: [{ resolutionId: R1, closure: { reason: 'solved', evidence: '照片', on: '2024-03-10' } }],
    })
  })
})

describe('积分', () => {
  it('derives points from topics, resolutions and attendance under the versioned schedule', () => {
    const members = councilPoints({
      topics: [
        { id: 't1', proposedBy: 'a', status: 'resolved' },
        { id: 't2', proposedBy: 'b', status: 'rejected' },
      ],
      resolutions: [{ topicId: 't1' }],
      sessions: [{ members: ['a', 'b', 'c'], present: new Set(['a', 'b']) }],
    })
    expect(POINTS_SCHEDULE.version).toBe('2024-v1')
    expect(members).toEqual([
      {
        personId: 'a',
        points: 1 + 2 + 3 + 1,
        events: { topicSubmitted: 1, topicAccepted: 1, resolutionFromOwnTopic: 1, attended: 1 },
      },
      { personId: 'b', points: 2, events: { topicSubmitted: 1, attended: 1 } },
      { personId: 'c', points: -1, events: { absent: 1 } },
    ])
    expect(resolutionOverdue({ status: 'open', dueOn: '2024-04-30' }, '2024-05-01')).toBe(true)
    expect(resolutionOverdue({ status: 'closed', dueOn: '2024-04-30' }, '2024-05-01')).toBe(false)
  })
})
