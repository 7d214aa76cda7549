import { type Clock, type Database, systemClock } from '@liancun/core'
import { createFundsService } from '@liancun/funds'
import { createGovernanceService } from '@liancun/governance'
import { createLedgerService } from '@liancun/ledger'
import { createOrganizationService } from '@liancun/organization'

export interface ServiceOptions {
  clock: Clock
  personalDataKey: string
}

/** Every domain service over one database handle (the root or a transaction). */
export function createServices(db: Database, options: ServiceOptions) {
  return {
    organization: createOrganizationService({
      db,
      clock: options.clock,
      personalDataKey: options.personalDataKey,
    }),
    ledger: createLedgerService({ db, clock: options.clock }),
    governance: createGovernanceService({ db, clock: options.clock }),
    funds: createFundsService({ db, clock: options.clock }),
  }
}

export type Services = ReturnType<typeof createServices>

export const defaultServiceOptions = (personalDataKey: string): ServiceOptions => ({
  clock: systemClock,
  personalDataKey,
})
