import { addDays } from '@liancun/core'
import { FundsError } from '../errors.js'

/**
 * 项目库 → lifecycle: 村申报 (submit), 乡审核 (review), 县审定 (approve), start, 验收 (accept),
 * operate, close; cancel only before the works start. Pure.
 */
export const PROJECT_STATUSES = [
  'candidate',
  'submitted',
  'reviewed',
  'approved',
  'started',
  'accepted',
  'operating',
  'closed',
  'cancelled',
] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]

/** The step that leads into each status, and the statuses it may be taken from. */
const NEXT: Record<Exclude<ProjectStatus, 'candidate'>, readonly ProjectStatus[]> = {
  submitted: ['candidate'],
  reviewed: ['submitted'],
  approved: ['reviewed'],
  started: ['approved'],
  accepted: ['started'],
  operating: ['accepted'],
  closed: ['operating'],
  cancelled: ['candidate', 'submitted', 'reviewed', 'approved'],
}

export type TargetStatus = keyof typeof NEXT
export const TARGET_STATUSES = Object.keys(NEXT) as TargetStatus[]

/** Refuses a step out of order, naming what may come next. */
export function checkTransition(from: ProjectStatus, to: TargetStatus): void {
  if (NEXT[to].includes(from)) return
  const allowed = TARGET_STATUSES.filter((target) => NEXT[target].includes(from))
  throw new FundsError(
    'funds.transition_out_of_order',
    allowed.length
      ? `a ${from} project can go to ${allowed.join(' or ')}, not ${to}`
      : `a ${from} project takes no further step`,
    { field: 'to', context: { from, to, allowed } },
  )
}

/** Money may be committed and paid while the project is approved and not yet closed. */
export const FUNDABLE: readonly ProjectStatus[] = ['approved', 'started', 'accepted', 'operating']

/**
 * A step is dated on or before today and not before the previous step; a project paid from is
 * carried out, never cancelled.
 */
export function checkStep(
  to: TargetStatus,
  on: string,
  context: { today: string; lastStepOn: string | null; paid: boolean },
): void {
  if (to === 'cancelled' && context.paid) {
    throw new FundsError(
      'funds.paid_cannot_cancel',
      'money has been paid to this project; it is carried out, not cancelled',
      {
        field: 'to',
      },
    )
  }
  if (on > context.today) {
    throw new FundsError('funds.future_step', 'a step is recorded on or before today', { field: 'on' })
  }
  if (context.lastStepOn !== null && on < context.lastStepOn) {
    throw new FundsError('funds.step_before_previous', `the previous step was on ${context.lastStepOn}`, {
      field: 'on',
    })
  }
}

/**
 * Approval and acceptance wait until a notice of their stage has run its full days by `day`
 * (from … until, then the day after). `notices` are the project's, latest first. Returns it.
 */
export function completedNotice<N extends { stage: string; until: string }>(
  notices: readonly N[],
  stage: 'approval' | 'completion',
  day: string,
): N {
  const ofStage = notices.filter((n) => n.stage === stage)
  const done = ofStage.find((n) => n.until < day)
  if (done) return done
  const latest = ofStage[0]
  throw new FundsError(
    'funds.notice_required',
    latest
      ? `the ${stage} notice runs until ${latest.until}; this step can follow from ${addDays(latest.until, 1)}`
      : `post the ${stage} notice (公告公示) first and let it run its days`,
    { context: { stage, ...(latest ? { until: latest.until } : {}) } },
  )
}

/** An approval notice goes up while submitted or reviewed, a completion notice while started. */
export function checkNoticeStage(status: ProjectStatus, stage: 'approval' | 'completion'): void {
  const allowed: ProjectStatus[] = stage === 'approval' ? ['submitted', 'reviewed'] : ['started']
  if (!allowed.includes(status)) {
    throw new FundsError(
      'funds.notice_out_of_stage',
      `a ${stage} notice is posted while the project is ${allowed.join(' or ')}; it is ${status}`,
      { field: 'stage' },
    )
  }
}

export interface ShareContribution {
  holder: { villageCode: string } | { partnerId: string }
  contribution: string
  valuation: bigint
}

/**
 * 验收 records the ownership shares of the assets formed: one line per holder, villages of the
 * project's county; an acceptance record goes with to=accepted only.
 */
export function acceptanceShares(
  to: TargetStatus,
  acceptance: { shares: readonly ShareContribution[] } | undefined,
  countyCode: string,
): { holder: string; contribution: string; units: bigint }[] {
  if (to !== 'accepted') {
    if (acceptance) {
      throw new FundsError('funds.acceptance_unexpected', 'an acceptance record goes with to=accepted', {
        field: 'acceptance',
      })
    }
    return []
  }
  if (!acceptance) {
    throw new FundsError(
      'funds.acceptance_required',
      '验收 records the ownership shares of the assets formed',
      {
        field: 'acceptance',
      },
    )
  }
  const holders = new Set<string>()
  return acceptance.shares.map((share, i) => {
    const holder =
      'villageCode' in share.holder
        ? `village:${share.holder.villageCode}`
        : `partner:${share.holder.partnerId}`
    if ('villageCode' in share.holder && share.holder.villageCode.slice(0, 6) !== countyCode) {
      throw new FundsError('funds.holder_outside_county', 'share holders lie in the project’s county', {
        field: `acceptance.shares.${i}.holder`,
      })
    }
    if (holders.has(holder)) {
      throw new FundsError('funds.duplicate_holder', `${holder} holds one share line`, {
        field: `acceptance.shares.${i}.holder`,
      })
    }
    holders.add(holder)
    return { holder, contribution: share.contribution, units: share.valuation }
  })
}

/** 绩效 results are recorded once works start, for one of the project's indicators. */
export function checkResult(status: string, hasIndicator: boolean, indicator: string): void {
  if (!['started', 'accepted', 'operating', 'closed'].includes(status)) {
    throw new FundsError(
      'funds.no_results_yet',
      `results are recorded once works start; the project is ${status}`,
    )
  }
  if (!hasIndicator) {
    throw new FundsError('funds.unknown_indicator', `${indicator} is not one of the project’s targets`, {
      field: 'indicator',
    })
  }
}
