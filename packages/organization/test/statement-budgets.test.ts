// How many statements each hot operation sends (BEGIN and COMMIT included), counted at the
// driver on both engines. On PostgreSQL a request costs its statement count, so these are
// budgets: an operation may get cheaper (then lower its budget) but never dearer.
import { acrossCounties, DomainError, fixedClock, isDistributed, newId } from '@liancun/core'
import { createStatementCounter, createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrganizationService, migrateOrganization, type OrganizationService } from '../src/index.js'

const counter = createStatementCounter()
let database: TestDatabase
let org: OrganizationService
let allianceId: string
let secretaryId: string

/** Budgets per operation; the counts before the request-path work are noted beside each. */
const BUDGET = {
  getAlliance: 1, // was 5 (BEGIN, alliance, members, posts, COMMIT)
  getAllianceLegacyId: 2, // an id made before ids carried their county: its county first
  listAlliances: 1, // was 2, whatever the page size
  allianceIdsOfVillage: 1,
  villageAlliance: 2, // was 7
  addAllianceMember: 6, // was 8
  leaveAllianceMember: 5, // was 6
  appointAlliancePost: 7, // was 8
  appointVillagePost: 6, // was 7
  endVillagePost: 4, // was 5
  listPartyMembers: 2, // was 3
}

/**
 * What a deliberate cross-county read adds around itself: on Citus it runs in its own transaction
 * with the multi-shard guard lifted; on PGlite and PostgreSQL nothing. Measured in `beforeAll`.
 */
let acrossCountiesOverhead = 0
const acrossCountiesCost = () => acrossCountiesOverhead

async function count<T>(run: () => Promise<T>): Promise<{ n: number; result: T }> {
  counter.reset()
  const result = await run()
  return { n: counter.count, result }
}

beforeAll(async () => {
  database = await createTestDatabase('organization', migrateOrganization, { counter })
  org = createOrganizationService({
    db: database.db,
    clock: fixedClock('2024-06-30T04:00:00Z'),
    personalDataKey: 'k',
  })
  await org.upsertDivision('370322', { name: '高青县', kind: 'county' })
  await org.upsertDivision('370322104', { name: '唐坊镇', kind: 'township' })
  for (let i = 1; i <= 9; i++) {
    await org.upsertDivision(`37032210420${i}`, { name: `村${i}`, kind: 'village', population: 400 + i })
  }
  const alliance = await org.createAlliance({
    name: '黑牛盒马',
    townshipCode: '370322104',
    mode: 'village_enterprise',
    level: 'party_committee',
    establishedOn: '2019-01-01',
  })
  allianceId = alliance.id
  const partner = await org.createPartner({ name: '纽澜地公司', kind: 'enterprise', countyCode: '370322' })
  await org.addAllianceMember(allianceId, { villageCode: '370322104201', role: 'lead', from: '2019-01-01' })
  await org.addAllianceMember(allianceId, { villageCode: '370322104202', role: 'member', from: '2019-01-01' })
  await org.addAllianceMember(allianceId, { partnerId: partner.id, role: 'member', from: '2019-01-01' })
  secretaryId = (await org.createPerson({ name: '书记', villageCode: '370322104201' })).id
  await org.appointAlliancePost(allianceId, {
    personId: secretaryId,
    title: 'secretary',
    source: 'member_village_secretary',
    from: '2019-01-01',
  })
})
beforeAll(async () => {
  counter.reset()
  await acrossCounties(database.db, 'lookup.id-without-county', async () => undefined)
  acrossCountiesOverhead = counter.count
  expect(acrossCountiesOverhead === 0).toBe(!isDistributed(database.db))
})
afterAll(() => database.close())

describe('statement budgets', () => {
  const measured: Record<string, number> = {}
  afterAll(() => console.log(`organization statements per operation (${database.engine}):`, measured))

  it('reads an alliance with its members and posts in one statement', async () => {
    const { n, result } = await count(() => org.getAlliance(allianceId, '2024-06-30'))
    measured.getAlliance = n
    expect(result.members.map((m) => m.name)).toEqual(['村1', '村2', '纽澜地公司'])
    expect(result.villageCount).toBe(2)
    expect(result.posts).toEqual([expect.objectContaining({ personName: '书记', crossVillage: false })])
    expect(n).toBeLessThanOrEqual(BUDGET.getAlliance)
  })

  it('reads an alliance whose id does not carry its county in two', async () => {
    const legacy = newId() // a UUIDv7, as ids were made before
    await database.db.execute(sql`insert into organization.alliances
      (county_code, id, name, township_code, mode, level, established_on)
      values ('370322', ${legacy}, '旧联村', '370322104', 'mutual_aid', 'branch', '2018-01-01')`)
    await org.addAllianceMember(legacy, { villageCode: '370322104209', role: 'lead', from: '2018-01-01' })
    const { n, result } = await count(() => org.getAlliance(legacy, '2024-06-30'))
    measured.getAllianceLegacyId = n
    expect(result.members.map((m) => m.villageCode)).toEqual(['370322104209'])
    // Its county is looked up by id alone: over every county.
    expect(n).toBeLessThanOrEqual(BUDGET.getAllianceLegacyId + acrossCountiesCost())
    await expect(org.getAlliance(newId(), '2024-06-30')).rejects.toMatchObject({
      code: 'organization.alliance_not_found',
    })
  })

  it('pages alliances in one statement whatever the page size', async () => {
    for (let i = 0; i < 12; i++) {
      await org.createAlliance({
        name: `联村${i}`,
        townshipCode: '370322104',
        mode: 'mutual_aid',
        level: 'branch',
        establishedOn: '2020-01-01',
      })
    }
    const small = await count(() => org.listAlliances({ asOf: '2024-06-30', limit: 2, after: null }))
    const large = await count(() =>
      org.listAlliances({ within: '370322', asOf: '2024-06-30', limit: 50, after: null }),
    )
    measured.listAlliances = large.n
    expect(small.result.items).toHaveLength(2)
    expect(large.result.items.length).toBeGreaterThanOrEqual(13)
    expect(large.result.items.find((a) => a.id === allianceId)?.villageCount).toBe(2)
    // Without `within` the page spans counties; with a county it stays on its tenant.
    expect(Math.max(small.n - acrossCountiesCost(), large.n)).toBeLessThanOrEqual(BUDGET.listAlliances)
  })

  it('answers the scope lookups and a village’s alliance within budget', async () => {
    const ids = await count(() => org.allianceIdsOfVillage('370322104201', '2024-06-30'))
    measured.allianceIdsOfVillage = ids.n
    expect(ids.result).toEqual([allianceId])
    expect(ids.n).toBeLessThanOrEqual(BUDGET.allianceIdsOfVillage)
    const view = await count(() => org.villageAlliance('370322104202', '2024-06-30'))
    measured.villageAlliance = view.n
    expect(view.result.alliance).toMatchObject({ id: allianceId, villageCount: 2 })
    expect(view.result.membership).toMatchObject({ name: '村2', role: 'member' })
    expect(view.n).toBeLessThanOrEqual(BUDGET.villageAlliance)
  })

  it('keeps joining, leaving and appointing within budget', async () => {
    const join = await count(() =>
      org.addAllianceMember(allianceId, { villageCode: '370322104203', role: 'member', from: '2024-01-01' }),
    )
    measured.addAllianceMember = join.n
    expect(join.result).toMatchObject({ kind: 'village', name: '村3', from: '2024-01-01', to: null })
    expect(join.n).toBeLessThanOrEqual(BUDGET.addAllianceMember)

    const leave = await count(() =>
      org.leaveAllianceMember(allianceId, join.result.id, { to: '2024-05-31', reason: '调整' }),
    )
    measured.leaveAllianceMember = leave.n
    expect(leave.result).toMatchObject({ id: join.result.id, name: '村3', to: '2024-05-31' })
    expect(leave.n).toBeLessThanOrEqual(BUDGET.leaveAllianceMember)

    const outsider = await org.createPerson({ name: '镇干部', villageCode: '370322104205' })
    const appoint = await count(() =>
      org.appointAlliancePost(allianceId, {
        personId: outsider.id,
        title: 'committee_member',
        source: 'township_cadre',
        from: '2024-01-01',
      }),
    )
    measured.appointAlliancePost = appoint.n
    expect(appoint.result).toMatchObject({ personName: '镇干部', crossVillage: true })
    expect(appoint.n).toBeLessThanOrEqual(BUDGET.appointAlliancePost)
  })

  it('keeps village posts and the roster within budget', async () => {
    const appoint = await count(() =>
      org.appointVillagePost('370322104202', {
        body: 'party_branch',
        title: 'secretary',
        personId: secretaryId,
        from: '2020-01-01',
      }),
    )
    measured.appointVillagePost = appoint.n
    expect(appoint.result).toMatchObject({ personName: '书记', crossVillage: true })
    expect(appoint.n).toBeLessThanOrEqual(BUDGET.appointVillagePost)
    const end = await count(() => org.endVillagePost('370322104202', appoint.result.id, { to: '2023-12-31' }))
    measured.endVillagePost = end.n
    expect(end.result).toMatchObject({ id: appoint.result.id, to: '2023-12-31', personName: '书记' })
    expect(end.n).toBeLessThanOrEqual(BUDGET.endVillagePost)

    await org.addPartyMember('370322104201', { personId: secretaryId, status: 'full', from: '2010-01-01' })
    await org.updatePartyMember('370322104201', secretaryId, {
      excusal: { reason: 'long_illness', from: '2024-01-01' },
    })
    const roster = await count(() => org.listPartyMembers('370322104201', '2024-06-30'))
    measured.listPartyMembers = roster.n
    expect(roster.result.members).toEqual([
      expect.objectContaining({
        name: '书记',
        excusal: { reason: 'long_illness', from: '2024-01-01', to: null },
      }),
    ])
    expect(roster.n).toBeLessThanOrEqual(BUDGET.listPartyMembers)
  })

  it('runs the guard on the row it loaded, before any rule, and rolls back what it refuses', async () => {
    const refused = new DomainError('test.refused', 'no', { kind: 'forbidden' })
    const seen: unknown[] = []
    const guard = (ref: unknown) => {
      seen.push(ref)
      throw refused
    }
    // Joining before the founding date would be a rule error: the guard speaks first.
    await expect(
      org.addAllianceMember(
        allianceId,
        { villageCode: '370322104204', role: 'member', from: '2000-01-01' },
        { guard },
      ),
    ).rejects.toBe(refused)
    expect(seen).toEqual([{ id: allianceId, countyCode: '370322', townshipCode: '370322104' }])
    await expect(org.getAlliance(allianceId, '2024-06-30', { guard })).rejects.toBe(refused)
    // A village guard runs on the ref its code carries, even for a village that is not recorded.
    await expect(
      org.addPartyMember(
        '370322104299',
        { personId: secretaryId, status: 'full', from: '2020-01-01' },
        { guard },
      ),
    ).rejects.toBe(refused)
    expect(seen.at(-1)).toEqual({ countyCode: '370322', villageCode: '370322104299' })
    // A guard that passes lets the write through; one that refuses leaves nothing behind.
    let calls = 0
    await org.addRepresentative(
      '370322104201',
      { personId: secretaryId, from: '2021-01-01' },
      { guard: () => void calls++ },
    )
    expect(calls).toBe(1)
    await expect(
      org.addAllianceMember(
        allianceId,
        { villageCode: '370322104204', role: 'member', from: '2024-01-01' },
        {
          guard: async () => {
            throw refused
          },
        },
      ),
    ).rejects.toBe(refused)
    expect(await org.allianceIdsOfVillage('370322104204', '2024-06-30')).toEqual([])
  })
})
