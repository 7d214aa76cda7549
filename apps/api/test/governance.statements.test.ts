// How many statements the governance routes send to the database (authentication, idempotency
// and audit included), counted at the driver on both engines: a ratchet like
// statement-counts.test.ts — a request may get cheaper (then lower its ceiling here) but never
// dearer. Before the request-path work beside each ceiling (measured on the same requests).
import { createStatementCounter } from '@liancun/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDivisions, startTestApp, type TestApp } from './helpers.js'

const VILLAGE = '370322104203'
const counter = createStatementCounter()
let t: TestApp
let clerk: string

const CEILING = {
  recordStage: 10, // was 14 (a meeting recorded without its quorum: 422 governance.quorum_not_met)
  getMatter: 1, // was 4
  listObjections: 1, // was 2
  listResolutions: 1, // was 3
  councilPoints: 1, // was 5
}
const counts: Partial<Record<keyof typeof CEILING, number>> = {}

async function measure(
  name: keyof typeof CEILING,
  method: string,
  url: string,
  body: unknown,
  status: number,
) {
  counter.reset()
  const response = await t.call(method, url, { key: clerk, ...(body === undefined ? {} : { body }) })
  counts[name] = counter.count
  expect(response.statusCode, response.body).toBe(status)
  expect(counter.count, `${name}:\n${counter.statements.join('\n')}`).toBeLessThanOrEqual(CEILING[name])
  return response.json()
}

beforeAll(async () => {
  t = await startTestApp('2024-12-31', { counter })
  await seedDivisions(t)
  clerk = await t.mintKey('clerk', VILLAGE)
})
afterAll(async () => {
  console.log(
    `governance statements per request (${process.env.LIANCUN_TEST_PG_URL ? 'postgres' : 'pglite'}):`,
    counts,
  )
  await t.close()
})

describe('statements per governance request', () => {
  it('keeps a stage, the matter and council reads within their ceilings', async () => {
    const created = await t.call('POST', '/v1/matters', {
      key: clerk,
      body: { villageCode: VILLAGE, title: '修路', category: 'other', description: '说明' },
    })
    const matter = created.json()
    const meeting = {
      heldOn: '2024-12-01',
      attendees: [],
      votes: { yes: 0, no: 0, abstain: 0 },
      minutes: '记录',
    }
    const failed = await measure('recordStage', 'POST', `/v1/matters/${matter.id}/proposal`, meeting, 422)
    expect(failed.code).toBe('governance.quorum_not_met')
    await measure('getMatter', 'GET', `/v1/matters/${matter.id}`, undefined, 200)
    await measure('listObjections', 'GET', `/v1/matters/${matter.id}/objections`, undefined, 200)
    const council = (
      await t.call('POST', '/v1/councils', {
        key: clerk,
        body: { villageCode: VILLAGE, name: '议事会', establishedOn: '2024-01-01' },
      })
    ).json()
    await measure('listResolutions', 'GET', `/v1/councils/${council.id}/resolutions`, undefined, 200)
    await measure('councilPoints', 'GET', `/v1/councils/${council.id}/points?year=2024`, undefined, 200)
  })
})
