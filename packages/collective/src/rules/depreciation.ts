import type { Fen } from '@liancun/core'
import { CollectiveError } from '../errors.js'

/**
 * Depreciation of fixed assets (固定资产折旧). What the reference confirms (2004 制度, kept by the
 * 2023 制度 as far as checked): depreciation starts the month after acquisition (当月增加当月不提)
 * and the month of disposal is still depreciated (当月减少当月照提, stops the month after). The
 * method, useful life and residual value are left to the collective, so they are configuration
 * on each card: straight line by month (the default) or none (land, 公益性 assets a local rule
 * exempts, long-term investments).
 */
export const DEPRECIATION_METHODS = ['straight_line', 'none'] as const
export type DepreciationMethod = (typeof DEPRECIATION_METHODS)[number]
export const DEPRECIATION_BASIS =
  '财会〔2023〕14号 固定资产折旧; 2004 制度: 当月增加的固定资产当月不提折旧，当月减少的当月照提'

export interface DepreciationTerms {
  cost: Fen
  acquiredOn: string
  method: DepreciationMethod
  usefulLifeMonths: number | null
  residualValue: Fen
  disposedOn: string | null
}

/** Months as an ordinal (year × 12 + month − 1) from `YYYY-MM` or `YYYY-MM-DD`. */
export const monthIndex = (value: string): number =>
  Number(value.slice(0, 4)) * 12 + Number(value.slice(5, 7)) - 1

/** The last month whose depreciation is booked by the end of `date`: its own month on its last day. */
export function monthsClosedBy(date: string): number {
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.getUTCDate() === 1 ? monthIndex(date) : monthIndex(date) - 1
}

export function checkTerms(terms: Omit<DepreciationTerms, 'disposedOn' | 'acquiredOn'>): void {
  const needsLife = terms.method === 'straight_line'
  if (needsLife !== (terms.usefulLifeMonths !== null)) {
    throw new CollectiveError(
      'collective.life_required',
      needsLife
        ? 'straight-line depreciation needs usefulLifeMonths'
        : 'method none takes no usefulLifeMonths',
      { field: 'depreciation.usefulLifeMonths' },
    )
  }
  if (terms.residualValue >= terms.cost) {
    throw new CollectiveError('collective.residual_too_high', 'the residual value lies below the cost', {
      field: 'depreciation.residualValue',
    })
  }
}

/** Months depreciated through month ordinal `through` (inclusive), at most the useful life. */
export function monthsDepreciated(terms: DepreciationTerms, through: number): number {
  if (terms.method === 'none' || terms.usefulLifeMonths === null) return 0
  const first = monthIndex(terms.acquiredOn) + 1
  const last = terms.disposedOn === null ? through : Math.min(through, monthIndex(terms.disposedOn))
  return Math.max(0, Math.min(terms.usefulLifeMonths, last - first + 1))
}

/**
 * 累计折旧 through a month: floor((cost − residual) × n / life). Each month's charge is the
 * difference of two such values, so the charges are whole fen, differ by at most one fen, and
 * sum to exactly cost − residual at the end of the life (no last-month plug).
 */
export function accumulatedDepreciation(terms: DepreciationTerms, through: number): Fen {
  const n = monthsDepreciated(terms, through)
  if (n === 0 || terms.usefulLifeMonths === null) return 0n
  return ((terms.cost - terms.residualValue) * BigInt(n)) / BigInt(terms.usefulLifeMonths)
}

/** The charge of one month (0 outside the depreciation months). */
export const monthlyCharge = (terms: DepreciationTerms, month: number): Fen =>
  accumulatedDepreciation(terms, month) - accumulatedDepreciation(terms, month - 1)

/** A card's figures at the end of `date`: cost, accumulated depreciation and net book value. */
export function bookValueOn(terms: DepreciationTerms, date: string) {
  const accumulated = accumulatedDepreciation(terms, monthsClosedBy(date))
  return {
    cost: terms.cost,
    accumulatedDepreciation: accumulated,
    netBookValue: terms.cost - accumulated,
    monthsDepreciated: monthsDepreciated(terms, monthsClosedBy(date)),
  }
}
