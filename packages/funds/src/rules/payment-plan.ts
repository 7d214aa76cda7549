import { type Fen, formatMoney, splitByShares } from '@liancun/core'
import { FundsError } from '../errors.js'
import { FULL_BP, formatPercent } from './percent.js'

export const TRIGGERS = ['start', 'milestone', 'acceptance', 'date'] as const
export type Trigger = (typeof TRIGGERS)[number]

export interface TrancheInput {
  label: string
  trigger: Trigger
  percentBp?: bigint | undefined
  amount?: Fen | undefined
  retention?: boolean | undefined
  dueOn?: string | undefined
}

/**
 * Turns a plan into fen per tranche. A plan is given wholly in percentages (summing to exactly
 * 100.00%, split from the allocated total by largest remainder) or wholly in amounts (summing to
 * the allocated total); a date tranche names its day. Pure.
 */
export function planAmounts(allocated: Fen, tranches: readonly TrancheInput[]): Fen[] {
  if (allocated <= 0n) {
    throw new FundsError('funds.nothing_allocated', 'allocate money to the project before planning payments')
  }
  tranches.forEach((t, i) => {
    if ((t.percentBp === undefined) === (t.amount === undefined)) {
      throw new FundsError('funds.percent_or_amount', 'give exactly one of percent or amount', {
        field: `tranches.${i}`,
      })
    }
    if (t.percentBp === 0n) {
      throw new FundsError('funds.empty_tranche', 'a tranche pays more than 0%', {
        field: `tranches.${i}.percent`,
      })
    }
    if (t.trigger === 'date' && !t.dueOn) {
      throw new FundsError('funds.due_date_required', 'a date tranche names its dueOn day', {
        field: `tranches.${i}.dueOn`,
      })
    }
    if (t.trigger !== 'date' && t.dueOn) {
      throw new FundsError('funds.due_date_unexpected', 'only a date tranche has dueOn', {
        field: `tranches.${i}.dueOn`,
      })
    }
  })
  const byPercent = tranches.filter((t) => t.percentBp !== undefined).length
  if (byPercent !== 0 && byPercent !== tranches.length) {
    throw new FundsError(
      'funds.mixed_plan',
      'give every tranche as a percent, or every tranche as an amount',
      {
        field: 'tranches',
      },
    )
  }
  if (byPercent > 0) {
    const sum = tranches.reduce((s, t) => s + (t.percentBp ?? 0n), 0n)
    if (sum !== FULL_BP) {
      throw new FundsError(
        'funds.plan_not_whole',
        `tranche percentages sum to ${formatPercent(sum)}%, not 100.00%`,
        { field: 'tranches', context: { sumBasisPoints: sum.toString() } },
      )
    }
    const split = splitByShares(
      allocated,
      tranches.map((t, i) => ({ key: String(i).padStart(4, '0'), units: t.percentBp! })),
    )
    return split.shares.map((s) => s.amount)
  }
  const sum = tranches.reduce((s, t) => s + t.amount!, 0n)
  if (sum !== allocated) {
    throw new FundsError(
      'funds.plan_not_whole',
      `tranches sum to ${formatMoney(sum)}, the allocated total is ${formatMoney(allocated)}`,
      {
        field: 'tranches',
        context: { sum: formatMoney(sum), allocated: formatMoney(allocated) },
      },
    )
  }
  return tranches.map((t) => t.amount!)
}

/** What has happened to the project by the day of a payment, for trigger checks. */
export interface TriggerFacts {
  startedOn: string | null
  acceptedOn: string | null
  dueOn: string | null
  milestoneMetOn: string | null
}

/** Why a tranche cannot pay on `date`, or null when its trigger is met. Pure. */
export function triggerGap(trigger: Trigger, facts: TriggerFacts, date: string): string | null {
  const by = (day: string | null, what: string) =>
    day === null ? `${what} has not happened` : day > date ? `${what} is on ${day}, after ${date}` : null
  switch (trigger) {
    case 'start':
      return by(facts.startedOn, 'the start of works')
    case 'acceptance':
      return by(facts.acceptedOn, 'the acceptance (验收)')
    case 'milestone':
      return by(facts.milestoneMetOn, 'the milestone')
    case 'date':
      return by(facts.dueOn, 'the due date')
  }
}

/**
 * Tranches already paid from stay as they are; a new plan replaces the others and covers what
 * they leave of the allocated total, given in amounts once money has been paid. Pure.
 */
export function checkReplan(
  kept: readonly { id: string; label: string; amount: Fen }[],
  tranches: readonly TrancheInput[],
  allocated: Fen,
): void {
  const keptTotal = kept.reduce((sum, t) => sum + t.amount, 0n)
  if (kept.length > 0 && (tranches.some((t) => t.percentBp !== undefined) || keptTotal >= allocated)) {
    throw new FundsError(
      'funds.plan_in_use',
      keptTotal >= allocated
        ? `the tranches already paid from cover ${formatMoney(keptTotal)} of ${formatMoney(allocated)} allocated; nothing is left to plan`
        : `money has been paid under ${kept.map((t) => t.label).join(', ')}; plan the remaining ${formatMoney(allocated - keptTotal)} in amounts`,
      { field: 'tranches', context: { kept: kept.map((t) => t.id) } },
    )
  }
}

/** A milestone is marked once, on a milestone tranche. Pure. */
export function checkMilestone(tranche: {
  label: string
  trigger: string
  milestoneMetOn: string | null
}): void {
  if (tranche.trigger !== 'milestone') {
    throw new FundsError(
      'funds.not_a_milestone',
      `tranche ${tranche.label} is triggered by ${tranche.trigger}`,
    )
  }
  if (tranche.milestoneMetOn) {
    throw new FundsError('funds.milestone_met', `already met on ${tranche.milestoneMetOn}`)
  }
}

/** A payment (or revenue) is recorded on or before today. Pure. */
export function checkNotFuture(
  date: string,
  today: string,
  field: 'date' | 'receivedOn',
  what: string,
): void {
  if (date > today)
    throw new FundsError('funds.future_date', `${what} is recorded on or before today`, { field })
}

/**
 * 拨付: the tranche's trigger is met on the payment date, the plan still covers the allocated
 * total, and Σ paid stays within what the source allocated to the project and within the
 * tranche. Pure.
 */
export function checkPayment(
  input: { date: string; amount: Fen },
  context: {
    sourceName: string
    tranche: { label: string; trigger: string; amount: Fen }
    facts: TriggerFacts
    allocatedFromSource: Fen
    allocated: Fen
    planTotal: Fen
    paidFromSource: Fen
    paidOnTranche: Fen
  },
): void {
  const { tranche } = context
  const gap = triggerGap(tranche.trigger as Trigger, context.facts, input.date)
  if (gap) {
    throw new FundsError(
      'funds.tranche_not_triggered',
      `tranche ${tranche.label} cannot pay on ${input.date}: ${gap}`,
      {
        field: 'trancheId',
        context: { trigger: tranche.trigger },
      },
    )
  }
  if (context.planTotal !== context.allocated) {
    throw new FundsError(
      'funds.plan_outdated',
      `the payment plan covers ${formatMoney(context.planTotal)}, the project has ${formatMoney(context.allocated)} allocated; set the plan again`,
    )
  }
  if (context.paidFromSource + input.amount > context.allocatedFromSource) {
    throw new FundsError(
      'funds.over_allocation',
      `${context.sourceName} allocated ${formatMoney(context.allocatedFromSource)} to this project; ${formatMoney(context.paidFromSource)} is paid`,
      {
        field: 'amount',
        context: {
          allocated: formatMoney(context.allocatedFromSource),
          disbursed: formatMoney(context.paidFromSource),
        },
      },
    )
  }
  if (context.paidOnTranche + input.amount > tranche.amount) {
    throw new FundsError(
      'funds.over_tranche',
      `tranche ${tranche.label} is ${formatMoney(tranche.amount)}; ${formatMoney(context.paidOnTranche)} is paid`,
      {
        field: 'amount',
        context: { tranche: formatMoney(tranche.amount), disbursed: formatMoney(context.paidOnTranche) },
      },
    )
  }
}
