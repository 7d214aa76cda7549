import { z } from 'zod'

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isBusinessDate(value: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

export const BusinessDate = z
  .string()
  .refine(isBusinessDate, 'must be a calendar date written YYYY-MM-DD')
  .meta({ description: 'business date (Asia/Shanghai), YYYY-MM-DD', example: '2024-03-01' })

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
