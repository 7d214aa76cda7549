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
