import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

// The vitest config Stryker runs (stryker.config.mjs): the workspace's `unit` project only — pure
// tests, no database — of the package under test (LIANCUN_MUTATION_PACKAGE, set by
// scripts/mutation.mjs), so a package's mutants are judged by its own tests. Narrowing here rather
// than with Stryker's `testFiles` option: with `testFiles`, Stryker 9.6 activates module-level
// ("static") mutants after the module has loaded and reports them as survived (stryker-js #6144).
const only = process.env.LIANCUN_MUTATION_PACKAGE

export default defineConfig({
  resolve: base.resolve,
  test: {
    name: 'unit',
    include: [`packages/${only ?? '*'}/src/**/*.test.ts`],
    testTimeout: 60_000,
  },
})
