#!/usr/bin/env node
// Runs the pnpm version pinned in package.json's `packageManager`, fetched with npx, so a
// machine with only Node.js and npm can drive the workspace. Usage: node scripts/pnpm.mjs <args>
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

export function pinnedPnpm() {
  const { packageManager } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  const match = /^pnpm@(\d+\.\d+\.\d+)$/.exec(packageManager ?? '')
  if (!match) throw new Error(`package.json packageManager must be pnpm@x.y.z, got ${packageManager}`)
  return match[1]
}

/** Runs pnpm with the given arguments in the repository root; exits the process on failure. */
export function pnpm(args, options = {}) {
  const result = spawnSync('npx', ['--yes', `pnpm@${pinnedPnpm()}`, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', ...options.env },
  })
  if (result.status !== 0 && !options.allowFailure) process.exit(result.status ?? 1)
  return result.status ?? 1
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  pnpm(process.argv.slice(2))
}
