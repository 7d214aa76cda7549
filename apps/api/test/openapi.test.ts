// The OpenAPI document the console (/docs) is drawn from: no `$id` for Swagger UI to trip on,
// every operation and tag described, errors as problem+json with their codes, Idempotency-Key
// documented exactly where plugins/idempotency.ts honours it, and every $ref resolvable. The
// linters (spectral:oas, redocly) run over the same document in `npm test` (scripts/lint-openapi.mjs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operationsOf } from '../src/http/openapi-document.js'
import { problem, startTestApp, type TestApp } from './helpers.js'

let t: TestApp
// biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document, walked by hand
let doc: any
let operations: ReturnType<typeof operationsOf>

/** POSTs that refuse Idempotency-Key (`config.idempotent: false`): the secret is shown once. */
const NOT_IDEMPOTENT = new Set(['createApiKey'])

beforeAll(async () => {
  t = await startTestApp()
  doc = (await t.call('GET', '/openapi.json', { key: null })).json()
  operations = operationsOf(doc)
}, 180_000)
afterAll(() => t?.close())

describe('the OpenAPI document', () => {
  it('carries no $id (Swagger UI then shows "string" for every example) and no dangling $ref', () => {
    const text = JSON.stringify(doc)
    expect(text).not.toContain('"$id"')
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!)
    expect(refs.length).toBeGreaterThan(0)
    expect(refs.filter((name) => !(name in doc.components.schemas))).toEqual([])
    // …and no component nobody uses (zod exports an input and an output twin of each).
    const used = new Set(refs)
    expect(Object.keys(doc.components.schemas).filter((name) => !used.has(name))).toEqual([])
  })

  it('describes every operation and every tag it uses, and names a server', () => {
    expect(operations.filter(({ op }) => !op.description?.trim()).map(({ op }) => op.operationId)).toEqual([])
    const defined = new Map<string, string>(
      doc.tags.map((tag: { name: string; description: string }) => [tag.name, tag.description]),
    )
    const used = new Set(operations.flatMap(({ op }) => op.tags ?? []))
    expect([...used].filter((tag) => !defined.get(tag))).toEqual([])
    expect(defined.get('public')).toBeTruthy()
    expect(defined.get('governance')).toBeTruthy()
    expect(doc.servers).toEqual([expect.objectContaining({ url: expect.any(String) })])
    expect(JSON.stringify(doc)).not.toContain('Default Response')
  })

  it('documents every error as application/problem+json with its codes and an example', () => {
    const wrong: string[] = []
    for (const { path, method, op } of operations) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (Number(status) < 400) continue
        const content = (response.content ?? {}) as Record<
          string,
          { schema?: { $ref?: string }; example?: { status?: number; code?: string } }
        >
        const media = content['application/problem+json']
        const where = `${method.toUpperCase()} ${path} ${status}`
        if (Object.keys(content).join() !== 'application/problem+json')
          wrong.push(`${where}: ${Object.keys(content)}`)
        else if (media?.schema?.$ref !== '#/components/schemas/Problem') wrong.push(`${where}: not a Problem`)
        else if (media.example?.status !== Number(status)) wrong.push(`${where}: example status`)
        else if (!String(response.description).includes(`\`${media.example.code}\``))
          wrong.push(`${where}: the example's code is not among the documented codes`)
      }
    }
    expect(wrong).toEqual([])
    const voucher = operations.find(({ op }) => op.operationId === 'postVoucherBatch')!.op
    expect(voucher.responses?.['422']?.description).toContain('`ledger.unbalanced`')
    expect(voucher.responses?.['401']?.description).toContain('`auth.missing_key`')
  })

  it('documents Idempotency-Key on exactly the POSTs that honour it', () => {
    const wrong: string[] = []
    for (const { path, method, op } of operations) {
      const header = (op.parameters ?? []).find(
        (p) => String(p.name).toLowerCase() === 'idempotency-key' && p.in === 'header',
      )
      const keyed = op.security?.length !== 0
      const honours = method === 'post' && keyed && !NOT_IDEMPOTENT.has(op.operationId ?? '')
      if (Boolean(header) !== honours) wrong.push(`${method.toUpperCase()} ${path} (${op.operationId})`)
      if (header) expect(op.responses?.['409']?.description, path).toContain('`idempotency.key_reused`')
    }
    expect(wrong).toEqual([])
    expect(operations.filter(({ method }) => method === 'post').length).toBeGreaterThan(40)
  })

  it('matches the plugin: an honoured POST replays, createApiKey refuses the header', async () => {
    const body = { name: '高青县', kind: 'county' }
    expect((await t.call('PUT', '/v1/divisions/370322', { body })).statusCode).toBeLessThan(300)
    const partner = { name: '联建合作社', kind: 'cooperative', countyCode: '370322' }
    const headers = { 'idempotency-key': 'openapi-test-1' }
    const first = await t.call('POST', '/v1/partners', { body: partner, headers })
    const again = await t.call('POST', '/v1/partners', { body: partner, headers })
    expect(first.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json().id).toBe(first.json().id)
    const key = { name: 'x', role: 'auditor', scope: '370322' }
    problem(
      await t.call('POST', '/v1/api-keys', { body: key, headers: { 'idempotency-key': 'k1' } }),
      400,
      'idempotency.not_supported',
    )
  })
})
