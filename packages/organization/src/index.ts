export type { OrganizationErrorCode } from './errors.js'
export { ORGANIZATION_ERRORS, OrganizationError } from './errors.js'
export {
  AddAllianceMemberInput,
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
  CreatePartnerInput,
  CreatePersonInput,
  DIVISION_KINDS,
  EndVillagePostInput,
  EXCUSAL_REASONS,
  idNumberProblem,
  LeaveAllianceMemberInput,
  PARTNER_KINDS,
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
  OrganizationService,
  OrganizationServiceOptions,
  Partner,
  PartnerKind,
  PartyRoster,
  Person,
  Representatives,
  VillagePost,
  VillageRef,
} from './organization-service.js'
export { createOrganizationService } from './organization-service.js'
export { maskIdNumber, maskPhone } from './rules/personal-data.js'
export { isSingleHolderTitle, isValidPostTitle, POST_TITLES, secretaryIsChair } from './rules/posts.js'
export type { RosterCounts, RosterEntry } from './rules/roster.js'
export { rosterCounts } from './rules/roster.js'
