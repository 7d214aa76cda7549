export type { OrganizationErrorCode } from './errors.js'
export { ORGANIZATION_ERRORS, OrganizationError } from './errors.js'
export {
  AddAllianceMemberInput,
  AddHouseholdMemberInput,
  AddPartyMemberInput,
  AddRepresentativeInput,
  ALLIANCE_FORMS,
  ALLIANCE_LEVELS,
  ALLIANCE_MODES,
  ALLIANCE_POST_SOURCES,
  ALLIANCE_POST_TITLES,
  AppointAlliancePostInput,
  AppointVillagePostInput,
  CreateAllianceInput,
  CreateHouseholdInput,
  CreatePartnerInput,
  CreatePersonInput,
  DIVISION_KINDS,
  EndHouseholdMemberInput,
  EndVillagePostInput,
  EXCUSAL_REASONS,
  HOUSEHOLD_RELATIONS,
  idNumberProblem,
  LeaveAllianceMemberInput,
  PARTNER_KINDS,
  PARTY_SANCTIONS,
  POST_BODIES,
  UpdatePartyMemberInput,
  UpsertDivisionInput,
} from './inputs.js'
export { migrateOrganization, organizationMigrations } from './migrate.js'
export type {
  Alliance,
  AllianceMember,
  AlliancePost,
  AllianceRef,
  AllianceStats,
  AllianceSummary,
  CrossVillageAppointment,
  Division,
  DivisionKind,
  GuardOptions,
  Household,
  OrganizationService,
  OrganizationServiceOptions,
  Partner,
  PartnerKind,
  PartyRoster,
  Person,
  Representatives,
  VillagePost,
  VillageRef,
  VillagersRosterOut,
} from './organization-service.js'
export { createOrganizationService } from './organization-service.js'
export { birthDateOfIdNumber, isAdultOn, villagersRoster } from './rules/households.js'
export { maskIdNumber, maskPhone } from './rules/personal-data.js'
export { isSingleHolderTitle, isValidPostTitle, POST_TITLES, secretaryIsChair } from './rules/posts.js'
export type { RosterCounts, RosterEntry } from './rules/roster.js'
export { meetingOfRepresentatives, rosterCounts } from './rules/roster.js'
