import { countyOf, newId, type Page, toPage } from '@liancun/core'
import type { CollectiveContext, GuardOptions } from '../context.js'
import { type CollectiveRow, insertCollective, listCollectives } from '../store/registers.js'
import { loadCollective, uniquely } from './load.js'

export function toCollective(row: CollectiveRow) {
  return {
    id: row.id,
    villageCode: row.villageCode,
    name: row.name,
    uscc: row.uscc,
    ledgerId: row.ledgerId,
    createdAt: row.createdAt.toISOString(),
  }
}
export type Collective = ReturnType<typeof toCollective>

/** The register set of one collective economic organisation, bound to its ledger. */
export function collectivePart({ db, clock }: CollectiveContext) {
  return {
    /**
     * Opens the registers of the collective that keeps `ledger` (the app reads the ledger: its
     * village, name and USCC). One set per ledger.
     */
    async openRegisters(
      ledger: { id: string; villageCode: string; name: string; uscc: string },
      createdBy: string,
    ): Promise<Collective> {
      const countyCode = countyOf(ledger.villageCode)
      const row = await uniquely(
        () =>
          insertCollective(db, {
            countyCode,
            id: newId(countyCode),
            villageCode: ledger.villageCode,
            name: ledger.name,
            uscc: ledger.uscc,
            ledgerId: ledger.id,
            createdBy,
            createdAt: clock.now(),
          }),
        'collectives_ledger_unique',
        'collective.collective_exists',
        `ledger ${ledger.id} already has its registers`,
        'ledgerId',
      )
      return toCollective(row)
    },

    async getCollective(id: string, options?: GuardOptions): Promise<Collective> {
      return toCollective(await loadCollective(db, id, options))
    },

    /** Registers of the villages under `within` (inside one county), cursor-paginated. */
    async listCollectives(query: {
      within: string
      limit: number
      after: string | null
    }): Promise<Page<Collective>> {
      const rows = await listCollectives(db, { countyCode: countyOf(query.within), ...query })
      return toPage(rows.map(toCollective), query.limit, (c) => c.id)
    },
  }
}
