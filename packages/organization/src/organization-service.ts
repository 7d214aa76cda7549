import { type Clock, type Database, systemClock } from '@liancun/core'
import type { OrganizationContext } from './context.js'
import { allianceMembersPart } from './parts/alliance-members.js'
import { alliancePostsPart } from './parts/alliance-posts.js'
import { alliancesPart } from './parts/alliances.js'
import { divisionsPart } from './parts/divisions.js'
import { householdsPart } from './parts/households.js'
import { partnersPart } from './parts/partners.js'
import { peoplePart } from './parts/people.js'
import { rostersPart } from './parts/rosters.js'
import { statsPart } from './parts/stats.js'
import { villagePostsPart } from './parts/village-posts.js'

export type { AllianceRef, GuardOptions, VillageRef } from './context.js'
export type {
  Alliance,
  AllianceMember,
  AlliancePost,
  AllianceStats,
  AllianceSummary,
  CrossVillageAppointment,
  Division,
  DivisionKind,
  Household,
  Partner,
  PartnerKind,
  PartyRoster,
  Person,
  Representatives,
  VillagePost,
  VillagersRosterOut,
} from './outputs.js'

export interface OrganizationServiceOptions {
  db: Database
  clock?: Clock
  /** Key of the HMAC under which ID numbers are stored. */
  personalDataKey: string
}

/**
 * The organisation domain over one database handle: the parts (one aggregate each) composed
 * over one context. Methods take plain data, enforce the rules, and return plain data; several
 * statements that must agree run in one transaction.
 */
export function createOrganizationService(options: OrganizationServiceOptions) {
  const ctx: OrganizationContext = {
    db: options.db,
    clock: options.clock ?? systemClock,
    personalDataKey: options.personalDataKey,
  }
  return {
    ...divisionsPart(ctx),
    ...peoplePart(ctx),
    ...householdsPart(ctx),
    ...villagePostsPart(ctx),
    ...rostersPart(ctx),
    ...partnersPart(ctx),
    ...alliancesPart(ctx),
    ...allianceMembersPart(ctx),
    ...alliancePostsPart(ctx),
    ...statsPart(ctx),

    /** The same service bound to a transaction, for app workflows composing several domains. */
    withTx(tx: Database) {
      return createOrganizationService({ ...options, db: tx })
    },
  }
}

export type OrganizationService = ReturnType<typeof createOrganizationService>
