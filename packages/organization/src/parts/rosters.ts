import { addDays, newId } from '@liancun/core'
import type { GuardOptions, OrganizationContext, VillageRef } from '../context.js'
import type { AddPartyMemberInput, AddRepresentativeInput, UpdatePartyMemberInput } from '../inputs.js'
import type { PartyRoster, Representatives } from '../outputs.js'
import { requirePersonRow } from '../rules/records.js'
import {
  checkBecomeFull,
  checkEndMembership,
  checkExcusal,
  checkNewPartyMember,
  checkRepresentativeTerm,
  checkSanction,
  requireCurrentMembership,
  rosterCounts,
} from '../rules/roster.js'
import { findPerson } from '../store/people.js'
import * as store from '../store/rosters.js'
import { guardedVillage, loadVillage } from './loaders.js'

/**
 * The rosters governance quorums are computed from: the Party branch (one row per status period,
 * so 转正 keeps history; excusals from attendance) and the 村民代表. Writes lock the village row.
 */
export function rostersPart(ctx: OrganizationContext) {
  const { db } = ctx
  return {
    async addPartyMember(
      villageCode: string,
      input: AddPartyMemberInput,
      options?: GuardOptions<VillageRef>,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        const village = await guardedVillage(tx, villageCode, options, { field: 'code', lock: true })
        requirePersonRow(
          await findPerson(tx, input.personId, village.countyCode),
          input.personId,
          village.countyCode,
        )
        checkNewPartyMember(await store.membershipsOverlapping(tx, villageCode, input.personId, input.from))
        await store.insertMembership(tx, {
          countyCode: village.countyCode,
          id: newId(village.countyCode),
          villageCode,
          personId: input.personId,
          status: input.status,
          from: input.from,
        })
      })
    },

    /**
     * 转正, end of membership, an excusal from attendance, or 留党察看 (no vote for its term);
     * history is kept, nothing deleted.
     */
    async updatePartyMember(
      villageCode: string,
      personId: string,
      patch: UpdatePartyMemberInput,
      options?: GuardOptions<VillageRef>,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        const village = await guardedVillage(tx, villageCode, options, { field: 'code', lock: true })
        const current = requireCurrentMembership(
          await store.currentMembership(tx, villageCode, personId),
          personId,
          villageCode,
        )
        if ('status' in patch) {
          checkBecomeFull(current, patch.from)
          await store.endMembership(tx, current, addDays(patch.from, -1), 'became full member')
          await store.insertMembership(tx, {
            countyCode: village.countyCode,
            id: newId(village.countyCode),
            villageCode,
            personId,
            status: 'full',
            from: patch.from,
          })
          return
        }
        if ('to' in patch) {
          checkEndMembership(current, patch.to)
          await store.endMembership(tx, current, patch.to, patch.reason ?? null)
          return
        }
        if ('sanction' in patch) {
          const { sanction } = patch
          const period = { from: sanction.from, to: sanction.to ?? null }
          checkSanction(await store.sanctionsOverlapping(tx, villageCode, personId, period))
          await store.insertSanction(tx, {
            countyCode: village.countyCode,
            id: newId(village.countyCode),
            villageCode,
            personId,
            measure: sanction.measure,
            reference: sanction.reference ?? null,
            ...period,
          })
          return
        }
        const excusal = patch.excusal
        const range = { from: excusal.from, to: excusal.to ?? null }
        checkExcusal(await store.excusalsOverlapping(tx, villageCode, personId, range))
        await store.insertExcusal(tx, {
          countyCode: village.countyCode,
          id: newId(village.countyCode),
          villageCode,
          personId,
          reason: excusal.reason,
          note: excusal.note ?? null,
          ...range,
        })
      })
    },

    /** The branch roster on `asOf`: status, excusals, and the counts quorums are computed from. */
    async listPartyMembers(villageCode: string, asOf: string): Promise<PartyRoster> {
      await loadVillage(db, villageCode, { field: 'code' })
      const members = (await store.rosterOn(db, villageCode, asOf)).map(
        ({ membership, person, excusal, sanction }) => ({
          personId: person.id,
          name: person.name,
          gender: person.gender as 'male' | 'female' | null,
          status: membership.status as 'full' | 'probationary',
          since: membership.from,
          excusal: parseExcusal(excusal),
          sanction: parseSanction(sanction),
        }),
      )
      return {
        villageCode,
        asOf,
        members,
        counts: rosterCounts(
          members.map((m) => ({
            status: m.status,
            excused: m.excusal !== null,
            sanctioned: m.sanction !== null,
          })),
        ),
      }
    },

    async addRepresentative(
      villageCode: string,
      input: AddRepresentativeInput,
      options?: GuardOptions<VillageRef>,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        const village = await guardedVillage(tx, villageCode, options, { field: 'code', lock: true })
        requirePersonRow(
          await findPerson(tx, input.personId, village.countyCode),
          input.personId,
          village.countyCode,
        )
        const range = { from: input.from, to: input.to ?? null }
        checkRepresentativeTerm(
          await store.representativeTermsOverlapping(tx, villageCode, input.personId, range),
        )
        await store.insertRepresentative(tx, {
          countyCode: village.countyCode,
          id: newId(village.countyCode),
          villageCode,
          personId: input.personId,
          households: input.households ?? null,
          ...range,
        })
      })
    },

    async listRepresentatives(villageCode: string, asOf: string): Promise<Representatives> {
      await loadVillage(db, villageCode, { field: 'code' })
      const list = (await store.representativesOn(db, villageCode, asOf)).map(({ rep, person }) => ({
        id: rep.id,
        personId: person.id,
        name: person.name,
        gender: person.gender as 'male' | 'female' | null,
        households: rep.households,
        from: rep.from,
        to: rep.to,
      }))
      return { villageCode, asOf, representatives: list, count: list.length }
    },
  }
}

type Excusal = { reason: string; from: string; to: string | null }

/** Drivers hand `json` back parsed; a driver left to return text still works. */
function parseExcusal(value: Excusal | string | null): Excusal | null {
  const excusal = typeof value === 'string' ? (JSON.parse(value) as Excusal) : value
  return excusal ? { reason: excusal.reason, from: excusal.from, to: excusal.to } : null
}

type Sanction = { measure: string; from: string; to: string | null }

function parseSanction(value: Sanction | string | null): Sanction | null {
  const sanction = typeof value === 'string' ? (JSON.parse(value) as Sanction) : value
  return sanction ? { measure: sanction.measure, from: sanction.from, to: sanction.to } : null
}
