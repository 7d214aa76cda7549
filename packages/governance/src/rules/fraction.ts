/**
 * Thresholds as exact fractions: "more than half" is `{ comparator: 'gt', num: 1, den: 2 }`,
 * "at least two thirds" is `{ comparator: 'gte', num: 2, den: 3 }`. Integer cross-multiplication
 * only, so exactly 2/3 present is decided exactly, never by a rounded percentage.
 */
export interface Threshold {
  comparator: 'gt' | 'gte'
  num: number
  den: number
}

/** Whether `count` out of `base` reaches the threshold. A base of zero never does. */
export function reaches(count: number, base: number, threshold: Threshold): boolean {
  if (base <= 0) return false
  const left = count * threshold.den
  const right = threshold.num * base
  return threshold.comparator === 'gt' ? left > right : left >= right
}

/** The smallest count that reaches the threshold out of `base` (what the minutes show as 应达到). */
export function minimumCount(base: number, threshold: Threshold): number {
  if (base <= 0) return 1
  const exact = (threshold.num * base) / threshold.den
  const floor = Math.floor((threshold.num * base) / threshold.den)
  if (threshold.comparator === 'gte') return Number.isInteger(exact) ? exact : floor + 1
  return floor + 1
}

/**
 * The stricter of two thresholds over the same base: the larger fraction; at equal fractions,
 * "more than" is stricter than "at least".
 */
export function stricterThreshold(a: Threshold, b: Threshold): Threshold {
  const left = a.num * b.den
  const right = b.num * a.den
  if (left !== right) return left > right ? a : b
  return a.comparator === 'gt' ? a : b
}

export function describeThreshold(t: Threshold): string {
  const fraction = t.num === 1 && t.den === 2 ? '1/2' : `${t.num}/${t.den}`
  return `${t.comparator === 'gt' ? 'more than' : 'at least'} ${fraction}`
}
