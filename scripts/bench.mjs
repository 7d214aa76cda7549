#!/usr/bin/env node
// `npm run bench`: builds nothing, starts a throwaway PostgreSQL (or uses DATABASE_URL) and runs
// the benchmarks (ledger, funds, request-path) through tsx on the TypeScript sources. Prints tables for
// BENCHMARKS.md.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
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
    'request-path': ['apps/api', 'bench/request-path.ts'],
  }
  for (const [name, [folder, script]] of Object.entries(benches)) {
    if (only && only !== name) continue
    const result = spawnSync('npx', ['tsx', '--conditions=@liancun/source', script], {
      cwd: fileURLToPath(new URL(`../${folder}`, import.meta.url)),
      stdio: 'inherit',
      env: { ...process.env, LIANCUN_BENCH_PG_URL: url },
    })
    status ||= result.status ?? 1
  }
  process.exitCode = status
} finally {
  server?.stop()
}
