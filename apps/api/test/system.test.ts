import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, startTestApp, type TestApp } from './helpers.js'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

describe('system routes', () => {
  it('answers /healthz and /readyz without a key', async () => {
    expect((await t.call('GET', '/healthz', { key: null })).json()).toEqual({ status: 'ok' })
    const ready = await t.call('GET', '/readyz', { key: null })
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toMatchObject({ status: 'ready', pendingMigrations: 0 })
    expect(ready.json().engine).toBe(process.env.LIANCUN_TEST_PG_URL ? 'postgres' : 'pglite')
  })

  it('makes its own request id, and echoes a client one apart from it', async () => {
    const given = await t.call('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } })
    expect(given.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(given.headers['x-client-request-id']).toBe('abc-123')
    const made = await t.call('GET', '/healthz')
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(made.headers['x-client-request-id']).toBeUndefined()
  })

  it('serves the OpenAPI 3.1 document with an operationId, summary and tag on every operation', async () => {
    const response = await t.call('GET', '/openapi.json', { key: null })
    expect(response.statusCode).toBe(200)
    const doc = response.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, Record<string, unknown>>>,
    ).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
    expect(operations.length).toBeGreaterThan(20)
    const ids = new Set<string>()
    for (const { path, method, op } of operations) {
      expect(op.operationId, `${method} ${path}`).toEqual(expect.any(String))
      expect(op.summary, `${method} ${path}`).toEqual(expect.any(String))
      expect((op.tags as string[]).length, `${method} ${path}`).toBeGreaterThan(0)
      ids.add(op.operationId as string)
      const body = (op.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content
      // A file upload's body is the file itself (format binary): there is no example to show.
      const isFile =
        body &&
        Object.values(body).every((media) => (media.schema as { format?: string })?.format === 'binary')
      if (body && !isFile)
        expect(JSON.stringify(body), `${method} ${path} body has examples`).toMatch(/"examples?"/)
    }
    expect(ids.size).toBe(operations.length)
  })

  it('serves the interactive console at /docs', async () => {
    const page = await t.call('GET', '/docs/', { key: null })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('swagger')
    const initializer = await t.call('GET', '/docs/static/swagger-initializer.js', { key: null })
    expect(initializer.statusCode).toBe(200)
    const json = await t.call('GET', '/docs/json', { key: null })
    expect(json.json().openapi).toBe('3.1.0')
  })

  it('answers unknown routes with a 404 problem', async () => {
    const body = problem(await t.call('GET', '/v1/nothing-here'), 404, 'request.route_not_found')
    expect(body.detail).toContain('/v1/nothing-here')
  })

  it('answers malformed JSON with a 400 problem, never a 500', async () => {
    const response = await t.app.inject({
      method: 'PUT',
      url: '/v1/divisions/370322',
      headers: {
        authorization: `Bearer ${'lc_test_bootstrap_admin_key_0123456789'}`,
        'content-type': 'application/json',
      },
      payload: '{"name": ',
    })
    problem(response, 400)
  })
})
