#!/usr/bin/env node
// `npm run test:mutation`: Stryker over core and every package's src/rules/, one run per package
// (stryker.config.mjs says why), then the score per file and overall. Exits non-zero when the
// overall score is under the break threshold (BREAK, 90) or a run fails.
// Usage: node scripts/mutation.mjs [package…] [-- extra stryker arguments, e.g. --force]
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { BREAK, packagesWithRules } from '../stryker.config.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const dash = args.indexOf('--')
const chosen = (dash === -1 ? args : args.slice(0, dash)).filter(Boolean)
const extra = dash === -1 ? [] : args.slice(dash + 1)
const packages = chosen.length > 0 ? chosen : packagesWithRules
const stryker = fileURLToPath(new URL('../node_modules/.bin/stryker', import.meta.url))

const killedStates = new Set(['Killed', 'Timeout'])
const countedStates = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage'])
const rows = []
let failed = false
for (const name of packages) {
  const started = Date.now()
  console.log(`\n── mutation testing: ${name} ──`)
  const result = spawnSync(stryker, ['run', ...extra], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, LIANCUN_MUTATION_PACKAGE: name },
  })
  const seconds = Math.round((Date.now() - started) / 1000)
  if (result.status !== 0) failed = true
  const report = `${root}.tmp/mutation/${name}.json`
  if (!existsSync(report)) {
    rows.push({ file: `${name} (no report)`, killed: 0, counted: 0, ignored: 0, seconds })
    continue
  }
  for (const [file, { mutants }] of Object.entries(JSON.parse(readFileSync(report, 'utf8')).files)) {
    rows.push({
      file,
      killed: mutants.filter((m) => killedStates.has(m.status)).length,
      counted: mutants.filter((m) => countedStates.has(m.status)).length,
      ignored: mutants.filter((m) => m.status === 'Ignored').length,
      seconds,
    })
  }
}

const pct = (k, c) => (c === 0 ? 'n/a' : `${((100 * k) / c).toFixed(1)}%`)
console.log('\n── mutation score per file (killed / tested, ignored = error message or doc text) ──')
for (const r of rows.sort((a, b) => a.file.localeCompare(b.file))) {
  console.log(
    `${pct(r.killed, r.counted).padStart(7)}  ${`${r.killed}/${r.counted}`.padStart(9)}  ${String(r.ignored).padStart(3)} ignored  ${r.file}`,
  )
}
const killed = rows.reduce((s, r) => s + r.killed, 0)
const counted = rows.reduce((s, r) => s + r.counted, 0)
const score = counted === 0 ? 100 : (100 * killed) / counted
console.log(
  `\nmutation score: ${pct(killed, counted)} (${killed} of ${counted} mutants killed; break at ${BREAK}%)`,
)
if (score < BREAK) console.log(`mutation score ${score.toFixed(2)}% is under ${BREAK}%`)
process.exit(failed || score < BREAK ? 1 : 0)
