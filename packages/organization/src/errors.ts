import { DomainError, type DomainErrorKind } from '@liancun/core'

/**
 * The error catalogue: every code the organisation domain throws, its kind (which the API maps to
 * an HTTP status) and what it means. The README's error table and the package's tests are checked
 * against this table (test/error-catalogue.test.ts), so a code cannot be added, renamed or dropped
 * in one place only.
 */
export const ORGANIZATION_ERRORS = {
  'organization.division_not_found': {
    kind: 'not_found',
    meaning: 'no such division (or it is not a village/community, county or township where one is needed)',
  },
  'organization.division_kind_mismatch': {
    kind: 'invalid',
    meaning: 'the code length does not match the kind (county 6, township 9, village/community 12 digits)',
  },
  'organization.division_kind_change': {
    kind: 'conflict',
    meaning: 'a recorded division cannot change its kind',
  },
  'organization.parent_division_missing': {
    kind: 'rule',
    meaning: 'a township needs its county, a village its township, recorded first',
  },
  'organization.person_not_found': { kind: 'not_found', meaning: 'no such person (in the county asked)' },
  'organization.person_duplicate': {
    kind: 'conflict',
    meaning: 'an ID number is registered once per county',
  },
  'organization.invalid_post_title': { kind: 'invalid', meaning: 'the body has no post of that title' },
  'organization.post_already_held': {
    kind: 'rule',
    meaning: 'one secretary / chair per body (and one alliance secretary) at a time',
  },
  'organization.person_already_in_body': {
    kind: 'rule',
    meaning: 'one post per person per body (or per alliance) at a time',
  },
  'organization.village_post_not_found': { kind: 'not_found', meaning: 'no such post of this village' },
  'organization.post_already_ended': { kind: 'conflict', meaning: 'the post has already ended' },
  'organization.end_before_start': {
    kind: 'rule',
    meaning: 'an end (or 转正) date comes before the start of what it ends',
  },
  'organization.party_member_exists': {
    kind: 'conflict',
    meaning: 'one open branch membership per person at a time',
  },
  'organization.party_member_not_found': {
    kind: 'not_found',
    meaning: 'the person is not a current member of the branch',
  },
  'organization.already_full_member': { kind: 'rule', meaning: '转正 of a member who is already full' },
  'organization.excusal_overlaps': { kind: 'rule', meaning: 'excusals of one member do not overlap' },
  'organization.representative_term_overlaps': {
    kind: 'conflict',
    meaning: 'a person serves one representative term at a time',
  },
  'organization.partner_not_found': { kind: 'not_found', meaning: 'no such partner' },
  'organization.partner_duplicate': { kind: 'conflict', meaning: 'a USCC is registered once per county' },
  'organization.alliance_not_found': { kind: 'not_found', meaning: 'no such alliance' },
  'organization.member_before_establishment': {
    kind: 'rule',
    meaning: 'joining starts on or after the founding date',
  },
  'organization.member_outside_county': {
    kind: 'rule',
    meaning: "members are villages/partners of the alliance's county",
  },
  'organization.village_in_other_alliance': {
    kind: 'rule',
    meaning: 'a village is in at most one alliance of each tier on any date (checked under row locks)',
  },
  'organization.parent_alliance_invalid': {
    kind: 'rule',
    meaning:
      'a village-area alliance sits only under a township-area alliance of the same township, founded no later than it',
  },
  'organization.already_member': {
    kind: 'conflict',
    meaning: 'the village or partner is already a member then',
  },
  'organization.one_plus_one_size': {
    kind: 'rule',
    meaning: 'a 1+1 alliance has at most two villages on any date',
  },
  'organization.lead_already_set': { kind: 'rule', meaning: 'one lead village at a time' },
  'organization.alliance_member_not_found': { kind: 'not_found', meaning: 'no such member of this alliance' },
  'organization.member_already_left': { kind: 'conflict', meaning: 'the member has already left' },
  'organization.post_before_establishment': {
    kind: 'rule',
    meaning: 'alliance posts start on or after the founding date',
  },
  // 户 and the villagers' roster; 留党察看
  'organization.birth_date_mismatch': {
    kind: 'invalid',
    meaning: 'the stated birth date differs from the one the ID number carries',
  },
  'organization.household_not_found': { kind: 'not_found', meaning: 'no such household' },
  'organization.household_member_overlaps': {
    kind: 'conflict',
    meaning: 'a person belongs to one household at a time',
  },
  'organization.member_of_other_village': {
    kind: 'rule',
    meaning: 'household members are people registered in the household’s village',
  },
  'organization.household_member_not_found': {
    kind: 'not_found',
    meaning: 'the person is not a current member of the household',
  },
  'organization.sanction_overlaps': {
    kind: 'rule',
    meaning: 'periods of 留党察看 of one member do not overlap',
  },
} as const satisfies Record<`organization.${string}`, { kind: DomainErrorKind; meaning: string }>

export type OrganizationErrorCode = keyof typeof ORGANIZATION_ERRORS

/** Every refusal of the organisation domain; `code` is stable, `message` is for people. */
export class OrganizationError extends DomainError {
  declare readonly code: OrganizationErrorCode

  constructor(
    code: OrganizationErrorCode,
    message: string,
    options: { field?: string; context?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(code, message, { ...options, kind: ORGANIZATION_ERRORS[code].kind })
    this.name = 'OrganizationError'
  }
}

/** `no alliance <id>` and friends: the not-found codes keyed by what was looked for. */
export const notFoundError = (
  what: 'alliance' | 'village_post' | 'partner' | 'alliance_member' | 'household',
  id: string,
  field?: string,
) =>
  new OrganizationError(`organization.${what}_not_found`, `no ${what.replace(/_/g, ' ')} ${id}`, {
    ...(field ? { field } : {}),
    context: { id },
  })
