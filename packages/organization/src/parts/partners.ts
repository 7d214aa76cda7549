import { newId, type Page, toPage } from '@liancun/core'
import type { OrganizationContext } from '../context.js'
import { notFoundError } from '../errors.js'
import type { CreatePartnerInput } from '../inputs.js'
import { type Partner, type PartnerKind, toPartner } from '../outputs.js'
import { requireDivisionOfKind } from '../rules/divisions.js'
import { partnerDuplicate } from '../rules/records.js'
import { findDivision } from '../store/divisions.js'
import * as store from '../store/partners.js'

/** Partner units (联建企业、机关事业单位、城市社区、社会组织 …) of a county. */
export function partnersPart(ctx: OrganizationContext) {
  const { db, clock } = ctx
  return {
    /** Registers a partner; a USCC with wrong check characters is kept, with warnings. */
    async createPartner(input: CreatePartnerInput): Promise<Partner> {
      return db.transaction(async (tx) => {
        requireDivisionOfKind(
          input.countyCode,
          await findDivision(tx, input.countyCode),
          'county',
          'countyCode',
        )
        if (input.uscc) {
          const duplicate = await store.findPartnerIdByUscc(tx, input.countyCode, input.uscc)
          if (duplicate) throw partnerDuplicate(input.uscc, duplicate)
        }
        const row = await store.insertPartner(tx, {
          countyCode: input.countyCode,
          id: newId(input.countyCode),
          name: input.name,
          kind: input.kind,
          uscc: input.uscc ?? null,
          createdAt: clock.now(),
        })
        return toPartner(row)
      })
    },

    async getPartner(id: string): Promise<Partner> {
      const row = await store.findPartner(db, id)
      if (!row) throw notFoundError('partner', id)
      return toPartner(row)
    },

    async listPartners(query: {
      within?: string
      kind?: PartnerKind
      limit: number
      after: string | null
    }): Promise<Page<Partner>> {
      return toPage((await store.listPartners(db, query)).map(toPartner), query.limit, (p) => p.id)
    },
  }
}
