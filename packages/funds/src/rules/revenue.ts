import { type Fen, formatMoney, splitByShares } from '@liancun/core'
import { FundsError } from '../errors.js'

/** 收益 comes from accepted or operating projects. Pure. */
export function checkEarning(status: string): void {
  if (!['accepted', 'operating'].includes(status)) {
    throw new FundsError(
      'funds.not_operating',
      `revenue comes from accepted or operating projects; this one is ${status}`,
    )
  }
}

/** 收益分配 once per revenue, by the ownership shares recorded at acceptance. Pure. */
export function checkDistributable(
  revenueId: string,
  runId: string | null,
  shares: readonly unknown[],
): void {
  if (runId) {
    throw new FundsError(
      'funds.revenue_distributed',
      `revenue ${revenueId} was distributed by run ${runId}`,
      {
        context: { runId },
      },
    )
  }
  if (shares.length === 0) {
    throw new FundsError(
      'funds.no_shares',
      'revenue is split by the ownership shares recorded at acceptance (验收)',
    )
  }
}

/** A distribution is dated on or after the revenue was received (by default, that day). Pure. */
export function distributionDate(revenue: { receivedOn: string }, date: string | undefined): string {
  const day = date ?? revenue.receivedOn
  if (day < revenue.receivedOn) {
    throw new FundsError(
      'funds.distributed_before_received',
      `the revenue was received on ${revenue.receivedOn}`,
      {
        field: 'date',
      },
    )
  }
  return day
}

/**
 * The monitored households' part (防返贫监测对象) as a payable to each named household: split by
 * their units (default one each) by largest remainder, so Σ = the part exactly. A part with no
 * household named is refused: it would be a number in the run, owed to no one. Pure.
 */
export function monitoredPayables(
  amount: Fen,
  households: readonly { ref: string; units?: number }[] | undefined,
): { ref: string; amount: Fen }[] {
  if (amount === 0n) return []
  if (!households || households.length === 0) {
    throw new FundsError(
      'funds.monitored_households_required',
      `the monitored households' part of ${formatMoney(amount)} is paid to named households; list them`,
      { field: 'monitoredHouseholds', context: { amount: formatMoney(amount) } },
    )
  }
  const split = splitByShares(
    amount,
    households.map((h) => ({ key: h.ref, units: BigInt(h.units ?? 1) })),
  )
  return split.shares.map((s) => ({ ref: s.key, amount: s.amount }))
}
