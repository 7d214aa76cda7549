import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES } from '../src/auth/scope.js'
import type { Access, Req, Role } from './access-table.js'
import { COLLECTIVE_ACCESS } from './access-table-collective.js'
import { CODES, type World } from './access-world.js'
import { buildCollectiveWorld } from './collective-world.js'
import { ADMIN_KEY, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { collectiveUscc } from './ledger-helpers.js'

/**
 * 401 and 403 for every 三资 operation on a small world of its own (the authorization matrix runs
 * the same table on the full world): no key → 401; at the home scope every role the table does
 * not allow → 403; a key of another village or township → 403; the allowed roles get through.
 */
let t: TestApp
let w: World
const operations = new Map<string, { method: string; path: string }>()
const keys = new Map<string, Promise<string>>()
const keyOf = (role: Role, scope: string) => {
  const id = `${role}@${scope}`
  if (!keys.has(id)) keys.set(id, t.mintKey(role, scope))
  return keys.get(id)!
}

beforeAll(async () => {
  t = await startTestApp('2024-12-31')
  await seedDivisions(t)
  const post = async (url: string, body: unknown = {}) => {
    const response = await t.call('POST', url, { key: ADMIN_KEY, body })
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`)
    return response.json()
  }
  const ledger = await post('/v1/ledgers', {
    villageCode: CODES.village,
    collective: { name: '李孟德村股份经济合作社', uscc: collectiveUscc('MA3C4D7G') },
    firstPeriod: '2024-01',
    chart: 'rcea-2023',
  })
  w = { ledgerId: ledger.id, collective: await buildCollectiveWorld(post, ledger.id) } as World
  const doc = (await t.call('GET', '/openapi.json', { key: null })).json()
  for (const [path, item] of Object.entries<Record<string, { operationId?: string }>>(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op.operationId) operations.set(op.operationId, { method: method.toUpperCase(), path })
    }
  }
}, 300_000)
afterAll(() => t?.close())

function send(operationId: string, req: Req, key: string | null): Promise<LightMyRequestResponse> {
  const op = operations.get(operationId)
  if (!op) throw new Error(`${operationId} is not in /openapi.json`)
  const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(req.params?.[name] ?? ''),
  )
  const query = req.query ? `?${new URLSearchParams(req.query)}` : ''
  return t.call(op.method, url + query, { key, ...(req.body === undefined ? {} : { body: req.body }) })
}

type Keyed = Exclude<Access, { roles: 'public' }>
const entries = Object.entries(COLLECTIVE_ACCESS) as [string, Keyed][]
const home = (entry: Keyed) => (entry.target === 'township' ? CODES.township : CODES.village)
const outside = (entry: Keyed) =>
  entry.target === 'township'
    ? [CODES.otherTownship, CODES.village]
    : [CODES.otherVillage, CODES.otherTownship]

describe('三资 operations: 401 without a key, 403 for other roles and other divisions', () => {
  it('covers every collective operation of the API', () => {
    const mine = [...operations.keys()].filter((id) => {
      const op = operations.get(id)!
      return op.path.startsWith('/v1/collectives')
    })
    expect(mine.sort()).toEqual(Object.keys(COLLECTIVE_ACCESS).sort())
  })

  for (const [operationId, entry] of entries) {
    it(operationId, async () => {
      const req = entry.request(w)
      const wrong: string[] = []
      const missing = await send(operationId, req, null)
      if (missing.statusCode !== 401) wrong.push(`no key → ${missing.statusCode}`)
      const allowed: readonly Role[] = entry.roles === 'any' ? ROLES : ['admin', ...entry.roles]
      for (const role of ROLES.filter((r) => !allowed.includes(r))) {
        const r = await send(operationId, req, await keyOf(role, home(entry)))
        if (r.statusCode !== 403 || r.json().code !== 'auth.forbidden')
          wrong.push(`${role} → ${r.statusCode}`)
      }
      const weakest = allowed.find((r) => r !== 'admin') ?? 'admin'
      for (const scope of outside(entry)) {
        const r = await send(operationId, req, await keyOf(weakest, scope))
        if (r.statusCode !== 403) wrong.push(`${weakest}@${scope} → ${r.statusCode} ${r.body}`)
      }
      for (const role of allowed) {
        const r = await send(operationId, req, await keyOf(role, home(entry)))
        if ([400, 401, 403].includes(r.statusCode) || r.statusCode >= 500)
          wrong.push(`${role} admitted → ${r.statusCode} ${r.body}`)
      }
      expect(wrong).toEqual([])
    })
  }
})
