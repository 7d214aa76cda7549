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
    { kind: 'rule', field: 'to', context: { from, to, allowed } },
  )
}

/** Money may be committed and paid while the project is approved and not yet closed. */
export const FUNDABLE: readonly ProjectStatus[] = ['approved', 'started', 'accepted', 'operating']
