import { countyOf, isUniqueViolation, newId, type Page, toPage } from '@liancun/core'
import { CHARTS } from '../chart.js'
import type { LedgerContext } from '../context.js'
import { LedgerError } from '../errors.js'
import type { CreateLedgerInput } from '../inputs.js'
import { insertLedger, ledgersOfVillageCodes, listLedgerRows } from '../store/ledgers.js'
import type { GuardOptions, Ledger } from '../types.js'
import { toLedger } from '../views.js'
import { loadLedger } from './load.js'

/** Ledgers (账套): one per collective, opened with the chart's first-level accounts. */
export function ledgerPart(ctx: LedgerContext) {
  return {
    async createLedger(input: CreateLedgerInput): Promise<Ledger> {
      const countyCode = countyOf(input.villageCode)
      // A real (nested) transaction: a duplicate USCC is a database error, and a caller that
      // catches the refusal must find its own transaction still usable.
      return ctx.db.transaction(async (tx) => {
        try {
          const row = await insertLedger(
            tx,
            {
              countyCode,
              id: newId(countyCode),
              villageCode: input.villageCode,
              collectiveName: input.collective.name,
              collectiveUscc: input.collective.uscc,
              chart: input.chart,
              firstPeriod: input.firstPeriod,
              createdAt: ctx.clock.now(),
            },
            CHARTS[input.chart],
          )
          return toLedger(row)
        } catch (error) {
          if (isUniqueViolation(error)) {
            throw new LedgerError(
              'ledger.collective_has_ledger',
              `collective ${input.collective.uscc} already has a ledger`,
              { field: 'collective.uscc' },
            )
          }
          throw error
        }
      })
    },

    async getLedger(id: string, options?: GuardOptions): Promise<Ledger> {
      return toLedger(await loadLedger(ctx.db, id, 'none', options))
    },

    async listLedgers(query: {
      within?: string
      limit: number
      after: string | null
    }): Promise<Page<Ledger>> {
      const rows = await listLedgerRows(ctx.db, query)
      return toPage(rows.map(toLedger), query.limit, (l) => l.id)
    },

    /** Ledgers of the given villages (a village may have several collectives). */
    async ledgersOfVillages(villageCodes: string[]): Promise<Ledger[]> {
      if (villageCodes.length === 0) return []
      return (await ledgersOfVillageCodes(ctx.db, villageCodes)).map(toLedger)
    },
  }
}
