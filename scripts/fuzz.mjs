#!/usr/bin/env node
// `node scripts/fuzz.mjs`: the long run of apps/api/test/fuzz.test.ts, which calls every OpenAPI
// operation with values derived from its schemas mixed with hostile ones and fails on any 5xx,
// on a 4xx that is not a problem with a code, or on a 400 without errors[].field.
//
//   LIANCUN_FUZZ_RUNS=300   runs per operation (default here 200; the test suite uses 12)
//   LIANCUN_FUZZ_SEED=123   base seed (default here: random, printed; the suite's is fixed)
//   LIANCUN_FUZZ_STATS=1    print the statuses each operation answered (default here 1)
//   LIANCUN_TEST_PG_URL=postgres://…   fuzz on PostgreSQL instead of PGlite
//
// A failure prints the operation, its seed and the request; rerun with the same
// LIANCUN_FUZZ_SEED and LIANCUN_FUZZ_RUNS to reproduce it.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
// Read once here (turbo never runs this script, so they are no task inputs of its).
const { LIANCUN_FUZZ_SEED, LIANCUN_FUZZ_RUNS, LIANCUN_FUZZ_STATS } = process.env
const seed = LIANCUN_FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31))
const runs = LIANCUN_FUZZ_RUNS ?? '200'
console.log(`fuzz: LIANCUN_FUZZ_SEED=${seed} LIANCUN_FUZZ_RUNS=${runs}`)

const result = spawnSync(
  process.execPath,
  [
    'scripts/pnpm.mjs',
    'exec',
    'vitest',
    'run',
    '--project',
    'integration',
    // The fuzz test sizes its own timeout by the run count; the invariant checks after it may
    // read many more vouchers than in the suite.
    '--testTimeout=0',
    'apps/api/test/fuzz.test.ts',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      LIANCUN_FUZZ_SEED: seed,
      LIANCUN_FUZZ_RUNS: runs,
      LIANCUN_FUZZ_STATS: LIANCUN_FUZZ_STATS ?? '1',
    },
  },
)
process.exitCode = result.status ?? 1
