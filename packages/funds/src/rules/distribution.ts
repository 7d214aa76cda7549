import { type Fen, type SplitResult, splitByShares } from '@liancun/core'
import { FundsError } from '../errors.js'
import { FULL_BP } from './percent.js'

/**
 * 收益分配方案: applied in order — guaranteed amounts per village (固定分红 / 保底), a reserve
 * (公积公益金 or upkeep), a set-aside for monitored households (防返贫监测对象), then the rest
 * by share units (按股分红). Each stage is an exact largest-remainder split in fen of what is
 * actually left at that stage, so no percentage is ever rounded first.
 */
export interface DistributionPolicy {
  /** Which version of the village's adopted scheme this is, stored with every run. */
  version: string
  guaranteed: { villageCode: string; amount: Fen }[]
  reserveBp: bigint
  monitoredHouseholdsBp: bigint
  /**
   * Revenue below the guaranteed total: `pro_rata` scales the guarantees down by their amounts;
   * `operator_owes` pays them in full and records what the operator still owes.
   */
  shortfall: 'pro_rata' | 'operator_owes'
}

/** A share holder: `village:<code>` or `partner:<id>`, with its units (fen of contribution). */
export interface ShareHolder {
  key: string
  units: bigint
}

export interface DistributionStage {
  name: 'guaranteed' | 'reserve' | 'monitored_households' | 'by_shares'
  /** Fen available when the stage began. */
  available: Fen
  /** Fen the stage handed out. */
  amount: Fen
  /** The exact split with floors, remainders and ranks (the tie-break trace); null if no split ran. */
  split: SplitResult | null
}

export interface DistributionOutcome {
  revenue: Fen
  stages: DistributionStage[]
  /** Share holders and guaranteed villages in key order, then `reserve` and `monitored_households` if any. */
  allocations: { recipient: string; guaranteed: Fen; byShares: Fen; amount: Fen }[]
  /** Guaranteed fen the operator still owes (shortfall rule `operator_owes`), else 0. */
  operatorOwes: Fen
  /** Σ allocations: the revenue, plus what the operator owes. */
  total: Fen
}

const villageKey = (code: string) => `village:${code}`

/** Splits `left` into a stage's part (bp of it) and what remains, by largest remainder. */
function percentStage(name: DistributionStage['name'], left: Fen, bp: bigint): DistributionStage {
  if (bp === 0n || left === 0n) return { name, available: left, amount: 0n, split: null }
  const split = splitByShares(left, [
    { key: name, units: bp },
    { key: 'rest', units: FULL_BP - bp },
  ])
  return { name, available: left, amount: split.shares[0]!.amount, split }
}

/**
 * Runs a distribution policy on one revenue amount. Pure and deterministic: the same inputs in
 * any order give the same fen to the same recipients, and Σ allocations = revenue (+ what the
 * operator owes under `operator_owes`).
 */
export function distributeRevenue(
  revenue: Fen,
  policy: DistributionPolicy,
  holders: readonly ShareHolder[],
): DistributionOutcome {
  if (revenue < 0n) {
    throw new FundsError('funds.negative_revenue', 'revenue to distribute must not be negative')
  }
  if (policy.reserveBp < 0n || policy.monitoredHouseholdsBp < 0n) {
    throw new FundsError('funds.invalid_percent', 'percentages must not be negative')
  }
  if (policy.reserveBp > FULL_BP || policy.monitoredHouseholdsBp > FULL_BP) {
    throw new FundsError('funds.invalid_percent', 'a percentage is at most 100.00')
  }
  const holderKeys = new Set(holders.map((h) => h.key))
  const guaranteeKeys = new Set<string>()
  policy.guaranteed.forEach((g, i) => {
    const key = villageKey(g.villageCode)
    if (!holderKeys.has(key)) {
      throw new FundsError('funds.guarantee_not_holder', `${g.villageCode} holds no share of this project`, {
        field: `policy.guaranteed.${i}.villageCode`,
      })
    }
    if (guaranteeKeys.has(key)) {
      throw new FundsError('funds.duplicate_guarantee', `${g.villageCode} is guaranteed twice`, {
        field: `policy.guaranteed.${i}.villageCode`,
      })
    }
    if (g.amount <= 0n) {
      throw new FundsError('funds.invalid_guarantee', 'a guaranteed amount is greater than zero', {
        field: `policy.guaranteed.${i}.amount`,
      })
    }
    guaranteeKeys.add(key)
  })

  const guaranteedTotal = policy.guaranteed.reduce((sum, g) => sum + g.amount, 0n)
  const stages: DistributionStage[] = []
  const guaranteedTo = new Map<string, Fen>()
  let operatorOwes = 0n
  let left = revenue

  if (policy.guaranteed.length > 0) {
    if (revenue >= guaranteedTotal || policy.shortfall === 'operator_owes') {
      for (const g of policy.guaranteed) guaranteedTo.set(villageKey(g.villageCode), g.amount)
      operatorOwes = revenue >= guaranteedTotal ? 0n : guaranteedTotal - revenue
      stages.push({ name: 'guaranteed', available: revenue, amount: guaranteedTotal, split: null })
      left = revenue >= guaranteedTotal ? revenue - guaranteedTotal : 0n
    } else {
      // Pro rata: what came in is split by the guaranteed amounts themselves, exactly.
      const split = splitByShares(
        revenue,
        policy.guaranteed.map((g) => ({ key: villageKey(g.villageCode), units: g.amount })),
      )
      for (const share of split.shares) guaranteedTo.set(share.key, share.amount)
      stages.push({ name: 'guaranteed', available: revenue, amount: revenue, split })
      left = 0n
    }
  }

  const reserve = percentStage('reserve', left, policy.reserveBp)
  stages.push(reserve)
  left -= reserve.amount
  const monitored = percentStage('monitored_households', left, policy.monitoredHouseholdsBp)
  stages.push(monitored)
  left -= monitored.amount

  const byShares =
    left === 0n
      ? null
      : splitByShares(
          left,
          holders.map((h) => ({ key: h.key, units: h.units })),
        )
  stages.push({ name: 'by_shares', available: left, amount: left, split: byShares })
  const sharesTo = new Map(byShares?.shares.map((s) => [s.key, s.amount]) ?? [])

  const recipients = [...new Set([...holders.map((h) => h.key), ...guaranteedTo.keys()])].sort()
  const allocations = recipients.map((recipient) => {
    const guaranteed = guaranteedTo.get(recipient) ?? 0n
    const shares = sharesTo.get(recipient) ?? 0n
    return { recipient, guaranteed, byShares: shares, amount: guaranteed + shares }
  })
  for (const stage of [reserve, monitored]) {
    if (stage.amount > 0n)
      allocations.push({ recipient: stage.name, guaranteed: 0n, byShares: 0n, amount: stage.amount })
  }
  const total = allocations.reduce((sum, a) => sum + a.amount, 0n)
  if (total !== revenue + operatorOwes) {
    // Unreachable by construction; a wrong split must never be stored.
    throw new FundsError('funds.split_mismatch', `split ${total} ≠ ${revenue + operatorOwes}`)
  }
  return { revenue, stages, allocations, operatorOwes, total }
}
