import { newId, type Page, toPage } from '@liancun/core'
import type { CollectiveContext, GuardOptions } from '../context.js'
import { notFound } from '../errors.js'
import type { CreateResourceInput } from '../inputs.js'
import { normalizeMu } from '../rules/area.js'
import { insertResource, type ResourceRow, resourcesOf, setResourceStatus } from '../store/contracts.js'
import { loadCollective } from './load.js'

export const toResource = (row: ResourceRow) => ({
  id: row.id,
  collectiveId: row.collectiveId,
  name: row.name,
  kind: row.kind,
  areaMu: normalizeMu(row.areaMu),
  location: row.location,
  status: row.status,
  note: row.note,
})
export type Resource = ReturnType<typeof toResource>

/** 资源: land, forest, water and buildings, with area (亩, exact) and status. */
export function resourcePart({ db, clock }: CollectiveContext) {
  return {
    async createResource(
      collectiveId: string,
      input: CreateResourceInput,
      createdBy: string,
      options?: GuardOptions,
    ): Promise<Resource> {
      return db.transaction(async (tx) => {
        const c = await loadCollective(tx, collectiveId, options)
        const row = await insertResource(tx, {
          countyCode: c.countyCode,
          id: newId(c.countyCode),
          collectiveId: c.id,
          name: input.name,
          kind: input.kind,
          areaMu: input.areaMu,
          location: input.location,
          status: input.status,
          note: input.note,
          createdBy,
          createdAt: clock.now(),
        })
        return toResource(row)
      })
    },

    /** Resources of the collective, optionally in one status (`idle`: the 闲置资源库). */
    async listResources(
      collectiveId: string,
      query: { status?: string; limit: number; after: string | null },
      options?: GuardOptions,
    ): Promise<Page<Resource>> {
      const c = await loadCollective(db, collectiveId, options)
      const rows = await resourcesOf(db, c, query)
      return toPage(rows.map(toResource), query.limit, (r) => r.id)
    },

    async setResourceStatus(
      collectiveId: string,
      resourceId: string,
      status: string,
      options?: GuardOptions,
    ): Promise<Resource> {
      return db.transaction(async (tx) => {
        const c = await loadCollective(tx, collectiveId, options)
        const [row] = await setResourceStatus(tx, c, [resourceId], status)
        if (!row) throw notFound('resource', resourceId)
        return toResource(row)
      })
    },
  }
}
