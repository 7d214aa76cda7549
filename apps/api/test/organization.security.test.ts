import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'

let t: TestApp
let gaoqingAlliance: string
let yiyuanAlliance: string
beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  const create = async (body: object) => (await t.call('POST', '/v1/alliances', { body })).json().id as string
  gaoqingAlliance = await create({
    name: '黑牛盒马',
    townshipCode: '370322104',
    mode: 'mutual_aid',
    level: 'party_committee',
    establishedOn: '2019-01-01',
  })
  yiyuanAlliance = await create({
    name: '朱家户',
    townshipCode: '370323107',
    mode: 'mutual_aid',
    level: 'party_committee',
    establishedOn: '2019-01-01',
  })
  await t.call('POST', `/v1/alliances/${gaoqingAlliance}/members`, {
    body: { villageCode: '370322104201', role: 'lead', from: '2019-01-01' },
  })
})
afterAll(() => t.close())

describe('organisation — security', () => {
  it('answers 401 without a key on every organisation route', async () => {
    for (const [method, url] of [
      ['GET', '/v1/divisions/370322'],
      ['PUT', '/v1/divisions/370322'],
      ['GET', '/v1/divisions'],
      ['POST', '/v1/people'],
      ['GET', '/v1/villages/370322104201/posts'],
      ['GET', '/v1/villages/370322104201/party-members'],
      ['GET', '/v1/partners'],
      ['GET', `/v1/alliances/${gaoqingAlliance}`],
      ['POST', '/v1/alliances'],
      ['GET', '/v1/stats/alliances'],
    ] as const) {
      problem(await t.call(method, url, { key: null, body: method === 'GET' ? undefined : {} }), 401)
    }
  })

  it('lets an auditor read but not write', async () => {
    const auditor = await t.mintKey('auditor', '370322')
    expect((await t.call('GET', '/v1/divisions/370322', { key: auditor })).statusCode).toBe(200)
    problem(
      await t.call('PUT', '/v1/divisions/370322', { key: auditor, body: { name: '高青县', kind: 'county' } }),
      403,
      'auth.forbidden',
    )
    problem(
      await t.call('POST', '/v1/partners', {
        key: auditor,
        body: { name: 'x', kind: 'enterprise', countyCode: '370322' },
      }),
      403,
    )
  })

  it('keeps a county key inside its county', async () => {
    const organizer = await t.mintKey('organizer', '370322')
    problem(await t.call('GET', '/v1/divisions/370323', { key: organizer }), 403)
    problem(await t.call('GET', `/v1/alliances/${yiyuanAlliance}`, { key: organizer }), 403)
    problem(await t.call('GET', '/v1/stats/alliances?within=370323', { key: organizer }), 403)
    problem(await t.call('GET', '/v1/divisions?within=37', { key: organizer }), 403)
    problem(
      await t.call('PUT', '/v1/divisions/370323107299', {
        key: organizer,
        body: { name: 'x', kind: 'village' },
      }),
      403,
    )
    const scoped = await t.call('GET', '/v1/alliances', { key: organizer })
    expect(scoped.json().items.map((a: { id: string }) => a.id)).toEqual([gaoqingAlliance])
  })

  it('lets an alliance key see its alliance and its member villages only', async () => {
    const key = await t.mintKey('auditor', gaoqingAlliance)
    expect((await t.call('GET', `/v1/alliances/${gaoqingAlliance}`, { key })).statusCode).toBe(200)
    expect((await t.call('GET', '/v1/villages/370322104201/posts', { key })).statusCode).toBe(200)
    problem(await t.call('GET', '/v1/villages/370322104202/posts', { key }), 403)
    problem(await t.call('GET', `/v1/alliances/${yiyuanAlliance}`, { key }), 403)
    const listed = await t.call('GET', '/v1/alliances', { key })
    expect(listed.json().items.map((a: { id: string }) => a.id)).toEqual([gaoqingAlliance])
  })

  it('keeps a village clerk out of other villages and out of organisation writes', async () => {
    const clerk = await t.mintKey('clerk', '370322104201')
    expect((await t.call('GET', '/v1/villages/370322104201/party-members', { key: clerk })).statusCode).toBe(
      200,
    )
    problem(await t.call('GET', '/v1/villages/370322104202/party-members', { key: clerk }), 403)
    problem(
      await t.call('POST', '/v1/people', { key: clerk, body: { name: 'x', villageCode: '370322104201' } }),
      403,
    )
  })
})
