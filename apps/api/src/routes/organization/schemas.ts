import { BusinessDate, Id } from '@liancun/core'
import { z } from 'zod'

/** Response contracts of the organisation routes (the API owns them; inputs come from the package). */

const date = BusinessDate
const openDate = BusinessDate.nullable().meta({ description: 'last day (inclusive); null = still current' })

export const DivisionOut = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(['county', 'township', 'village', 'community']),
    parentCode: z.string().nullable(),
    countyCode: z.string(),
    population: z.number().int().nullable(),
    households: z.number().int().nullable(),
    adults: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Division' })

export const PersonOut = z
  .object({
    id: Id,
    name: z.string(),
    villageCode: z.string(),
    gender: z.enum(['male', 'female']).nullable(),
    birthDate: date.nullable(),
    phoneMasked: z.string().nullable().meta({ example: '138****5678' }),
    idNumberMasked: z.string().nullable().meta({ example: '**************1234' }),
    createdAt: z.string(),
  })
  .meta({ id: 'Person' })

export const VillagePostOut = z
  .object({
    id: Id,
    villageCode: z.string(),
    body: z.enum(['party_branch', 'village_committee', 'supervision_committee']),
    title: z.string(),
    personId: Id,
    personName: z.string(),
    personVillageCode: z.string(),
    crossVillage: z.boolean().meta({ description: '跨村任职: the holder belongs to another village' }),
    from: date,
    to: openDate,
  })
  .meta({ id: 'VillagePost' })

export const VillagePostsOut = z
  .object({
    villageCode: z.string(),
    asOf: date,
    posts: z.array(VillagePostOut),
    secretaryIsChair: z
      .boolean()
      .meta({ description: '一肩挑: the branch secretary is also the committee chair' }),
  })
  .meta({ id: 'VillagePosts' })

export const PartyRosterOut = z
  .object({
    villageCode: z.string(),
    asOf: date,
    members: z.array(
      z.object({
        personId: Id,
        name: z.string(),
        status: z.enum(['full', 'probationary']),
        since: date,
        excusal: z
          .object({ reason: z.string(), from: date, to: openDate })
          .nullable()
          .meta({ description: 'excused from “should attend” on asOf' }),
        sanction: z
          .object({ measure: z.string(), from: date, to: openDate })
          .nullable()
          .optional()
          .meta({ description: '留党察看 on asOf: attends without a vote (党章 Art. 40)' }),
      }),
    ),
    counts: z.object({
      full: z.number().int(),
      probationary: z.number().int(),
      excused: z.number().int(),
      shouldAttend: z.number().int().meta({ description: '应到: members not excused' }),
      fullVoting: z
        .number()
        .int()
        .meta({ description: 'full members not excused nor under 留党察看: the 党员大会 electorate' }),
      sanctioned: z.number().int().optional().meta({ description: 'under 留党察看 (no vote)' }),
    }),
  })
  .meta({ id: 'PartyRoster' })

export const RepresentativesOut = z
  .object({
    villageCode: z.string(),
    asOf: date,
    representatives: z.array(
      z.object({
        id: Id,
        personId: Id,
        name: z.string(),
        households: z.number().int().nullable(),
        from: date,
        to: openDate,
      }),
    ),
    count: z.number().int(),
  })
  .meta({ id: 'Representatives' })

export const PartnerOut = z
  .object({
    id: Id,
    name: z.string(),
    kind: z.enum([
      'enterprise',
      'public_institution',
      'agency',
      'urban_community',
      'social_organization',
      'cooperative',
    ]),
    countyCode: z.string(),
    uscc: z.string().nullable(),
    usccWarnings: z.array(z.string()).meta({ description: 'checksum warnings; the code is still recorded' }),
    createdAt: z.string(),
  })
  .meta({ id: 'Partner' })

export const AllianceMemberOut = z
  .object({
    id: Id,
    kind: z.enum(['village', 'partner']),
    villageCode: z.string().nullable(),
    partnerId: Id.nullable(),
    name: z.string(),
    role: z.enum(['lead', 'member']),
    from: date,
    to: openDate,
  })
  .meta({ id: 'AllianceMember' })

export const AlliancePostOut = z
  .object({
    id: Id,
    personId: Id,
    personName: z.string(),
    personVillageCode: z.string(),
    title: z.enum(['secretary', 'deputy_secretary', 'committee_member']),
    source: z.enum(['township_cadre', 'member_village_secretary', 'partner_leader', 'other']),
    from: date,
    to: openDate,
    crossVillage: z.boolean(),
  })
  .meta({ id: 'AlliancePost' })

const allianceFields = {
  id: Id,
  name: z.string(),
  townshipCode: z.string(),
  countyCode: z.string(),
  mode: z.enum(['strong_leads_weak', 'mutual_aid', 'village_enterprise', 'urban_rural']),
  form: z.enum(['1+1', '1+N']).nullable(),
  level: z.enum(['party_committee', 'general_branch', 'branch', 'league']),
  tier: z.enum(['village_area', 'township_area']),
  parentAllianceId: Id.nullable(),
  establishedOn: date,
  villageCount: z.number().int(),
}

export const AllianceSummaryOut = z.object(allianceFields).meta({ id: 'AllianceSummary' })

export const AllianceOut = z
  .object({
    ...allianceFields,
    asOf: date,
    members: z.array(AllianceMemberOut),
    posts: z.array(AlliancePostOut),
  })
  .meta({ id: 'Alliance' })

export const VillageAllianceOut = z
  .object({
    villageCode: z.string(),
    asOf: date,
    alliance: AllianceSummaryOut.nullable(),
    membership: AllianceMemberOut.nullable(),
  })
  .meta({ id: 'VillageAlliance' })

export const AllianceStatsOut = z
  .object({
    within: z.string().nullable(),
    asOf: date,
    alliances: z.object({
      total: z.number().int(),
      byMode: z.record(z.string(), z.number().int()),
      byLevel: z.record(z.string(), z.number().int()),
    }),
    villages: z.object({
      total: z.number().int(),
      covered: z.number().int(),
      under500: z.object({ total: z.number().int(), covered: z.number().int() }),
    }),
  })
  .meta({ id: 'AllianceStats' })

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() })

export const CrossVillageAppointmentsOut = z
  .object({
    asOf: date,
    items: z.array(
      z.object({
        kind: z.enum(['village_post', 'alliance_post']),
        villageCode: z.string().nullable(),
        allianceId: Id.nullable(),
        body: z.string(),
        title: z.string(),
        personId: Id,
        personName: z.string(),
        personVillageCode: z.string(),
        from: date,
        to: openDate,
      }),
    ),
  })
  .meta({ id: 'CrossVillageAppointments' })
