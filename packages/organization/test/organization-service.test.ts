import { type Database, type DomainError, fixedClock, newId } from '@liancun/core'
import { createTestDatabase, expectDomainError, type TestDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOrganizationService, migrateOrganization, type OrganizationService } from '../src/index.js'

let database: TestDatabase
let org: OrganizationService

async function rows<T>(db: Database, query: string): Promise<T[]> {
  return ((await db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows
}

const expectCode = expectDomainError

beforeEach(async () => {
  database = await createTestDatabase('organization', migrateOrganization)
  org = createOrganizationService({
    db: database.db,
    clock: fixedClock('2024-06-30T04:00:00Z'),
    personalDataKey: 'k',
  })
  await org.upsertDivision('370322', { name: '高青县', kind: 'county' })
  await org.upsertDivision('370322104', { name: '唐坊镇', kind: 'township' })
  for (const [code, name, population] of [
    ['370322104201', '仇家村', 820],
    ['370322104202', '和店村', 430],
    ['370322104203', '李孟德村', 610],
    ['370322104204', '小村', 210],
  ] as const) {
    await org.upsertDivision(code, { name, kind: 'village', population })
  }
  await org.upsertDivision('370323', { name: '沂源县', kind: 'county' })
  await org.upsertDivision('370323107', { name: '燕崖镇', kind: 'township' })
  await org.upsertDivision('370323107201', { name: '朱家户村', kind: 'village', population: 700 })
})
afterEach(() => database.close())

const alliance = (name: string, extra: object = {}) =>
  org.createAlliance({
    name,
    townshipCode: '370322104',
    mode: 'mutual_aid',
    level: 'party_committee',
    establishedOn: '2019-01-01',
    ...extra,
  })

describe('divisions', () => {
  it('upserts, keeps the kind, and needs the parent first', async () => {
    const again = await org.upsertDivision('370322104201', {
      name: '仇家村',
      kind: 'village',
      population: 830,
    })
    expect(again.created).toBe(false)
    expect(again.division.population).toBe(830)
    await expectCode(
      org.upsertDivision('370322104201', { name: 'x', kind: 'community' }),
      'organization.division_kind_change',
    )
    await expectCode(
      org.upsertDivision('370322199201', { name: 'x', kind: 'village' }),
      'organization.parent_division_missing',
    )
    await expectCode(
      org.upsertDivision('370322104', { name: 'x', kind: 'village' }),
      'organization.division_kind_mismatch',
    )
  })
})

describe('people', () => {
  it('never stores an ID number in clear, and refuses it twice in a county', async () => {
    const person = await org.createPerson({
      name: '张三',
      villageCode: '370322104201',
      idNumber: '11010519491231002X',
      phone: '13812345678',
    })
    expect(person.idNumberMasked).toBe('**************002X')
    expect(person.phoneMasked).toBe('138****5678')
    const stored = await rows<Record<string, unknown>>(
      database.db,
      `select * from organization.people where county_code = '370322'`,
    )
    expect(JSON.stringify(stored)).not.toContain('11010519491231002X')
    expect(JSON.stringify(stored)).not.toContain('110105194912')
    await expectCode(
      org.createPerson({ name: '张三', villageCode: '370322104202', idNumber: '11010519491231002X' }),
      'organization.person_duplicate',
    )
    await expectCode(
      org.createPerson({ name: 'x', villageCode: '370322104299' }),
      'organization.division_not_found',
    )
  })
})

describe('village posts', () => {
  it('flags 跨村任职 and 一肩挑, and refuses a second secretary in the same period', async () => {
    const wang = await org.createPerson({ name: '王', villageCode: '370322104201' })
    const li = await org.createPerson({ name: '李', villageCode: '370322104202' })
    await org.appointVillagePost('370322104201', {
      body: 'party_branch',
      title: 'secretary',
      personId: wang.id,
      from: '2015-01-01',
    })
    await org.appointVillagePost('370322104201', {
      body: 'village_committee',
      title: 'chair',
      personId: wang.id,
      from: '2015-01-01',
    })
    const cross = await org.appointVillagePost('370322104202', {
      body: 'party_branch',
      title: 'secretary',
      personId: wang.id,
      from: '2019-05-01',
    })
    expect(cross.crossVillage).toBe(true)
    await expectCode(
      org.appointVillagePost('370322104202', {
        body: 'party_branch',
        title: 'secretary',
        personId: li.id,
        from: '2020-01-01',
      }),
      'organization.post_already_held',
    )
    await expectCode(
      org.appointVillagePost('370322104202', {
        body: 'party_branch',
        title: 'committee_member',
        personId: wang.id,
        from: '2020-01-01',
      }),
      'organization.person_already_in_body',
    )
    await expectCode(
      org.appointVillagePost('370322104202', {
        body: 'party_branch',
        title: 'chair',
        personId: li.id,
        from: '2020-01-01',
      }),
      'organization.invalid_post_title',
    )
    expect((await org.listVillagePosts('370322104201', '2024-01-01')).secretaryIsChair).toBe(true)
    const appointments = await org.listCrossVillageAppointments({ within: '370322', asOf: '2024-01-01' })
    expect(appointments.items).toEqual([
      expect.objectContaining({
        kind: 'village_post',
        villageCode: '370322104202',
        personId: wang.id,
        personVillageCode: '370322104201',
      }),
    ])
    await org.endVillagePost('370322104202', cross.id, { to: '2023-12-31' })
    expect((await org.listVillagePosts('370322104202', '2024-01-01')).posts).toEqual([])
    const li2 = await org.appointVillagePost('370322104202', {
      body: 'party_branch',
      title: 'secretary',
      personId: li.id,
      from: '2024-01-01',
    })
    expect(li2.crossVillage).toBe(false)
  })
})

describe('party roster', () => {
  it('keeps 转正 history by date and counts excused members out of who should attend', async () => {
    const a = await org.createPerson({ name: 'A', villageCode: '370322104203' })
    const b = await org.createPerson({ name: 'B', villageCode: '370322104203' })
    await org.addPartyMember('370322104203', { personId: a.id, status: 'full', from: '2010-01-01' })
    await org.addPartyMember('370322104203', { personId: b.id, status: 'probationary', from: '2023-07-01' })
    await expectCode(
      org.addPartyMember('370322104203', { personId: b.id, status: 'full', from: '2024-01-01' }),
      'organization.party_member_exists',
    )
    await org.updatePartyMember('370322104203', b.id, { status: 'full', from: '2024-07-01' })
    await org.updatePartyMember('370322104203', a.id, {
      excusal: { reason: 'long_illness', from: '2024-03-01', to: '2024-09-30' },
    })
    await expectCode(
      org.updatePartyMember('370322104203', a.id, { excusal: { reason: 'other', from: '2024-09-01' } }),
      'organization.excusal_overlaps',
    )
    const june = await org.listPartyMembers('370322104203', '2024-06-30')
    expect(june.counts).toEqual({
      full: 1,
      probationary: 1,
      excused: 1,
      shouldAttend: 1,
      sanctioned: 0,
      fullVoting: 0,
    })
    const october = await org.listPartyMembers('370322104203', '2024-10-01')
    expect(october.counts).toEqual({
      full: 2,
      probationary: 0,
      excused: 0,
      shouldAttend: 2,
      sanctioned: 0,
      fullVoting: 2,
    })
    await org.updatePartyMember('370322104203', a.id, { to: '2024-12-31', reason: '组织关系转出' })
    expect((await org.listPartyMembers('370322104203', '2025-01-01')).counts.full).toBe(1)
    await expectCode(
      org.updatePartyMember('370322104203', a.id, { to: '2025-01-31' }),
      'organization.party_member_not_found',
    )
  })
})

describe('alliances', () => {
  it('keeps a village in one alliance at a time, and allows a move after leaving', async () => {
    const a = await alliance('A')
    const b = await alliance('B')
    const joined = await org.addAllianceMember(a.id, {
      villageCode: '370322104201',
      role: 'lead',
      from: '2019-01-01',
    })
    const clash = await expectCode(
      org.addAllianceMember(b.id, { villageCode: '370322104201', role: 'member', from: '2024-01-01' }),
      'organization.village_in_other_alliance',
    )
    expect(clash.context.otherAllianceId).toBe(a.id)
    await expectCode(
      org.addAllianceMember(a.id, { villageCode: '370322104201', role: 'member', from: '2024-01-01' }),
      'organization.already_member',
    )
    await org.leaveAllianceMember(a.id, joined.id, { to: '2023-12-31', reason: '调整' })
    await expectCode(
      org.leaveAllianceMember(a.id, joined.id, { to: '2024-01-31', reason: 'again' }),
      'organization.member_already_left',
    )
    await org.addAllianceMember(b.id, { villageCode: '370322104201', role: 'member', from: '2024-01-01' })
    expect(await org.allianceIdsOfVillage('370322104201', '2023-12-31')).toEqual([a.id])
    expect(await org.allianceIdsOfVillage('370322104201', '2024-01-01')).toEqual([b.id])
  })

  it('lets exactly one of two concurrent joins of the same village succeed', async () => {
    const a = await alliance('A')
    const b = await alliance('B')
    const results = await Promise.allSettled([
      org.addAllianceMember(a.id, { villageCode: '370322104202', role: 'member', from: '2020-01-01' }),
      org.addAllianceMember(b.id, { villageCode: '370322104202', role: 'member', from: '2020-01-01' }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect((failure.reason as DomainError).code).toBe('organization.village_in_other_alliance')
  })

  it('holds 1+1 to two villages, one lead, the county, and the founding date', async () => {
    const pair = await alliance('1+1', { mode: 'strong_leads_weak', form: '1+1' })
    await org.addAllianceMember(pair.id, { villageCode: '370322104201', role: 'lead', from: '2019-01-01' })
    await expectCode(
      org.addAllianceMember(pair.id, { villageCode: '370322104202', role: 'lead', from: '2019-01-01' }),
      'organization.lead_already_set',
    )
    await org.addAllianceMember(pair.id, { villageCode: '370322104202', role: 'member', from: '2019-01-01' })
    await expectCode(
      org.addAllianceMember(pair.id, { villageCode: '370322104203', role: 'member', from: '2020-01-01' }),
      'organization.one_plus_one_size',
    )
    await expectCode(
      org.addAllianceMember(pair.id, { villageCode: '370323107201', role: 'member', from: '2020-01-01' }),
      'organization.member_outside_county',
    )
    await expectCode(
      org.addAllianceMember(pair.id, { villageCode: '370322104204', role: 'member', from: '2018-01-01' }),
      'organization.member_before_establishment',
    )
  })

  it('reads members and posts on a day, and leaves the village untouched (三不变)', async () => {
    const a = await alliance('黑牛盒马', { mode: 'village_enterprise' })
    const partner = await org.createPartner({ name: '纽澜地公司', kind: 'enterprise', countyCode: '370322' })
    const secretary = await org.createPerson({ name: '书记', villageCode: '370322104201' })
    await org.appointVillagePost('370322104203', {
      body: 'party_branch',
      title: 'secretary',
      personId: secretary.id,
      from: '2018-01-01',
    })
    const before = {
      division: await org.getDivision('370322104203'),
      posts: await org.listVillagePosts('370322104203', '2024-06-30'),
      roster: await org.listPartyMembers('370322104203', '2024-06-30'),
    }
    const member = await org.addAllianceMember(a.id, {
      villageCode: '370322104203',
      role: 'lead',
      from: '2019-03-01',
    })
    await org.addAllianceMember(a.id, { partnerId: partner.id, role: 'member', from: '2019-03-01' })
    await org.appointAlliancePost(a.id, {
      personId: secretary.id,
      title: 'secretary',
      source: 'township_cadre',
      from: '2019-03-01',
    })
    await expectCode(
      org.appointAlliancePost(a.id, {
        personId: secretary.id,
        title: 'committee_member',
        source: 'other',
        from: '2020-01-01',
      }),
      'organization.person_already_in_body',
    )
    const read = await org.getAlliance(a.id, '2024-01-01')
    expect(read.villageCount).toBe(1)
    expect(read.members.map((m) => m.name).sort()).toEqual(['李孟德村', '纽澜地公司'])
    expect(read.posts[0]).toMatchObject({ title: 'secretary', personName: '书记', crossVillage: true })
    expect((await org.getAlliance(a.id, '2019-02-28')).members).toEqual([])
    await org.leaveAllianceMember(a.id, member.id, { to: '2024-03-31', reason: '调整' })
    expect({
      division: await org.getDivision('370322104203'),
      posts: await org.listVillagePosts('370322104203', '2024-06-30'),
      roster: await org.listPartyMembers('370322104203', '2024-06-30'),
    }).toEqual(before)
  })

  it('computes coverage statistics on a day', async () => {
    const a = await alliance('A', { mode: 'strong_leads_weak', form: '1+N', level: 'general_branch' })
    await alliance('B', { establishedOn: '2025-01-01' })
    await org.addAllianceMember(a.id, { villageCode: '370322104201', role: 'lead', from: '2019-01-01' })
    await org.addAllianceMember(a.id, { villageCode: '370322104202', role: 'member', from: '2019-01-01' })
    const stats = await org.allianceStats({ within: '370322', asOf: '2024-06-30' })
    expect(stats).toEqual({
      within: '370322',
      asOf: '2024-06-30',
      alliances: { total: 1, byMode: { strong_leads_weak: 1 }, byLevel: { general_branch: 1 } },
      villages: { total: 4, covered: 2, under500: { total: 2, covered: 1 } },
    })
    const all = await org.allianceStats({ asOf: '2025-06-30' })
    expect(all.alliances.total).toBe(2)
    expect(all.villages.total).toBe(5)
  })

  it('pages alliances with a cursor', async () => {
    for (const name of ['A', 'B', 'C']) await alliance(name)
    const first = await org.listAlliances({ asOf: '2024-01-01', limit: 2, after: null })
    expect(first.items.map((a) => a.name)).toEqual(['A', 'B'])
    expect(first.nextCursor).not.toBeNull()
    const last = await org.listAlliances({ asOf: '2024-01-01', limit: 2, after: first.items[1]!.id })
    expect(last.items.map((a) => a.name)).toEqual(['C'])
    expect(last.nextCursor).toBeNull()
  })
})

describe('missing records', () => {
  it('answers not-found for a record addressed through a parent that exists', async () => {
    const a = await alliance('A')
    const b = await alliance('B')
    const joined = await org.addAllianceMember(b.id, {
      villageCode: '370322104201',
      role: 'member',
      from: '2019-01-01',
    })
    // A member of B is not a member of A, whatever its id.
    await expectCode(
      org.leaveAllianceMember(a.id, joined.id, { to: '2024-01-01', reason: 'x' }),
      'organization.alliance_member_not_found',
    )
    const far = await org.createPartner({ name: '沂源合作社', kind: 'cooperative', countyCode: '370323' })
    await expectCode(
      org.addAllianceMember(a.id, { partnerId: newId('370322'), role: 'member', from: '2020-01-01' }),
      'organization.partner_not_found',
    )
    await expectCode(
      org.addAllianceMember(a.id, { partnerId: far.id, role: 'member', from: '2020-01-01' }),
      'organization.member_outside_county',
    )
    const wang = await org.createPerson({ name: '王', villageCode: '370322104202' })
    const post = await org.appointVillagePost('370322104202', {
      body: 'village_committee',
      title: 'member',
      personId: wang.id,
      from: '2021-01-01',
    })
    // The post exists, but not in this village.
    await expectCode(
      org.endVillagePost('370322104201', post.id, { to: '2024-01-01' }),
      'organization.village_post_not_found',
    )
    await expectCode(
      org.endVillagePost('370322104202', post.id, { to: '2020-01-01' }),
      'organization.end_before_start',
    )
    await org.endVillagePost('370322104202', post.id, { to: '2024-01-01' })
    await expectCode(
      org.endVillagePost('370322104202', post.id, { to: '2024-02-01' }),
      'organization.post_already_ended',
    )
  })
})

describe('schema', () => {
  it('has county_code in the primary key of every table', async () => {
    const tables = await rows<{ table: string; pk: string }>(
      database.db,
      `select c.relname as table,
        (select string_agg(a.attname, ',') from pg_index i
           join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
          where i.indrelid = c.oid and i.indisprimary) as pk
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'organization' and c.relkind = 'r'`,
    )
    expect(tables.length).toBeGreaterThanOrEqual(9)
    expect(tables.filter((t) => !t.pk?.split(',').includes('county_code'))).toEqual([])
  })
})
