import type { ROLES } from '../src/auth/scope.js'
import { CODES, type World } from './access-world.js'

/**
 * Who may call each operation of /openapi.json, declared once per operationId: the roles (admin
 * always may), the kind of thing the request touches (what a key's scope must cover), and a VALID
 * request built from the world — valid, because body validation runs before the role check and a
 * 400 would hide a 403. Governance operations are in access-table-governance.ts, ledger and
 * funds ones in access-table-money.ts; authorization-matrix.test.ts runs every declaration.
 */
export type Role = (typeof ROLES)[number]

/**
 * Named key scopes. The home ones surround the world's records (李孟德村 ⊂ 唐坊镇 ⊂ 高青县, and the
 * alliance the village belongs to); the others are a sibling of each.
 */
export type ScopeName =
  | 'village'
  | 'otherVillage'
  | 'township'
  | 'otherTownship'
  | 'county'
  | 'otherCounty'
  | 'alliance'
  | 'otherAlliance'
  | 'all'

/**
 * What the request touches: a record of the home village, township or county, the home alliance,
 * something only a `*` key reaches ('none'), or nothing beyond the caller's own scope ('caller':
 * the answer is filtered by it, so every scope is in).
 */
export type TargetKind = 'village' | 'township' | 'county' | 'alliance' | 'none' | 'caller'

export interface Req {
  params?: Record<string, string>
  query?: Record<string, string>
  body?: unknown
}

/** A case the defaults do not cover: this role with this scope sends this request. */
export interface Case {
  name: string
  role: Role
  scope: ScopeName
  request: (w: World) => Req
  /** 404: a record under a parent the key does not reach, addressed through one it does. */
  expect: 'allowed' | 403 | 404
  /** A hole found and not fixed yet: the case runs as `it.fails` until it is. */
  knownGap?: string
}

export type Access =
  | { roles: 'public'; request: (w: World) => Req }
  | {
      /** Roles besides admin, or 'any' for every role. */
      roles: 'any' | readonly Role[]
      target: TargetKind
      request: (w: World) => Req
      /** Keys that reach the target besides the home one (default by target kind). */
      inScope?: readonly ScopeName[]
      /** Keys that do not (default by target kind). */
      outOfScope?: readonly ScopeName[]
      /** 404 where the route deliberately hides that the record exists; 403 otherwise. */
      outOfScopeStatus?: 403 | 404
      cases?: readonly Case[]
      /** Holes found and not fixed yet, per group of checks; those groups run as `it.fails`. */
      knownGaps?: { roles?: string; outOfScope?: string; inScope?: string }
    }

export const HOME: Record<TargetKind, ScopeName> = {
  village: 'village',
  township: 'township',
  county: 'county',
  alliance: 'alliance',
  none: 'all',
  caller: 'township',
}
export const IN_SCOPE: Record<TargetKind, readonly ScopeName[]> = {
  // An alliance key reaches the villages that are its members today.
  village: ['township', 'county', 'alliance', 'all'],
  township: ['county', 'all'],
  county: ['all'],
  // Division keys reach the alliances of their townships.
  alliance: ['township', 'county', 'all'],
  none: [],
  caller: ['village', 'otherVillage', 'county', 'otherCounty', 'alliance', 'all'],
}
export const OUT_OF_SCOPE: Record<TargetKind, readonly ScopeName[]> = {
  village: ['otherVillage', 'otherTownship', 'otherCounty', 'otherAlliance'],
  // A key below the target (a village under its township) does not reach up; nor does an alliance.
  township: ['village', 'otherTownship', 'otherCounty', 'alliance'],
  county: ['township', 'otherCounty', 'alliance'],
  alliance: ['village', 'otherAlliance', 'otherTownship', 'otherCounty'],
  none: ['county', 'township', 'village', 'alliance'],
  caller: [],
}

export const ADMIN_ONLY: readonly Role[] = []
export const ORGANIZER: readonly Role[] = ['organizer']
export const CLERK: readonly Role[] = ['clerk']

const { village, township, county } = CODES
const inVillage = (path = {}) => ({ params: { code: village, ...path } })
const within = (code: string) => () => ({ query: { within: code } })
const alliance = (body?: unknown) => (w: World) => ({ params: { id: w.alliance }, ...(body ? { body } : {}) })

export const SYSTEM_AND_ORGANIZATION: Record<string, Access> = {
  getHealth: { roles: 'public', request: () => ({}) },
  getReadiness: { roles: 'public', request: () => ({}) },

  // Mints a township key: an admin of a village below it, of a sibling or of its alliance may not.
  createApiKey: {
    roles: ADMIN_ONLY,
    target: 'township',
    request: () => ({ body: { name: 'matrix', role: 'auditor', scope: township } }),
    cases: [
      {
        name: 'an alliance admin may not mint an admin key for a single village (escalation past the alliance)',
        role: 'admin',
        scope: 'alliance',
        request: () => ({ body: { name: 'escalate', role: 'admin', scope: village } }),
        expect: 403,
      },
      {
        name: 'a county admin may not mint a `*` key',
        role: 'admin',
        scope: 'county',
        request: () => ({ body: { name: 'escalate', role: 'admin', scope: '*' } }),
        expect: 403,
      },
      {
        name: 'a township admin mints a key for one of its villages',
        role: 'admin',
        scope: 'township',
        request: () => ({ body: { name: 'village clerk', role: 'clerk', scope: village } }),
        expect: 'allowed',
      },
    ],
  },
  listApiKeys: { roles: ADMIN_ONLY, target: 'caller', request: () => ({}) },
  revokeApiKey: { roles: ADMIN_ONLY, target: 'township', request: (w) => ({ params: { id: w.spareKeyId } }) },
  // The audit log is kept per county: a county key reads its own, and keys below a county none.
  listAuditEntries: {
    roles: ['auditor'],
    target: 'county',
    request: () => ({ query: { countyCode: county } }),
  },

  putDivision: {
    roles: ORGANIZER,
    target: 'village',
    // Division master data (the counts quorums use) is kept by division keys, not alliance keys.
    inScope: ['township', 'county', 'all'],
    outOfScope: ['otherVillage', 'otherTownship', 'otherCounty', 'otherAlliance', 'alliance'],
    request: () => ({
      ...inVillage(),
      body: { name: '李孟德村', kind: 'village', population: 610, households: 190, adults: 470 },
    }),
  },
  getDivision: { roles: 'any', target: 'village', request: () => inVillage() },
  listDivisions: { roles: 'any', target: 'township', request: within(township) },
  createPerson: {
    roles: ORGANIZER,
    target: 'village',
    request: () => ({ body: { name: '新村民', villageCode: village } }),
  },
  listPeople: { roles: 'any', target: 'village', request: () => ({ query: { villageCode: village } }) },
  getPerson: { roles: 'any', target: 'village', request: (w) => ({ params: { id: w.people.member } }) },
  appointVillagePost: {
    roles: ORGANIZER,
    target: 'village',
    request: (w) => ({
      ...inVillage(),
      body: { body: 'supervision_committee', title: 'member', personId: w.people.rep1, from: '2024-01-01' },
    }),
  },
  listVillagePosts: { roles: 'any', target: 'village', request: () => inVillage() },
  endVillagePost: {
    roles: ORGANIZER,
    target: 'village',
    request: (w) => ({ ...inVillage({ postId: w.committeePostId }), body: { to: '2024-12-31' } }),
    cases: [
      {
        name: 'a post of another village, addressed through the home village',
        role: 'organizer',
        scope: 'village',
        request: (w) => ({ ...inVillage({ postId: w.foreign.villagePostId }), body: { to: '2024-12-31' } }),
        expect: 404,
      },
    ],
  },
  addPartyMember: {
    roles: ORGANIZER,
    target: 'village',
    request: (w) => ({
      ...inVillage(),
      body: { personId: w.people.member, status: 'probationary', from: '2024-07-01' },
    }),
  },
  listPartyMembers: { roles: 'any', target: 'village', request: () => inVillage() },
  updatePartyMember: {
    roles: ORGANIZER,
    target: 'village',
    request: (w) => ({
      ...inVillage({ personId: w.people.deputy }),
      body: { excusal: { reason: 'other', from: '2024-11-01', to: '2024-11-30' } },
    }),
  },
  addRepresentative: {
    roles: ORGANIZER,
    target: 'village',
    request: (w) => ({ ...inVillage(), body: { personId: w.people.member, from: '2024-01-01' } }),
  },
  listRepresentatives: { roles: 'any', target: 'village', request: () => inVillage() },
  createHousehold: {
    roles: ORGANIZER,
    target: 'village',
    request: (w) => ({ ...inVillage(), body: { headPersonId: w.people.rep2, from: '2024-01-01' } }),
  },
  listHouseholds: { roles: 'any', target: 'village', request: () => inVillage() },
  addHouseholdMember: {
    roles: ORGANIZER,
    target: 'village',
    request: (w) => ({
      params: { id: w.householdId },
      body: { personId: w.people.member, from: '2024-01-01' },
    }),
  },
  endHouseholdMember: {
    roles: ORGANIZER,
    target: 'village',
    request: (w) => ({ params: { id: w.householdId, personId: w.people.rep1 }, body: { to: '2030-12-31' } }),
  },
  getVillagersRoster: { roles: 'any', target: 'village', request: () => inVillage() },
  getRepresentativesMeeting: { roles: 'any', target: 'village', request: () => inVillage() },
  getVillageAlliance: { roles: 'any', target: 'village', request: () => inVillage() },
  listCrossVillageAppointments: { roles: 'any', target: 'township', request: within(township) },

  createPartner: {
    roles: ORGANIZER,
    target: 'county',
    request: () => ({ body: { name: '联建合作社', kind: 'cooperative', countyCode: county } }),
  },
  listPartners: { roles: 'any', target: 'county', request: within(county) },
  getPartner: { roles: 'any', target: 'county', request: (w) => ({ params: { id: w.partnerId } }) },

  createAlliance: {
    roles: ORGANIZER,
    target: 'township',
    request: () => ({
      body: {
        name: '新联村党支部',
        townshipCode: township,
        mode: 'mutual_aid',
        level: 'branch',
        establishedOn: '2024-01-01',
      },
    }),
  },
  listAlliances: {
    roles: 'any',
    target: 'township',
    request: within(township),
    // An alliance key lists exactly its own alliance, whatever it asks for.
    inScope: ['county', 'all', 'alliance', 'otherAlliance'],
    outOfScope: ['village', 'otherTownship', 'otherCounty'],
  },
  getAlliance: { roles: 'any', target: 'alliance', request: alliance() },
  // Touches the alliance and the joining village: the key must reach both, so the home key is the
  // township's and an alliance key (which does not reach a village outside it) is out.
  addAllianceMember: {
    roles: ORGANIZER,
    target: 'township',
    request: alliance({ villageCode: CODES.otherVillage, role: 'member', from: '2024-06-01' }),
    cases: [
      {
        name: 'a township organiser may not add another township’s village to its alliance',
        role: 'organizer',
        scope: 'township',
        request: alliance({
          villageCode: CODES.otherTownshipFreeVillage,
          role: 'member',
          from: '2024-06-01',
        }),
        expect: 403,
      },
    ],
  },
  leaveAlliance: {
    roles: ORGANIZER,
    target: 'alliance',
    request: (w) => ({
      params: { id: w.alliance, memberId: w.partnerMemberId },
      body: { to: '2024-12-31', reason: '联建协议到期' },
    }),
    cases: [
      {
        name: 'a member of another alliance, addressed through the home alliance',
        role: 'organizer',
        scope: 'alliance',
        request: (w) => ({
          params: { id: w.alliance, memberId: w.foreign.allianceMemberId },
          body: { to: '2024-12-31', reason: '联建协议到期' },
        }),
        expect: 404,
      },
    ],
  },
  appointAlliancePost: {
    roles: ORGANIZER,
    target: 'alliance',
    request: (w) =>
      alliance({
        personId: w.people.secretary,
        title: 'committee_member',
        source: 'member_village_secretary',
        from: '2024-01-01',
      })(w),
  },
  getAllianceStats: { roles: 'any', target: 'township', request: within(township) },
  getAllianceFinancials: {
    roles: 'any',
    target: 'alliance',
    request: (w) => ({ ...alliance()(w), query: { period: '2024-06' } }),
  },
}
