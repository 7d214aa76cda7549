#!/usr/bin/env node
// `npm run bench`: builds nothing, starts a throwaway PostgreSQL (or uses DATABASE_URL) and runs
// the benchmarks (ledger, funds, collective, request-path) through tsx on the TypeScript sources. Prints tables for
// BENCHMARKS.md.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { findCitusBuild, startCitus } from './citus.mjs'
import { pnpm } from './pnpm.mjs'
import { findPostgresBin, startPostgres } from './postgres.mjs'

pnpm(['install', '--frozen-lockfile'])
let server = null
let url = process.env.DATABASE_URL
if (!url) {
  const bin = findPostgresBin()
  if (!bin) {
    console.error(
      'PostgreSQL binaries not found and DATABASE_URL not set: the benchmark needs a real server.',
    )
    process.exit(1)
  }
  server = await startPostgres(bin)
  url = server.url
}
try {
  // `npm run bench` runs every package benchmark; `npm run bench -- funds` one of them.
  const only = process.argv[2]
  let status = 0
  // name → [folder, script]; request-path is the API over HTTP against raw SQL (issue 9).
  const benches = {
    ledger: ['packages/ledger', 'bench/ledger-bench.ts'],
    funds: ['packages/funds', 'bench/funds-bench.ts'],
    // A county's 三资 registers: a payout and the share register as of a day ÷ raw SQL (issue 13).
    collective: ['packages/collective', 'bench/collective-bench.ts'],
    'request-path': ['apps/api', 'bench/request-path.ts'],
    // The same API on a throwaway 3-node Citus cluster ÷ plain PostgreSQL (issue 10); needs the
    // Citus build beside the project, or LIANCUN_BENCH_CITUS_URL. Run it alone: `-- citus`.
    citus: ['apps/api', 'bench/citus-overhead.ts'],
  }
  let cluster = null
  for (const [name, [folder, script]] of Object.entries(benches)) {
    if (only ? only !== name : name === 'citus') continue
    let citusUrl = process.env.LIANCUN_BENCH_CITUS_URL
    if (name === 'citus' && !citusUrl) {
      const build = findCitusBuild()
      if (!build) {
        console.error(
          'No Citus build found (../shared/citus or LIANCUN_CITUS_DIR) and LIANCUN_BENCH_CITUS_URL not set.',
        )
        status = 1
        continue
      }
      cluster = await startCitus(build)
      citusUrl = cluster.url
    }
    const result = spawnSync('npx', ['tsx', '--conditions=@liancun/source', script], {
      cwd: fileURLToPath(new URL(`../${folder}`, import.meta.url)),
      stdio: 'inherit',
      env: {
        ...process.env,
        LIANCUN_BENCH_PG_URL: url,
        ...(citusUrl ? { LIANCUN_BENCH_CITUS_URL: citusUrl } : {}),
      },
    })
    status ||= result.status ?? 1
    cluster?.stop()
    cluster = null
  }
  process.exitCode = status
} finally {
  server?.stop()
}
