import type { DateRange } from '@liancun/core'
import { OrganizationError } from '../errors.js'
import { firstOverlap, maxConcurrent } from './dated.js'

/**
 * Who may join an alliance, and when (pure: the part loads the rows under locks and asks here).
 * One alliance per village on any date; a 1+1 alliance has at most two villages and one lead;
 * members are of the alliance's county; nobody joins before the alliance was founded.
 */

interface AllianceFacts {
  id: string
  countyCode: string
  form: string | null
  establishedOn: string
}

/** A membership row of the alliance (village or partner). */
export interface MemberRange extends DateRange {
  villageCode: string | null
  partnerId: string | null
  role: string
}

/** Joining starts on or after the founding date. */
export function checkJoinDate(alliance: Pick<AllianceFacts, 'establishedOn'>, from: string): void {
  if (from < alliance.establishedOn) {
    throw new OrganizationError(
      'organization.member_before_establishment',
      `the alliance was established on ${alliance.establishedOn}`,
      { field: 'from' },
    )
  }
}

/**
 * A village joins `alliance` from `input.from` (open-ended). `villageMemberships` are all of the
 * village's memberships in any alliance, `members` all memberships of this alliance.
 */
export function checkVillageJoin(facts: {
  alliance: AllianceFacts
  village: { code: string; name: string; countyCode: string }
  villageMemberships: readonly { member: DateRange & { allianceId: string }; allianceName: string }[]
  members: readonly MemberRange[]
  input: { role: 'lead' | 'member'; from: string }
}): void {
  const { alliance, village, input } = facts
  if (village.countyCode !== alliance.countyCode) {
    throw new OrganizationError(
      'organization.member_outside_county',
      `${village.code} is not in the alliance's county ${alliance.countyCode}`,
      { field: 'villageCode' },
    )
  }
  const window = { from: input.from, to: null }
  const clash = facts.villageMemberships.find(({ member }) => firstOverlap([member], window))
  if (clash && clash.member.allianceId !== alliance.id) {
    throw new OrganizationError(
      'organization.village_in_other_alliance',
      `${village.name} (${village.code}) belongs to ${clash.allianceName} from ${clash.member.from}${clash.member.to ? ` to ${clash.member.to}` : ''}`,
      {
        field: 'villageCode',
        context: { otherAllianceId: clash.member.allianceId, otherAllianceName: clash.allianceName },
      },
    )
  }
  if (clash) {
    throw new OrganizationError(
      'organization.already_member',
      `${village.code} is already a member from ${clash.member.from}`,
      { field: 'villageCode' },
    )
  }
  const villageRanges = facts.members.filter((m) => m.villageCode !== null)
  if (alliance.form === '1+1' && maxConcurrent(villageRanges, window) >= 2) {
    throw new OrganizationError('organization.one_plus_one_size', 'a 1+1 alliance has exactly two villages', {
      field: 'villageCode',
    })
  }
  if (
    input.role === 'lead' &&
    firstOverlap(
      villageRanges.filter((m) => m.role === 'lead'),
      window,
    )
  ) {
    throw new OrganizationError(
      'organization.lead_already_set',
      'the alliance already has a lead village then',
      {
        field: 'role',
      },
    )
  }
}

/** A partner joins: of the alliance's county, and not already a member then. */
export function checkPartnerJoin(facts: {
  alliance: Pick<AllianceFacts, 'countyCode'>
  partner: { id: string; countyCode: string }
  members: readonly MemberRange[]
  from: string
}): void {
  const { alliance, partner } = facts
  if (partner.countyCode !== alliance.countyCode) {
    throw new OrganizationError(
      'organization.member_outside_county',
      `the partner is registered in ${partner.countyCode}`,
      { field: 'partnerId' },
    )
  }
  if (
    firstOverlap(
      facts.members.filter((m) => m.partnerId === partner.id),
      { from: facts.from, to: null },
    )
  ) {
    throw new OrganizationError('organization.already_member', 'the partner is already a member then', {
      field: 'partnerId',
    })
  }
}

/** A member leaves once, not before it joined. */
export function checkLeave(member: DateRange, to: string): void {
  if (member.to !== null) {
    throw new OrganizationError('organization.member_already_left', `the member left on ${member.to}`)
  }
  if (to < member.from) {
    throw new OrganizationError('organization.end_before_start', `the member joined on ${member.from}`, {
      field: 'to',
    })
  }
}
