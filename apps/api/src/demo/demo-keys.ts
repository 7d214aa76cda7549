import { readFileSync, writeFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { createApiKey, generateSecret, keyCounty, secretExists } from '../auth/api-keys.js'
import type { Role } from '../auth/scope.js'

/**
 * One demo key per role, named as the README's examples name them, each scoped where the demo's
 * examples work: 高青县 (370322) for the county's systems, 李孟德村 (370322104203) for its
 * bookkeeping; the fund manager is the county's, since the demo's 黑牛 source is held by the county.
 */
export const DEMO_KEYS: readonly { variable: string; role: Role; scope: string; name: string }[] = [
  { variable: 'ADMIN_KEY', role: 'admin', scope: '*', name: 'demo admin' },
  { variable: 'COUNTY_KEY', role: 'organizer', scope: '370322', name: 'demo 高青县委组织部' },
  { variable: 'CLERK_KEY', role: 'clerk', scope: '370322104203', name: 'demo 李孟德村 文书' },
  { variable: 'BOOKKEEPER_KEY', role: 'bookkeeper', scope: '370322104203', name: 'demo 李孟德村 报账员' },
  { variable: 'REVIEWER_KEY', role: 'reviewer', scope: '370322104203', name: 'demo 李孟德村 审核' },
  { variable: 'FUND_MANAGER_KEY', role: 'fund_manager', scope: '370322', name: 'demo 高青县 农业农村局' },
  { variable: 'AUDITOR_KEY', role: 'auditor', scope: '370322', name: 'demo 高青县 审计' },
]

/** The demo's shell variables: `NAME=value` pairs, keys first, then the ids the README uses. */
export type DemoEnvironment = Record<string, string>

/**
 * Reads the state file's `export NAME='value'` lines; a missing or unreadable file is an empty
 * state (the keys are minted again).
 */
function readState(file: string | undefined): DemoEnvironment {
  if (!file) return {}
  try {
    const state: DemoEnvironment = {}
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const match = /^export ([A-Z_]+)='([^']*)'$/.exec(line.trim())
      if (match) state[match[1]!] = match[2]!
    }
    return state
  } catch {
    return {}
  }
}

/** Shell lines a person can paste (or `source`) before running the README's examples. */
export function demoShellLines(environment: DemoEnvironment): string[] {
  return Object.entries(environment).map(([name, value]) => `export ${name}='${value}'`)
}

/**
 * Makes sure each demo key exists and returns the secrets. With a state file (a persistent
 * database), the secrets minted at the first start are kept there — the database holds only their
 * hashes — and reused while the database still knows them; without one, every start mints new keys.
 * Only demo mode does this: the file is plaintext and belongs to the person running the demo.
 */
export async function ensureDemoKeys(
  app: FastifyInstance,
  stateFile: string | undefined,
): Promise<DemoEnvironment> {
  const state = readState(stateFile)
  const keys: DemoEnvironment = {}
  for (const key of DEMO_KEYS) {
    const kept = state[key.variable]
    if (kept && (await secretExists(app.db, kept))) {
      keys[key.variable] = kept
      continue
    }
    const secret = generateSecret()
    await createApiKey(app.db, {
      name: key.name,
      role: key.role,
      scope: key.scope,
      countyCode: keyCounty(key.scope),
      createdBy: null,
      secret,
    })
    keys[key.variable] = secret
  }
  return keys
}

/** Writes the state file, readable by its owner only (it holds key secrets). */
export function writeDemoState(stateFile: string, environment: DemoEnvironment): void {
  writeFileSync(stateFile, `${demoShellLines(environment).join('\n')}\n`, { mode: 0o600 })
}
