import { encodeCursor } from '@liancun/core'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemoDataset } from '../src/demo/seed.js'
import {
  type FuzzRequest,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  type Pools,
  requestOf,
} from './fuzz-arbitraries.js'
import { contractViolation } from './fuzz-hostile.js'
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers.js'

/**
 * Every operation of the OpenAPI document, called with the admin key and values derived from its
 * own schemas mixed with hostile ones: never a 5xx, every 4xx a problem with a code, every 400
 * naming its fields. Seeded and short here (LIANCUN_FUZZ_RUNS runs per operation, default 12);
 * `node scripts/fuzz.mjs` runs the same with many more. Reproduce a failure with the printed
 * LIANCUN_FUZZ_SEED (and the same run count).
 */
const RUNS = Number(process.env.LIANCUN_FUZZ_RUNS ?? 12)
const SEED = Number(process.env.LIANCUN_FUZZ_SEED ?? 20_240_630)
/** LIANCUN_FUZZ_STATS=1 prints, per operation, how many answers of each status the fuzz got. */
const STATS = process.env.LIANCUN_FUZZ_STATS === '1'
const statusCounts = new Map<string, Map<number, number>>()
const millis = new Map<string, number>()

let t: TestApp
let doc: OpenApiDocument
let pools: Pools

beforeAll(async () => {
  // The demo dataset gives the fuzz real ids (ledgers, vouchers, projects, matters…) to reach
  // the rules behind "not found"; its vouchers run to the end of 2024.
  t = await startTestApp('2025-06-30')
  await loadDemoDataset(t.app)
  doc = (await t.call('GET', '/openapi.json')).json()
  pools = await harvestPools(t)
})
afterAll(async () => {
  if (STATS) {
    const rows = [...statusCounts].map(
      ([id, counts]) =>
        `${id.padEnd(34)} ${String(Math.round(millis.get(id) ?? 0)).padStart(6)} ms ${[...counts]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
    )
    console.log(`fuzz statuses (seed ${SEED}, ${RUNS} runs per operation)\n${rows.join('\n')}`)
  }
  await t?.close()
})

async function items(url: string): Promise<Record<string, unknown>[]> {
  const response = await t.call('GET', url)
  if (response.statusCode !== 200) throw new Error(`harvest ${url}: ${response.statusCode} ${response.body}`)
  return response.json().items
}

async function harvestPools(t: TestApp): Promise<Pools> {
  const idsByKind: Record<string, string[]> = {}
  const add = (kind: string, rows: unknown) => {
    for (const row of (rows ?? []) as { id?: unknown }[]) {
      if (typeof row.id !== 'string') continue
      idsByKind[kind] = [...(idsByKind[kind] ?? []), row.id]
    }
  }
  // Never the api keys: revoking the admin key would turn the rest of the run into 401s.
  for (const kind of ['alliances', 'partners', 'projects', 'matters', 'fund-sources', 'ledgers']) {
    add(kind, await items(`/v1/${kind}?limit=500`))
  }
  for (const id of idsByKind.alliances ?? []) {
    const alliance = (await t.call('GET', `/v1/alliances/${id}`)).json()
    add('members', alliance.members)
    add('posts', alliance.posts)
  }
  for (const id of idsByKind.projects ?? []) {
    add('tranches', (await t.call('GET', `/v1/projects/${id}`)).json().paymentPlan)
  }
  const accountCodes = new Set<string>()
  for (const id of idsByKind.ledgers ?? []) {
    add('vouchers', await items(`/v1/ledgers/${id}/vouchers?limit=500`))
    for (const account of await items(`/v1/ledgers/${id}/accounts`)) accountCodes.add(String(account.code))
  }
  const divisions = await items('/v1/divisions?limit=500')
  for (const village of divisions.filter((d) => d.kind === 'village').slice(0, 10)) {
    add('people', await items(`/v1/people?villageCode=${village.code}&limit=500`))
  }
  const ids = Object.values(idsByKind).flat()
  const divisionCodes = divisions.map((d) => String(d.code)).slice(0, 40)
  return {
    ids,
    idsByKind,
    divisionCodes,
    accountCodes: [...accountCodes].slice(0, 40),
    cursors: [...ids, ...divisionCodes, '2024-03-01/000001/0001'].map(encodeCursor),
  }
}

async function send(request: FuzzRequest) {
  return t.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, ...request.headers },
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  })
}

/** Runs one operation's property; the failure, if any, as text naming the seed and the request. */
async function fuzzOperation(op: Operation, seed: number, runs: number): Promise<string | null> {
  let failing: { request: FuzzRequest; violation: string } | null = null
  const details = await fc.check(
    fc.asyncProperty(requestOf(op, doc, pools), async (request) => {
      const started = performance.now()
      const response = await send(request)
      millis.set(op.operationId, (millis.get(op.operationId) ?? 0) + performance.now() - started)
      const counts = statusCounts.get(op.operationId) ?? new Map<number, number>()
      counts.set(response.statusCode, (counts.get(response.statusCode) ?? 0) + 1)
      statusCounts.set(op.operationId, counts)
      const violation = contractViolation(response)
      if (violation) failing = { request, violation }
      return violation === null
    }),
    // No shrinking: each step is a database round trip; the first counterexample is precise enough.
    { seed, numRuns: runs, endOnFailure: true },
  )
  if (!details.failed) return null
  const found = failing as { request: FuzzRequest; violation: string } | null
  return [
    `${op.operationId} (${op.method} ${op.path}) — LIANCUN_FUZZ_SEED=${seed} LIANCUN_FUZZ_RUNS=${runs}`,
    `  ${found?.violation ?? details.errorInstance}`,
    `  request: ${JSON.stringify(found?.request ?? details.counterexample).slice(0, 1500)}`,
  ].join('\n')
}

describe('fuzzing every operation from its OpenAPI schemas', () => {
  it(
    'never answers 5xx, and every 4xx is a problem with a code (400s with field paths)',
    async () => {
      const operations = operationsOf(doc)
      expect(operations.length).toBeGreaterThan(100)
      const failures: string[] = []
      // Reads before writes, deletes last: the writes then act on data the reads did not see
      // change, and the fewest requests end in "not found" because a delete came first.
      const order = (op: Operation) => ({ GET: 0, PUT: 1, PATCH: 1, POST: 2, DELETE: 3 })[op.method] ?? 2
      for (const [index, op] of [...operations].sort((a, b) => order(a) - order(b)).entries()) {
        const failure = await fuzzOperation(op, SEED + index, RUNS)
        if (failure) failures.push(failure)
      }
      expect(failures, `fuzz seed ${SEED}:\n${failures.join('\n\n')}`).toEqual([])
    },
    // About 1 s per run over all operations on a loaded machine, with room to spare.
    120_000 + RUNS * 3_000,
  )

  it('left the recorded books consistent: every voucher balanced, every hash chain intact', async () => {
    const fen = (amount: string | null) => (amount ? BigInt(amount.replace('.', '')) : 0n)
    for (const ledger of await items('/v1/ledgers?limit=500')) {
      for (const voucher of await items(`/v1/ledgers/${ledger.id}/vouchers?limit=500`)) {
        const lines = voucher.lines as { debit: string | null; credit: string | null }[]
        const debit = lines.reduce((sum, l) => sum + fen(l.debit), 0n)
        const credit = lines.reduce((sum, l) => sum + fen(l.credit), 0n)
        expect(debit, `voucher ${voucher.id} of ledger ${ledger.id}`).toBe(credit)
        expect(lines.length, `voucher ${voucher.id}`).toBeGreaterThanOrEqual(2)
      }
      const integrity = await t.call('GET', `/v1/ledgers/${ledger.id}/integrity`)
      expect(integrity.statusCode, integrity.body).toBe(200)
      expect(integrity.json().valid, integrity.body).toBe(true)
      const trial = await t.call('GET', `/v1/ledgers/${ledger.id}/trial-balance?from=2024-01&to=2025-06`)
      expect(trial.statusCode, trial.body).toBe(200)
      const totals = trial.json().totals
      expect(totals.debit, `trial balance of ledger ${ledger.id}`).toBe(totals.credit)
    }
  })
})
