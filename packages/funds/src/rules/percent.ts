import { z } from 'zod'

/** 10,000 basis points = 100.00%. Percentages are integer basis points end to end, never floats. */
export const FULL_BP = 10_000n

/** `5500n` → `"55.00"`. */
export function formatPercent(bp: bigint): string {
  return `${bp / 100n}.${(bp % 100n).toString().padStart(2, '0')}`
}

/** Wire form of a percentage: `"55.00"`, 0–100 with at most two decimals; parses to basis points. */
export const PercentString = z
  .string()
  .regex(
    /^(100(\.0{1,2})?|[0-9]{1,2}(\.[0-9]{1,2})?)$/,
    'a percentage from "0" to "100.00", at most two decimals',
  )
  .transform((value) => {
    const [whole, decimals = ''] = value.split('.')
    return BigInt(whole!) * 100n + BigInt(decimals.padEnd(2, '0'))
  })
  .meta({ description: 'percentage (%) as a decimal string, e.g. "55.00"', example: '10.00' })
