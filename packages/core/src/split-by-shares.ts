import { DomainError } from './domain-error.js'
import type { Fen } from './money.js'

export interface ShareInput {
  key: string
  /** Non-negative integer units (股数, 面积, 人数 …). */
  units: bigint | number
}

export interface ShareOutput {
  key: string
  units: bigint
  /** floor(total × units / Σunits) */
  floor: Fen
  /** Numerator of the fractional part of the quota, over Σunits. */
  remainder: bigint
  /** 1 if this share received one of the leftover fen, else 0. */
  extra: Fen
  amount: Fen
  /** Position in the leftover ranking (0 = first to receive), for the tie-break trace. */
  rank: number
}

export interface SplitResult {
  total: Fen
  totalUnits: bigint
  /** Fen handed out one by one after the floors: Σamount − Σfloor. */
  leftover: Fen
  /** In the caller's input order; values never depend on that order. */
  shares: ShareOutput[]
}

function toUnits(units: bigint | number, key: string): bigint {
  if (typeof units === 'number' && !Number.isSafeInteger(units)) {
    throw new DomainError('core.invalid_units', `units of "${key}" must be an integer`, {
      kind: 'invalid',
      context: { key },
    })
  }
  const value = BigInt(units)
  if (value < 0n) {
    throw new DomainError('core.invalid_units', `units of "${key}" must not be negative`, {
      kind: 'invalid',
      context: { key },
    })
  }
  return value
}

/**
 * Splits `total` fen by shares with the largest-remainder (Hamilton) method on exact integers.
 * Every share gets floor(total × units / Σunits); the leftover fen go one each to the largest
 * fractional parts, ties broken by larger units, then by key (code-unit order) — never by input
 * order. Zero units get 0. Σ amounts = total, always. A negative total is split as its magnitude
 * and negated, so refunds mirror payments exactly.
 */
export function splitByShares(total: Fen, inputs: readonly ShareInput[]): SplitResult {
  const seen = new Set<string>()
  const entries = inputs.map((input) => {
    if (seen.has(input.key)) {
      throw new DomainError('core.duplicate_share_key', `share key "${input.key}" appears twice`, {
        kind: 'invalid',
        context: { key: input.key },
      })
    }
    seen.add(input.key)
    return { key: input.key, units: toUnits(input.units, input.key) }
  })
  const totalUnits = entries.reduce((sum, entry) => sum + entry.units, 0n)
  if (totalUnits === 0n && total !== 0n) {
    throw new DomainError('core.no_units', 'cannot split a non-zero amount when all units are zero', {
      kind: 'rule',
      context: { total: total.toString() },
    })
  }
  const sign = total < 0n ? -1n : 1n
  const magnitude = total * sign

  const computed = entries.map((entry) => {
    const product = magnitude * entry.units
    return {
      ...entry,
      floor: totalUnits === 0n ? 0n : product / totalUnits,
      remainder: totalUnits === 0n ? 0n : product % totalUnits,
    }
  })
  const leftover = magnitude - computed.reduce((sum, entry) => sum + entry.floor, 0n)

  const ranking = [...computed].sort((a, b) => {
    if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1
    if (a.units !== b.units) return a.units > b.units ? -1 : 1
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
  })
  const rankOf = new Map(ranking.map((entry, index) => [entry.key, index]))

  const shares = computed.map((entry) => {
    const rank = rankOf.get(entry.key) ?? 0
    const extra = BigInt(rank) < leftover ? 1n : 0n
    return {
      key: entry.key,
      units: entry.units,
      floor: entry.floor * sign,
      remainder: entry.remainder,
      extra: extra * sign,
      amount: (entry.floor + extra) * sign,
      rank,
    }
  })
  return { total, totalUnits, leftover: leftover * sign, shares }
}
