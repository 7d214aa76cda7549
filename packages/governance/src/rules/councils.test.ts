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

/** The refusal as a client sees it: code, field and context (the message is prose). */
const refusal = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    const { code, field, context } = error as GovernanceError
    return { code, field, context }
  }
  return null
}

describe('councils: dated boundaries', () => {
  const chairUntilJune = [member('c', 'chair', '2024-01-01', '2024-06-30')]
  it.each([
    // new chair from, to → clash
    ['2024-06-30', undefined, true], // the old chair's last day
    ['2024-07-01', undefined, false], // the day after
    ['2023-01-01', '2023-12-31', false], // ends the day before the old chair starts
    ['2023-01-01', '2024-01-01', true], // ends on the old chair's first day
    ['2023-01-01', undefined, true],
  ] as const)('a chair from %s to %s clashes: %s', (from, to, clash) => {
    expect(refusal(() => checkChair(chairUntilJune, add('chair', from, to)))).toEqual(
      clash ? { code: 'governance.chair_taken', field: 'post', context: {} } : null,
    )
  })

  it('keeps a chair with an open term clashing with any later chair', () => {
    expect(
      refusal(() => checkChair([member('c', 'chair', '2024-01-01')], add('chair', '2030-01-01'))),
    ).toEqual({ code: 'governance.chair_taken', field: 'post', context: {} })
    // a member's post is no chair
    expect(
      refusal(() => checkChair([member('m', 'member', '2024-01-01')], add('chair', '2024-03-01'))),
    ).toBeNull()
  })

  it('counts a member on the first and the last day of the term, not a day outside it', () => {
    const m = [member('a', 'member', '2024-02-01', '2024-02-29'), member('b', 'member', '2024-01-15')]
    expect(membersOn(m, '2024-01-31').map((x) => x.personId)).toEqual(['b'])
    expect(membersOn(m, '2024-02-01').map((x) => x.personId)).toEqual(['a', 'b'])
    expect(membersOn(m, '2024-02-29').map((x) => x.personId)).toEqual(['a', 'b'])
    expect(membersOn(m, '2024-03-01').map((x) => x.personId)).toEqual(['b'])
    expect(membersOn(m, '2024-01-14')).toEqual([])
  })

  it('takes a topic only from a member of the day, naming the field', () => {
    const m = [member('a'), member('b', 'member', '2024-01-01', '2024-01-31')]
    expect(refusal(() => checkProposer(m, 'a', '2024-03-01'))).toBeNull()
    expect(refusal(() => checkProposer(m, 'b', '2024-03-01'))).toEqual({
      code: 'governance.not_a_member',
      field: 'proposedBy',
      context: {},
    })
    expect(refusal(() => checkProposer(m, 'zz', '2024-03-01'))?.code).toBe('governance.not_a_member')
  })

  it.each([
    // days of notice, window, ok
    [0, { min: 1, max: 7 }, false],
    [1, { min: 1, max: 7 }, true], // exactly the minimum
    [7, { min: 1, max: 7 }, true], // exactly the maximum
    [8, { min: 1, max: 7 }, false],
    [0, { min: 0, max: 0 }, true],
  ])('a notice %i day(s) before, window %o: accepted %s', (days, window, ok) => {
    const scheduledOn = '2024-03-10'
    const noticeSentOn = new Date(Date.UTC(2024, 2, 10 - days)).toISOString().slice(0, 10)
    const result = refusal(() =>
      checkSchedule({ noticeSentOn, scheduledOn, topicIds: ['t1'] }, window, [
        { id: 't1', status: 'accepted' },
      ]),
    )
    expect(result).toEqual(
      ok
        ? null
        : {
            code: 'governance.notice_outside_window',
            field: 'noticeSentOn',
            context: { days, min: window.min, max: window.max },
          },
    )
  })

  it('names the topic that was not accepted', () => {
    const topics = [
      { id: 't1', status: 'accepted' },
      { id: 't2', status: 'submitted' },
    ]
    const on = { noticeSentOn: '2024-03-07', scheduledOn: '2024-03-10', topicIds: ['t1', 't2'] }
    expect(refusal(() => checkSchedule(on, { min: 1, max: 7 }, topics))).toEqual({
      code: 'governance.topic_not_accepted',
      field: 'topicIds.1',
      context: {},
    })
  })

  it('is overdue only while open after the due day', () => {
    expect(resolutionOverdue({ status: 'open', dueOn: '2024-04-30' }, '2024-04-30')).toBe(false)
    expect(resolutionOverdue({ status: 'open', dueOn: '2024-04-30' }, '2024-05-01')).toBe(true)
    expect(resolutionOverdue({ status: 'closed', dueOn: '2024-04-30' }, '2024-04-29')).toBe(false)
  })
})

describe('planMinutes: what the minutes decide', () => {
  const members = new Set(['a', 'b', 'c', 'd', 'e', 'f'])
  const t1 = '01a23124-34cc-72c6-b231-6ab3268522e4'
  const t2 = '01a23124-34cc-72c6-b231-6ab3268522e5'
  const t3 = '01a23124-34cc-72c6-b231-6ab3268522e6'
  const context = { members, agenda: new Set([t1, t2, t3]), open: [], rules: NATIONAL_RULES }
  const minutes = (present: string[], extra: object = {}) => ({
    ...SessionMinutesInput.parse({ heldOn: '2024-03-10', present: [], ...extra }),
    present,
  })
  const resolution = { text: '安装路灯', owner: '村委会主任', dueOn: '2024-04-30' }

  it('names the stranger in the list of those present', () => {
    expect(refusal(() => planMinutes(minutes(['a', 'zz']), context))).toEqual({
      code: 'governance.attendee_not_on_roster',
      field: 'present.1',
      context: {},
    })
  })

  it('holds a session at exactly 2/3 present, counting each person once', () => {
    expect(planMinutes(minutes(['a', 'b', 'c', 'd']), context)).toMatchObject({ status: 'held', present: 4 })
    expect(planMinutes(minutes(['a', 'b', 'c', 'c']), context)).toMatchObject({
      status: 'failed',
      present: 3,
      quorum: { base: 6, required: 4, count: 3, met: false },
    })
  })

  it('names every open resolution that lacks a progress report', () => {
    const open = [{ id: R1 }, { id: R2 }]
    const reports = { progressReports: [{ resolutionId: R1, note: '进行中', percent: 50 }] }
    expect(refusal(() => planMinutes(minutes(['a', 'b', 'c', 'd'], reports), { ...context, open }))).toEqual({
      code: 'governance.progress_report_missing',
      field: 'progressReports',
      context: { missing: [R2] },
    })
  })

  it('sends a deferred topic back to accepted and records one without consensus', () => {
    const plan = planMinutes(
      minutes(['a', 'b', 'c', 'd'], {
        deliberations: [
          { topicId: t1, outcome: 'deferred' },
          { topicId: t2, outcome: 'no_consensus' },
          { topicId: t3, outcome: 'resolved', votes: { yes: 3, no: 0, abstain: 1 }, resolution },
        ],
      }),
      context,
    )
    expect(plan).toEqual({
      status: 'held',
      present: 4,
      quorum: expect.objectContaining({ met: true }),
      topicStatus: [
        { topicId: t1, status: 'accepted' },
        { topicId: t2, status: 'no_consensus' },
        { topicId: t3, status: 'resolved' },
      ],
      resolutions: [{ topicId: t3, ...resolution, amount: null, matter: null }],
      closures: [],
    })
  })

  it('names the deliberation off the agenda', () => {
    const other = '01a23124-34cc-72c6-b231-6ab3268522e9'
    expect(
      refusal(() =>
        planMinutes(
          minutes(['a', 'b', 'c', 'd'], {
            deliberations: [
              { topicId: t1, outcome: 'deferred' },
              { topicId: other, outcome: 'deferred' },
            ],
          }),
          context,
        ),
      ),
    ).toEqual({ code: 'governance.topic_not_on_agenda', field: 'deliberations.1.topicId', context: {} })
  })

  it.each([
    // votes of 4 present → resolves
    [{ yes: 3, no: 1, abstain: 0 }, true],
    [{ yes: 3, no: 0, abstain: 1 }, true],
    [{ yes: 2, no: 0, abstain: 0 }, false], // exactly half of those present
    [{ yes: 3, no: 1, abstain: 1 }, false], // five votes from four present
    [{ yes: 3, no: 2, abstain: 0 }, false],
    [{ yes: 4, no: 0, abstain: 1 }, false],
  ])('resolves with votes %o of 4 present: %s', (votes, ok) => {
    const result = refusal(() =>
      planMinutes(
        minutes(['a', 'b', 'c', 'd'], {
          deliberations: [
            { topicId: t1, outcome: 'deferred' },
            { topicId: t2, outcome: 'resolved', votes, resolution },
          ],
        }),
        context,
      ),
    )
    expect(result).toEqual(
      ok
        ? null
        : {
            code: 'governance.resolution_needs_majority',
            field: 'deliberations.1',
            context: { present: 4, required: 3, yes: votes.yes },
          },
    )
  })

  it('refuses a resolution without votes, saying no yes was counted', () => {
    expect(
      refusal(() =>
        planMinutes(
          minutes(['a', 'b', 'c', 'd'], {
            deliberations: [{ topicId: t1, outcome: 'resolved', resolution }],
          }),
          context,
        ),
      ),
    ).toEqual({
      code: 'governance.resolution_needs_majority',
      field: 'deliberations.0',
      context: { present: 4, required: 3, yes: 0 },
    })
  })

  it('closes only an open resolution, naming the closure that is not', () => {
    const closing = planMinutes.bind(null, {
      ...minutes(['a', 'b', 'c', 'd'], {
        progressReports: [
          { resolutionId: R1, note: '完成', percent: 100 },
          { resolutionId: R2, note: '完成', percent: 100 },
        ],
        closures: [
          { resolutionId: R2, reason: 'solved', evidence: '照片' },
          { resolutionId: R1, reason: 'satisfied', evidence: '回访' },
        ],
      }),
    })
    expect(closing({ ...context, open: [{ id: R1 }, { id: R2 }] })).toMatchObject({
      closures: [
        { resolutionId: R2, closure: { reason: 'solved', evidence: '照片', on: '2024-03-10' } },
        { resolutionId: R1, closure: { reason: 'satisfied', evidence: '回访', on: '2024-03-10' } },
      ],
    })
    expect(refusal(() => closing({ ...context, open: [{ id: R2 }] }))).toEqual({
      code: 'governance.resolution_not_open',
      field: 'closures.1.resolutionId',
      context: {},
    })
  })
})

describe('积分: the schedule, asymmetric', () => {
  it('has the 2024-v1 schedule', () => {
    expect(POINTS_SCHEDULE).toEqual({
      version: '2024-v1',
      topicSubmitted: 1,
      topicAccepted: 2,
      resolutionFromOwnTopic: 3,
      attended: 1,
      absent: -1,
    })
  })

  it('counts acceptance for accepted, resolved and no-consensus topics, a resolution only for its own topic', () => {
    const points = councilPoints({
      topics: [
        { id: 't1', proposedBy: 'a', status: 'accepted' },
        { id: 't2', proposedBy: 'b', status: 'no_consensus' },
        { id: 't3', proposedBy: 'c', status: 'submitted' },
        { id: 't4', proposedBy: 'd', status: 'resolved' },
      ],
      resolutions: [{ topicId: 't4' }, { topicId: 't9' }],
      sessions: [],
    })
    expect(points).toEqual([
      {
        personId: 'd',
        points: 6,
        events: { topicSubmitted: 1, topicAccepted: 1, resolutionFromOwnTopic: 1 },
      },
      { personId: 'a', points: 3, events: { topicSubmitted: 1, topicAccepted: 1 } },
      { personId: 'b', points: 3, events: { topicSubmitted: 1, topicAccepted: 1 } },
      { personId: 'c', points: 1, events: { topicSubmitted: 1 } },
    ])
  })

  it('ranks by points, highest first, then by person id, whatever the input order', () => {
    const sessions = [
      { members: ['z', 'y', 'x', 'w'], present: new Set(['z', 'x']) },
      { members: ['z', 'y', 'x', 'w'], present: new Set(['z', 'w', 'x']) },
    ]
    const ranked = councilPoints({ topics: [], resolutions: [], sessions }).map((m) => [m.personId, m.points])
    expect(ranked).toEqual([
      ['x', 2],
      ['z', 2],
      ['w', 0],
      ['y', -2],
    ])
  })
})
