#!/usr/bin/env node
// `npm test`: install, build, lint, typecheck, unit tests, then the integration suites three
// times — on embedded PGlite, on a real PostgreSQL server this script starts (or DATABASE_URL),
// and on a Citus cluster (coordinator + 2 workers) it starts from the Citus build beside the
// project (or LIANCUN_TEST_CITUS_URL), where any statement touching several shards fails — and
// finally mutation testing of the rules (`npm run test:mutation`, TESTING.md).
import { ensureChromium } from './chromium.mjs'
import { findCitusBuild, startCitus } from './citus.mjs'
import { pnpm } from './pnpm.mjs'
import { findPostgresBin, startPostgres } from './postgres.mjs'

const results = []

function step(name, run) {
  const started = Date.now()
  console.log(`\n━━ ${name} ━━`)
  const status = run()
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  results.push({
    name,
    status: status === 0 ? 'passed' : status === 'skipped' ? 'skipped' : 'failed',
    seconds,
  })
  if (status !== 0 && status !== 'skipped') finish(1)
}

function finish(code) {
  console.log('\n━━ summary ━━')
  for (const r of results) console.log(`${r.status.padEnd(8)} ${r.name} (${r.seconds}s)`)
  process.exit(code)
}

const withoutPg = { ...process.env }
delete withoutPg.LIANCUN_TEST_PG_URL

step('install', () => pnpm(['install', '--frozen-lockfile'], { allowFailure: true }))
step('build', () =>
  pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], { allowFailure: true }),
)
step('lint', () => pnpm(['exec', 'biome', 'check', '.'], { allowFailure: true }))
step('OpenAPI lint (spectral:oas, redocly)', () =>
  pnpm(['exec', 'node', 'apps/api/scripts/lint-openapi.mjs'], { allowFailure: true }),
)
step('typecheck', () =>
  pnpm(['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only'], { allowFailure: true }),
)
step('unit tests', () =>
  pnpm(['exec', 'vitest', 'run', '--project', 'unit'], { allowFailure: true, env: withoutPg }),
)
step('Chromium and CJK fonts for the board tests', () => ensureChromium())
step('integration tests on PGlite', () =>
  pnpm(['exec', 'vitest', 'run', '--project', 'integration', '--passWithNoTests'], {
    allowFailure: true,
    env: withoutPg,
  }),
)

let server = null
let adminUrl = process.env.DATABASE_URL
if (!adminUrl) {
  const binDir = findPostgresBin()
  if (binDir) {
    server = await startPostgres(binDir)
    adminUrl = server.url
    process.on('exit', () => server?.stop())
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => {
        server?.stop()
        process.exit(130)
      })
    }
  } else {
    console.log('\nPostgreSQL binaries not found (initdb, pg_ctl): running the PGlite pass only.')
  }
}
if (adminUrl) {
  try {
    step(`integration tests on PostgreSQL${server ? ' (throwaway server)' : ' (DATABASE_URL)'}`, () =>
      pnpm(['exec', 'vitest', 'run', '--project', 'integration', '--passWithNoTests'], {
        allowFailure: true,
        env: { ...withoutPg, LIANCUN_TEST_PG_URL: adminUrl },
      }),
    )
  } finally {
    server?.stop()
    server = null
  }
} else {
  results.push({ name: 'integration tests on PostgreSQL', status: 'skipped', seconds: '0.0' })
}

let cluster = null
let citusUrl = process.env.LIANCUN_TEST_CITUS_URL
if (!citusUrl) {
  const build = findCitusBuild()
  if (build) {
    console.log(`\n━━ starting a Citus cluster from ${build} ━━`)
    cluster = await startCitus(build)
    citusUrl = cluster.url
    // A failed step exits the process at once: stop the cluster (and remove its copy) on the way.
    process.on('exit', () => cluster?.stop())
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => {
        cluster?.stop()
        process.exit(130)
      })
    }
  } else {
    console.log(
      '\nNo Citus build found (../shared/citus, LIANCUN_CITUS_DIR or LIANCUN_TEST_CITUS_URL): skipping the Citus pass.',
    )
  }
}
if (citusUrl) {
  try {
    step(
      `integration tests on Citus${cluster ? ' (throwaway 3-node cluster)' : ' (LIANCUN_TEST_CITUS_URL)'}`,
      () =>
        pnpm(['exec', 'vitest', 'run', '--project', 'integration', '--passWithNoTests'], {
          allowFailure: true,
          env: { ...withoutPg, LIANCUN_TEST_PG_URL: citusUrl },
        }),
    )
  } finally {
    cluster?.stop()
    cluster = null
  }
} else {
  results.push({ name: 'integration tests on Citus', status: 'skipped', seconds: '0.0' })
}
// Last, once everything else passed: Stryker over core and every package's rules (TESTING.md).
step('mutation testing', () => pnpm(['run', 'test:mutation'], { allowFailure: true, env: withoutPg }))
finish(0)
