import { addDays, daysBetween, type Fen, formatMoney, splitByShares } from '@liancun/core'
import { CollectiveError } from '../errors.js'
import { monthIndex } from './depreciation.js'

export const CONTRACT_KINDS = ['contracting', 'lease', 'transfer'] as const
export type ContractKind = (typeof CONTRACT_KINDS)[number]
export const PARTY_KINDS = ['household', 'enterprise', 'collective', 'person'] as const

/** The status a covered resource takes while a contract of this kind lets it. */
export const RESOURCE_STATUS_OF: Record<ContractKind, 'contracted' | 'leased'> = {
  contracting: 'contracted',
  transfer: 'contracted',
  lease: 'leased',
}

export interface Instalment {
  dueOn: string
  amount: Fen
  coversFrom: string
  coversTo: string
}

/** A schedule pays the whole amount, each instalment for a period inside the term. */
export function checkSchedule(
  term: { startsOn: string; endsOn: string; amount: Fen },
  schedule: readonly Instalment[],
): void {
  if (term.endsOn < term.startsOn) {
    throw new CollectiveError('collective.ends_before_start', 'endsOn is on or after startsOn', {
      field: 'endsOn',
    })
  }
  schedule.forEach((p, i) => {
    if (p.coversFrom > p.coversTo || p.coversFrom < term.startsOn || p.coversTo > term.endsOn) {
      throw new CollectiveError(
        'collective.cover_outside_term',
        `instalment ${i + 1} pays for ${p.coversFrom} … ${p.coversTo}, outside the term ${term.startsOn} … ${term.endsOn}`,
        { field: `schedule.${i}.coversFrom`, context: { term: [term.startsOn, term.endsOn] } },
      )
    }
  })
  const total = schedule.reduce((sum, p) => sum + p.amount, 0n)
  if (total !== term.amount) {
    throw new CollectiveError(
      'collective.schedule_not_whole',
      `the instalments sum to ${formatMoney(total)}, the contract to ${formatMoney(term.amount)}`,
      { field: 'schedule', context: { scheduled: formatMoney(total), amount: formatMoney(term.amount) } },
    )
  }
}

export const SPREAD_BASIS =
  '一次性收取的多年承包/租赁收入须分摊到各收益年度 (合阳县 2023, citing 财农〔2021〕121号)'

export interface YearShare {
  year: number
  /** Months (a period of whole months) or days covered in the year. */
  units: number
  amount: Fen
}

const isMonthStart = (date: string) => date.endsWith('-01')
const isMonthEnd = (date: string) => addDays(date, 1).endsWith('-01')

/**
 * 分摊到各收益年度: an amount paid for [from, to] (inclusive) split over the calendar years it
 * covers, by the exact largest-remainder method. A period of whole months is split by months
 * (five whole years take a fifth each, whatever their leap days); any other period by days.
 */
export function spreadByYear(
  amount: Fen,
  from: string,
  to: string,
): { basis: 'month' | 'day'; years: YearShare[] } {
  const basis = isMonthStart(from) && isMonthEnd(to) ? 'month' : 'day'
  const firstYear = Number(from.slice(0, 4))
  const lastYear = Number(to.slice(0, 4))
  const units: { year: number; units: number }[] = []
  for (let year = firstYear; year <= lastYear; year++) {
    const start = year === firstYear ? from : `${year}-01-01`
    const end = year === lastYear ? to : `${year}-12-31`
    units.push({
      year,
      units: basis === 'month' ? monthIndex(end) - monthIndex(start) + 1 : daysBetween(start, end) + 1,
    })
  }
  const split = splitByShares(
    amount,
    units.map((u) => ({ key: String(u.year), units: u.units })),
  )
  return { basis, years: units.map((u, i) => ({ ...u, amount: split.shares[i]!.amount })) }
}

/** An instalment is overdue the day after it fell due while no receipt is recorded. */
export const isOverdue = (p: { dueOn: string; receivedOn: string | null }, today: string): boolean =>
  p.receivedOn === null && p.dueOn < today

/** A contract expires within `days` when it ends between today and today + days. */
export const isExpiring = (c: { endsOn: string }, today: string, days: number): boolean =>
  c.endsOn >= today && c.endsOn <= addDays(today, days)

/**
 * The area let from a resource by contracts whose terms overlap stays within the resource's
 * area (ten-thousandths of a 亩, exact): 80 亩 cannot be let twice over the same years.
 */
export function areaProblem(resource: { id: string; areaMu: bigint }, alreadyLet: bigint, letNow: bigint) {
  if (alreadyLet + letNow <= resource.areaMu) return null
  return { resourceId: resource.id, area: resource.areaMu, alreadyLet, requested: letNow }
}
