// GET /v1/audit: who reads it (admins and auditors of a county or wider), what each key sees
// (its county; `*` everything), the filters (record, key, time), cursor pages of one statement,
// bad filters as 400 problems naming the field, and no secret ever in an image.
import { createStatementCounter } from '@liancun/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'

const counter = createStatementCounter()
let t: TestApp
let auditorCounty: string
let auditorAll: string
let organizerFar: string
let organizerFarId: string
let mintedSecret: string
let mintedId: string

interface Entry {
  id: string
  at: string
  countyCode: string
  apiKeyId: string | null
  requestId: string
  operation: string
  targetType: string
  targetId: string
  before: unknown
  after: unknown
}
type Page = { items: Entry[]; nextCursor: string | null }

async function list(query: string, key?: string): Promise<Page> {
  const response = await t.call('GET', `/v1/audit${query ? `?${query}` : ''}`, key ? { key } : {})
  if (response.statusCode !== 200) throw new Error(`${response.statusCode}: ${response.body}`)
  return response.json()
}

beforeAll(async () => {
  t = await startTestApp('2024-06-30', { counter })
  await seedDivisions(t)
  auditorCounty = await t.mintKey('auditor', '370322')
  auditorAll = await t.mintKey('auditor', '*')
  const far = await t.call('POST', '/v1/api-keys', {
    body: { name: 'far organizer', role: 'organizer', scope: '370323' },
  })
  organizerFar = far.json().secret
  organizerFarId = far.json().id
  const minted = await t.call('POST', '/v1/api-keys', {
    body: { name: 'township clerk', role: 'clerk', scope: '370322104' },
  })
  mintedSecret = minted.json().secret
  mintedId = minted.json().id
  // Two partners in the far county by the far organiser, one at home by the bootstrap admin.
  for (const name of ['燕崖联建社', '燕崖供销社']) {
    const created = await t.call('POST', '/v1/partners', {
      key: organizerFar,
      body: { name, kind: 'cooperative', countyCode: '370323' },
    })
    if (created.statusCode !== 201) throw new Error(created.body)
  }
  const home = await t.call('POST', '/v1/partners', {
    body: { name: '高青联建社', kind: 'cooperative', countyCode: '370322' },
  })
  if (home.statusCode !== 201) throw new Error(home.body)
}, 180_000)
afterAll(() => t?.close())

describe('GET /v1/audit', () => {
  it('lists every write for a `*` auditor, newest first, with key, request and images', async () => {
    const { items } = await list('limit=500', auditorAll)
    const ids = items.map((e) => e.id)
    expect(ids).toEqual([...ids].sort().reverse())
    // 000000: the `*` auditor key minted above lives above any county.
    expect(new Set(items.map((e) => e.countyCode))).toEqual(new Set(['000000', '370322', '370323']))
    const division = items.find((e) => e.targetType === 'division' && e.targetId === '370322104')
    expect(division).toMatchObject({ operation: 'putDivision', countyCode: '370322', before: null })
    expect(division?.after).toMatchObject({ name: '唐坊镇', kind: 'township' })
    expect(division?.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(Date.parse(division!.at)).not.toBeNaN()
  })

  it('shows a county auditor its county only, and `*` one county on request', async () => {
    const { items } = await list('limit=500', auditorCounty)
    expect(items.length).toBeGreaterThan(0)
    expect(items.every((e) => e.countyCode === '370322')).toBe(true)
    const far = await list('countyCode=370323&limit=500', auditorAll)
    expect(far.items.map((e) => e.countyCode)).toEqual(far.items.map(() => '370323'))
    expect(far.items.filter((e) => e.targetType === 'partner')).toHaveLength(2)
  })

  it('filters by record, by key and by time', async () => {
    const township = await list('targetType=division&targetId=370322104', auditorCounty)
    expect(township.items.map((e) => e.targetId)).toEqual(['370322104'])
    const byKey = await list(`apiKeyId=${organizerFarId}`, auditorAll)
    expect(byKey.items.map((e) => e.operation)).toEqual(['createPartner', 'createPartner'])
    expect(byKey.items.every((e) => e.apiKeyId === organizerFarId)).toBe(true)
    const all = (await list('limit=500', auditorAll)).items
    const newest = all[0]!
    const atOrAfter = await list(`from=${encodeURIComponent(newest.at)}&limit=500`, auditorAll)
    expect(atOrAfter.items.map((e) => e.id)).toContain(newest.id)
    expect(atOrAfter.items.every((e) => Date.parse(e.at) >= Date.parse(newest.at))).toBe(true)
    const before = await list(`to=${encodeURIComponent(newest.at)}&limit=500`, auditorAll)
    expect(before.items.map((e) => e.id)).not.toContain(newest.id)
    expect(before.items.length + atOrAfter.items.length).toBe(all.length)
    expect((await list('to=2000-01-01T00:00:00%2B08:00', auditorAll)).items).toEqual([])
  })

  it('pages with a cursor, each page one statement', async () => {
    const all = (await list('limit=500', auditorAll)).items.map((e) => e.id)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: Page = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`, auditorAll)
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((e) => e.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(all)
    await list('limit=2', auditorCounty) // warms the key cache
    counter.reset()
    await list('limit=2', auditorCounty)
    expect(counter.count).toBe(1)
  })

  it('never shows a key’s secret or its hash', async () => {
    const response = await t.call('GET', `/v1/audit?targetType=api_key&targetId=${mintedId}`, {
      key: auditorAll,
    })
    expect(response.statusCode).toBe(200)
    const [entry] = response.json().items as Entry[]
    expect(entry).toMatchObject({ operation: 'createApiKey', targetId: mintedId })
    expect(entry?.after).toMatchObject({ id: mintedId, role: 'clerk' })
    expect(response.body).not.toContain(mintedSecret)
    expect(response.body).not.toMatch(/secret/i)
  })

  it('answers bad filters with a 400 naming the field', async () => {
    const bad: [string, string][] = [
      ['apiKeyId=not-a-key', 'querystring.apiKeyId'],
      ['from=2024-06-30', 'querystring.from'],
      ['to=2024-06-30T08:00:00', 'querystring.to'],
      ['from=2024-07-01T00:00:00Z&to=2024-06-01T00:00:00Z', 'querystring.to'],
      ['countyCode=37', 'querystring.countyCode'],
      ['targetType=DROP%20TABLE', 'querystring.targetType'],
      [`targetId=${'x'.repeat(201)}`, 'querystring.targetId'],
      ['cursor=not-a-cursor', 'querystring.cursor'],
      ['limit=0', 'querystring.limit'],
    ]
    for (const [query, field] of bad) {
      const body = problem(await t.call('GET', `/v1/audit?${query}`, { key: auditorAll }), 400)
      expect(
        body.errors?.map((e) => e.field),
        query,
      ).toContain(field)
    }
  })

  it('refuses no key, other roles, keys below a county and counties outside the key', async () => {
    problem(await t.call('GET', '/v1/audit', { key: null }), 401, 'auth.missing_key')
    problem(
      await t.call('GET', '/v1/audit', { key: 'lc_not_a_key_at_all_0000000000' }),
      401,
      'auth.invalid_key',
    )
    problem(await t.call('GET', '/v1/audit', { key: organizerFar }), 403, 'auth.forbidden')
    const township = await t.mintKey('auditor', '370322104')
    problem(await t.call('GET', '/v1/audit', { key: township }), 403, 'auth.forbidden')
    problem(await t.call('GET', '/v1/audit?countyCode=370323', { key: auditorCounty }), 403, 'auth.forbidden')
    problem(await t.call('GET', '/v1/audit?countyCode=000000', { key: auditorCounty }), 403, 'auth.forbidden')
    const revoked = await t.call('POST', `/v1/api-keys/${mintedId}/revoke`)
    expect(revoked.statusCode).toBe(200)
    problem(await t.call('GET', '/v1/audit', { key: mintedSecret }), 401, 'auth.invalid_key')
  })

  it('lets a province key read every county inside it', async () => {
    const province = await t.mintKey('auditor', '37')
    const { items } = await list('limit=500', province)
    expect(new Set(items.map((e) => e.countyCode))).toEqual(new Set(['370322', '370323']))
  })
})
