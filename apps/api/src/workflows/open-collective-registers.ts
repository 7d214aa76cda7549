import type { GuardOptions as LedgerGuard } from '@liancun/ledger'
import type { Services } from '../services.js'

/**
 * Opens the 三资 registers of the collective that keeps a ledger: the ledger (read and
 * authorised by the ledger service) names the village, the collective and its USCC; the
 * registers are bound to it, one set per ledger.
 */
export async function openCollectiveRegisters(
  services: Services,
  ledgerId: string,
  actor: string,
  options: LedgerGuard = {},
) {
  const ledger = await services.ledger.getLedger(ledgerId, options)
  return services.collective.openRegisters(
    {
      id: ledger.id,
      villageCode: ledger.villageCode,
      name: ledger.collective.name,
      uscc: ledger.collective.uscc,
    },
    actor,
  )
}
