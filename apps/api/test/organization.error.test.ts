import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'

let t: TestApp
let allianceA: string
let allianceB: string
let oneOnOne: string
beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  const create = async (body: object) => (await t.call('POST', '/v1/alliances', { body })).json().id as string
  allianceA = await create({
    name: 'A',
    townshipCode: '370322104',
    mode: 'mutual_aid',
    level: 'general_branch',
    establishedOn: '2019-01-01',
  })
  allianceB = await create({
    name: 'B',
    townshipCode: '370322104',
    mode: 'mutual_aid',
    level: 'general_branch',
    establishedOn: '2019-01-01',
  })
  oneOnOne = await create({
    name: '1+1',
    townshipCode: '370322104',
    mode: 'strong_leads_weak',
    form: '1+1',
    level: 'general_branch',
    establishedOn: '2019-01-01',
  })
})
afterAll(() => t.close())

const field = (body: { errors?: { field: string }[] }) => body.errors?.map((e) => e.field)

describe('divisions — bad input', () => {
  it('names the field and rule for malformed codes, kinds and numbers', async () => {
    expect(
      field(
        problem(await t.call('PUT', '/v1/divisions/37032A', { body: { name: 'x', kind: 'county' } }), 400),
      ),
    ).toEqual(['params.code'])
    expect(
      field(problem(await t.call('PUT', '/v1/divisions/370399', { body: { name: 'x', kind: 'city' } }), 400)),
    ).toEqual(['body.kind'])
    expect(
      field(
        problem(
          await t.call('PUT', '/v1/divisions/370399', {
            body: { name: 'x', kind: 'county', population: -1 },
          }),
          400,
        ),
      ),
    ).toEqual(['body.population'])
    expect(
      field(
        problem(
          await t.call('PUT', '/v1/divisions/370399', { body: { name: 'x', kind: 'county', mayor: 'y' } }),
          400,
        ),
      ),
    ).toEqual(['body.mayor'])
  })

  it('refuses a kind that does not match the code length, and a missing parent', async () => {
    problem(await t.call('PUT', '/v1/divisions/370322104299', { body: { name: 'x', kind: 'township' } }), 400)
    problem(
      await t.call('PUT', '/v1/divisions/370322199201', { body: { name: 'x', kind: 'village' } }),
      422,
      'organization.parent_division_missing',
    )
  })

  it('answers 404 problems for unknown records', async () => {
    problem(await t.call('GET', '/v1/divisions/370322104299'), 404, 'organization.division_not_found')
    problem(await t.call('GET', '/v1/people/01900000-0000-7000-8000-000000000000'), 404)
    problem(await t.call('GET', '/v1/alliances/01900000-0000-7000-8000-000000000000'), 404)
    problem(await t.call('GET', '/v1/alliances/not-a-uuid'), 400)
  })

  it('rejects an invalid asOf date', async () => {
    expect(
      field(problem(await t.call('GET', '/v1/villages/370322104201/posts?asOf=2024-02-30'), 400)),
    ).toEqual(['querystring.asOf'])
  })
})

describe('people — bad input', () => {
  it('refuses a malformed ID number, phone or village, and a duplicate ID number', async () => {
    problem(
      await t.call('POST', '/v1/people', {
        body: { name: 'x', villageCode: '370322104201', idNumber: '123' },
      }),
      400,
    )
    problem(
      await t.call('POST', '/v1/people', {
        body: { name: 'x', villageCode: '370322104201', phone: 'call me' },
      }),
      400,
    )
    problem(await t.call('POST', '/v1/people', { body: { name: 'x', villageCode: '370322104299' } }), 404)
    const body = { name: '李四', villageCode: '370322104201', idNumber: '11010519491231002X' }
    expect((await t.call('POST', '/v1/people', { body })).statusCode).toBe(201)
    problem(
      await t.call('POST', '/v1/people', { body: { ...body, name: '李四二' } }),
      409,
      'organization.person_duplicate',
    )
  })
})

describe('alliances — rules', () => {
  it('refuses form on a mode other than strong_leads_weak', async () => {
    const body = problem(
      await t.call('POST', '/v1/alliances', {
        body: {
          name: 'x',
          townshipCode: '370322104',
          mode: 'mutual_aid',
          form: '1+1',
          level: 'branch',
          establishedOn: '2020-01-01',
        },
      }),
      400,
    )
    expect(field(body)).toContain('body.form')
  })

  it('keeps a village in at most one alliance on any date', async () => {
    const join = (alliance: string, from: string) =>
      t.call('POST', `/v1/alliances/${alliance}/members`, {
        body: { villageCode: '370322104202', role: 'member', from },
      })
    const first = await join(allianceA, '2020-01-01')
    expect(first.statusCode).toBe(201)
    const clash = problem(await join(allianceB, '2022-01-01'), 422, 'organization.village_in_other_alliance')
    expect(JSON.stringify(clash)).toContain(allianceA)
    await t.call('POST', `/v1/alliances/${allianceA}/members/${first.json().id}/leave`, {
      body: { to: '2021-12-31', reason: '调整' },
    })
    expect((await join(allianceB, '2022-01-01')).statusCode).toBe(201)
  })

  it('holds a 1+1 alliance to two villages, and members to the alliance’s county', async () => {
    const join = (villageCode: string, role = 'member') =>
      t.call('POST', `/v1/alliances/${oneOnOne}/members`, { body: { villageCode, role, from: '2019-06-01' } })
    expect((await join('370322104201', 'lead')).statusCode).toBe(201)
    expect((await join('370322104203')).statusCode).toBe(201)
    problem(await join('370322105201'), 422, 'organization.one_plus_one_size')
    problem(
      await t.call('POST', `/v1/alliances/${allianceA}/members`, {
        body: { villageCode: '370323107201', role: 'member', from: '2020-01-01' },
      }),
      422,
      'organization.member_outside_county',
    )
  })

  it('refuses joining before the alliance was established, and both or neither of village and partner', async () => {
    problem(
      await t.call('POST', `/v1/alliances/${allianceB}/members`, {
        body: { villageCode: '370322105201', role: 'member', from: '2018-01-01' },
      }),
      422,
    )
    problem(
      await t.call('POST', `/v1/alliances/${allianceB}/members`, {
        body: { role: 'member', from: '2020-01-01' },
      }),
      400,
    )
  })
})
