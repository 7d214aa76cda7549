import { daysBetween } from '@liancun/core'
import { GovernanceError } from '../errors.js'
import type { AddCouncilMemberInput, SessionMinutesInput } from '../inputs.js'
import { type Judgement, judge } from './judgement.js'
import { DEFAULT_POINTS_SCHEDULE, type GovernanceRuleSet, type PointsSchedule } from './rule-set.js'

/** 乡村夜话: the decisions about members, topics, sessions, minutes and 积分, pure. */

/**
 * 积分 schedule, versioned: points are derived from recorded events, never entered by hand. The
 * schedule is configuration like the rules (`pointsSchedule`, set by a county or township from a
 * date); each event counts under the schedule in force on its day, and a year's points name
 * every version they were computed with. This is the national default.
 */
export const POINTS_SCHEDULE = DEFAULT_POINTS_SCHEDULE

export interface DatedMember {
  personId: string
  post: string
  from: string
  to: string | null
}

/** One chair at a time: a new chair may not overlap a chair already on record. */
export function checkChair(members: readonly DatedMember[], input: AddCouncilMemberInput): void {
  if (input.post !== 'chair') return
  const clash = members.find(
    (m) =>
      m.post === 'chair' &&
      (m.to === null || m.to >= input.from) &&
      (input.to === undefined || m.from <= input.to),
  )
  if (clash)
    throw new GovernanceError('governance.chair_taken', 'the council has a chair then', { field: 'post' })
}

/** Members whose term covers `day`. */
export function membersOn<M extends { from: string; to: string | null }>(
  members: readonly M[],
  day: string,
): M[] {
  return members.filter((m) => m.from <= day && (m.to === null || m.to >= day))
}

/** Topics are proposed by a member of the council on the day. */
export function checkProposer(members: readonly DatedMember[], proposedBy: string, today: string): void {
  if (!membersOn(members, today).some((m) => m.personId === proposedBy)) {
    throw new GovernanceError('governance.not_a_member', 'topics are proposed by council members', {
      field: 'proposedBy',
    })
  }
}

/** 议前审查 happens to a submitted topic, or to a rejected one resubmitted once prepared. */
export function checkReviewable(status: string): void {
  if (status !== 'submitted' && status !== 'rejected') {
    throw new GovernanceError('governance.topic_reviewed', `the topic is ${status}`)
  }
}

/** The notice falls inside the configured window, and only accepted topics are put on the agenda. */
export function checkSchedule(
  input: { noticeSentOn: string; scheduledOn: string; topicIds: readonly string[] },
  window: GovernanceRuleSet['councilNoticeDays'],
  topics: readonly { id: string; status: string }[],
): void {
  const notice = daysBetween(input.noticeSentOn, input.scheduledOn)
  const { min, max } = window
  if (notice < min || notice > max) {
    throw new GovernanceError(
      'governance.notice_outside_window',
      `notice ${notice} day(s) before; the window is ${min}–${max}`,
      { field: 'noticeSentOn', context: { days: notice, min, max } },
    )
  }
  input.topicIds.forEach((id, i) => {
    if (topics.find((t) => t.id === id)?.status !== 'accepted') {
      throw new GovernanceError(
        'governance.topic_not_accepted',
        'only topics accepted in pre-review are deliberated',
        { field: `topicIds.${i}` },
      )
    }
  })
}

/** What a session's minutes decide, for the part to write. */
export type MinutesPlan =
  | { status: 'failed'; present: number; quorum: Judgement }
  | {
      status: 'held'
      present: number
      quorum: Judgement
      /** Topics deferred (back to accepted) or without consensus. */
      topicStatus: { topicId: string; status: 'accepted' | 'no_consensus' | 'resolved' }[]
      resolutions: {
        topicId: string
        text: string
        owner: string
        dueOn: string
        amount: bigint | null
        /** The 四议两公开 matter the resolution opens (a major matter). */
        matter: { category: string } | null
      }[]
      closures: { resolutionId: string; closure: Record<string, unknown> }[]
    }

/**
 * Minutes: everyone present is a member that day; below the quorum the session failed and nothing
 * is decided. Otherwise every open resolution has a progress report, a session deliberates only
 * its agenda, a topic resolves only by a majority of those present with an owner and a due day,
 * and only open resolutions of the council close (销号), with reason and evidence.
 */
export function planMinutes(
  input: SessionMinutesInput,
  context: {
    members: ReadonlySet<string>
    agenda: ReadonlySet<string>
    /** Open resolutions of the council from earlier sessions. */
    open: readonly { id: string }[]
    rules: Pick<GovernanceRuleSet, 'councilQuorum' | 'councilPass' | 'majorMatterFen'>
  },
): MinutesPlan {
  input.present.forEach((id, i) => {
    if (!context.members.has(id)) {
      throw new GovernanceError('governance.attendee_not_on_roster', 'not a member of the council that day', {
        field: `present.${i}`,
      })
    }
  })
  const present = new Set(input.present).size
  const quorum = judge(context.rules.councilQuorum, context.members.size, present)
  if (!quorum.met) return { status: 'failed', present, quorum }
  const reported = new Set(input.progressReports.map((p) => p.resolutionId))
  const missing = context.open.filter((r) => !reported.has(r.id)).map((r) => r.id)
  if (missing.length > 0) {
    throw new GovernanceError(
      'governance.progress_report_missing',
      `${missing.length} open resolution(s) lack a progress report`,
      { field: 'progressReports', context: { missing } },
    )
  }
  const topicStatus: Extract<MinutesPlan, { status: 'held' }>['topicStatus'] = []
  const resolutions: Extract<MinutesPlan, { status: 'held' }>['resolutions'] = []
  input.deliberations.forEach((d, i) => {
    if (!context.agenda.has(d.topicId)) {
      throw new GovernanceError('governance.topic_not_on_agenda', 'deliberate only the session’s topics', {
        field: `deliberations.${i}.topicId`,
      })
    }
    if (d.outcome !== 'resolved') {
      topicStatus.push({ topicId: d.topicId, status: d.outcome === 'deferred' ? 'accepted' : 'no_consensus' })
      return
    }
    const cast = d.votes ? d.votes.yes + d.votes.no + d.votes.abstain : 0
    const pass = judge(context.rules.councilPass, present, d.votes?.yes ?? 0)
    if (!d.votes || cast > present || !pass.met || !d.resolution) {
      throw new GovernanceError(
        'governance.resolution_needs_majority',
        `a topic resolves only by a vote of more than half of the ${present} present, with an owner and a due day`,
        {
          field: `deliberations.${i}`,
          context: { present, required: pass.required, yes: d.votes?.yes ?? 0 },
        },
      )
    }
    const amount = d.resolution.amount ?? null
    if (amount !== null && amount >= context.rules.majorMatterFen && !d.resolution.matter) {
      throw new GovernanceError(
        'governance.major_matter_required',
        'a resolution spending the major-matter amount or more opens its 四议两公开 matter',
        {
          field: `deliberations.${i}.resolution.matter`,
          context: { amount: amount.toString(), majorMatterFen: context.rules.majorMatterFen.toString() },
        },
      )
    }
    resolutions.push({
      topicId: d.topicId,
      text: d.resolution.text,
      owner: d.resolution.owner,
      dueOn: d.resolution.dueOn,
      amount,
      matter: d.resolution.matter ?? null,
    })
    topicStatus.push({ topicId: d.topicId, status: 'resolved' })
  })
  const closures = input.closures.map((c, i) => {
    if (!context.open.some((r) => r.id === c.resolutionId)) {
      throw new GovernanceError(
        'governance.resolution_not_open',
        'only an open resolution of this council closes',
        {
          field: `closures.${i}.resolutionId`,
        },
      )
    }
    const field = `closures.${i}`
    if (c.reason === 'not_actionable') {
      // Never closed by one key at 0%: the reason is written and the council decides by vote.
      const cast = c.votes ? c.votes.yes + c.votes.no + c.votes.abstain : 0
      const decision = judge(context.rules.councilPass, present, c.votes?.yes ?? 0)
      if (!c.explanation || !c.votes || cast > present || !decision.met) {
        throw new GovernanceError(
          'governance.closure_needs_decision',
          `closing as not actionable needs the reason and a vote of more than half of the ${present} present`,
          {
            field: c.explanation ? `${field}.votes` : `${field}.explanation`,
            context: {
              present,
              required: decision.required,
              yes: c.votes?.yes ?? 0,
              basis: decision.rule.basis,
            },
          },
        )
      }
      return {
        resolutionId: c.resolutionId,
        closure: {
          reason: c.reason,
          evidence: c.evidence,
          explanation: c.explanation,
          on: input.heldOn,
          decision,
        },
      }
    }
    const report = input.progressReports.find((p) => p.resolutionId === c.resolutionId)
    if (report?.percent !== 100) {
      throw new GovernanceError(
        'governance.closure_not_complete',
        `a resolution closes as ${c.reason} with a 100% progress report at the session`,
        { field, context: { percent: report?.percent ?? null } },
      )
    }
    return {
      resolutionId: c.resolutionId,
      closure: { reason: c.reason, evidence: c.evidence, on: input.heldOn },
    }
  })
  return { status: 'held', present, quorum, topicStatus, resolutions, closures }
}

export interface PointsMember {
  personId: string
  points: number
  events: Record<string, number>
}

/**
 * 积分 of a year from the events on record: topics submitted and accepted, resolutions from one's
 * own topic, and attendance at sessions held (absent members lose a point).
 */
export function councilPoints(
  records: {
    /** Topics created in the year, with their day. */
    topics: readonly { id: string; proposedBy: string; status: string; on?: string }[]
    resolutions: readonly { topicId: string }[]
    /** Sessions held in the year, each with its day, the members of that day and those present. */
    sessions: readonly { members: readonly string[]; present: ReadonlySet<string>; on?: string }[]
  },
  /** The schedule in force on a day (configuration); the default schedule without one. */
  scheduleOn: (day: string | undefined) => PointsSchedule = () => POINTS_SCHEDULE,
): PointsMember[] {
  const points = new Map<string, PointsMember>()
  const add = (
    personId: string,
    event: Exclude<keyof PointsSchedule, 'version'>,
    day: string | undefined,
  ) => {
    const entry = points.get(personId) ?? { personId, points: 0, events: {} }
    entry.points += scheduleOn(day)[event]
    entry.events[event] = (entry.events[event] ?? 0) + 1
    points.set(personId, entry)
  }
  for (const topic of records.topics) {
    add(topic.proposedBy, 'topicSubmitted', topic.on)
    if (['accepted', 'resolved', 'no_consensus'].includes(topic.status))
      add(topic.proposedBy, 'topicAccepted', topic.on)
    if (records.resolutions.some((r) => r.topicId === topic.id))
      add(topic.proposedBy, 'resolutionFromOwnTopic', topic.on)
  }
  for (const session of records.sessions) {
    for (const member of session.members)
      add(member, session.present.has(member) ? 'attended' : 'absent', session.on)
  }
  return [...points.values()].sort((a, b) => b.points - a.points || (a.personId < b.personId ? -1 : 1))
}

/** A resolution is overdue while open past its due day. */
export const resolutionOverdue = (r: { status: string; dueOn: string }, today: string) =>
  r.status === 'open' && today > r.dueOn
