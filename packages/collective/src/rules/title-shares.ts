import type { Fen } from '@liancun/core'

/**
 * The owners' units on an asset card from 确权 (国办函〔2021〕51号: shares set at acceptance from
 * actual contributions): each owner's value in fen divided by the values' greatest common
 * divisor — exact, so 750,000 : 250,000 reads 3 : 1 and the share is units / Σ units.
 */
export function ownerUnits(values: readonly Fen[]): Fen[] {
  const gcd = (a: Fen, b: Fen): Fen => (b === 0n ? a : gcd(b, a % b))
  const divisor = values.reduce(gcd, 0n)
  return divisor === 0n ? values.map(() => 0n) : values.map((v) => v / divisor)
}
