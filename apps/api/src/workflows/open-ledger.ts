import type { CreateLedgerInput, Ledger } from '@liancun/ledger'
import type { Services } from '../services.js'

/**
 * Opening a collective's ledger spans two domains: the village must exist in the organisation
 * records (a 12-digit division is always a village or community), and the ledger is created in
 * the same transaction so the check cannot go stale.
 */
export async function openLedger(services: Services, input: CreateLedgerInput): Promise<Ledger> {
  await services.organization.getDivision(input.villageCode)
  return services.ledger.createLedger(input)
}
