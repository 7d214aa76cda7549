import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES } from '../src/auth/scope.js'
import {
  type Access,
  type Case,
  HOME,
  IN_SCOPE,
  OUT_OF_SCOPE,
  type Req,
  type Role,
  type ScopeName,
  SYSTEM_AND_ORGANIZATION,
} from './access-table.js'
import { BOARDS } from './access-table-boards.js'
import { COLLECTIVE_ACCESS } from './access-table-collective.js'
import { GOVERNANCE } from './access-table-governance.js'
import { IMPORTS } from './access-table-imports.js'
import { MONEY_ACCESS } from './access-table-money.js'
import { buildWorld, CODES, SECRETARY, type World } from './access-world.js'
import { startTestApp, type TestApp } from './helpers.js'

/**
 * The authorization matrix: every operation of /openapi.json must be declared in the access
 * tables, and each declaration is run — no key and a revoked key get 401; at the home scope every
 * allowed role gets through (any status but 400/401/403/5xx: the matrix is about access) and every
 * other role gets 403; keys outside the target get 403; public routes answer without a key and
 * show no personal data. Refusals run before admissions, so a write that succeeds cannot change
 * what a later refusal sees.
 */
const TABLES = [SYSTEM_AND_ORGANIZATION, GOVERNANCE, MONEY_ACCESS, BOARDS, IMPORTS, COLLECTIVE_ACCESS]
const ACCESS: Record<string, Access> = Object.assign({}, ...TABLES)
type Keyed = Exclude<Access, { roles: 'public' }>

let t: TestApp
let w: World
const operations = new Map<string, { method: string; path: string; public: boolean }>()
const secrets = new Map<string, Promise<string>>()

/** Mints each (role, scope) key once and reuses it. */
function keyOf(role: string, scope: string): Promise<string> {
  const id = `${role}@${scope}`
  if (!secrets.has(id)) secrets.set(id, t.mintKey(role, scope))
  return secrets.get(id)!
}
const scopeCode = (scope: ScopeName): string =>
  ({
    village: CODES.village,
    otherVillage: CODES.otherVillage,
    township: CODES.township,
    otherTownship: CODES.otherTownship,
    county: CODES.county,
    otherCounty: CODES.otherCounty,
    alliance: w.alliance,
    otherAlliance: w.otherAlliance,
    all: '*',
  })[scope]

beforeAll(async () => {
  t = await startTestApp('2024-12-31')
  w = await buildWorld(t, keyOf)
  const doc = (await t.call('GET', '/openapi.json', { key: null })).json()
  for (const [path, item] of Object.entries<Record<string, { operationId?: string; security?: unknown[] }>>(
    doc.paths,
  )) {
    for (const [method, op] of Object.entries(item)) {
      const id = op.operationId ?? `(no operationId: ${method.toUpperCase()} ${path})`
      operations.set(id, { method: method.toUpperCase(), path, public: op.security?.length === 0 })
    }
  }
}, 180_000)
afterAll(() => t?.close())

function url(operationId: string, req: Req): { method: string; url: string } {
  const op = operations.get(operationId)
  if (!op) throw new Error(`${operationId} is declared but not in /openapi.json`)
  const params = { ...req.params }
  const path = op.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`${operationId}: the request declares no path parameter ${name}`)
    delete params[name]
    return encodeURIComponent(value)
  })
  if (Object.keys(params).length)
    throw new Error(`${operationId}: ${op.path} has no parameter ${Object.keys(params)}`)
  const query = req.query ? `?${new URLSearchParams(req.query)}` : ''
  return { method: op.method, url: path + query }
}

async function send(operationId: string, req: Req, key: string | null): Promise<LightMyRequestResponse> {
  const { method, url: target } = url(operationId, req)
  return t.call(method, target, { key, ...(req.body === undefined ? {} : { body: req.body }) })
}

const allowedRoles = (entry: Keyed): readonly Role[] =>
  entry.roles === 'any' ? ROLES : ['admin', ...entry.roles]
/** The role the scope checks run with: the weakest allowed one. */
const scopeRole = (entry: Keyed): Role =>
  entry.roles === 'any' ? 'auditor' : (entry.roles.find((role) => role !== 'admin') ?? 'admin')

interface Check {
  role: Role
  scope: ScopeName
  request: (world: World) => Req
  expect: 'allowed' | 403 | 404
}

/** Runs the checks and fails once, listing every one that did not hold. */
async function verify(operationId: string, checks: Check[]) {
  const wrong: string[] = []
  for (const check of checks) {
    const req = check.request(w)
    const response = await send(operationId, req, await keyOf(check.role, scopeCode(check.scope)))
    const status = response.statusCode
    const code = response.headers['content-type']?.toString().includes('json')
      ? response.json().code
      : undefined
    const held =
      check.expect === 'allowed'
        ? ![400, 401, 403].includes(status) && status < 500
        : status === check.expect && (status !== 403 || code === 'auth.forbidden')
    if (!held) {
      const { method, url: target } = url(operationId, req)
      const expected = check.expect === 'allowed' ? 'neither 400, 401, 403 nor 5xx' : String(check.expect)
      wrong.push(
        `${check.role}@${check.scope}: ${method} ${target} → ${status} ${code ?? ''} (expected ${expected})`,
      )
    }
  }
  expect(wrong, wrong.join('\n')).toEqual([])
}

const keyed = Object.entries(ACCESS).filter((pair): pair is [string, Keyed] => pair[1].roles !== 'public')
const open = Object.entries(ACCESS).filter(([, entry]) => entry.roles === 'public')
const itUnless = (gap: string | undefined) => (gap ? it.fails : it)
const gapNote = (gap: string | undefined) => (gap ? ` [known gap: ${gap}]` : '')

describe('the access tables and /openapi.json', () => {
  it('declare each operation once, and only operations that exist', () => {
    const declared = TABLES.flatMap((table) => Object.keys(table))
    expect({
      declaredTwice: declared.filter((id, i) => declared.indexOf(id) !== i),
      // A route added tomorrow must say who may call it.
      undeclared: [...operations.keys()].filter((id) => !(id in ACCESS)),
      noLongerInOpenapi: declared.filter((id) => !operations.has(id)),
    }).toEqual({ declaredTwice: [], undeclared: [], noLongerInOpenapi: [] })
  })

  it('agree on which operations are public (security: [])', () => {
    const mismatched = [...operations].filter(
      ([id, op]) => id in ACCESS && op.public !== (ACCESS[id]!.roles === 'public'),
    )
    expect(mismatched.map(([id]) => id)).toEqual([])
  })
})

describe('no key, or a revoked key: 401', () => {
  for (const [operationId, entry] of keyed) {
    it(operationId, async () => {
      const req = entry.request(w)
      const missing = await send(operationId, req, null)
      expect([missing.statusCode, missing.json().code], missing.body).toEqual([401, 'auth.missing_key'])
      const revoked = await send(operationId, req, w.revokedSecret)
      expect([revoked.statusCode, revoked.json().code], revoked.body).toEqual([401, 'auth.invalid_key'])
    })
  }
})

const caseCheck = (c: Case): Check => ({ role: c.role, scope: c.scope, request: c.request, expect: c.expect })

describe('refused: 403 (404 for a record under another parent)', () => {
  for (const [operationId, entry] of keyed) {
    const home = HOME[entry.target]
    const allowed = allowedRoles(entry)
    const refused = ROLES.filter((role) => !allowed.includes(role))
    if (refused.length) {
      itUnless(entry.knownGaps?.roles)(
        `${operationId}: roles ${refused.join(', ')} at ${home}${gapNote(entry.knownGaps?.roles)}`,
        () =>
          verify(
            operationId,
            refused.map((role) => ({ role, scope: home, request: entry.request, expect: 403 })),
          ),
      )
    }
    const outside = entry.outOfScope ?? OUT_OF_SCOPE[entry.target]
    if (outside.length) {
      const role = scopeRole(entry)
      const gap = entry.knownGaps?.outOfScope
      itUnless(gap)(`${operationId}: ${role} keys of ${outside.join(', ')}${gapNote(gap)}`, () =>
        verify(
          operationId,
          outside.map((scope) => ({
            role,
            scope,
            request: entry.request,
            expect: entry.outOfScopeStatus ?? 403,
          })),
        ),
      )
    }
    for (const c of entry.cases?.filter((c) => c.expect !== 'allowed') ?? []) {
      itUnless(c.knownGap)(`${operationId}: ${c.name}${gapNote(c.knownGap)}`, () =>
        verify(operationId, [caseCheck(c)]),
      )
    }
  }
})

describe('admitted: neither 401 nor 403', () => {
  for (const [operationId, entry] of keyed) {
    const home = HOME[entry.target]
    const role = scopeRole(entry)
    const wider = entry.inScope ?? IN_SCOPE[entry.target]
    const gap = entry.knownGaps?.inScope
    const title = `${operationId}: ${allowedRoles(entry).join(', ')} at ${home}; ${role} at ${wider.join(', ') || '—'}`
    itUnless(gap)(title + gapNote(gap), () =>
      verify(operationId, [
        ...allowedRoles(entry).map((r) => ({
          role: r,
          scope: home,
          request: entry.request,
          expect: 'allowed' as const,
        })),
        ...wider.map((scope) => ({ role, scope, request: entry.request, expect: 'allowed' as const })),
      ]),
    )
    for (const c of entry.cases?.filter((c) => c.expect === 'allowed') ?? []) {
      itUnless(c.knownGap)(`${operationId}: ${c.name}${gapNote(c.knownGap)}`, () =>
        verify(operationId, [caseCheck(c)]),
      )
    }
  }
})

describe('public: no key needed, no personal data', () => {
  for (const [operationId, entry] of open) {
    it(operationId, async () => {
      for (const key of [null, w.revokedSecret]) {
        const response = await send(operationId, entry.request(w), key)
        expect(response.statusCode, response.body).toBe(200)
      }
    })
  }

  it('serves the API description and the console without a key', async () => {
    expect((await t.call('GET', '/openapi.json', { key: null })).statusCode).toBe(200)
    expect((await t.call('GET', '/docs', { key: null })).statusCode).toBeLessThan(400)
  })

  it('never shows a name, phone or ID number (not even masked), nor a person id', async () => {
    const personal = [
      SECRETARY.name,
      SECRETARY.phone,
      SECRETARY.idNumber,
      `${SECRETARY.phone.slice(0, 3)}****${SECRETARY.phone.slice(-4)}`,
      SECRETARY.idNumber.slice(-4),
      ...Object.values(w.people),
    ]
    // Run last, so the world has everything the earlier writes added (posts, resolutions …).
    const bodies = await Promise.all(
      open.map(async ([id, entry]) => (await send(id, entry.request(w), null)).body),
    )
    const leaks = personal.filter((value) => bodies.some((body) => body.includes(value)))
    expect(leaks).toEqual([])
  })
})
