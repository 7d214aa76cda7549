// Mutation testing of the rules (`npm run test:mutation`; TESTING.md says what it covers and how
// to read a survivor). Stryker changes one operator, condition or constant at a time in the files
// below and runs the unit tests that cover it; a mutant the tests still pass on is a wrong rule
// they would not notice.
//
// One run per package (scripts/mutation.mjs sets LIANCUN_MUTATION_PACKAGE): a package's mutants
// are judged by that package's own unit tests. Besides saying where a rule is stated, this keeps
// "static" mutants (module-level tables such as NATIONAL_RULES or the USCC weights, which need a
// fresh module graph and every related test) to one package's tests instead of the whole
// workspace's: a core static mutant would otherwise rerun nearly every unit test.
import { existsSync, readdirSync } from 'node:fs'

export const packagesWithRules = readdirSync('packages', { withFileTypes: true })
  .filter((d) => d.isDirectory() && (d.name === 'core' || existsSync(`packages/${d.name}/src/rules`)))
  .map((d) => d.name)
const only = process.env.LIANCUN_MUTATION_PACKAGE
const selected = only ? [only] : packagesWithRules

/** What is mutated: all of core's decisions, and every package's `src/rules/`. */
function mutateOf(name) {
  if (name !== 'core') return [`packages/${name}/src/rules/**/*.ts`]
  return [
    'packages/core/src/**/*.ts',
    // Not rules: database and I/O plumbing, and helpers that exist only for the tests. The
    // integration suites cover them; mutating them here would only count what no unit test runs.
    '!packages/core/src/index.ts',
    '!packages/core/src/testing.ts',
    '!packages/core/src/database.ts',
    '!packages/core/src/distribution.ts',
    '!packages/core/src/cross-county.ts',
    '!packages/core/src/statement-counter.ts',
    '!packages/core/src/statement-cache.ts',
    '!packages/core/src/error-catalogue-check.ts',
    '!packages/core/src/expect-domain-error.ts',
  ]
}

const run = only ?? 'all'

/** The mutation score under which the run fails. */
export const BREAK = 90

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // pnpm keeps the runner out of core's own node_modules, so Stryker's plugin scan misses it.
  // This file also contributes the `error-message-text` ignorer below (`strykerPlugins`).
  plugins: ['@stryker-mutator/vitest-runner', './stryker.config.mjs'],
  ignorers: ['error-message-text'],
  // The workspace's `unit` tests only (pure, no database) of the selected package: see
  // vitest.mutation.config.ts (not Stryker's `testFiles`, which loses static mutants, #6144).
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // Tests and their support files (`*.test-helper.ts`, e.g. collective's `refused`) are not rules:
  // a mutant in a helper only tests the tests.
  mutate: [
    ...selected.flatMap(mutateOf),
    '!packages/*/src/**/*.test.ts',
    '!packages/*/src/**/*.test-helper.ts',
  ],
  // scripts/mutation.mjs runs one package at a time and applies `break` to the overall score
  // (BREAK below); a direct `stryker run` over everything applies it here.
  thresholds: { high: 95, low: BREAK, break: only ? null : BREAK },
  // A re-run tests only what changed since the last run. The file is git-ignored (under .tmp/),
  // so CI, on a fresh clone, always does a full run: a committed result would let a change to a
  // test helper or fixture that Stryker does not track pass on stale verdicts, and a full run
  // fits CI's time easily.
  incremental: true,
  incrementalFile: `.tmp/mutation/${run}-incremental.json`,
  tempDirName: '.tmp/stryker',
  // Two cores, shared with whatever else runs.
  concurrency: 2,
  timeoutMS: 20_000,
  ignorePatterns: ['.tmp', '.liancun-data', '**/dist', '**/.turbo', 'coverage', 'reports'],
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `.tmp/mutation/${run}.html` },
  jsonReporter: { fileName: `.tmp/mutation/${run}.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
}

/**
 * The only exclusions, each with its reason (Stryker reports them as "ignored", with the reason):
 *
 * 1. An error's message is prose for a person reading a log or a 4xx body. Callers branch on the
 *    error's code, kind, field and context (DomainError says so), and those stay mutated and are
 *    asserted. So mutants inside the message argument — the second argument of
 *    `new XxxError(code, message, options)` or `notFound(code, message)`, the first argument of a
 *    local `invalid(message, field)` helper that throws such an error — and inside the
 *    `message` of a `{ rule, message }` problem or a zod issue, and the message argument of zod's
 *    `.refine(check, message)` and `.regex(pattern, message)`, are ignored, and only those: a
 *    condition or value computed outside the message is mutated as usual.
 * 2. The argument of a zod schema's `.meta({ description, example })` is OpenAPI documentation
 *    text, prose for a person as well; the schema's checks are mutated as usual.
 */
const REASON = 'error message text: prose for a person; code, kind, field and context are asserted instead'
const DOC_REASON = 'OpenAPI description/example of a schema: documentation prose, not a check'
const errorMessageText = {
  shouldIgnore(path) {
    if (path.listKey === 'arguments' && path.parentPath?.isCallExpression()) {
      const callee = path.parentPath.node.callee
      const method =
        callee.type === 'MemberExpression' && callee.property.type === 'Identifier'
          ? callee.property.name
          : ''
      if (method === 'meta') return DOC_REASON
      // zod's `.refine(check, message)` / `.regex(pattern, message)`: the message only.
      if ((method === 'refine' || method === 'regex') && path.key === 1) return REASON
    }
    // `{ rule, message }` problems that the caller turns into an error keep their text under `message`.
    if (path.key === 'value' && path.parentPath?.isObjectProperty()) {
      const key = path.parentPath.node.key
      if (key.type === 'Identifier' && key.name === 'message') return REASON
    }
    if (path.listKey !== 'arguments') return undefined
    // A local `invalid(message, field)` that throws the file's error (ledger rules/drafts.ts).
    if (path.key === 0 && path.parentPath?.isCallExpression()) {
      const callee = path.parentPath.node.callee
      if (callee.type === 'Identifier' && callee.name === 'invalid') return REASON
    }
    if (path.key !== 1) return undefined
    const call = path.parentPath?.node
    if (call?.type !== 'NewExpression' && call?.type !== 'CallExpression') return undefined
    const callee = call.callee
    const name = callee.type === 'Identifier' ? callee.name : undefined
    if (!name) return undefined
    if ((call.type === 'NewExpression' && /Error$/.test(name)) || name === 'notFound') {
      return REASON
    }
    return undefined
  },
}

// What Stryker's plugin loader reads from this module: { kind: 'Ignore', name, value }.
export const strykerPlugins = [{ kind: 'Ignore', name: 'error-message-text', value: errorMessageText }]
