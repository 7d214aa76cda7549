import { acrossCounties } from '@liancun/core'
// The findings of the attack on the API (issue 11), each kept closed by a test that states the
// rule: secrets never in the audit log, writes checked against every division they touch, key
// minting inside what the minter statically owns, concurrent revocation, request ids that cannot
// be forged, throttled key guessing, CORS off by default, security headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { ADMIN_KEY, problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'

let t: TestApp
let alliance: string
const partner = { kind: 'enterprise', name: '纽澜地公司', countyCode: '370322' }

async function rows<T>(query: string): Promise<T[]> {
  // Inspections of the whole database: on Citus, the listed cross-county read.
  const result = (await acrossCounties(t.app.db, 'ops.whole-database', (db) =>
    db.execute(query),
  )) as unknown as {
    rows: T[]
  }
  return result.rows
}

beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  const created = await t.call('POST', '/v1/alliances', {
    body: {
      name: '黑牛盒马',
      townshipCode: '370322104',
      mode: 'mutual_aid',
      level: 'party_committee',
      establishedOn: '2019-01-01',
    },
  })
  alliance = created.json().id
  await t.call('POST', `/v1/alliances/${alliance}/members`, {
    body: { villageCode: '370322104201', role: 'lead', from: '2019-01-01' },
  })
})
afterAll(() => t.close())

describe('API-key secrets', () => {
  it('never reach the audit log, and a secret read from there does not exist', async () => {
    const secret = await t.mintKey('auditor', '370322')
    const audit = await rows<{ after: unknown }>(
      `select after from api.audit_log where target_type = 'api_key'`,
    )
    expect(audit.length).toBeGreaterThan(0)
    expect(JSON.stringify(audit)).not.toContain(secret)
    expect(JSON.stringify(audit)).not.toContain('"secret"')
    expect(audit.some((row) => (row.after as { role?: string }).role === 'auditor')).toBe(true)
  })

  it('are scrubbed from rows an earlier version wrote (migration 0001)', async () => {
    const migration = await import('node:fs').then((fs) =>
      fs.readFileSync(new URL('../migrations/0001_audit_client_request_id.sql', import.meta.url), 'utf8'),
    )
    const scrub = migration
      .split('--> statement-breakpoint')
      .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
      .filter((statement) => statement.startsWith('UPDATE'))
    await t.app.db.execute(
      `insert into api.audit_log (county_code, id, request_id, operation, target_type, target_id, after)
       values ('000000', 'legacy-1', 'r', 'createApiKey', 'api_key', 'k', '{"id":"k","secret":"lc_leaked_secret_value"}')`,
    )
    // A migration's repair runs over every county (on Citus, every shard).
    for (const statement of scrub) {
      await acrossCounties(t.app.db, 'ops.whole-database', (db) => db.execute(statement))
    }
    const [legacy] = await rows<{ after: unknown }>(`select after from api.audit_log where id = 'legacy-1'`)
    expect(legacy?.after).toEqual({ id: 'k' })
  })

  it('are never stored as an idempotent response: key creation refuses Idempotency-Key', async () => {
    const refused = problem(
      await t.call('POST', '/v1/api-keys', {
        body: { name: 'retry-me', role: 'auditor', scope: '370322' },
        headers: { 'idempotency-key': 'mint-1' },
      }),
      400,
      'idempotency.not_supported',
    )
    expect(refused.errors?.[0]?.field).toBe('headers.idempotency-key')
    const stored = await rows<{ n: number }>(`select count(*)::int as n from api.idempotency_records`)
    expect(stored[0]?.n).toBe(0)
  })
})

describe('writes are checked against every division they touch', () => {
  it('refuses a township organiser adding another township’s village to its alliance', async () => {
    const organizer = await t.mintKey('organizer', '370322104')
    const body = { villageCode: '370322105201', role: 'member', from: '2024-01-01' }
    problem(
      await t.call('POST', `/v1/alliances/${alliance}/members`, { key: organizer, body }),
      403,
      'auth.forbidden',
    )
    // The same village from the county's organiser is a county decision, and allowed.
    const county = await t.mintKey('organizer', '370322')
    expect(
      (await t.call('POST', `/v1/alliances/${alliance}/members`, { key: county, body })).statusCode,
    ).toBe(201)
  })

  it('refuses an alliance key bringing in a village that is not yet its member', async () => {
    const organizer = await t.mintKey('organizer', alliance)
    problem(
      await t.call('POST', `/v1/alliances/${alliance}/members`, {
        key: organizer,
        body: { villageCode: '370322104202', role: 'member', from: '2024-01-01' },
      }),
      403,
    )
  })

  it('lets an alliance-scoped admin mint keys of its own alliance only, not of a member village', async () => {
    const admin = await t.mintKey('admin', alliance)
    const own = await t.call('POST', '/v1/api-keys', {
      key: admin,
      body: { name: 'alliance clerk', role: 'clerk', scope: alliance },
    })
    expect(own.statusCode).toBe(201)
    for (const scope of ['370322104201', '370322104', '370322', '*']) {
      problem(
        await t.call('POST', '/v1/api-keys', { key: admin, body: { name: 'x', role: 'admin', scope } }),
        403,
        'auth.forbidden',
      )
    }
  })
})

describe('keys an alliance admin sees', () => {
  it('are those it could have minted: not a member village’s keys', async () => {
    const admin = await t.mintKey('admin', alliance)
    const villageKey = (
      await t.call('POST', '/v1/api-keys', {
        body: { name: 'village fm', role: 'fund_manager', scope: '370322104201' },
      })
    ).json()
    const listed = (await t.call('GET', '/v1/api-keys', { key: admin })).json().items as {
      id: string
      scope: string
    }[]
    expect(listed.every((k) => k.scope === alliance)).toBe(true)
    problem(
      await t.call('POST', `/v1/api-keys/${villageKey.id}/revoke`, { key: admin }),
      403,
      'auth.forbidden',
    )
  })

  it('may not edit a member village’s division record', async () => {
    const organizer = await t.mintKey('organizer', alliance)
    problem(
      await t.call('PUT', '/v1/divisions/370322104201', {
        key: organizer,
        body: { name: '仇家村', kind: 'village', population: 820, households: 260, adults: 3 },
      }),
      403,
      'auth.forbidden',
    )
    expect((await t.call('GET', '/v1/divisions/370322104201', { key: organizer })).json().adults).toBe(640)
  })
})

describe('revocation', () => {
  it('answers one 200 and 409s, never a 500, when one key is revoked concurrently', async () => {
    const minted = (
      await t.call('POST', '/v1/api-keys', { body: { name: 'racy', role: 'auditor', scope: '370322' } })
    ).json()
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => t.call('POST', `/v1/api-keys/${minted.id}/revoke`)),
    )
    const statuses = responses.map((r) => r.statusCode).sort()
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(7)
    for (const response of responses.filter((r) => r.statusCode === 409)) {
      problem(response, 409, 'auth.api_key_revoked')
    }
  })
})

describe('idempotency records live in the write’s transaction', () => {
  it('gives every racing twin the one committed response', async () => {
    const headers = { 'idempotency-key': 'twin-partner-1' }
    const body = { ...partner, name: '双胞胎公司' }
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => t.call('POST', '/v1/partners', { body, headers })),
    )
    expect(responses.map((r) => r.statusCode)).toEqual(Array(6).fill(201))
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1)
    const stored = await rows<{ n: number }>(
      `select count(*)::int as n from organization.partners where name = '双胞胎公司'`,
    )
    expect(stored[0]?.n).toBe(1)
  })

  it('answers a twin that failed on the winner’s rows with the winner’s response', async () => {
    const headers = { 'idempotency-key': 'twin-join-1' }
    const body = { villageCode: '370322104203', role: 'member', from: '2024-02-01' }
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => t.call('POST', `/v1/alliances/${alliance}/members`, { body, headers })),
    )
    expect(responses.map((r) => r.statusCode)).toEqual(Array(4).fill(201))
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1)
  })

  it('stores nothing for a failed write, and nothing is ever left pending', async () => {
    const headers = { 'idempotency-key': 'fails-1' }
    problem(
      await t.call('POST', `/v1/alliances/${alliance}/members`, {
        body: { villageCode: '370322104201', role: 'member', from: '2024-02-01' },
        headers,
      }),
      409,
      'organization.already_member',
    )
    const records = await rows<{ key: string; status_code: number }>(
      'select key, status_code from api.idempotency_records',
    )
    expect(records.find((r) => r.key === 'fails-1')).toBeUndefined()
    expect(records.every((r) => r.status_code >= 200 && r.status_code < 300)).toBe(true)
  })
})

describe('the key cache', () => {
  it('trusts an authenticated key for at most the cache time; a revocation through the API is immediate', async () => {
    const minted = (
      await t.call('POST', '/v1/api-keys', { body: { name: 'cached', role: 'auditor', scope: '370322' } })
    ).json()
    expect((await t.call('GET', '/v1/divisions/370322', { key: minted.secret })).statusCode).toBe(200)
    // Revoked behind the API's back (another process, or SQL): this process still trusts it, for
    // at most LIANCUN_KEY_CACHE_SECONDS — the documented delay.
    await t.app.db.execute(`update api.api_keys set revoked_at = now() where id = '${minted.id}'`)
    expect((await t.call('GET', '/v1/divisions/370322', { key: minted.secret })).statusCode).toBe(200)
    // Revoking through this process evicts it, even when the row was already revoked (409).
    problem(await t.call('POST', `/v1/api-keys/${minted.id}/revoke`), 409, 'auth.api_key_revoked')
    problem(await t.call('GET', '/v1/divisions/370322', { key: minted.secret }), 401, 'auth.invalid_key')
  })
})

describe('request ids', () => {
  it('are always the server’s; a client id is echoed and stored apart', async () => {
    const response = await t.call('POST', '/v1/partners', {
      body: { ...partner, name: '请求号公司' },
      headers: { 'x-request-id': 'county-sys.4711' },
    })
    expect(response.statusCode).toBe(201)
    const serverId = response.headers['x-request-id']
    expect(serverId).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.headers['x-client-request-id']).toBe('county-sys.4711')
    const [entry] = await rows<{ request_id: string; client_request_id: string }>(
      `select request_id, client_request_id from api.audit_log where target_id = '${response.json().id}'`,
    )
    expect(entry).toEqual({ request_id: serverId, client_request_id: 'county-sys.4711' })
  })

  it('refuses a client id outside the safe form with 400 naming the header', async () => {
    for (const bad of ['a b', 'x'.repeat(129), '<script>', '01a2;drop']) {
      const body = problem(
        await t.call('GET', '/healthz', { headers: { 'x-request-id': bad } }),
        400,
        'request.invalid_request_id',
      )
      expect(body.errors?.[0]?.field).toBe('headers.x-request-id')
    }
  })
})

describe('headers', () => {
  it('sends security headers on the API, the console and public pages, and no CORS by default', async () => {
    for (const url of ['/healthz', '/docs/static/index.html', '/openapi.json']) {
      const response = await t.call('GET', url, {
        key: null,
        headers: { origin: 'https://evil.example' },
      })
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN')
      expect(response.headers['content-security-policy']).toBeDefined()
      expect(response.headers['access-control-allow-origin']).toBeUndefined()
    }
  })
})

describe('configured CORS and throttled key guessing', () => {
  let app: Awaited<ReturnType<typeof buildApp>>
  beforeAll(async () => {
    app = await buildApp(
      testConfig({
        bootstrapKey: ADMIN_KEY,
        corsOrigins: ['https://county.example'],
        authFailureLimit: 3,
        authFailureWindowSeconds: 600,
      }),
    )
    await app.ready()
  })
  afterAll(() => app.close())

  it('allows only the listed origins', async () => {
    const allowed = await app.inject({
      method: 'OPTIONS',
      url: '/v1/divisions',
      headers: { origin: 'https://county.example', 'access-control-request-method': 'GET' },
    })
    expect(allowed.headers['access-control-allow-origin']).toBe('https://county.example')
    const other = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://evil.example' },
    })
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('answers 429 with Retry-After once an address has failed too often, even with a valid key', async () => {
    const attempt = (authorization?: string, remoteAddress = '10.0.0.7') =>
      app.inject({
        method: 'GET',
        url: '/v1/divisions',
        remoteAddress,
        headers: authorization ? { authorization } : {},
      })
    for (let i = 0; i < 3; i++) expect((await attempt(`Bearer lc_guess_${i}_abcdefgh`)).statusCode).toBe(401)
    const blocked = await attempt(`Bearer ${ADMIN_KEY}`)
    expect(blocked.statusCode).toBe(429)
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(blocked.json().code).toBe('auth.too_many_failures')
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    // Another address is not affected.
    expect((await attempt(`Bearer ${ADMIN_KEY}`, '10.0.0.8')).statusCode).toBe(200)
  })

  it('counts failures per key prefix across addresses', async () => {
    const guess = (suffix: string, remoteAddress: string) =>
      app.inject({
        method: 'GET',
        url: '/v1/divisions',
        remoteAddress,
        headers: { authorization: `Bearer lc_target1_${suffix}` },
      })
    for (let i = 0; i < 3; i++) expect((await guess(`try${i}`, `10.1.0.${i}`)).statusCode).toBe(401)
    const blocked = await guess('try9', '10.1.0.99')
    expect(blocked.statusCode).toBe(429)
    expect(blocked.headers['retry-after']).toBeDefined()
  })
})
