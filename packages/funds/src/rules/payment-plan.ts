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
    throw new FundsError(
      'funds.nothing_allocated',
      'allocate money to the project before planning payments',
      {
        kind: 'rule',
      },
    )
  }
  tranches.forEach((t, i) => {
    if ((t.percentBp === undefined) === (t.amount === undefined)) {
      throw new FundsError('funds.percent_or_amount', 'give exactly one of percent or amount', {
        kind: 'invalid',
        field: `tranches.${i}`,
      })
    }
    if (t.percentBp === 0n) {
      throw new FundsError('funds.empty_tranche', 'a tranche pays more than 0%', {
        kind: 'invalid',
        field: `tranches.${i}.percent`,
      })
    }
    if (t.trigger === 'date' && !t.dueOn) {
      throw new FundsError('funds.due_date_required', 'a date tranche names its dueOn day', {
        kind: 'invalid',
        field: `tranches.${i}.dueOn`,
      })
    }
    if (t.trigger !== 'date' && t.dueOn) {
      throw new FundsError('funds.due_date_unexpected', 'only a date tranche has dueOn', {
        kind: 'invalid',
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
        kind: 'invalid',
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
        { kind: 'rule', field: 'tranches', context: { sumBasisPoints: sum.toString() } },
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
        kind: 'rule',
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
