import { fixedClock } from '@liancun/core'
import { createTestDatabase, expectDomainError, type TestDatabase } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOrganizationService, migrateOrganization, type OrganizationService } from '../src/index.js'

let database: TestDatabase
let org: OrganizationService
const V = '370322104201'
const OTHER = '370322104202'

beforeEach(async () => {
  database = await createTestDatabase('organization', migrateOrganization)
  org = createOrganizationService({
    db: database.db,
    clock: fixedClock('2024-06-30T04:00:00Z'),
    personalDataKey: 'k',
  })
  await org.upsertDivision('370322', { name: '高青县', kind: 'county' })
  await org.upsertDivision('370322104', { name: '唐坊镇', kind: 'township' })
  await org.upsertDivision(V, { name: '仇家村', kind: 'village' })
  await org.upsertDivision(OTHER, { name: '和店村', kind: 'village' })
})
afterEach(() => database.close())

const person = (name: string, extra: object = {}, villageCode = V) =>
  org.createPerson({ name, villageCode, ...extra })

describe('people: the birth date the ID number carries (GB 11643)', () => {
  it('is recorded from the ID number; a different stated date is refused', async () => {
    const p = await person('张三', { idNumber: '11010519491231002X' })
    expect(p.birthDate).toBe('1949-12-31')
    await expectDomainError(
      person('王五', { idNumber: '11010519491231002X', birthDate: '1950-01-01' }),
      'organization.birth_date_mismatch',
    )
  })
})

describe('households (户) and the villagers’ roster (组织法 Arts. 21–22)', () => {
  it('records a household with its head and members; minors and unknown ages stay off the roster', async () => {
    const head = await person('户主', { birthDate: '1970-03-01' })
    const spouse = await person('配偶', { birthDate: '1972-05-01', gender: 'female' })
    const child = await person('孩子', { birthDate: '2010-01-01' })
    const unknown = await person('不详')
    const household = await org.createHousehold(V, {
      number: '001',
      headPersonId: head.id,
      members: [
        { personId: spouse.id, relation: 'spouse' },
        { personId: child.id, relation: 'child' },
      ],
      from: '2000-01-01',
    })
    expect(household.members).toEqual([head.id, spouse.id, child.id])
    const roster = await org.villagersRoster(V, '2024-06-30')
    expect(roster.counts).toEqual({ people: 4, adults: 2, minors: 1, unknownAge: 1, households: 1 })
    expect(roster.adults.sort()).toEqual([head.id, spouse.id].sort())
    expect(roster.unknownAge).toEqual([unknown.id])
    expect(roster.households[0]!.adults.sort()).toEqual([head.id, spouse.id].sort())
    // The child turns 18 on 2028-01-01 and is on that day's roster.
    expect((await org.villagersRoster(V, '2028-01-01')).adults).toContain(child.id)
  })

  it('one household per person at a time; members of the village only; dated membership', async () => {
    const a = await person('甲', { birthDate: '1970-01-01' })
    const b = await person('乙', { birthDate: '1971-01-01' })
    const outsider = await person('外村', { birthDate: '1975-01-01' }, OTHER)
    const h1 = await org.createHousehold(V, { headPersonId: a.id, members: [], from: '2000-01-01' })
    await expectDomainError(
      org.createHousehold(V, { headPersonId: b.id, members: [{ personId: a.id }], from: '2020-01-01' }),
      'organization.household_member_overlaps',
    )
    await expectDomainError(
      org.createHousehold(V, {
        headPersonId: b.id,
        members: [{ personId: outsider.id }],
        from: '2020-01-01',
      }),
      'organization.member_of_other_village',
    )
    await org.addHouseholdMember(h1.id, { personId: b.id, relation: 'spouse', from: '2010-01-01' })
    expect((await org.listHouseholds(V, '2009-12-31'))[0]!.members).toEqual([a.id])
    expect((await org.listHouseholds(V, '2010-01-01'))[0]!.members).toEqual([a.id, b.id])
    await expectDomainError(
      org.endHouseholdMember(h1.id, b.id, { to: '2009-01-01' }),
      'organization.end_before_start',
    )
    await org.endHouseholdMember(h1.id, b.id, { to: '2023-12-31' })
    expect((await org.listHouseholds(V, '2024-01-01'))[0]!.members).toEqual([a.id])
    await expectDomainError(
      org.endHouseholdMember(h1.id, b.id, { to: '2024-12-31' }),
      'organization.household_member_not_found',
    )
    await expectDomainError(
      org.addHouseholdMember('019a4c1e-7b2a-7c3d-8e4f-0123456789ab', { personId: b.id, from: '2024-01-01' }),
      'organization.household_not_found',
    )
  })
})

describe('留党察看 (党章 Art. 40): no vote for its term', () => {
  it('is recorded on the roster; the member leaves the voting count; periods do not overlap', async () => {
    const m = await person('党员', { birthDate: '1960-01-01' })
    const n = await person('党员二', { birthDate: '1961-01-01' })
    await org.addPartyMember(V, { personId: m.id, status: 'full', from: '2000-01-01' })
    await org.addPartyMember(V, { personId: n.id, status: 'full', from: '2000-01-01' })
    await org.updatePartyMember(V, m.id, {
      sanction: {
        measure: 'probation_within_party',
        reference: '高纪发〔2024〕3号',
        from: '2024-01-01',
        to: '2024-12-31',
      },
    })
    const roster = await org.listPartyMembers(V, '2024-06-30')
    expect(roster.counts).toMatchObject({ full: 2, sanctioned: 1, fullVoting: 1, shouldAttend: 2 })
    expect(roster.members.find((x) => x.personId === m.id)!.sanction).toEqual({
      measure: 'probation_within_party',
      from: '2024-01-01',
      to: '2024-12-31',
    })
    expect((await org.listPartyMembers(V, '2025-01-01')).counts.fullVoting).toBe(2)
    await expectDomainError(
      org.updatePartyMember(V, m.id, { sanction: { measure: 'probation_within_party', from: '2024-06-01' } }),
      'organization.sanction_overlaps',
    )
  })

  it('the 村民代表会议 is the committee and the representatives, a person in both once', async () => {
    const chair = await person('主任', { gender: 'male', birthDate: '1970-01-01' })
    const both = await person('委员兼代表', { gender: 'female', birthDate: '1971-01-01' })
    const rep = await person('代表', { gender: 'female', birthDate: '1972-01-01' })
    await org.appointVillagePost(V, {
      body: 'village_committee',
      title: 'chair',
      personId: chair.id,
      from: '2021-01-01',
    })
    await org.appointVillagePost(V, {
      body: 'village_committee',
      title: 'member',
      personId: both.id,
      from: '2021-01-01',
    })
    await org.addRepresentative(V, { personId: both.id, from: '2021-01-01' })
    await org.addRepresentative(V, { personId: rep.id, from: '2021-01-01' })
    const meeting = await org.representativesMeetingRoster(V, '2024-06-30')
    expect(meeting.members.map((m) => m.personId).sort()).toEqual([chair.id, both.id, rep.id].sort())
    expect(meeting.members.filter((m) => m.representative)).toHaveLength(2)
  })
})
