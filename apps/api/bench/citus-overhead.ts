// Timings, rates and byte counts only: no money passes through toFixed here.
/**
 * Citus overhead benchmark (issue 10): the same API over HTTP on a 3-node Citus cluster
 * (coordinator + 2 workers, all on this machine) and on one plain PostgreSQL, alternated A B A B
 * A B after a warm-up, medians of the rounds. On one box this measures what distribution costs a
 * request (planning on the coordinator, a hop to the worker), not what it gains at scale. It also
 * prints the per-county sizes that the national estimate in BENCHMARKS.md is scaled from.
 *
 *   npm run bench -- citus                 (root: starts a throwaway PostgreSQL and Citus cluster)
 *   LIANCUN_BENCH_PG_URL=… LIANCUN_BENCH_CITUS_URL=… \
 *     pnpm --filter @liancun/api exec tsx --conditions=@liancun/source bench/citus-overhead.ts
 *
 * Sizes: BENCH_VOUCHERS (200 per side per round, 8 clients), BENCH_COUNTY_LEDGERS (100) ×
 * BENCH_COUNTY_VOUCHERS (200) for the county trial balance, BENCH_ROUNDS (3).
 */
import { cpus, loadavg } from 'node:os'
import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import pg from 'pg'
import { closedLoop, fmt, rotate, summary } from './measure.js'
import { seedCounty } from './request-path-county.js'
import { type Bench, draftAndPost, startBench } from './request-path-setup.js'

const env = process.env
const CLIENTS = 8
const VOUCHERS = Number(env.BENCH_VOUCHERS ?? 200)
const COUNTY_LEDGERS = Number(env.BENCH_COUNTY_LEDGERS ?? 100)
const COUNTY_VOUCHERS = Number(env.BENCH_COUNTY_VOUCHERS ?? 200)
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3)
const OTHER_COUNTY = '370323'
const pgUrl = env.LIANCUN_BENCH_PG_URL
const citusUrl = env.LIANCUN_BENCH_CITUS_URL
if (!pgUrl || !citusUrl) throw new Error('set LIANCUN_BENCH_PG_URL and LIANCUN_BENCH_CITUS_URL (admin URLs)')

const log = (...args: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...args)
log(
  `load average ${loadavg()
    .map((x) => fmt(x))
    .join(' ')}, ${cpus().length} cores`,
)

const databases = {
  pg: await createEmptyPostgresDatabase(pgUrl),
  citus: await createEmptyPostgresDatabase(citusUrl),
}
const benches: Bench[] = []
try {
  const side = {
    pg: await startBench(databases.pg.url, CLIENTS),
    citus: await startBench(databases.citus.url, CLIENTS),
  }
  benches.push(side.pg, side.citus)
  log('apps ready on PostgreSQL and Citus')

  let salt = 0
  const write = (b: Bench, n: number) => {
    const s = `s${salt++}`
    return closedLoop(n, CLIENTS, (i, client) => draftAndPost(b, b.ledgers[client]!, i, s))
  }
  log(`1. draft + post: ${VOUCHERS} per side per round, ${CLIENTS} clients`)
  const posting = await rotate(
    ROUNDS,
    { pg: () => write(side.pg, VOUCHERS), citus: () => write(side.citus, VOUCHERS) },
    { pg: () => write(side.pg, 40), citus: () => write(side.citus, 40) },
  )

  log(`2. county trial balance: seeding ${COUNTY_LEDGERS} ledgers × ${COUNTY_VOUCHERS} vouchers on each`)
  const seeded = {
    pg: await seedCounty(side.pg, OTHER_COUNTY, COUNTY_LEDGERS, COUNTY_VOUCHERS),
    citus: await seedCounty(side.citus, OTHER_COUNTY, COUNTY_LEDGERS, COUNTY_VOUCHERS),
  }
  const sizes = await countySizes(databases.pg.url)
  for (const url of [databases.pg.url, databases.citus.url]) await analyze(url)
  const url = `/v1/books/trial-balance?within=${OTHER_COUNTY}&from=2024-01&to=2024-06`
  const report = (b: Bench, key: string) => () => closedLoop(10, 1, () => b.api.call('GET', url, { key }))
  const books = await rotate(ROUNDS, {
    pg: report(side.pg, seeded.pg.reviewer),
    citus: report(side.citus, seeded.citus.reviewer),
  })
  const [a, b] = await Promise.all([
    side.pg.api.call('GET', url, { key: seeded.pg.reviewer }),
    side.citus.api.call('GET', url, { key: seeded.citus.reviewer }),
  ])
  if (JSON.stringify(a.rows) !== JSON.stringify(b.rows)) throw new Error('the two trial balances differ')

  const w = { pg: summary(posting.pg), citus: summary(posting.citus) }
  const r = { pg: summary(books.pg), citus: summary(books.citus) }
  console.log(`
| workload (${ROUNDS} rounds, medians) | PostgreSQL | Citus (3 nodes, one box) | Citus ÷ PostgreSQL |
|---|---:|---:|---:|
| draft + post, ${CLIENTS} clients: vouchers/s | ${fmt(w.pg.rate, 1)} | ${fmt(w.citus.rate, 1)} | **${fmt(w.citus.rate / w.pg.rate)}** |
| draft + post: p50 / p99 ms | ${fmt(w.pg.p50, 1)} / ${fmt(w.pg.p99, 1)} | ${fmt(w.citus.p50, 1)} / ${fmt(w.citus.p99, 1)} | |
| county trial balance (${COUNTY_LEDGERS} ledgers, ${COUNTY_LEDGERS * COUNTY_VOUCHERS} vouchers): calls/s | ${fmt(r.pg.rate, 1)} | ${fmt(r.citus.rate, 1)} | **${fmt(r.citus.rate / r.pg.rate)}** |
| county trial balance: p50 ms | ${fmt(r.pg.p50, 1)} | ${fmt(r.citus.p50, 1)} | |

Per-county sizes on PostgreSQL after seeding (${COUNTY_LEDGERS} ledgers × ${COUNTY_VOUCHERS} four-line vouchers, plus the ${CLIENTS}-ledger county of part 1):
| table | rows | bytes (heap + indexes) | bytes per row |
|---|---:|---:|---:|
${sizes.map((s) => `| ${s.name} | ${s.rows} | ${s.bytes} | ${s.rows > 0 ? Math.round(s.bytes / s.rows) : '—'} |`).join('\n')}
`)
} finally {
  for (const bench of benches) await bench.close()
  await databases.pg.drop()
  await databases.citus.drop()
}

async function analyze(url: string) {
  const client = new pg.Client({ connectionString: url, options: '-c citus.multi_task_query_log_level=off' })
  await client.connect()
  await client.query('analyze')
  await client.end()
}

async function countySizes(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query('analyze')
  const { rows } = await client.query<{ name: string; rows: string; bytes: string }>(
    `select format('%I.%I', n.nspname, c.relname) as name, c.reltuples::bigint::text as rows,
            pg_total_relation_size(c.oid)::text as bytes
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname = 'ledger' and c.relname in ('vouchers', 'voucher_lines', 'balances', 'ledgers')
      order by 1`,
  )
  await client.end()
  return rows.map((row) => ({ name: row.name, rows: Number(row.rows), bytes: Number(row.bytes) }))
}
