import {
  date,
  foreignKey,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

/**
 * The organisation domain's tables, in Postgres schema `organization`. Every table carries the
 * 6-digit `county_code` first in its primary key (Citus tenant). Dated facts hold `from`/`to`
 * (inclusive; `to` null = current) and are ended, never deleted, so any past day can be read.
 */
export const organizationSchema = pgSchema('organization')

const countyCode = () => text('county_code').notNull()
const day = (name: string) => date(name, { mode: 'string' })
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

export const divisions = organizationSchema.table(
  'divisions',
  {
    countyCode: countyCode(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    parentCode: text('parent_code'),
    population: integer('population'),
    households: integer('households'),
    adults: integer('adults'),
    createdAt: created(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.code] }),
    index('divisions_parent_idx').on(t.countyCode, t.parentCode),
  ],
)

export const people = organizationSchema.table(
  'people',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    villageCode: text('village_code').notNull(),
    name: text('name').notNull(),
    gender: text('gender'),
    birthDate: day('birth_date'),
    /** Kept for contact, shown only masked. */
    phone: text('phone'),
    /** HMAC-SHA256 of the ID number under the deployment's key; the number itself is never stored. */
    idNumberHash: text('id_number_hash'),
    idNumberLast4: text('id_number_last4'),
    createdAt: created(),
  },
  (t) => [
    foreignKey({
      columns: [t.countyCode, t.villageCode],
      foreignColumns: [divisions.countyCode, divisions.code],
    }),
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('people_id_number_idx').on(t.countyCode, t.idNumberHash),
    index('people_village_idx').on(t.countyCode, t.villageCode),
  ],
)

export const villagePosts = organizationSchema.table(
  'village_posts',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    villageCode: text('village_code').notNull(),
    body: text('body').notNull(),
    title: text('title').notNull(),
    personId: text('person_id').notNull(),
    from: day('valid_from').notNull(),
    to: day('valid_to'),
    createdAt: created(),
  },
  (t) => [
    foreignKey({ columns: [t.countyCode, t.personId], foreignColumns: [people.countyCode, people.id] }),
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('village_posts_village_idx').on(t.countyCode, t.villageCode),
  ],
)

export const partyMemberships = organizationSchema.table(
  'party_memberships',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    villageCode: text('village_code').notNull(),
    personId: text('person_id').notNull(),
    /** One row per status period: 转正 closes the probationary row and opens a full one. */
    status: text('status').notNull(),
    from: day('valid_from').notNull(),
    to: day('valid_to'),
    endReason: text('end_reason'),
    createdAt: created(),
  },
  (t) => [
    foreignKey({ columns: [t.countyCode, t.personId], foreignColumns: [people.countyCode, people.id] }),
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('party_memberships_village_idx').on(t.countyCode, t.villageCode),
  ],
)

export const partyExcusals = organizationSchema.table(
  'party_excusals',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    villageCode: text('village_code').notNull(),
    personId: text('person_id').notNull(),
    reason: text('reason').notNull(),
    note: text('note'),
    from: day('valid_from').notNull(),
    to: day('valid_to'),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('party_excusals_village_idx').on(t.countyCode, t.villageCode),
  ],
)

export const representatives = organizationSchema.table(
  'representatives',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    villageCode: text('village_code').notNull(),
    personId: text('person_id').notNull(),
    households: integer('households'),
    from: day('valid_from').notNull(),
    to: day('valid_to'),
    createdAt: created(),
  },
  (t) => [
    foreignKey({ columns: [t.countyCode, t.personId], foreignColumns: [people.countyCode, people.id] }),
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('representatives_village_idx').on(t.countyCode, t.villageCode),
  ],
)

export const partners = organizationSchema.table(
  'partners',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    uscc: text('uscc'),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('partners_uscc_idx').on(t.countyCode, t.uscc),
  ],
)

export const alliances = organizationSchema.table(
  'alliances',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    townshipCode: text('township_code').notNull(),
    mode: text('mode').notNull(),
    form: text('form'),
    level: text('level').notNull(),
    /** village_area 村级片区联合党组织, or township_area 镇域片区联合党委 above them (seed 004). */
    tier: text('tier').notNull().default('village_area'),
    /** The 镇域片区 alliance this one sits under, if any. */
    parentId: text('parent_id'),
    establishedOn: day('established_on').notNull(),
    note: text('note'),
    createdAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('alliances_township_idx').on(t.countyCode, t.townshipCode),
    foreignKey({
      name: 'alliances_parent_fk',
      columns: [t.countyCode, t.parentId],
      foreignColumns: [t.countyCode, t.id],
    }),
  ],
)

export const allianceMembers = organizationSchema.table(
  'alliance_members',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    allianceId: text('alliance_id').notNull(),
    villageCode: text('village_code'),
    partnerId: text('partner_id'),
    role: text('role').notNull(),
    from: day('valid_from').notNull(),
    to: day('valid_to'),
    leaveReason: text('leave_reason'),
    createdAt: created(),
  },
  (t) => [
    foreignKey({
      columns: [t.countyCode, t.allianceId],
      foreignColumns: [alliances.countyCode, alliances.id],
    }),
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('alliance_members_alliance_idx').on(t.countyCode, t.allianceId),
    index('alliance_members_village_idx').on(t.countyCode, t.villageCode),
  ],
)

export const alliancePosts = organizationSchema.table(
  'alliance_posts',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    allianceId: text('alliance_id').notNull(),
    personId: text('person_id').notNull(),
    title: text('title').notNull(),
    source: text('source').notNull(),
    from: day('valid_from').notNull(),
    to: day('valid_to'),
    createdAt: created(),
  },
  (t) => [
    foreignKey({
      columns: [t.countyCode, t.allianceId],
      foreignColumns: [alliances.countyCode, alliances.id],
    }),
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('alliance_posts_alliance_idx').on(t.countyCode, t.allianceId),
  ],
)

/**
 * 户: a household of a village, with its head (户主). The villagers' meeting's alternative quorum
 * ("2/3 of households' representatives", 组织法 Art. 22) counts these, never a typed number.
 */
export const households = organizationSchema.table(
  'households',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    villageCode: text('village_code').notNull(),
    /** 户号 as the village register writes it, if any. */
    number: text('number'),
    /** 户主: a member of the household. */
    headPersonId: text('head_person_id').notNull(),
    from: day('valid_from').notNull(),
    to: day('valid_to'),
    createdAt: created(),
  },
  (t) => [
    foreignKey({
      columns: [t.countyCode, t.villageCode],
      foreignColumns: [divisions.countyCode, divisions.code],
    }),
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('households_village_idx').on(t.countyCode, t.villageCode),
  ],
)

/** A person's membership of a household, dated: one household per person at a time. */
export const householdMembers = organizationSchema.table(
  'household_members',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    householdId: text('household_id').notNull(),
    villageCode: text('village_code').notNull(),
    personId: text('person_id').notNull(),
    /** 与户主关系 (head, spouse, child, parent, other). */
    relation: text('relation'),
    from: day('valid_from').notNull(),
    to: day('valid_to'),
    createdAt: created(),
  },
  (t) => [
    foreignKey({
      columns: [t.countyCode, t.householdId],
      foreignColumns: [households.countyCode, households.id],
    }),
    foreignKey({ columns: [t.countyCode, t.personId], foreignColumns: [people.countyCode, people.id] }),
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('household_members_household_idx').on(t.countyCode, t.householdId),
    index('household_members_village_idx').on(t.countyCode, t.villageCode),
  ],
)

/**
 * 留党察看: a Party member under probation within the Party has no vote, no right to elect or be
 * elected for its term (党章 Art. 40), dated like excusals.
 */
export const partySanctions = organizationSchema.table(
  'party_sanctions',
  {
    countyCode: countyCode(),
    id: text('id').notNull(),
    villageCode: text('village_code').notNull(),
    personId: text('person_id').notNull(),
    measure: text('measure').notNull(),
    /** The decision's reference (处分决定文号), as recorded. */
    reference: text('reference'),
    from: day('valid_from').notNull(),
    to: day('valid_to'),
    createdAt: created(),
  },
  (t) => [
    foreignKey({ columns: [t.countyCode, t.personId], foreignColumns: [people.countyCode, people.id] }),
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('party_sanctions_village_idx').on(t.countyCode, t.villageCode),
  ],
)
