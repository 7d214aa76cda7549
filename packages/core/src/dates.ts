import { z } from 'zod'

/**
 * The business dates this system records: 1900-01-01 … 2099-12-31, both inclusive. Wide enough
 * for every real date it holds (birth dates of living villagers, 入党 dates since 1921, records
 * back to the 1950s collectives, plans a few decades ahead), narrow enough that every date is
 * four digits wide (so ISO strings keep comparing correctly) and inside what PostgreSQL `date`,
 * JavaScript `Date` and the period arithmetic (`YYYY-MM`) all agree on. Year 0000 or 9999 is
 * never a business fact, only a typo or a probe.
 */
export const MIN_BUSINESS_DATE = '1900-01-01'
export const MAX_BUSINESS_DATE = '2099-12-31'

/** `YYYY-MM-DD` with a year 1900–2099; whether the day exists is checked separately. */
const BUSINESS_DATE_PATTERN = /^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$/

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/** True for a real calendar date written `YYYY-MM-DD` inside the business range. */
export function isBusinessDate(value: string): boolean {
  return BUSINESS_DATE_PATTERN.test(value) && isCalendarDate(value)
}

export const BusinessDate = z
  .string()
  // The pattern carries the range (and shows in the OpenAPI document); `abort` keeps a malformed
  // value to one message.
  .regex(BUSINESS_DATE_PATTERN, {
    message: `must be a date written YYYY-MM-DD between ${MIN_BUSINESS_DATE} and ${MAX_BUSINESS_DATE}`,
    abort: true,
  })
  .refine(isCalendarDate, 'must be a calendar date written YYYY-MM-DD')
  .meta({
    description: `business date (Asia/Shanghai), YYYY-MM-DD, ${MIN_BUSINESS_DATE} … ${MAX_BUSINESS_DATE}`,
    example: '2024-03-01',
  })

/** A validity range; both ends inclusive, `to: null` means still current. */
export interface DateRange {
  from: string
  to: string | null
}

/** True when the range is valid on `date`. ISO dates compare correctly as strings. */
export function isActiveOn(range: DateRange, date: string): boolean {
  return range.from <= date && (range.to === null || date <= range.to)
}

/** True when the two ranges share at least one day. */
export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return (a.to === null || b.from <= a.to) && (b.to === null || a.from <= b.to)
}

/** The number of days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}
