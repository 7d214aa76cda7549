import { type Page, toPage } from '@liancun/core'
import type { OrganizationContext } from '../context.js'
import { OrganizationError } from '../errors.js'
import type { UpsertDivisionInput } from '../inputs.js'
import { type Division, type DivisionKind, toDivision } from '../outputs.js'
import { checkDivisionUpsert, divisionParent } from '../rules/divisions.js'
import * as store from '../store/divisions.js'

/** Divisions (统计用区划代码): county ⊃ township ⊃ village/community, addressed by code. */
export function divisionsPart(ctx: OrganizationContext) {
  const { db, clock } = ctx
  return {
    /** Creates or replaces a division; a township needs its county, a village its township. */
    async upsertDivision(
      code: string,
      input: UpsertDivisionInput,
    ): Promise<{ division: Division; created: boolean; previous: Division | null }> {
      const expected = divisionParent(code, input.kind)
      return db.transaction(async (tx) => {
        const found = expected ? await store.findDivision(tx, expected.parentCode) : undefined
        const existing = await store.findDivision(tx, code, { lock: true })
        checkDivisionUpsert(code, input.kind, { expected, found }, existing)
        const values = {
          name: input.name,
          kind: input.kind,
          parentCode: expected?.parentCode ?? null,
          population: input.population ?? null,
          households: input.households ?? null,
          adults: input.adults ?? null,
        }
        if (existing) {
          const row = await store.updateDivision(tx, code, values, clock.now())
          return { division: toDivision(row), created: false, previous: toDivision(existing) }
        }
        const row = await store.insertDivision(tx, code, values, clock.now())
        return { division: toDivision(row), created: true, previous: null }
      })
    },

    async getDivision(code: string): Promise<Division> {
      const row = await store.findDivision(db, code)
      if (!row) {
        throw new OrganizationError('organization.division_not_found', `no division ${code}`, {
          context: { code },
        })
      }
      return toDivision(row)
    },

    async listDivisions(query: {
      parent?: string
      kind?: DivisionKind
      within?: string
      limit: number
      after: string | null
    }): Promise<Page<Division>> {
      const rows = await store.listDivisions(db, query)
      return toPage(rows.map(toDivision), query.limit, (d) => d.code)
    },
  }
}
