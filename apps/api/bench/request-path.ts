// Timings and rates only (milliseconds, operations per second): no money passes through toFixed here.
/**
 * Request-path benchmark (issue 9): the real server over HTTP (`app.listen`, clients with
 * `fetch` in a worker thread of their own, `http-load-thread.ts`) against a physical baseline in the same run on the same PostgreSQL database (plain
 * node-postgres, pool of 8), and the same API on PGlite. Sides alternate A B C A B C A B C after
 * a warm-up; medians of the rounds are reported. Ratios, not absolute numbers, are what this
 * measures (2-core box shared with other work; reference/performance.md §5.2). Not a test.
 *
 *   npm run bench -- request-path                       (root: starts a throwaway PostgreSQL)
 *   LIANCUN_BENCH_PG_URL=postgres://postgres@127.0.0.1:55432/postgres \
 *     pnpm --filter @liancun/api exec tsx --conditions=@liancun/source bench/request-path.ts
 *
 * A database of its own is created on that server and dropped at the end. Sizes:
 * BENCH_VOUCHERS (200 per side per round), BENCH_READS (300), BENCH_TB_VOUCHERS (250 = 1,000
 * lines), BENCH_IMPORT_VOUCHERS (1000 per import call, 2 calls per side per round),
 * BENCH_COUNTY_LEDGERS (300) × BENCH_COUNTY_VOUCHERS (300 each) for the county trial balance,
 * BENCH_ROUNDS (3). BENCH_SKIP_PGLITE=1 leaves PGlite out.
 */
import { cpus, loadavg } from 'node:os'
import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import { HttpLoad } from './http-load.js'
import type { LoadTask } from './http-load-thread.js'
import { closedLoop, fmt, openLoop, type Run, rotate, summary } from './measure.js'
import { seedCounty } from './request-path-county.js'
import {
  rawAlliance,
  rawCountyTrialBalance,
  rawDraftAndPost,
  rawGetVoucher,
  rawImport,
  rawPool,
  rawTrialBalance,
  rawVoucherPage,
} from './request-path-raw.js'
import { printReport, type Sides } from './request-path-report.js'
import { type Bench, fillLedger, importedBody, startBench, TODAY } from './request-path-setup.js'

const env = process.env
const CLIENTS = 8
const VOUCHERS = Number(env.BENCH_VOUCHERS ?? 200)
const READS = Number(env.BENCH_READS ?? 300)
const TB_VOUCHERS = Number(env.BENCH_TB_VOUCHERS ?? 250)
const TB_CALLS = 40
const IMPORT_VOUCHERS = Number(env.BENCH_IMPORT_VOUCHERS ?? 1000)
const IMPORT_CALLS = 2
const COUNTY_LEDGERS = Number(env.BENCH_COUNTY_LEDGERS ?? 300)
const COUNTY_VOUCHERS = Number(env.BENCH_COUNTY_VOUCHERS ?? 300)
const OTHER_COUNTY = '370323'
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3)
const WITH_PGLITE = !env.BENCH_SKIP_PGLITE
const adminUrl =
  env.LIANCUN_BENCH_PG_URL ?? env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:55432/postgres'

const log = (...args: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...args)
const loadBefore = loadavg()
log(`load average ${loadBefore.map((x) => fmt(x)).join(' ')}, ${cpus().length} cores`)

const database = await createEmptyPostgresDatabase(adminUrl)
const benches: Bench[] = []
// The API's HTTP clients run in a worker thread (the server's event loop serves only); the raw
// baseline's node-postgres client runs here, as a client library does.
const load = new HttpLoad()
const pool = rawPool(database.url)
try {
  // Ledgers 0–7: the API's clients; 8–15: the raw baseline's; 16: the trial balance's; 17 and
  // 18: the API's and the raw baseline's imports.
  const villages = 2 * CLIENTS + 3
  const pgApi = await startBench(database.url, villages)
  benches.push(pgApi)
  log('PostgreSQL app ready')
  const lite = WITH_PGLITE ? await startBench(undefined, villages) : null
  if (lite) benches.push(lite)
  log(lite ? 'PGlite app ready' : 'PGlite skipped')

  let salt = 0
  const posted = new Map<Bench, { ledger: string; id: string }[]>(benches.map((b) => [b, []]))
  const draftPostTask = (b: Bench, ledgerBy: 'client' | 'index'): LoadTask => ({
    type: 'draftPost',
    base: b.api.base,
    bookkeeper: b.bookkeeper,
    reviewer: b.reviewer,
    ledgers: b.ledgers.slice(0, CLIENTS),
    salt: `s${salt++}`,
    ledgerBy,
  })
  const apiDraftPost = async (b: Bench, n: number) => {
    const { run, posted: ids } = await load.closed(n, CLIENTS, draftPostTask(b, 'client'))
    posted.get(b)!.push(...ids)
    return run
  }
  const rawDraftPost = (n: number) => {
    const s = `raw${salt++}`
    return closedLoop(n, CLIENTS, (i, client) =>
      rawDraftAndPost(pool, pgApi.ledgers[CLIENTS + client]!, i, s),
    )
  }
  /** A side per engine for the API, plus the raw baseline; PGlite only when it runs. */
  function sides(api: (b: Bench) => Promise<Run>, raw: () => Promise<Run>) {
    return {
      api: () => api(pgApi),
      raw,
      ...(lite ? { pglite: () => api(lite) } : {}),
    } as Record<'api' | 'raw' | 'pglite', () => Promise<Run>>
  }

  // 1a. Draft + post, closed loop, 8 clients.
  log(`1. draft + post: ${VOUCHERS} vouchers per side per round, ${CLIENTS} clients`)
  const write = await rotate(
    ROUNDS,
    sides(
      (b) => apiDraftPost(b, VOUCHERS),
      () => rawDraftPost(VOUCHERS),
    ),
    sides(
      (b) => apiDraftPost(b, 40),
      () => rawDraftPost(40),
    ),
  )
  const writeApi = summary(write.api)
  const writeRaw = summary(write.raw)

  // 1b. Latency at half the API's maximum rate, both sides offered the same rate.
  const rate = writeApi.rate / 2
  const n = Math.max(150, Math.min(400, Math.round(rate * 5)))
  log(`1b. open loop at ${fmt(rate, 1)} vouchers/s, ${n} vouchers per side per round`)
  const latency = await rotate(ROUNDS, {
    api: async () => (await load.open(n, rate, draftPostTask(pgApi, 'index'))).run,
    raw: () => {
      const s = `rl${salt++}`
      return openLoop(n, rate, (i) => rawDraftAndPost(pool, pgApi.ledgers[CLIENTS + (i % CLIENTS)]!, i, s))
    },
  })
  const latApi = summary(latency.api)
  const latRaw = summary(latency.raw)

  // 2. Reads, closed loop, 8 clients, over the vouchers posted above.
  const sample = (b: Bench, i: number) => {
    const list = posted.get(b)!
    return list[(i * 7919) % list.length]!
  }
  /** The API side of a read: the paths of its calls (built here), called from the load thread. */
  const getTask = (
    b: Bench,
    calls: number,
    path: (b: Bench, i: number) => string,
    expect?: { items?: boolean; lines?: number },
    key = b.bookkeeper,
  ): LoadTask => ({
    type: 'get',
    base: b.api.base,
    key,
    paths: Array.from({ length: calls }, (_, i) => path(b, i)),
    ...(expect ? { expect } : {}),
  })
  const readCases: {
    name: string
    floor?: boolean
    share?: number
    path: (b: Bench, i: number) => string
    expect?: { items?: boolean; lines?: number }
    raw: (i: number) => Promise<unknown>
  }[] = [
    {
      // Not a target: the fixed cost of a request (Fastify, its hooks, HTTP) without the database,
      // against the smallest round trip to it.
      name: 'GET /healthz (no database) vs `select 1` — the HTTP floor',
      floor: true,
      path: () => '/healthz',
      raw: () => pool.query('select 1'),
    },
    {
      name: 'GET /v1/ledgers/{id}/vouchers/{vid} (4 lines)',
      path: (b, i) => {
        const { ledger, id } = sample(b, i)
        return `/v1/ledgers/${ledger}/vouchers/${id}`
      },
      expect: { lines: 4 },
      raw: async (i: number) => {
        const { ledger, id } = sample(pgApi, i)
        const result = await rawGetVoucher(pool, ledger, id)
        if (result.rows[0]?.lines?.length !== 4) throw new Error(`raw voucher ${id}: ${result.rowCount} rows`)
      },
    },
    {
      name: 'GET /v1/ledgers/{id}/vouchers?limit=50&from=2024-02&to=2024-05 (page of 50)',
      // Fifty vouchers a call: a fifth of the calls keeps the run short.
      share: 5,
      path: (b, i) => `/v1/ledgers/${b.ledgers[i % CLIENTS]}/vouchers?limit=50&from=2024-02&to=2024-05`,
      expect: { items: true },
      raw: async (i: number) => {
        const result = await rawVoucherPage(pool, pgApi.ledgers[i % CLIENTS]!, '2024-02', '2024-05')
        if (!result.rowCount) throw new Error('empty raw page')
      },
    },
    {
      name: 'GET /v1/alliances/{id} (4 members, 1 post)',
      path: (b) => `/v1/alliances/${b.alliance}?asOf=${TODAY}`,
      raw: async () => {
        const result = await rawAlliance(pool, pgApi.alliance, TODAY)
        if (result.rows[0]?.members?.length !== 4) throw new Error('raw alliance')
      },
    },
  ]
  const reads: { name: string; calls: number; floor?: boolean; runs: Sides }[] = []
  for (const c of readCases) {
    const calls = Math.ceil(READS / (c.share ?? 1))
    log(`2. ${c.name}: ${calls} calls per side per round`)
    const apiRead = async (b: Bench, n: number) =>
      (await load.closed(n, CLIENTS, getTask(b, n, c.path, c.expect))).run
    const runs = await rotate(
      ROUNDS,
      sides(
        (b) => apiRead(b, calls),
        () => closedLoop(calls, CLIENTS, (i) => c.raw(i)),
      ),
      sides(
        (b) => apiRead(b, 50),
        () => closedLoop(50, CLIENTS, (i) => c.raw(i)),
      ),
    )
    reads.push({ name: c.name, calls, ...(c.floor ? { floor: true } : {}), runs })
  }

  // 3. Trial balance of a village ledger of TB_VOUCHERS four-line vouchers, one caller.
  log(`3. trial balance over ${TB_VOUCHERS * 4} lines`)
  const tbLedger = (b: Bench) => b.ledgers[2 * CLIENTS]!
  for (const b of benches) await fillLedger(b, tbLedger(b), TB_VOUCHERS, `tb${salt++}`)
  const tbPath = (b: Bench) => `/v1/ledgers/${tbLedger(b)}/trial-balance?from=2024-01&to=2024-06`
  const apiTb = (b: Bench) => b.api.call('GET', tbPath(b), { key: b.reviewer })
  const tb = await rotate(
    ROUNDS,
    sides(
      async (b) => (await load.closed(TB_CALLS, 1, getTask(b, TB_CALLS, tbPath, undefined, b.reviewer))).run,
      () => closedLoop(TB_CALLS, 1, () => rawTrialBalance(pool, tbLedger(pgApi))),
    ),
    sides(
      async (b) => (await load.closed(5, 1, getTask(b, 5, tbPath, undefined, b.reviewer))).run,
      () => closedLoop(5, 1, () => rawTrialBalance(pool, tbLedger(pgApi))),
    ),
  )
  // Correctness gate: the API's period movements equal the raw sums, to the fen.
  const fen = (money: string) => BigInt(money.replace('.', ''))
  const apiRows = (await apiTb(pgApi)).rows as { code: string; debit: string; credit: string }[]
  const rawRows = (await rawTrialBalance(pool, tbLedger(pgApi))).rows
  const tbMismatch = rawRows.filter((r) => {
    const row = apiRows.find((a) => a.code === r.account_code)
    return !row || fen(row.debit) !== BigInt(r.debit) || fen(row.credit) !== BigInt(r.credit)
  })
  if (tbMismatch.length)
    throw new Error(`trial balance differs from the raw sums: ${JSON.stringify(tbMismatch)}`)

  // 5a. Import (history from another system, written posted), one caller, IMPORT_VOUCHERS per call.
  log(`5. import: ${IMPORT_CALLS} calls of ${IMPORT_VOUCHERS} four-line vouchers per side per round`)
  const importCall = (b: Bench, n: number) => {
    const s = `imp${salt++}`
    const vouchers = Array.from({ length: n }, (_, i) => importedBody(i, s))
    return async () => {
      const result = await b.api.call('POST', `/v1/ledgers/${b.ledgers[2 * CLIENTS + 1]}/vouchers:import`, {
        key: b.reviewer,
        expect: 201,
        body: { vouchers },
      })
      if (result.imported !== n) throw new Error(`imported ${result.imported} of ${n}`)
    }
  }
  const rawImportCall = (n: number) => {
    const s = `rimp${salt++}`
    const vouchers = Array.from({ length: n }, (_, i) => importedBody(i, s))
    return () => rawImport(pool, pgApi.ledgers[2 * CLIENTS + 2]!, vouchers)
  }
  /** IMPORT_CALLS calls in a row; the rate counts vouchers. Bodies are built before the clock starts. */
  const importRun = async (calls: (() => Promise<unknown>)[], n: number): Promise<Run> => {
    const run = await closedLoop(calls.length, 1, (i) => calls[i]!())
    return { ...run, rate: run.rate * n, cpu: run.cpu / n }
  }
  const imports = await rotate(
    ROUNDS,
    {
      api: () =>
        importRun(
          Array.from({ length: IMPORT_CALLS }, () => importCall(pgApi, IMPORT_VOUCHERS)),
          IMPORT_VOUCHERS,
        ),
      raw: () =>
        importRun(
          Array.from({ length: IMPORT_CALLS }, () => rawImportCall(IMPORT_VOUCHERS)),
          IMPORT_VOUCHERS,
        ),
    },
    { api: () => importCall(pgApi, 100)(), raw: () => rawImportCall(100)() },
  )

  // 5b. County-scope trial balance (maintained balances) against a naive GROUP BY over every line
  // of the county, one caller.
  log(`5b. county trial balance: seeding ${COUNTY_LEDGERS} ledgers × ${COUNTY_VOUCHERS} vouchers`)
  const county = await seedCounty(pgApi, OTHER_COUNTY, COUNTY_LEDGERS, COUNTY_VOUCHERS)
  // Fresh statistics for both sides, as autovacuum would have them in steady state: right after
  // loading, the planner still takes the ledgers table for a handful of rows.
  await pool.query('analyze')
  const countyUrl = `/v1/books/trial-balance?within=${OTHER_COUNTY}&from=2024-01&to=2024-06`
  const apiCounty = () => pgApi.api.call('GET', countyUrl, { key: county.reviewer })
  const countyTb = await rotate(
    ROUNDS,
    {
      api: async () =>
        (
          await load.closed(
            10,
            1,
            getTask(pgApi, 10, () => countyUrl, undefined, county.reviewer),
          )
        ).run,
      raw: () => closedLoop(10, 1, () => rawCountyTrialBalance(pool, OTHER_COUNTY)),
    },
    { api: apiCounty, raw: () => rawCountyTrialBalance(pool, OTHER_COUNTY) },
  )
  const countyApi = await apiCounty()
  if (countyApi.ledgers !== COUNTY_LEDGERS) throw new Error(`county report over ${countyApi.ledgers} ledgers`)
  const countyRaw = (await rawCountyTrialBalance(pool, OTHER_COUNTY)).rows
  const countyMismatch = countyRaw.filter((r) => {
    const row = (countyApi.rows as { code: string; debit: string; credit: string }[]).find(
      (a) => a.code === r.account_code,
    )
    return !row || fen(row.debit) !== BigInt(r.debit) || fen(row.credit) !== BigInt(r.credit)
  })
  if (countyMismatch.length)
    throw new Error(`county trial balance differs: ${JSON.stringify(countyMismatch)}`)

  printReport({
    loadBefore,
    ROUNDS,
    CLIENTS,
    VOUCHERS,
    write,
    writeApi,
    writeRaw,
    rate,
    n,
    latApi,
    latRaw,
    latency,
    reads,
    tb,
    TB_VOUCHERS,
    imports,
    IMPORT_CALLS,
    IMPORT_VOUCHERS,
    countyTb,
    COUNTY_LEDGERS,
    COUNTY_VOUCHERS,
    rawRows,
    countyRaw,
    lite: lite !== null,
  })
} finally {
  await load.close()
  for (const b of benches) await b.close().catch(() => {})
  await pool.end().catch(() => {})
  await database.drop().catch((error) => log('drop failed', error))
  log('done')
}
