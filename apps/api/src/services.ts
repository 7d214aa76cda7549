import { createCollectiveService } from '@liancun/collective'
import { type Clock, type Database, systemClock } from '@liancun/core'
import { createFundsService } from '@liancun/funds'
import { createGovernanceService } from '@liancun/governance'
import { createLedgerService } from '@liancun/ledger'
import { createOrganizationService } from '@liancun/organization'
import { voucherMatterGate } from './workflows/voucher-matter-gate.js'

export interface ServiceOptions {
  clock: Clock
  personalDataKey: string
  /** Counties (or `*`) whose ledgers post only vouchers with a complete 村账乡代管 chain. */
  approvalChainCounties?: readonly string[]
}

export interface Services {
  organization: ReturnType<typeof createOrganizationService>
  ledger: ReturnType<typeof createLedgerService>
  governance: ReturnType<typeof createGovernanceService>
  funds: ReturnType<typeof createFundsService>
  collective: ReturnType<typeof createCollectiveService>
}

/**
 * Every domain service over one database handle (the root or a transaction), each built on first
 * use: a request's transaction gets a fresh set, and building all four for every write was about
 * 2% of the API's CPU while posting (a CPU profile of draft + post).
 */
export function createServices(db: Database, options: ServiceOptions): Services {
  let organization: Services['organization'] | undefined
  let ledger: Services['ledger'] | undefined
  let governance: Services['governance'] | undefined
  let funds: Services['funds'] | undefined
  let collective: Services['collective'] | undefined
  return {
    get organization() {
      organization ??= createOrganizationService({
        db,
        clock: options.clock,
        personalDataKey: options.personalDataKey,
      })
      return organization
    },
    get ledger() {
      ledger ??= createLedgerService({
        db,
        clock: options.clock,
        matterGate: voucherMatterGate(this, options),
      })
      return ledger
    },
    get governance() {
      governance ??= createGovernanceService({ db, clock: options.clock })
      return governance
    },
    get funds() {
      funds ??= createFundsService({ db, clock: options.clock })
      return funds
    },
    get collective() {
      collective ??= createCollectiveService({ db, clock: options.clock })
      return collective
    },
  }
}

export const defaultServiceOptions = (personalDataKey: string): ServiceOptions => ({
  clock: systemClock,
  personalDataKey,
})
