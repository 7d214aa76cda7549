#!/usr/bin/env node
// Lints the OpenAPI document the app generates from its routes (built on in-memory PGlite: no
// database server, no network) with spectral:oas and redocly, both installed from npm. Zero
// errors and zero warnings pass; every rule turned off or finding waived says why in
// .spectral.yaml, redocly.yaml or .redocly.lint-ignore.yaml. Run by `npm test`; alone:
// node apps/api/scripts/lint-openapi.mjs
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const app = fileURLToPath(new URL('..', import.meta.url))
const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url))
const document = 'dist/openapi.json'
// Nothing leaves the machine: no telemetry, no update check.
const env = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  DO_NOT_TRACK: '1',
}

function run(label, command, args) {
  console.log(`\n▸ ${label}`)
  const result = spawnSync(command, args, { cwd: app, stdio: 'inherit', env })
  if (result.status !== 0) {
    console.error(`✖ ${label} failed`)
    process.exit(result.status ?? 1)
  }
}

mkdirSync(`${app}/dist`, { recursive: true })
run('generate the OpenAPI document', bin('tsx'), [
  '--conditions=@liancun/source',
  'scripts/dump-openapi.ts',
  document,
])
run('spectral lint (spectral:oas)', bin('spectral'), [
  'lint',
  '--ruleset',
  '.spectral.yaml',
  '--fail-severity',
  'warn',
  document,
])
run('redocly lint (recommended-strict)', bin('redocly'), ['lint', '--config', 'redocly.yaml', document])
