import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
  await seedDivisions(t)
})
afterAll(() => t.close())

describe('api keys — happy', () => {
  it('mints a key whose secret is shown once and works at once', async () => {
    const response = await t.call('POST', '/v1/api-keys', {
      body: { name: '高青县 organizer', role: 'organizer', scope: '370322' },
    })
    expect(response.statusCode).toBe(201)
    const key = response.json()
    expect(key).toMatchObject({ role: 'organizer', scope: '370322', revokedAt: null })
    expect(key.secret).toMatch(/^lc_/)
    const read = await t.call('GET', '/v1/divisions/370322', { key: key.secret })
    expect(read.statusCode).toBe(200)
    const listed = (await t.call('GET', '/v1/api-keys')).json().items
    const same = listed.find((k: { id: string }) => k.id === key.id)
    expect(same).toBeDefined()
    expect(same.secret).toBeUndefined()
  })

  it('stores only a hash of the secret', async () => {
    const secret = await t.mintKey('auditor', '370322')
    const { rows } = (await t.app.db.execute('select secret_hash, prefix from api.api_keys')) as unknown as {
      rows: { secret_hash: string; prefix: string }[]
    }
    expect(JSON.stringify(rows)).not.toContain(secret)
    expect(rows.some((row) => secret.startsWith(row.prefix))).toBe(true)
  })

  it('revokes a key; the key then gets 401', async () => {
    const minted = (
      await t.call('POST', '/v1/api-keys', { body: { name: 'tmp', role: 'auditor', scope: '370322104' } })
    ).json()
    const revoked = await t.call('POST', `/v1/api-keys/${minted.id}/revoke`)
    expect(revoked.statusCode).toBe(200)
    expect(revoked.json().revokedAt).not.toBeNull()
    problem(await t.call('GET', '/v1/divisions/370322104', { key: minted.secret }), 401, 'auth.invalid_key')
  })

  it('lets a township admin mint keys inside its township only', async () => {
    const admin = await t.mintKey('admin', '370322104')
    const inside = await t.call('POST', '/v1/api-keys', {
      key: admin,
      body: { name: '仇家村 clerk', role: 'clerk', scope: '370322104201' },
    })
    expect(inside.statusCode).toBe(201)
    const listed = (await t.call('GET', '/v1/api-keys', { key: admin })).json().items as { scope: string }[]
    expect(listed.length).toBeGreaterThan(0)
    expect(listed.every((k) => k.scope.startsWith('370322104'))).toBe(true)
  })
})

describe('api keys — errors', () => {
  it('rejects an unknown role, a bad scope and unknown fields with field paths', async () => {
    const badRole = problem(
      await t.call('POST', '/v1/api-keys', { body: { name: 'x', role: 'king', scope: '*' } }),
      400,
    )
    expect(badRole.errors?.[0]?.field).toBe('body.role')
    const badScope = problem(
      await t.call('POST', '/v1/api-keys', { body: { name: 'x', role: 'auditor', scope: '37032' } }),
      400,
    )
    expect(badScope.errors?.[0]?.field).toBe('body.scope')
    const extra = problem(
      await t.call('POST', '/v1/api-keys', {
        body: { name: 'x', role: 'auditor', scope: '*', colour: 'red' },
      }),
      400,
    )
    expect(extra.errors?.[0]?.field).toBe('body.colour')
  })

  it('answers 404 for an unknown key id and 409 for a second revoke', async () => {
    problem(
      await t.call('POST', '/v1/api-keys/01900000-0000-7000-8000-000000000000/revoke'),
      404,
      'auth.api_key_not_found',
    )
    const minted = (
      await t.call('POST', '/v1/api-keys', { body: { name: 'tmp', role: 'auditor', scope: '*' } })
    ).json()
    await t.call('POST', `/v1/api-keys/${minted.id}/revoke`)
    problem(await t.call('POST', `/v1/api-keys/${minted.id}/revoke`), 409, 'auth.api_key_revoked')
  })
})

describe('api keys — security', () => {
  it('answers 401 without a key, with a malformed header, and with an unknown key', async () => {
    problem(await t.call('GET', '/v1/api-keys', { key: null }), 401, 'auth.missing_key')
    problem(
      await t.call('GET', '/v1/api-keys', { key: null, headers: { authorization: 'Basic abc' } }),
      401,
      'auth.missing_key',
    )
    problem(await t.call('GET', '/v1/api-keys', { key: 'lc_not_a_real_key' }), 401, 'auth.invalid_key')
  })

  it('lets only admins mint, list and revoke keys', async () => {
    const organizer = await t.mintKey('organizer', '370322')
    problem(await t.call('GET', '/v1/api-keys', { key: organizer }), 403, 'auth.forbidden')
    problem(
      await t.call('POST', '/v1/api-keys', {
        key: organizer,
        body: { name: 'x', role: 'admin', scope: '370322' },
      }),
      403,
      'auth.forbidden',
    )
  })

  it('refuses a township admin minting a county or national key, or one for another township', async () => {
    const admin = await t.mintKey('admin', '370322104')
    for (const scope of ['370322', '*', '370322105', '370323107201']) {
      problem(
        await t.call('POST', '/v1/api-keys', {
          key: admin,
          body: { name: 'escalate', role: 'admin', scope },
        }),
        403,
        'auth.forbidden',
      )
    }
  })

  it('refuses revoking a key outside the caller’s scope', async () => {
    const otherTownship = (
      await t.call('POST', '/v1/api-keys', { body: { name: 'o', role: 'auditor', scope: '370322105' } })
    ).json()
    const admin = await t.mintKey('admin', '370322104')
    problem(
      await t.call('POST', `/v1/api-keys/${otherTownship.id}/revoke`, { key: admin }),
      403,
      'auth.forbidden',
    )
  })
})
