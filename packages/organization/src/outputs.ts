import { parseUscc } from '@liancun/core'
import type { AppointAlliancePostInput, CreateAllianceInput, CreatePartnerInput } from './inputs.js'
import { maskIdNumber, maskPhone } from './rules/personal-data.js'
import type { PostBody } from './rules/posts.js'
import type { RosterCounts } from './rules/roster.js'
import type { alliances, divisions, partners, people } from './schema.js'

/** What the service returns: plain data, never rows. Mapping a row to its output lives here too. */

export type DivisionRow = typeof divisions.$inferSelect
export type PersonRow = typeof people.$inferSelect
export type PartnerRow = typeof partners.$inferSelect
export type AllianceRow = typeof alliances.$inferSelect

export type DivisionKind = 'county' | 'township' | 'village' | 'community'

export interface Division {
  code: string
  name: string
  kind: DivisionKind
  parentCode: string | null
  countyCode: string
  population: number | null
  households: number | null
  adults: number | null
  createdAt: string
  updatedAt: string
}

export interface Person {
  id: string
  name: string
  villageCode: string
  gender: 'male' | 'female' | null
  birthDate: string | null
  phoneMasked: string | null
  idNumberMasked: string | null
  createdAt: string
}

export interface VillagePost {
  id: string
  villageCode: string
  body: PostBody
  title: string
  personId: string
  personName: string
  personVillageCode: string
  /** 跨村任职: the holder belongs to another village. */
  crossVillage: boolean
  from: string
  to: string | null
}

export interface PartyRoster {
  villageCode: string
  asOf: string
  members: {
    personId: string
    name: string
    gender: 'male' | 'female' | null
    status: 'full' | 'probationary'
    since: string
    excusal: { reason: string; from: string; to: string | null } | null
    /** 留党察看 valid that day: no vote. */
    sanction: { measure: string; from: string; to: string | null } | null
  }[]
  counts: RosterCounts
}

export interface Representatives {
  villageCode: string
  asOf: string
  representatives: {
    id: string
    personId: string
    name: string
    gender: 'male' | 'female' | null
    households: number | null
    from: string
    to: string | null
  }[]
  count: number
}

/** 户 valid on a day, with its members that day. */
export interface Household {
  id: string
  villageCode: string
  number: string | null
  headPersonId: string
  from: string
  to: string | null
  members: string[]
}

/** The villagers' meeting roster of a day (组织法 Art. 21: villagers aged 18+), from the records. */
export interface VillagersRosterOut {
  villageCode: string
  asOf: string
  adults: string[]
  unknownAge: string[]
  minors: number
  households: {
    id: string
    number: string | null
    headPersonId: string
    members: string[]
    adults: string[]
  }[]
  counts: { people: number; adults: number; minors: number; unknownAge: number; households: number }
}

export type PartnerKind = CreatePartnerInput['kind']

export interface Partner {
  id: string
  name: string
  kind: PartnerKind
  countyCode: string
  uscc: string | null
  usccWarnings: string[]
  createdAt: string
}

export interface AllianceMember {
  id: string
  kind: 'village' | 'partner'
  villageCode: string | null
  partnerId: string | null
  name: string
  role: 'lead' | 'member'
  from: string
  to: string | null
}

export interface AlliancePost {
  id: string
  personId: string
  personName: string
  personVillageCode: string
  title: AppointAlliancePostInput['title']
  source: AppointAlliancePostInput['source']
  from: string
  to: string | null
  /** The holder's home village is not a member of the alliance on the day read. */
  crossVillage: boolean
}

export interface AllianceSummary {
  id: string
  name: string
  townshipCode: string
  countyCode: string
  mode: CreateAllianceInput['mode']
  form: '1+1' | '1+N' | null
  level: CreateAllianceInput['level']
  tier: NonNullable<CreateAllianceInput['tier']>
  parentAllianceId: string | null
  establishedOn: string
  villageCount: number
}

export interface Alliance extends AllianceSummary {
  asOf: string
  members: AllianceMember[]
  posts: AlliancePost[]
}

export interface AllianceStats {
  within: string | null
  asOf: string
  alliances: { total: number; byMode: Record<string, number>; byLevel: Record<string, number> }
  villages: { total: number; covered: number; under500: { total: number; covered: number } }
}

export interface CrossVillageAppointment {
  kind: 'village_post' | 'alliance_post'
  villageCode: string | null
  allianceId: string | null
  body: string
  title: string
  personId: string
  personName: string
  personVillageCode: string
  from: string
  to: string | null
}

const iso = (value: Date) => value.toISOString()

export function toDivision(row: DivisionRow): Division {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind as DivisionKind,
    parentCode: row.parentCode,
    countyCode: row.countyCode,
    population: row.population,
    households: row.households,
    adults: row.adults,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  }
}

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    name: row.name,
    villageCode: row.villageCode,
    gender: row.gender as Person['gender'],
    birthDate: row.birthDate,
    phoneMasked: maskPhone(row.phone),
    idNumberMasked: maskIdNumber(row.idNumberLast4),
    createdAt: iso(row.createdAt),
  }
}

export function toPartner(row: PartnerRow): Partner {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as PartnerKind,
    countyCode: row.countyCode,
    uscc: row.uscc,
    // Derived, not stored: the check algorithm is the single source of truth.
    usccWarnings: row.uscc ? parseUscc(row.uscc).warnings : [],
    createdAt: iso(row.createdAt),
  }
}

export function toAllianceSummary(row: AllianceRow, villageCount: number): AllianceSummary {
  return {
    id: row.id,
    name: row.name,
    townshipCode: row.townshipCode,
    countyCode: row.countyCode,
    mode: row.mode as AllianceSummary['mode'],
    form: row.form as AllianceSummary['form'],
    level: row.level as AllianceSummary['level'],
    tier: row.tier as AllianceSummary['tier'],
    parentAllianceId: row.parentId,
    establishedOn: row.establishedOn,
    villageCount,
  }
}

export function toAllianceRef(row: AllianceRow): { id: string; countyCode: string; townshipCode: string } {
  return { id: row.id, countyCode: row.countyCode, townshipCode: row.townshipCode }
}

/** A membership row and the name of its village or partner. */
export function toAllianceMember(
  row: {
    id: string
    villageCode: string | null
    partnerId: string | null
    role: string
    from: string
    to: string | null
  },
  name: string | null,
): AllianceMember {
  return {
    id: row.id,
    kind: row.villageCode ? 'village' : 'partner',
    villageCode: row.villageCode,
    partnerId: row.partnerId,
    name: name ?? '',
    role: row.role as AllianceMember['role'],
    from: row.from,
    to: row.to,
  }
}

/** An alliance post; `memberVillages` (valid on the day read) tells who serves from outside. */
export function toAlliancePost(
  post: { id: string; title: string; source: string; from: string; to: string | null },
  person: { id: string; name: string; villageCode: string },
  memberVillages: ReadonlySet<string | null>,
): AlliancePost {
  return {
    id: post.id,
    personId: person.id,
    personName: person.name,
    personVillageCode: person.villageCode,
    title: post.title as AlliancePost['title'],
    source: post.source as AlliancePost['source'],
    from: post.from,
    to: post.to,
    crossVillage: !memberVillages.has(person.villageCode),
  }
}

export function toVillagePost(
  post: { id: string; villageCode: string; body: string; title: string; from: string; to: string | null },
  person: { id: string; name: string; villageCode: string },
): VillagePost {
  return {
    id: post.id,
    villageCode: post.villageCode,
    body: post.body as PostBody,
    title: post.title,
    personId: person.id,
    personName: person.name,
    personVillageCode: person.villageCode,
    crossVillage: person.villageCode !== post.villageCode,
    from: post.from,
    to: post.to,
  }
}
