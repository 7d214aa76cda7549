import { BusinessDate, CountyCode, Id, TownshipCode, Uscc, VillageCode } from '@liancun/core'
import { z } from 'zod'
import { birthDateOfIdNumber } from './rules/households.js'

/**
 * zod inputs of the organisation service. Strict objects: an unknown field is an error, never
 * silently dropped. The API reuses them as request bodies, so descriptions carry the Chinese terms.
 */

export const DIVISION_KINDS = ['county', 'township', 'village', 'community'] as const
export const POST_BODIES = ['party_branch', 'village_committee', 'supervision_committee'] as const
export const PARTNER_KINDS = [
  'enterprise',
  'public_institution',
  'agency',
  'urban_community',
  'social_organization',
  'cooperative',
] as const
export const ALLIANCE_MODES = [
  'strong_leads_weak',
  'mutual_aid',
  'village_enterprise',
  'urban_rural',
] as const
export const ALLIANCE_FORMS = ['1+1', '1+N'] as const
export const ALLIANCE_LEVELS = ['party_committee', 'general_branch', 'branch', 'league'] as const
/** Nesting (seed 004): 村级片区联合党组织 under 镇域片区联合党委. */
export const ALLIANCE_TIERS = ['village_area', 'township_area'] as const
export const ALLIANCE_POST_TITLES = ['secretary', 'deputy_secretary', 'committee_member'] as const
export const ALLIANCE_POST_SOURCES = [
  'township_cadre',
  'member_village_secretary',
  'partner_leader',
  'other',
] as const
export const EXCUSAL_REASONS = ['long_illness', 'abroad_over_six_months', 'detained', 'other'] as const

const name = z.string().trim().min(1, 'must not be empty').max(200)
// At most what an `integer` column holds: beyond it PostgreSQL refuses the row (a 500, not a 400).
const count = z
  .number()
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(2 ** 31 - 1, 'is too large')
const to = BusinessDate.optional().meta({ description: 'last day (inclusive); omitted = open-ended' })

/** `to` may not come before `from`. */
function toNotBeforeFrom(value: { from: string; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (value.to !== undefined && value.to < value.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' })
  }
}

export const UpsertDivisionInput = z
  .strictObject({
    name: name.meta({ example: '李孟德村' }),
    kind: z
      .enum(DIVISION_KINDS)
      .meta({ description: 'county 区县 (6 digits), township 镇街 (9), village 村 / community 社区 (12)' }),
    population: count.optional().meta({ description: '户籍人口' }),
    households: count.optional().meta({ description: '户数' }),
    adults: count.optional().meta({ description: '年满十八周岁的村民 (for villagers’ meeting quorums)' }),
  })
  .meta({ example: { name: '李孟德村', kind: 'village', population: 610, households: 190, adults: 470 } })
export type UpsertDivisionInput = z.infer<typeof UpsertDivisionInput>

/** 18-character 居民身份证号码 (GB 11643) with its ISO 7064 MOD 11-2 check character. */
export function idNumberProblem(value: string): string | null {
  if (!/^[0-9]{17}[0-9X]$/.test(value)) return 'an ID number has 17 digits and a final digit or X'
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(value[i]), 0)
  const check = '10X98765432'[sum % 11]
  if (check !== value[17]) return 'the ID number’s check character does not match'
  return birthDateOfIdNumber(value) ? null : 'the ID number’s birth date (characters 7–14) is not a date'
}

export const CreatePersonInput = z
  .strictObject({
    name: name.meta({ example: '王建国' }),
    villageCode: VillageCode,
    gender: z.enum(['male', 'female']).optional(),
    birthDate: BusinessDate.optional().meta({
      description: 'taken from the ID number when one is given (a stated date must match it)',
    }),
    phone: z
      .string()
      .regex(
        /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/,
        'must be an 11-digit mobile or a landline such as 0533-1234567',
      )
      .optional()
      .meta({ description: '手机/电话; stored, always returned masked', example: '13812345678' }),
    idNumber: z
      .string()
      .superRefine((value, ctx) => {
        const problem = idNumberProblem(value)
        if (problem) ctx.addIssue({ code: 'custom', message: problem })
      })
      .optional()
      .meta({
        description: '身份证号; only a keyed hash and the last four characters are stored',
        example: '11010519491231002X',
      }),
  })
  .meta({ example: { name: '王建国', villageCode: '370322104203', gender: 'male', phone: '13812345678' } })
export type CreatePersonInput = z.infer<typeof CreatePersonInput>

export const AppointVillagePostInput = z
  .strictObject({
    body: z.enum(POST_BODIES).meta({
      description: 'party_branch 支部委员会, village_committee 村委会, supervision_committee 村务监督委员会',
    }),
    title: z.string().meta({
      description: 'secretary/deputy_secretary/committee_member; chair/vice_chair/member',
      example: 'secretary',
    }),
    personId: Id,
    from: BusinessDate,
    to,
  })
  .superRefine(toNotBeforeFrom)
  .meta({
    example: {
      body: 'party_branch',
      title: 'secretary',
      personId: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab',
      from: '2021-01-01',
    },
  })
export type AppointVillagePostInput = z.infer<typeof AppointVillagePostInput>

export const EndVillagePostInput = z
  .strictObject({ to: BusinessDate.meta({ description: 'last day in post (inclusive)' }) })
  .meta({ example: { to: '2024-12-31' } })
export type EndVillagePostInput = z.infer<typeof EndVillagePostInput>

export const AddPartyMemberInput = z
  .strictObject({
    personId: Id,
    status: z.enum(['full', 'probationary']).meta({ description: 'full 正式党员, probationary 预备党员' }),
    from: BusinessDate,
  })
  .meta({ example: { personId: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab', status: 'full', from: '2010-07-01' } })
export type AddPartyMemberInput = z.infer<typeof AddPartyMemberInput>

const Excusal = z
  .strictObject({
    reason: z.enum(EXCUSAL_REASONS).meta({
      description: 'long_illness 长期患病, abroad_over_six_months 出国半年以上, detained 被羁押, other',
    }),
    note: z.string().max(500).optional(),
    from: BusinessDate,
    to,
  })
  .superRefine(toNotBeforeFrom)

export const PARTY_SANCTIONS = ['probation_within_party'] as const

const Sanction = z
  .strictObject({
    measure: z.enum(PARTY_SANCTIONS).meta({
      description:
        'probation_within_party 留党察看: no vote, no right to elect or be elected for its term (党章 Art. 40)',
    }),
    reference: z.string().max(200).optional().meta({ description: '处分决定文号' }),
    from: BusinessDate,
    to,
  })
  .superRefine(toNotBeforeFrom)

export const UpdatePartyMemberInput = z
  .union([
    z.strictObject({ status: z.literal('full').meta({ description: '转正' }), from: BusinessDate }),
    z.strictObject({
      to: BusinessDate.meta({ description: 'last day of membership' }),
      reason: z.string().max(500).optional(),
    }),
    z.strictObject({ excusal: Excusal }),
    z.strictObject({ sanction: Sanction }),
  ])
  .meta({
    description:
      'exactly one of: 转正 { status: "full", from }; end { to, reason? }; excuse { excusal: { reason, from, to? } }; ' +
      '留党察看 { sanction: { measure: "probation_within_party", reference?, from, to? } }',
    example: { excusal: { reason: 'abroad_over_six_months', from: '2024-01-01', to: '2024-12-31' } },
  })
export type UpdatePartyMemberInput = z.infer<typeof UpdatePartyMemberInput>

export const AddRepresentativeInput = z
  .strictObject({
    personId: Id,
    households: count.optional().meta({ description: 'households represented (联系户数)' }),
    from: BusinessDate,
    to,
  })
  .superRefine(toNotBeforeFrom)
  .meta({
    example: {
      personId: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab',
      households: 12,
      from: '2021-01-01',
      to: '2025-12-31',
    },
  })
export type AddRepresentativeInput = z.infer<typeof AddRepresentativeInput>

export const HOUSEHOLD_RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'other'] as const

const HouseholdMember = z.strictObject({
  personId: Id,
  relation: z.enum(HOUSEHOLD_RELATIONS).optional().meta({ description: '与户主关系' }),
})

/** 户: a household of the village, its head (户主) and members (people of the village) from a day. */
export const CreateHouseholdInput = z
  .strictObject({
    number: z.string().trim().min(1).max(50).optional().meta({ description: '户号' }),
    headPersonId: Id.meta({ description: '户主; a member of the household' }),
    members: z
      .array(HouseholdMember)
      .max(50)
      .default([])
      .meta({ description: 'members besides the head (the head is a member as `head`)' }),
    from: BusinessDate,
  })
  .superRefine((value, ctx) => {
    const ids = [value.headPersonId, ...value.members.map((m) => m.personId)]
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) {
        ctx.addIssue({ code: 'custom', path: ['members', i - 1, 'personId'], message: 'each person once' })
      }
    })
  })
  .meta({
    example: {
      number: '0012',
      headPersonId: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab',
      members: [{ personId: '019a4c1e-7b2a-7c3d-8e4f-0123456789ac', relation: 'spouse' }],
      from: '2010-01-01',
    },
  })
export type CreateHouseholdInput = z.infer<typeof CreateHouseholdInput>

export const AddHouseholdMemberInput = HouseholdMember.extend({ from: BusinessDate }).meta({
  example: { personId: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab', relation: 'child', from: '2024-03-01' },
})
export type AddHouseholdMemberInput = z.infer<typeof AddHouseholdMemberInput>

export const EndHouseholdMemberInput = z
  .strictObject({ to: BusinessDate.meta({ description: 'last day in the household (inclusive)' }) })
  .meta({ example: { to: '2024-12-31' } })
export type EndHouseholdMemberInput = z.infer<typeof EndHouseholdMemberInput>

export const CreatePartnerInput = z
  .strictObject({
    name: name.meta({ example: '山东华旅旅游发展股份有限公司' }),
    kind: z.enum(PARTNER_KINDS).meta({ description: '企业, 机关事业单位, 机关, 城市社区, 社会组织, 合作社' }),
    countyCode: CountyCode,
    uscc: Uscc.optional(),
  })
  .meta({ example: { name: '山东华旅旅游发展股份有限公司', kind: 'enterprise', countyCode: '370304' } })
export type CreatePartnerInput = z.infer<typeof CreatePartnerInput>

export const CreateAllianceInput = z
  .strictObject({
    name: name.meta({ example: '黑牛盒马联村党委' }),
    townshipCode: TownshipCode.meta({ description: 'the leading township (镇党委领导)' }),
    mode: z.enum(ALLIANCE_MODES).meta({ description: '强村带动 / 村村互助 / 村企联建 / 城乡融合' }),
    form: z.enum(ALLIANCE_FORMS).optional().meta({ description: 'strong_leads_weak only: 1+1 or 1+N' }),
    level: z.enum(ALLIANCE_LEVELS).meta({ description: '联村党委 / 联村党总支 / 联合党支部 / 党建联盟' }),
    tier: z.enum(ALLIANCE_TIERS).optional().meta({
      description:
        'village_area 村级片区联合党组织 (default) or township_area 镇域片区联合党委, which village-area alliances of its township may sit under; a village belongs to at most one alliance of each tier on any day',
    }),
    parentAllianceId: Id.optional().meta({
      description: 'the township-area alliance of the same township this village-area alliance sits under',
    }),
    establishedOn: BusinessDate,
    note: z.string().max(2000).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.parentAllianceId !== undefined && value.tier === 'township_area') {
      ctx.addIssue({
        code: 'custom',
        path: ['parentAllianceId'],
        message: 'a township-area alliance is the top tier: it sits under no other alliance',
      })
    }
    if (value.form !== undefined && value.mode !== 'strong_leads_weak') {
      ctx.addIssue({
        code: 'custom',
        path: ['form'],
        message: 'form (1+1, 1+N) applies only to mode strong_leads_weak',
      })
    }
  })
  .meta({
    example: {
      name: '黑牛盒马联村党委',
      townshipCode: '370322104',
      mode: 'village_enterprise',
      level: 'party_committee',
      establishedOn: '2019-03-01',
    },
  })
export type CreateAllianceInput = z.infer<typeof CreateAllianceInput>

export const AddAllianceMemberInput = z
  .strictObject({
    villageCode: VillageCode.optional(),
    partnerId: Id.optional(),
    role: z.enum(['lead', 'member']).meta({ description: 'lead 牵头村 / member 联建成员' }),
    from: BusinessDate,
  })
  .superRefine((value, ctx) => {
    if ((value.villageCode === undefined) === (value.partnerId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['villageCode'],
        message: 'give exactly one of villageCode or partnerId',
      })
    }
  })
  .meta({ example: { villageCode: '370322104203', role: 'member', from: '2019-03-01' } })
export type AddAllianceMemberInput = z.infer<typeof AddAllianceMemberInput>

export const LeaveAllianceMemberInput = z
  .strictObject({
    to: BusinessDate.meta({ description: 'last day of membership (inclusive)' }),
    reason: name,
  })
  .meta({ example: { to: '2023-12-31', reason: '村庄撤并' } })
export type LeaveAllianceMemberInput = z.infer<typeof LeaveAllianceMemberInput>

export const AppointAlliancePostInput = z
  .strictObject({
    personId: Id,
    title: z.enum(ALLIANCE_POST_TITLES).meta({ description: '书记 / 副书记 / 委员' }),
    source: z
      .enum(ALLIANCE_POST_SOURCES)
      .meta({ description: '镇干部 / 成员村书记 / 联建单位负责人 / 其他' }),
    from: BusinessDate,
    to,
  })
  .superRefine(toNotBeforeFrom)
  .meta({
    example: {
      personId: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab',
      title: 'secretary',
      source: 'township_cadre',
      from: '2019-03-01',
    },
  })
export type AppointAlliancePostInput = z.infer<typeof AppointAlliancePostInput>
