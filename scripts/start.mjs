#!/usr/bin/env node
// `npm start`: install, build the API and what it needs, then serve the demo on embedded PGlite.
// The database persists in `.liancun-data/` (git-ignored) unless `npm start -- --memory`; the demo
// loads only into an empty database, and its keys are kept beside it so they survive a restart.
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { pnpm } from './pnpm.mjs'

const args = new Set(process.argv.slice(2))
if (args.has('--help')) {
  console.log(`npm start [-- --memory]

  Builds the packages and the API, then serves the 淄博 demo on embedded PGlite.
  Data persists in .liancun-data/ (delete the folder to start again from the demo).
  --memory   keep everything in memory: the data and the keys are gone when the server stops.
  DATABASE_URL=postgres://…  serve from PostgreSQL instead (the demo loads into an empty database).`)
  process.exit(0)
}
const memory = args.has('--memory')
const root = fileURLToPath(new URL('..', import.meta.url))
const dataRoot = `${root}.liancun-data`

const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`
console.log('[1/3] installing dependencies (pnpm, from the lockfile)…')
pnpm(['install', '--frozen-lockfile', '--reporter=append-only'])
console.log(
  `[2/3] building the packages and the API (${elapsed()} so far; the first build takes a minute or two, later ones come from the cache)…`,
)
// One line per package as turbo builds or restores it, so the first build is not silent.
pnpm(['exec', 'turbo', 'run', 'build', '--filter=@liancun/api...', '--output-logs=hash-only'])

const env = { LIANCUN_DEMO: '1', ...process.env }
if (!memory && !process.env.DATABASE_URL && !process.env.LIANCUN_DATA_DIR) {
  mkdirSync(dataRoot, { recursive: true })
  env.LIANCUN_DATA_DIR = `${dataRoot}/pglite`
}
if (!memory && !process.env.LIANCUN_DEMO_STATE) {
  mkdirSync(dataRoot, { recursive: true })
  env.LIANCUN_DEMO_STATE = `${dataRoot}/demo.env`
}
console.log(
  `[3/3] starting the API (${elapsed()} so far) on ${
    env.DATABASE_URL
      ? 'PostgreSQL'
      : env.LIANCUN_DATA_DIR
        ? `PGlite in ${env.LIANCUN_DATA_DIR}`
        : 'PGlite in memory'
  }; loading the demo into an empty database takes a few seconds…`,
)

const server = spawn(process.execPath, ['dist/server.js'], {
  cwd: fileURLToPath(new URL('../apps/api', import.meta.url)),
  stdio: 'inherit',
  env,
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
