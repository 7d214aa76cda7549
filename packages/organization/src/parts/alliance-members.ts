import { newId } from '@liancun/core'
import type { AllianceRef, GuardOptions, OrganizationContext } from '../context.js'
import { notFoundError } from '../errors.js'
import type { AddAllianceMemberInput, LeaveAllianceMemberInput } from '../inputs.js'
import { type AllianceMember, toAllianceMember } from '../outputs.js'
import {
  checkJoinDate,
  checkLeave,
  checkPartnerJoin,
  checkVillageJoin,
} from '../rules/alliance-membership.js'
import { sameTier } from '../rules/alliance-nesting.js'
import * as store from '../store/alliance-members.js'
import { countyOfPartner, findPartner } from '../store/partners.js'
import { countyOfCode } from '../store/sql.js'
import { allianceCounty, guardedAlliance, loadVillage } from './loaders.js'

/** Who belongs to an alliance, when: villages and partners join and leave; rows are never deleted. */
export function allianceMembersPart(ctx: OrganizationContext) {
  const { db } = ctx
  return {
    /**
     * A village or partner joins. A village is in at most one alliance of each tier on any date; the alliance
     * and village rows are locked (in that order) so concurrent joins cannot both pass the check.
     * `guard` sees the alliance (locked) before anything else is checked.
     */
    async addAllianceMember(
      allianceId: string,
      input: AddAllianceMemberInput,
      options?: GuardOptions<AllianceRef>,
    ): Promise<AllianceMember> {
      const countyCode = await allianceCounty(db, allianceId)
      // A partner is read on its county (one of another county is refused as outside it).
      const partnerCounty = input.partnerId ? await countyOfPartner(db, input.partnerId) : undefined
      return db.transaction(async (tx) => {
        const alliance = await guardedAlliance(tx, allianceId, options, { lock: true, countyCode })
        checkJoinDate(alliance, input.from)
        let name: string
        if (input.villageCode) {
          // A village of another county is refused without locking a row of another tenant.
          const sameCounty = countyOfCode(input.villageCode) === alliance.countyCode
          const village = await loadVillage(tx, input.villageCode, { lock: sameCounty })
          const memberships = sameCounty
            ? await store.membershipsForJoin(tx, alliance.countyCode, alliance.id, village.code)
            : []
          checkVillageJoin({
            alliance,
            village,
            // One alliance per tier: a village of a 村级片区 may also be in its 镇域片区 alliance.
            villageMemberships: sameTier(
              memberships.filter((m) => m.member.villageCode === village.code),
              alliance.tier,
            ),
            members: memberships.filter((m) => m.member.allianceId === alliance.id).map((m) => m.member),
            input,
          })
          name = village.name
        } else {
          const partnerId = input.partnerId as string
          const partner =
            partnerCounty === undefined ? undefined : await findPartner(tx, partnerId, partnerCounty)
          if (!partner) throw notFoundError('partner', partnerId, 'partnerId')
          const sameCounty = partner.countyCode === alliance.countyCode
          const members = sameCounty
            ? await store.membershipsForJoin(tx, alliance.countyCode, alliance.id)
            : []
          checkPartnerJoin({ alliance, partner, members: members.map((m) => m.member), from: input.from })
          name = partner.name
        }
        const row = await store.insertMember(tx, {
          countyCode: alliance.countyCode,
          id: newId(alliance.countyCode),
          allianceId: alliance.id,
          villageCode: input.villageCode ?? null,
          partnerId: input.partnerId ?? null,
          role: input.role,
          from: input.from,
        })
        return toAllianceMember(row, name)
      })
    },

    async leaveAllianceMember(
      allianceId: string,
      memberId: string,
      input: LeaveAllianceMemberInput,
      options?: GuardOptions<AllianceRef>,
    ): Promise<AllianceMember> {
      const countyCode = await allianceCounty(db, allianceId)
      return db.transaction(async (tx) => {
        const alliance = await guardedAlliance(tx, allianceId, options, { lock: true, countyCode })
        const found = await store.findNamedMember(tx, alliance.countyCode, alliance.id, memberId)
        if (!found) throw notFoundError('alliance_member', memberId)
        checkLeave(found.member, input.to)
        await store.endMember(tx, found.member, input.to, input.reason)
        return toAllianceMember({ ...found.member, to: input.to }, found.name)
      })
    },
  }
}
