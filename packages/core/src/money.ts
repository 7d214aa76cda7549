import { z } from 'zod'
import { DomainError } from './domain-error.js'

/** Money is integer fen (分) as bigint. 1 yuan = 100 fen. */
export type Fen = bigint

/** ±10^13 yuan, far beyond any county budget, yet safely inside PostgreSQL bigint. */
export const MAX_ABS_FEN = 10n ** 15n

const WIRE_PATTERN = /^-?(0|[1-9][0-9]*)\.[0-9]{2}$/

export type MoneyRejection =
  | 'not_a_string'
  | 'empty'
  | 'whitespace'
  | 'non_ascii'
  | 'exponent'
  | 'not_a_number'
  | 'decimals'
  | 'leading_zero'
  | 'format'
  | 'out_of_range'

const reasons: Record<MoneyRejection, string> = {
  not_a_string: 'money must be a decimal string such as "123.45", not a JSON number',
  empty: 'money must not be empty',
  whitespace: 'money must not contain spaces',
  non_ascii: 'money must use ASCII digits (no full-width characters)',
  exponent: 'money must not use exponent notation',
  not_a_number: 'money must be a decimal amount',
  decimals: 'money must have exactly two decimal places, e.g. "1.50"',
  leading_zero: 'money must not have leading zeros',
  format: 'money must look like "-123.45": optional minus, digits, a point and two digits',
  out_of_range: 'money must be within ±10000000000000.00 yuan',
}

/** Checks a wire amount without throwing; returns the reason it is refused, or null. */
export function moneyRejection(value: unknown): MoneyRejection | null {
  if (typeof value !== 'string') return 'not_a_string'
  if (value.length === 0) return 'empty'
  if (/\s/.test(value)) return 'whitespace'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for anything outside ASCII
  if (/[^\x00-\x7f]/.test(value)) return 'non_ascii'
  if (/^-?[0-9.]+[eE][-+]?[0-9]+$/.test(value)) return 'exponent'
  if (!/^-?[0-9]*\.?[0-9]*$/.test(value) || !/[0-9]/.test(value)) return 'not_a_number'
  if (!/\.[0-9]{2}$/.test(value) || /\..*\./.test(value)) return 'decimals'
  if (/^-?0[0-9]/.test(value)) return 'leading_zero'
  if (!WIRE_PATTERN.test(value)) return 'format'
  const fen = BigInt(value.replace('.', ''))
  if (fen > MAX_ABS_FEN || fen < -MAX_ABS_FEN) return 'out_of_range'
  return null
}

export function moneyRejectionReason(rejection: MoneyRejection): string {
  return reasons[rejection]
}

/** Parses the wire form `"12345.67"` (yuan, two decimals) into fen. Throws `core.invalid_money`. */
export function parseMoney(value: unknown, field?: string): Fen {
  const rejection = moneyRejection(value)
  if (rejection !== null) {
    throw new DomainError('core.invalid_money', reasons[rejection], {
      kind: 'invalid',
      ...(field ? { field } : {}),
      context: { reason: rejection },
    })
  }
  const fen = BigInt((value as string).replace('.', ''))
  return fen === 0n ? 0n : fen
}

/** Formats fen as the wire form: `12345n` → `"123.45"`, `-5n` → `"-0.05"`. */
export function formatMoney(fen: Fen): string {
  const negative = fen < 0n
  const abs = negative ? -fen : fen
  const yuan = abs / 100n
  const cents = (abs % 100n).toString().padStart(2, '0')
  return `${negative ? '-' : ''}${yuan}.${cents}`
}

/** Sums fen exactly. */
export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0n
  for (const value of values) total += value
  return total
}

/** zod schema for a wire amount; parses to fen, and explains refusals in the issue message. */
export const MoneyString = z
  .string({ error: reasons.not_a_string })
  .superRefine((value, ctx) => {
    const rejection = moneyRejection(value)
    if (rejection !== null)
      ctx.addIssue({ code: 'custom', message: reasons[rejection], params: { rejection } })
  })
  .transform((value) => parseMoney(value))
  .meta({ description: '金额 (元), a decimal string with exactly two places', example: '12345.67' })

/** zod schema for a non-negative wire amount. */
export const NonNegativeMoneyString = MoneyString.refine((fen) => fen >= 0n, 'money must not be negative')

/** zod schema for a strictly positive wire amount. */
export const PositiveMoneyString = MoneyString.refine((fen) => fen > 0n, 'money must be greater than zero')

/** Response-side schema: the formatted wire string. */
export const MoneyOut = z
  .string()
  .regex(WIRE_PATTERN)
  .meta({ description: '金额 (元), a decimal string with exactly two places', example: '12345.67' })
