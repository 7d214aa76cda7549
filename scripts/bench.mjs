#!/usr/bin/env node
// `npm run bench`: builds nothing, starts a throwaway PostgreSQL (or uses DATABASE_URL) and runs
// the ledger benchmark through tsx on the TypeScript sources. Prints a table for BENCHMARKS.md.
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
  const result = spawnSync('npx', ['tsx', '--conditions=@liancun/source', 'bench/ledger-bench.ts'], {
    cwd: fileURLToPath(new URL('../packages/ledger', import.meta.url)),
    stdio: 'inherit',
    env: { ...process.env, LIANCUN_BENCH_PG_URL: url },
  })
  process.exitCode = result.status ?? 1
} finally {
  server?.stop()
}
