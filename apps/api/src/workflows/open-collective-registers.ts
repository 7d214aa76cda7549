import type { GuardOptions as LedgerGuard } from '@liancun/ledger'
import type { Services } from '../services.js'
import { titleCardsForRegisters } from './title-cards-for-registers.js'

/**
 * Opens the 三资 registers of the collective that keeps a ledger: the ledger (read and
 * authorised by the ledger service) names the village, the collective and its USCC; the
 * registers are bound to it, one set per ledger. In the same transaction the registers receive
 * the asset cards that 确权 made before they existed owes them (projects accepted while the
 * village had no registers; see title-cards-for-registers.ts), so the register and the books
 * agree from the first day.
 */
export async function openCollectiveRegisters(
  services: Services,
  ledgerId: string,
  actor: string,
  options: LedgerGuard = {},
) {
  const ledger = await services.ledger.getLedger(ledgerId, options)
  const registers = await services.collective.openRegisters(
    {
      id: ledger.id,
      villageCode: ledger.villageCode,
      name: ledger.collective.name,
      uscc: ledger.collective.uscc,
    },
    actor,
  )
  await titleCardsForRegisters(services, registers.id, actor)
  return registers
}
