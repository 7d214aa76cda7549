import { type GuardOptions, RECONCILED_ACCOUNTS } from '@liancun/collective'
import type { Fen } from '@liancun/core'
import type { Services } from '../services.js'

/**
 * 账实相符 of one collective: its asset register at the end of `period` against its ledger's
 * closing balances of 151 固定资产, 152 累计折旧 and 141 长期投资 (posted vouchers only, on each
 * account's normal side), read from the ledger; the collective's rule compares and lists.
 */
export async function reconcileCollectiveAssets(
  services: Services,
  collectiveId: string,
  period: string,
  options: GuardOptions = {},
) {
  const collective = await services.collective.getCollective(collectiveId, options)
  const ledger = await services.ledger.getLedger(collective.ledgerId)
  const from = period < ledger.firstPeriod ? ledger.firstPeriod : period
  const balances: Record<string, Fen> = {}
  if (period >= ledger.firstPeriod) {
    const trial = await services.ledger.trialBalance(collective.ledgerId, from, period)
    for (const { code } of RECONCILED_ACCOUNTS) {
      const row = trial.rows.find((r) => r.code === code)
      if (row) balances[code] = row.closing.side === row.normalSide ? row.closing.amount : -row.closing.amount
    }
  }
  return services.collective.reconcileAssets(collectiveId, period, balances)
}
