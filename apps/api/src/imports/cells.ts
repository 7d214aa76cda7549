import { isBusinessDate, moneyRejection } from '@liancun/core'
import type { Cell } from './read-file.js'

/**
 * Cell conversions every layout shares: pure, no rule of a domain (those run on the converted
 * row through the package's own input schema and service). A refusal names its rule.
 */
export type Converted<T> = { ok: true; value: T } | { ok: false; rule: string; message: string }

const ok = <T>(value: T): Converted<T> => ({ ok: true, value })
const refuse = (rule: string, message: string): Converted<never> => ({ ok: false, rule, message })

/** `2024-03-05` from a Date that exceljs built for a date cell (UTC midnight of that day). */
function dateOfCell(value: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`
}

/** Text of a cell, trimmed; null when blank. Whole numbers print without a point (1002, not 1002.0). */
export function textOf(cell: Cell): string | null {
  if (cell === null) return null
  if (cell instanceof Date) return dateOfCell(cell)
  const text = String(cell)
    .replace(/\u3000/g, ' ')
    .trim()
  return text === '' ? null : text
}

const DATE_PATTERN = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/

/**
 * A business date: a date cell, `2024-03-05`, `2024/3/5`, `2024.3.5`, `2024年3月5日` or the
 * legacy `20240305` (text or a number). Blank is null.
 */
export function dateOf(cell: Cell): Converted<string | null> {
  if (cell instanceof Date) return ok(dateOfCell(cell))
  const text = textOf(cell)
  if (text === null) return ok(null)
  const parts = /^\d{8}$/.test(text)
    ? [text.slice(0, 4), text.slice(4, 6), text.slice(6, 8)]
    : DATE_PATTERN.exec(text)?.slice(1)
  const date = parts ? `${parts[0]}-${parts[1]!.padStart(2, '0')}-${parts[2]!.padStart(2, '0')}` : null
  if (!date || !isBusinessDate(date)) {
    return refuse('date_format', 'must be a date such as 2024-03-05 (or 2024/3/5, 2024年3月5日, a date cell)')
  }
  return ok(date)
}

const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/
const DECIMAL = /^(\d+)(?:\.(\d+))?$/

/**
 * An amount in 元 → the wire form `"123.45"`, exactly: a number cell goes through its shortest
 * decimal string (never arithmetic), so Excel's 0.1+0.2 (0.30000000000000004) is refused, not
 * rounded. At most two decimals; thousands separators and a leading ¥ are allowed. Blank and zero
 * are null (an empty side of a line); negative is refused (a voucher line's side is positive; 红字
 * corrections are reversals).
 */
export function amountOf(cell: Cell): Converted<string | null> {
  if (cell instanceof Date || typeof cell === 'boolean') {
    return refuse('amount_format', 'must be an amount in 元 such as 123.45')
  }
  if (typeof cell === 'number' && !Number.isFinite(cell)) {
    return refuse('amount_format', 'must be an amount in 元 such as 123.45')
  }
  let text = textOf(cell)
  if (text === null) return ok(null)
  text = text.replace(/^[¥￥]\s*/, '')
  const negative = text.startsWith('-')
  if (negative) text = text.slice(1)
  if (GROUPED.test(text)) text = text.replace(/,/g, '')
  const match = DECIMAL.exec(text)
  if (!match)
    return refuse('amount_format', 'must be an amount in 元 such as 123.45 (no exponent, no letters)')
  const [, whole, fraction = ''] = match
  if (fraction.length > 2) {
    return refuse('amount_decimals', 'an amount has at most two decimals (分); this one has more')
  }
  const wire = `${whole!.replace(/^0+(?=\d)/, '')}.${fraction.padEnd(2, '0')}`
  if (/^0\.00$/.test(wire)) return ok(null)
  if (negative)
    return refuse('amount_negative', 'must not be negative (correct a posted voucher by reversing it)')
  if (moneyRejection(wire) !== null) return refuse('amount_range', 'the amount is out of range')
  return ok(wire)
}

/** A whole number ≥ 0 (a count such as 附件数 or 联系户数); blank is null. */
export function countOf(cell: Cell): Converted<number | null> {
  const text = textOf(cell)
  if (text === null) return ok(null)
  if (!/^\d{1,9}$/.test(text)) return refuse('count_format', 'must be a whole number such as 3')
  return ok(Number(text))
}

/** Picks the value of a labelled choice (男 → male), by label or by the code itself. */
export function choiceOf<T extends string>(
  cell: Cell,
  choices: Record<string, T>,
  rule: string,
): Converted<T | null> {
  const text = textOf(cell)
  if (text === null) return ok(null)
  const values = Object.values(choices)
  const found = choices[text] ?? values.find((value) => value === text.toLowerCase())
  if (found === undefined) {
    return refuse(rule, `must be one of ${[...new Set([...Object.keys(choices), ...values])].join(', ')}`)
  }
  return ok(found)
}
