import { countyOfId, newId, type Page, toPage } from '@liancun/core'
import type { AllianceRef, GuardOptions, OrganizationContext } from '../context.js'
import { notFoundError } from '../errors.js'
import type { CreateAllianceInput } from '../inputs.js'
import {
  type Alliance,
  type AllianceMember,
  type AllianceSummary,
  toAllianceMember,
  toAlliancePost,
  toAllianceRef,
  toAllianceSummary,
} from '../outputs.js'
import { checkParentAlliance } from '../rules/alliance-nesting.js'
import { requireDivisionOfKind } from '../rules/divisions.js'
import { allianceIdsOfVillage } from '../store/alliance-members.js'
import * as store from '../store/alliances.js'
import { findDivision } from '../store/divisions.js'
import { guardedAlliance, loadVillage } from './loaders.js'

/** Alliances (联村党组织) and how they are read: one alliance on a day, pages, a village's alliance. */
export function alliancesPart(ctx: OrganizationContext) {
  const { db, clock } = ctx
  return {
    async createAlliance(input: CreateAllianceInput): Promise<AllianceSummary> {
      return db.transaction(async (tx) => {
        const township = requireDivisionOfKind(
          input.townshipCode,
          await findDivision(tx, input.townshipCode),
          'township',
          'townshipCode',
        )
        const tier = input.tier ?? 'village_area'
        if (input.parentAllianceId) {
          // Locked, so the parent cannot change under the check (alliances are not edited today).
          const parent = await store.findAlliance(tx, input.parentAllianceId, {
            lock: countyOfId(input.parentAllianceId) !== null,
            countyCode: countyOfId(input.parentAllianceId) ?? undefined,
          })
          if (!parent || parent.countyCode !== township.countyCode)
            throw notFoundError('alliance', input.parentAllianceId, 'parentAllianceId')
          checkParentAlliance(
            {
              tier,
              countyCode: township.countyCode,
              townshipCode: input.townshipCode,
              establishedOn: input.establishedOn,
            },
            parent,
          )
        }
        const row = await store.insertAlliance(tx, {
          countyCode: township.countyCode,
          id: newId(township.countyCode),
          name: input.name,
          townshipCode: input.townshipCode,
          mode: input.mode,
          form: input.form ?? null,
          level: input.level,
          tier,
          parentId: input.parentAllianceId ?? null,
          establishedOn: input.establishedOn,
          note: input.note ?? null,
          createdAt: clock.now(),
        })
        return toAllianceSummary(row, 0)
      })
    },

    /** Where an alliance lives, for scope checks. */
    async getAllianceRef(id: string, options?: GuardOptions<AllianceRef>): Promise<AllianceRef> {
      return toAllianceRef(await guardedAlliance(db, id, options))
    },

    /**
     * The alliance with the members and posts valid on `asOf`: one statement when the id carries
     * its county, two for an older id (its county first). `guard` sees the alliance before it is
     * returned.
     */
    async getAlliance(id: string, asOf: string, options?: GuardOptions<AllianceRef>): Promise<Alliance> {
      const countyCode = await store.countyOfAlliance(db, id)
      const found = countyCode === undefined ? undefined : await store.allianceOn(db, countyCode, id, asOf)
      if (!found) throw notFoundError('alliance', id)
      await options?.guard?.(toAllianceRef(found.row))
      const members = found.members.map((m) => toAllianceMember(m, m.name))
      const memberVillages = new Set(members.map((m) => m.villageCode))
      return {
        ...toAllianceSummary(found.row, members.filter((m) => m.kind === 'village').length),
        asOf,
        members,
        posts: found.posts.map((p) =>
          toAlliancePost(
            p,
            { id: p.personId, name: p.personName, villageCode: p.personVillageCode },
            memberVillages,
          ),
        ),
      }
    },

    /** A page of alliances with their village counts on `asOf`: one statement whatever the page size. */
    async listAlliances(query: {
      within?: string
      mode?: AllianceSummary['mode']
      asOf: string
      limit: number
      after: string | null
    }): Promise<Page<AllianceSummary>> {
      const rows = await store.listAlliancePage(db, query)
      return toPage(
        rows.map((r) => toAllianceSummary(r.row, r.villageCount)),
        query.limit,
        (a) => a.id,
      )
    },

    /** The alliance the village belongs to on `asOf`, or nulls. */
    async villageAlliance(
      villageCode: string,
      asOf: string,
    ): Promise<{
      villageCode: string
      asOf: string
      alliance: AllianceSummary | null
      membership: AllianceMember | null
    }> {
      const village = await loadVillage(db, villageCode, { field: 'code' })
      const found = await store.allianceOfVillageOn(db, villageCode, asOf)
      if (!found) return { villageCode, asOf, alliance: null, membership: null }
      return {
        villageCode,
        asOf,
        alliance: toAllianceSummary(found.alliance, found.villageCount),
        membership: toAllianceMember(found.membership, village.name),
      }
    },

    /** Alliance ids of a village on `asOf` (for scope checks): one statement. */
    async allianceIdsOfVillage(villageCode: string, asOf: string): Promise<string[]> {
      if (villageCode.length !== 12) return []
      return allianceIdsOfVillage(db, villageCode, asOf)
    },
  }
}
