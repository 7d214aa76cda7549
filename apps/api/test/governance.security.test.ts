import { afterAll, beforeAll, describe, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'

let t: TestApp
let matterId: string
let councilId: string
let allianceId: string
const unknown = '01900000-0000-7000-8000-000000000000'
beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  matterId = (
    await t.call('POST', '/v1/matters', {
      body: { villageCode: '370322104203', title: '方案', category: 'other', description: '说明' },
    })
  ).json().id
  councilId = (
    await t.call('POST', '/v1/councils', {
      body: { villageCode: '370322104203', name: '议事会', establishedOn: '2021-01-01' },
    })
  ).json().id
  allianceId = (
    await t.call('POST', '/v1/alliances', {
      body: {
        name: 'A',
        townshipCode: '370322104',
        mode: 'mutual_aid',
        level: 'branch',
        establishedOn: '2020-01-01',
      },
    })
  ).json().id
})
afterAll(() => t.close())

const routes = () =>
  [
    [
      'POST',
      `/v1/matters/${matterId}/proposal`,
      { heldOn: '2024-03-01', attendees: [], votes: { yes: 0, no: 0, abstain: 0 }, minutes: 'm' },
    ],
    [
      'POST',
      `/v1/matters/${matterId}/disclosures`,
      { kind: 'resolution', channels: ['online'], from: '2024-03-01', until: '2024-03-08' },
    ],
    ['POST', `/v1/matters/${matterId}/objections`, { submittedOn: '2024-03-02', content: 'x' }],
    ['GET', `/v1/matters/${matterId}/objections`, undefined],
    ['POST', `/v1/matters/${matterId}/implementation`, { status: 'started', on: '2024-04-01' }],
    [
      'POST',
      `/v1/councils/${councilId}/members`,
      { personId: unknown, category: 'other', post: 'member', from: '2024-01-01' },
    ],
    [
      'POST',
      `/v1/councils/${councilId}/sessions`,
      { scheduledOn: '2024-06-20', venue: 'v', topicIds: [unknown], noticeSentOn: '2024-06-18' },
    ],
    ['GET', `/v1/councils/${councilId}/points?year=2024`, undefined],
    [
      'POST',
      '/v1/alliance-matters',
      { allianceId, title: 't', category: 'other', villageCodes: ['370322104203'] },
    ],
  ] as const

describe('governance — security and bad input', () => {
  it('answers 401 without a key and 403 to a clerk of another village on every route', async () => {
    const outsider = await t.mintKey('clerk', '370322105201')
    for (const [method, url, body] of routes()) {
      problem(await t.call(method, url, { key: null, ...(body ? { body } : {}) }), 401)
      problem(await t.call(method, url, { key: outsider, ...(body ? { body } : {}) }), 403)
    }
  })

  it('answers 400 naming the field for malformed bodies, and 404 for unknown records', async () => {
    problem(
      await t.call('POST', `/v1/matters/${matterId}/disclosures`, {
        body: { kind: 'rumour', channels: [], from: 'x', until: 'y' },
      }),
      400,
    )
    problem(
      await t.call('POST', `/v1/matters/${matterId}/implementation`, {
        body: { status: 'half', on: '2024-04-01' },
      }),
      400,
    )
    problem(
      await t.call('POST', `/v1/objections/${unknown}/response`, {
        body: { outcome: 'dismissed', respondedOn: '2024-03-03', response: 'x' },
      }),
      404,
    )
    problem(
      await t.call('POST', `/v1/sessions/${unknown}/minutes`, {
        body: { heldOn: '2024-06-20', present: [] },
      }),
      404,
    )
    problem(await t.call('POST', `/v1/topics/${unknown}/review`, { body: { decision: 'accepted' } }), 404)
    problem(await t.call('GET', `/v1/councils/${councilId}/points?year=24`), 400)
    problem(await t.call('GET', `/v1/alliance-matters/${unknown}`), 404)
  })

  it('keeps cross-village appointments inside the key’s scope', async () => {
    const county = await t.mintKey('auditor', '370322')
    problem(await t.call('GET', '/v1/cross-village-appointments?within=370323', { key: county }), 403)
    problem(await t.call('GET', '/v1/cross-village-appointments?within=37032A', { key: county }), 400)
    problem(await t.call('GET', '/v1/cross-village-appointments', { key: null }), 401)
  })
})
