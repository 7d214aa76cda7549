import {
  addDays,
  type Clock,
  type Database,
  isUniqueViolation,
  newId,
  type Page,
  parseUscc,
  systemClock,
  toPage,
} from '@liancun/core'
import { and, asc, eq, gt, gte, inArray, isNull, like, lte, ne, or, type SQL, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { notFoundError, OrganizationError } from './errors.js'
import type {
  AddAllianceMemberInput,
  AddPartyMemberInput,
  AddRepresentativeInput,
  AppointAlliancePostInput,
  AppointVillagePostInput,
  CreateAllianceInput,
  CreatePartnerInput,
  CreatePersonInput,
  EndVillagePostInput,
  LeaveAllianceMemberInput,
  UpdatePartyMemberInput,
  UpsertDivisionInput,
} from './inputs.js'
import { codeLengthOfKind, firstOverlap, maxConcurrent } from './rules/dated.js'
import { hashIdNumber, maskIdNumber, maskPhone } from './rules/personal-data.js'
import { isSingleHolderTitle, isValidPostTitle, type PostBody, secretaryIsChair } from './rules/posts.js'
import { rosterCounts } from './rules/roster.js'
import {
  allianceMembers,
  alliancePosts,
  alliances,
  divisions,
  partners,
  partyExcusals,
  partyMemberships,
  people,
  representatives,
  villagePosts,
} from './schema.js'

export interface OrganizationServiceOptions {
  db: Database
  clock?: Clock
  /** Key of the HMAC under which ID numbers are stored. */
  personalDataKey: string
}

type DivisionRow = typeof divisions.$inferSelect
type PersonRow = typeof people.$inferSelect
type AllianceRow = typeof alliances.$inferSelect

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
    status: 'full' | 'probationary'
    since: string
    excusal: { reason: string; from: string; to: string | null } | null
  }[]
  counts: ReturnType<typeof rosterCounts>
}

export interface Representatives {
  villageCode: string
  asOf: string
  representatives: {
    id: string
    personId: string
    name: string
    households: number | null
    from: string
    to: string | null
  }[]
  count: number
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

const VILLAGE_KINDS = ['village', 'community']

/** A dated table: its validity columns. */
interface Dated {
  from: AnyPgColumn
  to: AnyPgColumn
}

/** Rows valid on `day`: from ≤ day and (to open or day ≤ to). */
function activeOn(table: Dated, day: string): SQL {
  return and(lte(table.from, day), or(isNull(table.to), gte(table.to, day))) as SQL
}

/** Rows whose range shares a day with [from, to]. */
function overlapping(table: Dated, from: string, to: string | null): SQL {
  return and(or(isNull(table.to), gte(table.to, from)), to === null ? undefined : lte(table.from, to)) as SQL
}

const iso = (value: Date) => value.toISOString()

function toDivision(row: DivisionRow): Division {
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

function toPerson(row: PersonRow): Person {
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

function toPartner(row: typeof partners.$inferSelect): Partner {
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

function toAllianceSummary(row: AllianceRow, villageCount: number): AllianceSummary {
  return {
    id: row.id,
    name: row.name,
    townshipCode: row.townshipCode,
    countyCode: row.countyCode,
    mode: row.mode as AllianceSummary['mode'],
    form: row.form as AllianceSummary['form'],
    level: row.level as AllianceSummary['level'],
    establishedOn: row.establishedOn,
    villageCount,
  }
}

/**
 * The organisation domain over one database handle. Methods take plain data, enforce the rules,
 * and return plain data; several statements always run in one transaction.
 */
export function createOrganizationService(options: OrganizationServiceOptions) {
  const { db, personalDataKey } = options
  const clock = options.clock ?? systemClock

  async function findDivision(q: Database, code: string, lock = false): Promise<DivisionRow | undefined> {
    const query = q
      .select()
      .from(divisions)
      .where(and(eq(divisions.countyCode, code.slice(0, 6)), eq(divisions.code, code)))
    const [row] = lock ? await query.for('update') : await query
    return row
  }

  async function requireVillage(
    q: Database,
    code: string,
    field = 'villageCode',
    lock = false,
  ): Promise<DivisionRow> {
    const row = code.length === 12 ? await findDivision(q, code, lock) : undefined
    if (!row || !VILLAGE_KINDS.includes(row.kind)) {
      throw new OrganizationError('organization.division_not_found', `no village or community ${code}`, {
        kind: 'not_found',
        field,
        context: { code },
      })
    }
    return row
  }

  async function requirePerson(q: Database, id: string, countyCode?: string): Promise<PersonRow> {
    const [row] = await q
      .select()
      .from(people)
      .where(countyCode ? and(eq(people.countyCode, countyCode), eq(people.id, id)) : eq(people.id, id))
    if (!row) {
      throw new OrganizationError(
        'organization.person_not_found',
        `no person ${id}${countyCode ? ` in county ${countyCode}` : ''}`,
        {
          kind: 'not_found',
          field: 'personId',
          context: { id },
        },
      )
    }
    return row
  }

  async function requireAlliance(q: Database, id: string, lock = false): Promise<AllianceRow> {
    const query = q.select().from(alliances).where(eq(alliances.id, id))
    const [row] = lock ? await query.for('update') : await query
    if (!row) throw notFoundError('alliance', id)
    return row
  }

  async function villageCounts(
    q: Database,
    allianceIds: string[],
    asOf: string,
  ): Promise<Map<string, number>> {
    if (allianceIds.length === 0) return new Map()
    const rows = await q
      .select({ allianceId: allianceMembers.allianceId, n: sql<number>`count(*)::int` })
      .from(allianceMembers)
      .where(
        and(
          inArray(allianceMembers.allianceId, allianceIds),
          sql`${allianceMembers.villageCode} is not null`,
          activeOn(allianceMembers, asOf),
        ),
      )
      .groupBy(allianceMembers.allianceId)
    return new Map(rows.map((row) => [row.allianceId, Number(row.n)]))
  }

  /** Members matching `where`, named from their division or partner row in the same query. */
  async function membersWithNames(q: Database, where: SQL): Promise<AllianceMember[]> {
    const rows = await q
      .select({ member: allianceMembers, villageName: divisions.name, partnerName: partners.name })
      .from(allianceMembers)
      .leftJoin(
        divisions,
        and(
          eq(divisions.countyCode, allianceMembers.countyCode),
          eq(divisions.code, allianceMembers.villageCode),
        ),
      )
      .leftJoin(
        partners,
        and(eq(partners.countyCode, allianceMembers.countyCode), eq(partners.id, allianceMembers.partnerId)),
      )
      .where(where)
      .orderBy(asc(allianceMembers.from), asc(allianceMembers.id))
    return rows.map(({ member, villageName, partnerName }) => ({
      id: member.id,
      kind: member.villageCode ? 'village' : 'partner',
      villageCode: member.villageCode,
      partnerId: member.partnerId,
      name: villageName ?? partnerName ?? '',
      role: member.role as AllianceMember['role'],
      from: member.from,
      to: member.to,
    }))
  }

  async function memberVillagesOn(
    q: Database,
    alliance: AllianceRow,
    asOf: string,
  ): Promise<(string | null)[]> {
    const rows = await q
      .select({ villageCode: allianceMembers.villageCode })
      .from(allianceMembers)
      .where(
        and(
          eq(allianceMembers.countyCode, alliance.countyCode),
          eq(allianceMembers.allianceId, alliance.id),
          activeOn(allianceMembers, asOf),
        ),
      )
    return rows.map((row) => row.villageCode)
  }

  async function memberOut(q: Database, row: typeof allianceMembers.$inferSelect): Promise<AllianceMember> {
    const [member] = await membersWithNames(
      q,
      and(eq(allianceMembers.countyCode, row.countyCode), eq(allianceMembers.id, row.id)) as SQL,
    )
    return member!
  }

  async function villagePostsWithPeople(q: Database, where: SQL): Promise<VillagePost[]> {
    const rows = await q
      .select({ post: villagePosts, person: people })
      .from(villagePosts)
      .innerJoin(
        people,
        and(eq(people.countyCode, villagePosts.countyCode), eq(people.id, villagePosts.personId)),
      )
      .where(where)
      .orderBy(asc(villagePosts.body), asc(villagePosts.title), asc(villagePosts.from))
    return rows.map(({ post, person }) => ({
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
    }))
  }

  /** Posts valid on `asOf`; `memberVillages` (valid that day) tells who serves from outside. */
  async function alliancePostsOut(
    q: Database,
    alliance: AllianceRow,
    asOf: string,
    memberVillages: ReadonlySet<string | null>,
  ): Promise<AlliancePost[]> {
    const rows = await q
      .select({ post: alliancePosts, person: people })
      .from(alliancePosts)
      .innerJoin(
        people,
        and(eq(people.countyCode, alliancePosts.countyCode), eq(people.id, alliancePosts.personId)),
      )
      .where(
        and(
          eq(alliancePosts.countyCode, alliance.countyCode),
          eq(alliancePosts.allianceId, alliance.id),
          activeOn(alliancePosts, asOf),
        ),
      )
      .orderBy(asc(alliancePosts.from))
    return rows.map(({ post, person }) => ({
      id: post.id,
      personId: person.id,
      personName: person.name,
      personVillageCode: person.villageCode,
      title: post.title as AlliancePost['title'],
      source: post.source as AlliancePost['source'],
      from: post.from,
      to: post.to,
      crossVillage: !memberVillages.has(person.villageCode),
    }))
  }

  const service = {
    /** Creates or replaces a division; a township needs its county, a village its township. */
    async upsertDivision(
      code: string,
      input: UpsertDivisionInput,
    ): Promise<{ division: Division; created: boolean; previous: Division | null }> {
      if (code.length !== codeLengthOfKind(input.kind)) {
        throw new OrganizationError(
          'organization.division_kind_mismatch',
          `a ${input.kind} code has ${codeLengthOfKind(input.kind)} digits, ${code} has ${code.length}`,
          { kind: 'invalid', field: 'kind', context: { code, kind: input.kind } },
        )
      }
      const parentCode = input.kind === 'county' ? null : code.slice(0, input.kind === 'township' ? 6 : 9)
      return db.transaction(async (tx) => {
        if (parentCode !== null) {
          const parent = await findDivision(tx, parentCode)
          const expected = input.kind === 'township' ? 'county' : 'township'
          if (!parent || parent.kind !== expected) {
            throw new OrganizationError(
              'organization.parent_division_missing',
              `${code} needs its ${expected} ${parentCode} to be recorded first`,
              { kind: 'rule', field: 'code', context: { parentCode } },
            )
          }
        }
        const existing = await findDivision(tx, code, true)
        if (existing && existing.kind !== input.kind) {
          throw new OrganizationError(
            'organization.division_kind_change',
            `${code} is a ${existing.kind}; its kind cannot change to ${input.kind}`,
            { kind: 'conflict', field: 'kind' },
          )
        }
        const values = {
          name: input.name,
          kind: input.kind,
          parentCode,
          population: input.population ?? null,
          households: input.households ?? null,
          adults: input.adults ?? null,
        }
        if (existing) {
          const [row] = await tx
            .update(divisions)
            .set({ ...values, updatedAt: clock.now() })
            .where(and(eq(divisions.countyCode, existing.countyCode), eq(divisions.code, code)))
            .returning()
          return { division: toDivision(row!), created: false, previous: toDivision(existing) }
        }
        const now = clock.now()
        const [row] = await tx
          .insert(divisions)
          .values({ countyCode: code.slice(0, 6), code, ...values, createdAt: now, updatedAt: now })
          .returning()
        return { division: toDivision(row!), created: true, previous: null }
      })
    },

    async getDivision(code: string): Promise<Division> {
      const row = await findDivision(db, code)
      if (!row) {
        throw new OrganizationError('organization.division_not_found', `no division ${code}`, {
          kind: 'not_found',
          context: { code },
        })
      }
      return toDivision(row)
    },

    async listDivisions(query: {
      parent?: string
      kind?: DivisionKind
      within?: string
      limit: number
      after: string | null
    }): Promise<Page<Division>> {
      const rows = await db
        .select()
        .from(divisions)
        .where(
          and(
            query.within ? like(divisions.code, `${query.within}%`) : undefined,
            query.within && query.within.length >= 6
              ? eq(divisions.countyCode, query.within.slice(0, 6))
              : undefined,
            query.parent ? eq(divisions.parentCode, query.parent) : undefined,
            query.kind ? eq(divisions.kind, query.kind) : undefined,
            query.after ? gt(divisions.code, query.after) : undefined,
          ),
        )
        .orderBy(asc(divisions.code))
        .limit(query.limit + 1)
      return toPage(rows.map(toDivision), query.limit, (d) => d.code)
    },

    /** Registers a person; the ID number is kept only as a keyed hash and its last four. */
    async createPerson(input: CreatePersonInput): Promise<Person> {
      return db.transaction(async (tx) => {
        const village = await requireVillage(tx, input.villageCode)
        const idNumberHash = input.idNumber ? hashIdNumber(input.idNumber, personalDataKey) : null
        if (idNumberHash) {
          const [duplicate] = await tx
            .select({ id: people.id })
            .from(people)
            .where(and(eq(people.countyCode, village.countyCode), eq(people.idNumberHash, idNumberHash)))
          if (duplicate) {
            throw new OrganizationError(
              'organization.person_duplicate',
              'a person with this ID number is already registered',
              {
                kind: 'conflict',
                field: 'idNumber',
                context: { existingPersonId: duplicate.id },
              },
            )
          }
        }
        try {
          const [row] = await tx
            .insert(people)
            .values({
              countyCode: village.countyCode,
              id: newId(),
              villageCode: village.code,
              name: input.name,
              gender: input.gender ?? null,
              birthDate: input.birthDate ?? null,
              phone: input.phone ?? null,
              idNumberHash,
              idNumberLast4: input.idNumber ? input.idNumber.slice(-4) : null,
              createdAt: clock.now(),
            })
            .returning()
          return toPerson(row!)
        } catch (error) {
          if (isUniqueViolation(error)) {
            throw new OrganizationError(
              'organization.person_duplicate',
              'a person with this ID number is already registered',
              {
                kind: 'conflict',
                field: 'idNumber',
              },
            )
          }
          throw error
        }
      })
    },

    /** A person; with `countyCode`, only one of that county (404 otherwise, as for rosters and posts). */
    async getPerson(id: string, countyCode?: string): Promise<Person> {
      return toPerson(await requirePerson(db, id, countyCode))
    },

    async listPeople(query: {
      villageCode: string
      limit: number
      after: string | null
    }): Promise<Page<Person>> {
      const rows = await db
        .select()
        .from(people)
        .where(
          and(
            eq(people.countyCode, query.villageCode.slice(0, 6)),
            eq(people.villageCode, query.villageCode),
            query.after ? gt(people.id, query.after) : undefined,
          ),
        )
        .orderBy(asc(people.id))
        .limit(query.limit + 1)
      return toPage(rows.map(toPerson), query.limit, (p) => p.id)
    },

    /** Appoints a person to a post of a village body; the holder may come from another village (跨村任职). */
    async appointVillagePost(villageCode: string, input: AppointVillagePostInput): Promise<VillagePost> {
      if (!isValidPostTitle(input.body, input.title)) {
        throw new OrganizationError(
          'organization.invalid_post_title',
          `${input.body} has no post "${input.title}"`,
          {
            kind: 'invalid',
            field: 'title',
          },
        )
      }
      return db.transaction(async (tx) => {
        // Locking the village row serialises appointments per village, so overlap checks hold.
        const village = await requireVillage(tx, villageCode, 'code', true)
        await requirePerson(tx, input.personId, village.countyCode)
        const range = { from: input.from, to: input.to ?? null }
        const sameBody = await tx
          .select()
          .from(villagePosts)
          .where(
            and(
              eq(villagePosts.countyCode, village.countyCode),
              eq(villagePosts.villageCode, villageCode),
              eq(villagePosts.body, input.body),
              overlapping(villagePosts, range.from, range.to),
            ),
          )
        const held = isSingleHolderTitle(input.title)
          ? sameBody.find((post) => post.title === input.title)
          : undefined
        if (held) {
          throw new OrganizationError(
            'organization.post_already_held',
            `the ${input.body} ${input.title} of ${villageCode} is held by another person from ${held.from}${held.to ? ` to ${held.to}` : ''}`,
            { kind: 'rule', field: 'from', context: { postId: held.id, personId: held.personId } },
          )
        }
        const twice = sameBody.find((post) => post.personId === input.personId)
        if (twice) {
          throw new OrganizationError(
            'organization.person_already_in_body',
            `this person already holds ${twice.title} in the ${input.body} of ${villageCode} in that period`,
            { kind: 'rule', field: 'personId', context: { postId: twice.id } },
          )
        }
        const id = newId()
        await tx.insert(villagePosts).values({
          countyCode: village.countyCode,
          id,
          villageCode,
          body: input.body,
          title: input.title,
          personId: input.personId,
          from: range.from,
          to: range.to,
        })
        const [post] = await villagePostsWithPeople(
          tx,
          and(eq(villagePosts.countyCode, village.countyCode), eq(villagePosts.id, id)) as SQL,
        )
        return post!
      })
    },

    async endVillagePost(
      villageCode: string,
      postId: string,
      input: EndVillagePostInput,
    ): Promise<VillagePost> {
      return db.transaction(async (tx) => {
        const key = and(
          eq(villagePosts.countyCode, villageCode.slice(0, 6)),
          eq(villagePosts.id, postId),
          eq(villagePosts.villageCode, villageCode),
        ) as SQL
        const [post] = await tx.select().from(villagePosts).where(key).for('update')
        if (!post) throw notFoundError('village_post', postId)
        if (post.to !== null) {
          throw new OrganizationError('organization.post_already_ended', `the post ended on ${post.to}`, {
            kind: 'conflict',
          })
        }
        if (input.to < post.from) {
          throw new OrganizationError('organization.end_before_start', `the post began on ${post.from}`, {
            kind: 'rule',
            field: 'to',
          })
        }
        await tx.update(villagePosts).set({ to: input.to }).where(key)
        const [out] = await villagePostsWithPeople(tx, key)
        return out!
      })
    },

    /** Posts of the village bodies valid on `asOf`, and whether the secretary is also the chair (一肩挑). */
    async listVillagePosts(villageCode: string, asOf: string) {
      const village = await requireVillage(db, villageCode, 'code')
      const posts = await villagePostsWithPeople(
        db,
        and(
          eq(villagePosts.countyCode, village.countyCode),
          eq(villagePosts.villageCode, villageCode),
          activeOn(villagePosts, asOf),
        ) as SQL,
      )
      return { villageCode, asOf, posts, secretaryIsChair: secretaryIsChair(posts) }
    },

    /**
     * 跨村任职 on a day: village posts held by a person of another village, and alliance posts
     * filled by a member village's secretary.
     */
    async listCrossVillageAppointments(query: {
      within?: string
      asOf: string
    }): Promise<{ asOf: string; items: CrossVillageAppointment[] }> {
      const villageSide = await villagePostsWithPeople(
        db,
        and(
          query.within ? like(villagePosts.villageCode, `${query.within}%`) : undefined,
          ne(people.villageCode, villagePosts.villageCode),
          activeOn(villagePosts, query.asOf),
        ) as SQL,
      )
      const allianceSide = await db
        .select({ post: alliancePosts, person: people })
        .from(alliancePosts)
        .innerJoin(
          alliances,
          and(eq(alliances.countyCode, alliancePosts.countyCode), eq(alliances.id, alliancePosts.allianceId)),
        )
        .innerJoin(
          people,
          and(eq(people.countyCode, alliancePosts.countyCode), eq(people.id, alliancePosts.personId)),
        )
        .where(
          and(
            query.within ? like(alliances.townshipCode, `${query.within.slice(0, 9)}%`) : undefined,
            eq(alliancePosts.source, 'member_village_secretary'),
            activeOn(alliancePosts, query.asOf),
          ),
        )
      const items: CrossVillageAppointment[] = [
        ...villageSide.map((post) => ({
          kind: 'village_post' as const,
          villageCode: post.villageCode,
          allianceId: null,
          body: post.body,
          title: post.title,
          personId: post.personId,
          personName: post.personName,
          personVillageCode: post.personVillageCode,
          from: post.from,
          to: post.to,
        })),
        ...allianceSide.map(({ post, person }) => ({
          kind: 'alliance_post' as const,
          villageCode: null,
          allianceId: post.allianceId,
          body: 'alliance',
          title: post.title,
          personId: person.id,
          personName: person.name,
          personVillageCode: person.villageCode,
          from: post.from,
          to: post.to,
        })),
      ]
      return { asOf: query.asOf, items }
    },

    async addPartyMember(villageCode: string, input: AddPartyMemberInput): Promise<void> {
      await db.transaction(async (tx) => {
        const village = await requireVillage(tx, villageCode, 'code', true)
        await requirePerson(tx, input.personId, village.countyCode)
        const existing = await tx
          .select()
          .from(partyMemberships)
          .where(
            and(
              eq(partyMemberships.countyCode, village.countyCode),
              eq(partyMemberships.villageCode, villageCode),
              eq(partyMemberships.personId, input.personId),
              overlapping(partyMemberships, input.from, null),
            ),
          )
        if (existing.length > 0) {
          throw new OrganizationError(
            'organization.party_member_exists',
            'this person is already a member of the branch then',
            {
              kind: 'conflict',
              field: 'personId',
            },
          )
        }
        await tx.insert(partyMemberships).values({
          countyCode: village.countyCode,
          id: newId(),
          villageCode,
          personId: input.personId,
          status: input.status,
          from: input.from,
        })
      })
    },

    /** 转正, end of membership, or an excusal from attendance; history is kept, nothing deleted. */
    async updatePartyMember(
      villageCode: string,
      personId: string,
      patch: UpdatePartyMemberInput,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        const village = await requireVillage(tx, villageCode, 'code', true)
        const scope = and(
          eq(partyMemberships.countyCode, village.countyCode),
          eq(partyMemberships.villageCode, villageCode),
          eq(partyMemberships.personId, personId),
        )
        const [current] = await tx
          .select()
          .from(partyMemberships)
          .where(and(scope, isNull(partyMemberships.to)))
        if (!current) {
          throw new OrganizationError(
            'organization.party_member_not_found',
            `${personId} is not a current member of the ${villageCode} branch`,
            {
              kind: 'not_found',
            },
          )
        }
        const row = and(
          eq(partyMemberships.countyCode, village.countyCode),
          eq(partyMemberships.id, current.id),
        )
        if ('status' in patch) {
          if (current.status === 'full') {
            throw new OrganizationError(
              'organization.already_full_member',
              'this member is already a full member',
              { kind: 'rule', field: 'status' },
            )
          }
          if (patch.from <= current.from) {
            throw new OrganizationError(
              'organization.end_before_start',
              `转正 must come after the probation began on ${current.from}`,
              {
                kind: 'rule',
                field: 'from',
              },
            )
          }
          await tx
            .update(partyMemberships)
            .set({ to: addDays(patch.from, -1), endReason: 'became full member' })
            .where(row)
          await tx.insert(partyMemberships).values({
            countyCode: village.countyCode,
            id: newId(),
            villageCode,
            personId,
            status: 'full',
            from: patch.from,
          })
          return
        }
        if ('to' in patch) {
          if (patch.to < current.from) {
            throw new OrganizationError(
              'organization.end_before_start',
              `membership began on ${current.from}`,
              { kind: 'rule', field: 'to' },
            )
          }
          await tx
            .update(partyMemberships)
            .set({ to: patch.to, endReason: patch.reason ?? null })
            .where(row)
          return
        }
        const excusal = patch.excusal
        const clash = await tx
          .select()
          .from(partyExcusals)
          .where(
            and(
              eq(partyExcusals.countyCode, village.countyCode),
              eq(partyExcusals.villageCode, villageCode),
              eq(partyExcusals.personId, personId),
              overlapping(partyExcusals, excusal.from, excusal.to ?? null),
            ),
          )
        if (clash.length > 0) {
          throw new OrganizationError(
            'organization.excusal_overlaps',
            `an excusal from ${clash[0]!.from} already covers part of that period`,
            {
              kind: 'rule',
              field: 'excusal.from',
            },
          )
        }
        await tx.insert(partyExcusals).values({
          countyCode: village.countyCode,
          id: newId(),
          villageCode,
          personId,
          reason: excusal.reason,
          note: excusal.note ?? null,
          from: excusal.from,
          to: excusal.to ?? null,
        })
      })
    },

    /** The branch roster on `asOf`: status, excusals, and the counts quorums are computed from. */
    async listPartyMembers(villageCode: string, asOf: string): Promise<PartyRoster> {
      const village = await requireVillage(db, villageCode, 'code')
      const rows = await db
        .select({ membership: partyMemberships, person: people })
        .from(partyMemberships)
        .innerJoin(
          people,
          and(eq(people.countyCode, partyMemberships.countyCode), eq(people.id, partyMemberships.personId)),
        )
        .where(
          and(
            eq(partyMemberships.countyCode, village.countyCode),
            eq(partyMemberships.villageCode, villageCode),
            activeOn(partyMemberships, asOf),
          ),
        )
        .orderBy(asc(people.name), asc(people.id))
      const excusals = await db
        .select()
        .from(partyExcusals)
        .where(
          and(
            eq(partyExcusals.countyCode, village.countyCode),
            eq(partyExcusals.villageCode, villageCode),
            activeOn(partyExcusals, asOf),
          ),
        )
      const members = rows.map(({ membership, person }) => {
        const excusal = excusals.find((e) => e.personId === person.id)
        return {
          personId: person.id,
          name: person.name,
          status: membership.status as 'full' | 'probationary',
          since: membership.from,
          excusal: excusal ? { reason: excusal.reason, from: excusal.from, to: excusal.to } : null,
        }
      })
      return {
        villageCode,
        asOf,
        members,
        counts: rosterCounts(members.map((m) => ({ status: m.status, excused: m.excusal !== null }))),
      }
    },

    async addRepresentative(villageCode: string, input: AddRepresentativeInput): Promise<void> {
      await db.transaction(async (tx) => {
        const village = await requireVillage(tx, villageCode, 'code', true)
        await requirePerson(tx, input.personId, village.countyCode)
        const clash = await tx
          .select()
          .from(representatives)
          .where(
            and(
              eq(representatives.countyCode, village.countyCode),
              eq(representatives.villageCode, villageCode),
              eq(representatives.personId, input.personId),
              overlapping(representatives, input.from, input.to ?? null),
            ),
          )
        if (clash.length > 0) {
          throw new OrganizationError(
            'organization.representative_term_overlaps',
            'this person already serves as a representative then',
            {
              kind: 'conflict',
              field: 'from',
            },
          )
        }
        await tx.insert(representatives).values({
          countyCode: village.countyCode,
          id: newId(),
          villageCode,
          personId: input.personId,
          households: input.households ?? null,
          from: input.from,
          to: input.to ?? null,
        })
      })
    },

    async listRepresentatives(villageCode: string, asOf: string): Promise<Representatives> {
      const village = await requireVillage(db, villageCode, 'code')
      const rows = await db
        .select({ rep: representatives, person: people })
        .from(representatives)
        .innerJoin(
          people,
          and(eq(people.countyCode, representatives.countyCode), eq(people.id, representatives.personId)),
        )
        .where(
          and(
            eq(representatives.countyCode, village.countyCode),
            eq(representatives.villageCode, villageCode),
            activeOn(representatives, asOf),
          ),
        )
        .orderBy(asc(people.name))
      const list = rows.map(({ rep, person }) => ({
        id: rep.id,
        personId: person.id,
        name: person.name,
        households: rep.households,
        from: rep.from,
        to: rep.to,
      }))
      return { villageCode, asOf, representatives: list, count: list.length }
    },

    /** Registers a partner; a USCC with wrong check characters is kept, with warnings. */
    async createPartner(input: CreatePartnerInput): Promise<Partner> {
      return db.transaction(async (tx) => {
        const county = await findDivision(tx, input.countyCode)
        if (county?.kind !== 'county') {
          throw new OrganizationError('organization.division_not_found', `no county ${input.countyCode}`, {
            kind: 'not_found',
            field: 'countyCode',
          })
        }
        if (input.uscc) {
          const [duplicate] = await tx
            .select({ id: partners.id })
            .from(partners)
            .where(and(eq(partners.countyCode, input.countyCode), eq(partners.uscc, input.uscc)))
          if (duplicate) {
            throw new OrganizationError(
              'organization.partner_duplicate',
              `a partner with USCC ${input.uscc} exists`,
              {
                kind: 'conflict',
                field: 'uscc',
                context: { existingPartnerId: duplicate.id },
              },
            )
          }
        }
        const [row] = await tx
          .insert(partners)
          .values({
            countyCode: input.countyCode,
            id: newId(),
            name: input.name,
            kind: input.kind,
            uscc: input.uscc ?? null,
            createdAt: clock.now(),
          })
          .returning()
        return toPartner(row!)
      })
    },

    async getPartner(id: string): Promise<Partner> {
      const [row] = await db.select().from(partners).where(eq(partners.id, id))
      if (!row) throw notFoundError('partner', id)
      return toPartner(row)
    },

    async listPartners(query: {
      within?: string
      kind?: PartnerKind
      limit: number
      after: string | null
    }): Promise<Page<Partner>> {
      const rows = await db
        .select()
        .from(partners)
        .where(
          and(
            // Partners belong to a county; a narrower scope still sees its county's partners.
            query.within ? like(partners.countyCode, `${query.within.slice(0, 6)}%`) : undefined,
            query.kind ? eq(partners.kind, query.kind) : undefined,
            query.after ? gt(partners.id, query.after) : undefined,
          ),
        )
        .orderBy(asc(partners.id))
        .limit(query.limit + 1)
      return toPage(rows.map(toPartner), query.limit, (p) => p.id)
    },

    async createAlliance(input: CreateAllianceInput): Promise<AllianceSummary> {
      return db.transaction(async (tx) => {
        const township = await findDivision(tx, input.townshipCode)
        if (township?.kind !== 'township') {
          throw new OrganizationError(
            'organization.division_not_found',
            `no township ${input.townshipCode}`,
            {
              kind: 'not_found',
              field: 'townshipCode',
            },
          )
        }
        const [row] = await tx
          .insert(alliances)
          .values({
            countyCode: township.countyCode,
            id: newId(),
            name: input.name,
            townshipCode: input.townshipCode,
            mode: input.mode,
            form: input.form ?? null,
            level: input.level,
            establishedOn: input.establishedOn,
            note: input.note ?? null,
            createdAt: clock.now(),
          })
          .returning()
        return toAllianceSummary(row!, 0)
      })
    },

    /** Where an alliance lives, for scope checks. */
    async getAllianceRef(id: string): Promise<{ id: string; countyCode: string; townshipCode: string }> {
      const row = await requireAlliance(db, id)
      return { id: row.id, countyCode: row.countyCode, townshipCode: row.townshipCode }
    },

    /** The alliance with the members and posts valid on `asOf`. */
    async getAlliance(id: string, asOf: string): Promise<Alliance> {
      return db.transaction(async (tx) => {
        const row = await requireAlliance(tx, id)
        const members = await membersWithNames(
          tx,
          and(
            eq(allianceMembers.countyCode, row.countyCode),
            eq(allianceMembers.allianceId, id),
            activeOn(allianceMembers, asOf),
          ) as SQL,
        )
        const villageCount = members.filter((m) => m.kind === 'village').length
        const memberVillages = new Set(members.map((m) => m.villageCode))
        return {
          ...toAllianceSummary(row, villageCount),
          asOf,
          members,
          posts: await alliancePostsOut(tx, row, asOf, memberVillages),
        }
      })
    },

    async listAlliances(query: {
      within?: string
      mode?: AllianceSummary['mode']
      asOf: string
      limit: number
      after: string | null
    }): Promise<Page<AllianceSummary>> {
      const within = query.within
      const rows = await db
        .select()
        .from(alliances)
        .where(
          and(
            within && within.length < 12 ? like(alliances.townshipCode, `${within}%`) : undefined,
            // A village's view: the alliances it belongs to on the day.
            within && within.length === 12
              ? inArray(
                  alliances.id,
                  db
                    .select({ id: allianceMembers.allianceId })
                    .from(allianceMembers)
                    .where(
                      and(eq(allianceMembers.villageCode, within), activeOn(allianceMembers, query.asOf)),
                    ),
                )
              : undefined,
            query.mode ? eq(alliances.mode, query.mode) : undefined,
            lte(alliances.establishedOn, query.asOf),
            query.after ? gt(alliances.id, query.after) : undefined,
          ),
        )
        .orderBy(asc(alliances.id))
        .limit(query.limit + 1)
      const counts = await villageCounts(
        db,
        rows.map((r) => r.id),
        query.asOf,
      )
      return toPage(
        rows.map((row) => toAllianceSummary(row, counts.get(row.id) ?? 0)),
        query.limit,
        (a) => a.id,
      )
    },

    /**
     * A village or partner joins. A village is in at most one alliance on any date; the alliance
     * and village rows are locked (in that order) so concurrent joins cannot both pass the check.
     */
    async addAllianceMember(allianceId: string, input: AddAllianceMemberInput): Promise<AllianceMember> {
      return db.transaction(async (tx) => {
        const alliance = await requireAlliance(tx, allianceId, true)
        if (input.from < alliance.establishedOn) {
          throw new OrganizationError(
            'organization.member_before_establishment',
            `the alliance was established on ${alliance.establishedOn}`,
            { kind: 'rule', field: 'from' },
          )
        }
        const window = { from: input.from, to: null }
        const current = await tx
          .select()
          .from(allianceMembers)
          .where(
            and(
              eq(allianceMembers.countyCode, alliance.countyCode),
              eq(allianceMembers.allianceId, allianceId),
            ),
          )

        if (input.villageCode) {
          const village = await requireVillage(tx, input.villageCode, 'villageCode', true)
          if (village.countyCode !== alliance.countyCode) {
            throw new OrganizationError(
              'organization.member_outside_county',
              `${village.code} is not in the alliance's county ${alliance.countyCode}`,
              { kind: 'rule', field: 'villageCode' },
            )
          }
          const memberships = await tx
            .select({ member: allianceMembers, allianceName: alliances.name })
            .from(allianceMembers)
            .innerJoin(
              alliances,
              and(
                eq(alliances.countyCode, allianceMembers.countyCode),
                eq(alliances.id, allianceMembers.allianceId),
              ),
            )
            .where(
              and(
                eq(allianceMembers.countyCode, village.countyCode),
                eq(allianceMembers.villageCode, village.code),
              ),
            )
          const clash = memberships.find(({ member }) => firstOverlap([member], window))
          if (clash && clash.member.allianceId !== allianceId) {
            throw new OrganizationError(
              'organization.village_in_other_alliance',
              `${village.name} (${village.code}) belongs to ${clash.allianceName} from ${clash.member.from}${clash.member.to ? ` to ${clash.member.to}` : ''}`,
              {
                kind: 'rule',
                field: 'villageCode',
                context: { otherAllianceId: clash.member.allianceId, otherAllianceName: clash.allianceName },
              },
            )
          }
          if (clash) {
            throw new OrganizationError(
              'organization.already_member',
              `${village.code} is already a member from ${clash.member.from}`,
              {
                kind: 'conflict',
                field: 'villageCode',
              },
            )
          }
          const villageRanges = current.filter((m) => m.villageCode !== null)
          if (alliance.form === '1+1' && maxConcurrent(villageRanges, window) >= 2) {
            throw new OrganizationError(
              'organization.one_plus_one_size',
              'a 1+1 alliance has exactly two villages',
              {
                kind: 'rule',
                field: 'villageCode',
              },
            )
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
                kind: 'rule',
                field: 'role',
              },
            )
          }
        } else if (input.partnerId) {
          const [partner] = await tx.select().from(partners).where(eq(partners.id, input.partnerId))
          if (!partner) {
            throw new OrganizationError('organization.partner_not_found', `no partner ${input.partnerId}`, {
              kind: 'not_found',
              field: 'partnerId',
            })
          }
          if (partner.countyCode !== alliance.countyCode) {
            throw new OrganizationError(
              'organization.member_outside_county',
              `the partner is registered in ${partner.countyCode}`,
              {
                kind: 'rule',
                field: 'partnerId',
              },
            )
          }
          if (
            firstOverlap(
              current.filter((m) => m.partnerId === input.partnerId),
              window,
            )
          ) {
            throw new OrganizationError(
              'organization.already_member',
              'the partner is already a member then',
              {
                kind: 'conflict',
                field: 'partnerId',
              },
            )
          }
        }
        const [row] = await tx
          .insert(allianceMembers)
          .values({
            countyCode: alliance.countyCode,
            id: newId(),
            allianceId,
            villageCode: input.villageCode ?? null,
            partnerId: input.partnerId ?? null,
            role: input.role,
            from: input.from,
          })
          .returning()
        return memberOut(tx, row!)
      })
    },

    async leaveAllianceMember(
      allianceId: string,
      memberId: string,
      input: LeaveAllianceMemberInput,
    ): Promise<AllianceMember> {
      return db.transaction(async (tx) => {
        const alliance = await requireAlliance(tx, allianceId, true)
        const key = and(
          eq(allianceMembers.countyCode, alliance.countyCode),
          eq(allianceMembers.id, memberId),
          eq(allianceMembers.allianceId, allianceId),
        )
        const [member] = await tx.select().from(allianceMembers).where(key)
        if (!member) throw notFoundError('alliance_member', memberId)
        if (member.to !== null) {
          throw new OrganizationError('organization.member_already_left', `the member left on ${member.to}`, {
            kind: 'conflict',
          })
        }
        if (input.to < member.from) {
          throw new OrganizationError(
            'organization.end_before_start',
            `the member joined on ${member.from}`,
            {
              kind: 'rule',
              field: 'to',
            },
          )
        }
        const [row] = await tx
          .update(allianceMembers)
          .set({ to: input.to, leaveReason: input.reason })
          .where(key)
          .returning()
        return memberOut(tx, row!)
      })
    },

    async appointAlliancePost(allianceId: string, input: AppointAlliancePostInput): Promise<AlliancePost> {
      return db.transaction(async (tx) => {
        const alliance = await requireAlliance(tx, allianceId, true)
        await requirePerson(tx, input.personId, alliance.countyCode)
        if (input.from < alliance.establishedOn) {
          throw new OrganizationError(
            'organization.post_before_establishment',
            `the alliance was established on ${alliance.establishedOn}`,
            {
              kind: 'rule',
              field: 'from',
            },
          )
        }
        const range = { from: input.from, to: input.to ?? null }
        const existing = await tx
          .select()
          .from(alliancePosts)
          .where(
            and(
              eq(alliancePosts.countyCode, alliance.countyCode),
              eq(alliancePosts.allianceId, allianceId),
              overlapping(alliancePosts, range.from, range.to),
            ),
          )
        if (input.title === 'secretary' && existing.some((post) => post.title === 'secretary')) {
          throw new OrganizationError(
            'organization.post_already_held',
            'the alliance already has a secretary then',
            {
              kind: 'rule',
              field: 'from',
            },
          )
        }
        if (existing.some((post) => post.personId === input.personId)) {
          throw new OrganizationError(
            'organization.person_already_in_body',
            'this person already holds a post of the alliance then',
            {
              kind: 'rule',
              field: 'personId',
            },
          )
        }
        const id = newId()
        await tx
          .insert(alliancePosts)
          .values({ countyCode: alliance.countyCode, id, allianceId, ...input, to: range.to })
        const posts = await alliancePostsOut(
          tx,
          alliance,
          input.from,
          new Set(await memberVillagesOn(tx, alliance, input.from)),
        )
        return posts.find((post) => post.id === id)!
      })
    },

    /** The alliance the village belongs to on `asOf`, or nulls. */
    async villageAlliance(villageCode: string, asOf: string) {
      return db.transaction(async (tx) => {
        const village = await requireVillage(tx, villageCode, 'code')
        const [membership] = await tx
          .select()
          .from(allianceMembers)
          .where(
            and(
              eq(allianceMembers.countyCode, village.countyCode),
              eq(allianceMembers.villageCode, villageCode),
              activeOn(allianceMembers, asOf),
            ),
          )
        if (!membership) return { villageCode, asOf, alliance: null, membership: null }
        const alliance = await requireAlliance(tx, membership.allianceId)
        const counts = await villageCounts(tx, [alliance.id], asOf)
        return {
          villageCode,
          asOf,
          alliance: toAllianceSummary(alliance, counts.get(alliance.id) ?? 0),
          membership: await memberOut(tx, membership),
        }
      })
    },

    /** Alliance ids of a village on `asOf` (for scope checks). */
    async allianceIdsOfVillage(villageCode: string, asOf: string): Promise<string[]> {
      if (villageCode.length !== 12) return []
      const rows = await db
        .select({ id: allianceMembers.allianceId })
        .from(allianceMembers)
        .where(
          and(
            eq(allianceMembers.countyCode, villageCode.slice(0, 6)),
            eq(allianceMembers.villageCode, villageCode),
            activeOn(allianceMembers, asOf),
          ),
        )
      return rows.map((row) => row.id)
    },

    /**
     * Coverage on `asOf` inside a division prefix: alliances by mode and level; villages (kinds
     * village and community) in total, covered by an alliance, and those under 500 people.
     */
    async allianceStats(query: { within?: string; asOf: string }): Promise<AllianceStats> {
      const within = query.within
      const allianceRows = await db
        .select({ mode: alliances.mode, level: alliances.level, n: sql<number>`count(*)::int` })
        .from(alliances)
        .where(
          and(
            within ? like(alliances.townshipCode, `${within.slice(0, 9)}%`) : undefined,
            lte(alliances.establishedOn, query.asOf),
          ),
        )
        .groupBy(alliances.mode, alliances.level)
      const byMode: Record<string, number> = {}
      const byLevel: Record<string, number> = {}
      let total = 0
      for (const row of allianceRows) {
        const n = Number(row.n)
        byMode[row.mode] = (byMode[row.mode] ?? 0) + n
        byLevel[row.level] = (byLevel[row.level] ?? 0) + n
        total += n
      }
      const covered = sql`exists (select 1 from ${allianceMembers} m where m.county_code = ${divisions.countyCode}
        and m.village_code = ${divisions.code} and m.valid_from <= ${query.asOf}
        and (m.valid_to is null or m.valid_to >= ${query.asOf}))`
      const [villages] = await db
        .select({
          total: sql<number>`count(*)::int`,
          covered: sql<number>`(count(*) filter (where ${covered}))::int`,
          small: sql<number>`(count(*) filter (where ${divisions.population} < 500))::int`,
          smallCovered: sql<number>`(count(*) filter (where ${divisions.population} < 500 and ${covered}))::int`,
        })
        .from(divisions)
        .where(
          and(
            inArray(divisions.kind, VILLAGE_KINDS),
            within ? like(divisions.code, `${within}%`) : undefined,
          ),
        )
      return {
        within: within ?? null,
        asOf: query.asOf,
        alliances: { total, byMode, byLevel },
        villages: {
          total: Number(villages?.total ?? 0),
          covered: Number(villages?.covered ?? 0),
          under500: { total: Number(villages?.small ?? 0), covered: Number(villages?.smallCovered ?? 0) },
        },
      }
    },

    /** The same service bound to a transaction, for app workflows composing several domains. */
    withTx(tx: Database) {
      return createOrganizationService({ ...options, db: tx })
    },
  }
  return service
}

export type OrganizationService = ReturnType<typeof createOrganizationService>
