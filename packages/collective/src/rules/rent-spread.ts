import type { Fen } from '@liancun/core'
import { CollectiveError } from '../errors.js'
import { SPREAD_BASIS, spreadByYear } from './contracts.js'

/**
 * 一次性收取的多年承包/租赁收入须分摊到各收益年度 (reference accounting.md §1.2, 合阳县 2023
 * citing 财农〔2021〕121号). The due voucher of an outbound instalment (draft-contract-instalment)
 * takes the years up to its own year to 501 经营收入 and credits the later years to 211 应付款 —
 * the 2023 chart has no 预收 account; 应付款 carries 应付及暂收款项 (2004 制度, 应付款 使用说明).
 * Each later year then moves its share out: Dr 211 / Cr 501.
 */
export const RENT_SPREAD_ACCOUNTS = { debit: '211', credit: '501' } as const
export const RENT_SPREAD_BASIS = SPREAD_BASIS

export interface DueInstalment {
  seq: number
  amount: Fen
  coversFrom: string
  coversTo: string
  /** The year of the instalment's due voucher; null while none is drafted, or it was reversed. */
  dueYear: number | null
}

export interface YearPart {
  seq: number
  amount: Fen
  /** How the instalment is spread: by whole months, or by days (contracts.ts `spreadByYear`). */
  basis: 'month' | 'day'
  /** Months or days of the instalment's cover falling in the year. */
  units: number
}

/**
 * The share of each instalment that falls to `year` and still sits in the deferral account: only
 * years after the due voucher's year (the years up to it went straight to income or expense).
 * The share is the instalment's `spreadByYear` entry for the year — the exact largest-remainder
 * split over whole months where the cover is whole months (five whole years take a fifth each,
 * leap days or not: what "每年 X 元" means), otherwise over days — so the due voucher's part and
 * the later years' shares sum to the instalment to the fen.
 */
export function deferredParts(instalments: readonly DueInstalment[], year: number): YearPart[] {
  return instalments.flatMap((p) => {
    if (p.dueYear === null || p.dueYear >= year) return []
    const spread = spreadByYear(p.amount, p.coversFrom, p.coversTo)
    const share = spread.years.find((y) => y.year === year)
    if (!share || share.amount === 0n) return []
    return [{ seq: p.seq, amount: share.amount, basis: spread.basis, units: share.units }]
  })
}

/**
 * The voucher date of a year's transfer: the caller's, inside the year and not after today; by
 * default the year's last day, or today while the year runs (a village closing December early).
 * A year that has not begun has nothing to transfer yet.
 */
export function yearVoucherDate(year: number, today: string, date?: string): string {
  const first = `${year}-01-01`
  const last = `${year}-12-31`
  if (first > today) {
    throw new CollectiveError(
      'collective.period_not_begun',
      `year ${year} has not begun (today is ${today}); its share is transferred in the year`,
      { field: 'year', context: { year, today } },
    )
  }
  if (date === undefined) return last <= today ? last : today
  if (date < first || date > last || date > today) {
    throw new CollectiveError(
      'collective.date_outside_period',
      `the voucher of year ${year} is dated inside the year and not after today (${today}), not ${date}`,
      { field: 'date', context: { from: first, to: last <= today ? last : today } },
    )
  }
  return date
}
