import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'

/**
 * Alliances nest (seed 004, 恩阳: 镇域片区联合党委 above 村级片区联合党组织): a village-area alliance
 * may sit under a township-area alliance of its township, and a village belongs to at most one
 * alliance of each tier on any day.
 */
let t: TestApp
let area: string
const base = { mode: 'mutual_aid', level: 'party_committee', establishedOn: '2021-01-01' }
const create = (body: object) => t.call('POST', '/v1/alliances', { body })
const join = (alliance: string, villageCode: string) =>
  t.call('POST', `/v1/alliances/${alliance}/members`, {
    body: { villageCode, role: 'member', from: '2022-01-01' },
  })

beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  const created = await create({
    ...base,
    name: '唐坊镇域片区联合党委',
    townshipCode: '370322104',
    tier: 'township_area',
  })
  expect(created.statusCode, created.body).toBe(201)
  area = created.json().id
})
afterAll(() => t.close())

describe('nested alliances', () => {
  it('a village-area alliance under its township-area alliance; a village in one of each', async () => {
    const child = await create({
      ...base,
      name: '仇家片区联合党组织',
      townshipCode: '370322104',
      parentAllianceId: area,
    })
    expect(child.statusCode, child.body).toBe(201)
    expect(child.json()).toMatchObject({ tier: 'village_area', parentAllianceId: area })

    expect((await join(area, '370322104201')).statusCode).toBe(201)
    const inChild = await join(child.json().id, '370322104201')
    expect(inChild.statusCode, inChild.body).toBe(201)

    const read = await t.call('GET', `/v1/alliances/${child.json().id}?asOf=2024-06-30`)
    expect(read.json()).toMatchObject({ tier: 'village_area', parentAllianceId: area, villageCount: 1 })
    // The village's alliance is the nearer one, the village-area alliance.
    const ofVillage = await t.call('GET', '/v1/villages/370322104201/alliance?asOf=2024-06-30')
    expect(ofVillage.json().alliance.id).toBe(child.json().id)

    const other = await create({ ...base, name: '另一片区', townshipCode: '370322104' })
    problem(await join(other.json().id, '370322104201'), 422, 'organization.village_in_other_alliance')
    const otherArea = await create({
      ...base,
      name: '另一镇域片区',
      townshipCode: '370322104',
      tier: 'township_area',
    })
    problem(await join(otherArea.json().id, '370322104201'), 422, 'organization.village_in_other_alliance')
  })

  it('refuses a parent of another township, of the village tier, or founded later (422 naming parentAllianceId)', async () => {
    const elsewhere = await create({
      ...base,
      name: '常家镇域片区',
      townshipCode: '370322105',
      tier: 'township_area',
    })
    const villageTier = await create({ ...base, name: '村级片区', townshipCode: '370322104' })
    for (const [body, context] of [
      [
        { townshipCode: '370322104', parentAllianceId: elsewhere.json().id },
        { parentTownshipCode: '370322105' },
      ],
      [
        { townshipCode: '370322104', parentAllianceId: villageTier.json().id },
        { parentTier: 'village_area' },
      ],
      [
        { townshipCode: '370322104', parentAllianceId: area, establishedOn: '2020-12-31' },
        { parentEstablishedOn: '2021-01-01' },
      ],
    ] as const) {
      const body422 = problem(
        await create({ ...base, name: '子片区', ...body }),
        422,
        'organization.parent_alliance_invalid',
      )
      expect(body422.errors?.[0]?.field).toBe('parentAllianceId')
      expect(body422.context).toMatchObject(context)
    }
  })

  it('refuses an unknown parent (404), a parent of a township-area alliance and an unknown tier (400)', async () => {
    const unknown = await create({
      ...base,
      name: '子片区',
      townshipCode: '370322104',
      parentAllianceId: '01a2325c-8e2a-8035-969a-49d7a6ef8d27',
    })
    expect(problem(unknown, 404, 'organization.alliance_not_found').errors?.[0]?.field).toBe(
      'parentAllianceId',
    )
    const top = problem(
      await create({
        ...base,
        name: '镇域',
        townshipCode: '370322104',
        tier: 'township_area',
        parentAllianceId: area,
      }),
      400,
    )
    expect(top.errors?.map((e) => e.field)).toEqual(['body.parentAllianceId'])
    expect(
      problem(await create({ ...base, name: 'x', townshipCode: '370322104', tier: 'county_area' }), 400)
        .errors?.[0]?.field,
    ).toBe('body.tier')
  })
})
