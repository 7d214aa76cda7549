import { addDays, type DateRange, rangesOverlap } from '@liancun/core'

/** The first existing range that shares a day with `candidate`, if any. */
export function firstOverlap<T extends DateRange>(
  existing: readonly T[],
  candidate: DateRange,
): T | undefined {
  return existing.find((range) => rangesOverlap(range, candidate))
}

/**
 * The largest number of `existing` ranges valid on one day inside `window`. Counts only change
 * where a range starts or the day after one ends, so checking those days is enough.
 */
export function maxConcurrent(existing: readonly DateRange[], window: DateRange): number {
  const inWindow = existing.filter((range) => rangesOverlap(range, window))
  const days = new Set<string>([window.from])
  for (const range of inWindow) {
    if (range.from > window.from) days.add(range.from)
    if (range.to !== null) days.add(addDays(range.to, 1))
  }
  let max = 0
  for (const day of days) {
    if (day < window.from || (window.to !== null && day > window.to)) continue
    const count = inWindow.filter(
      (range) => range.from <= day && (range.to === null || day <= range.to),
    ).length
    max = Math.max(max, count)
  }
  return max
}
