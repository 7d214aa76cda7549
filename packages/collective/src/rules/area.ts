import { z } from 'zod'

/**
 * Areas in 亩 are exact decimals with at most four places (the column is numeric(14,4)): written
 * as a string on the wire, summed as integer ten-thousandths, never as a float (0.1 + 0.2 亩 must
 * be 0.3 亩 in a 流转 register).
 */
const MU_PATTERN = /^(0|[1-9][0-9]{0,9})(\.[0-9]{1,4})?$/

export const MuString = z
  .string()
  .regex(MU_PATTERN, {
    message: 'must be 亩 as a decimal string with at most 4 places, e.g. "80.5"',
    abort: true,
  })
  .refine((value) => muUnits(value) > 0n, 'must be greater than zero')
  .meta({ description: '面积 (亩), exact decimal string, up to 4 places', example: '80.5' })

/** 亩 as integer ten-thousandths. Accepts what PostgreSQL returns for numeric(14,4) too. */
export function muUnits(value: string): bigint {
  const [whole = '0', fraction = ''] = value.split('.')
  return BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0').slice(0, 4) || '0')
}

/** Ten-thousandths of a 亩 back to the shortest exact decimal ("80", "80.5", "0.0001"). */
export function formatMu(units: bigint): string {
  const whole = units / 10_000n
  const fraction = (units % 10_000n).toString().padStart(4, '0').replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}` : `${whole}`
}

/** A stored numeric as its shortest exact form. */
export const normalizeMu = (value: string): string => formatMu(muUnits(value))
