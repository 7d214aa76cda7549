import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Tests read each workspace package from source, never from a stale dist/.
const packagesDir = fileURLToPath(new URL('./packages', import.meta.url))
const alias = Object.fromEntries(
  readdirSync(packagesDir).flatMap((name) => [
    [`@liancun/${name}/testing`, `${packagesDir}/${name}/src/testing.ts`],
    [`@liancun/${name}`, `${packagesDir}/${name}/src/index.ts`],
  ]),
)

export default defineConfig({
  resolve: { alias },
  test: {
    // Two cores: PGlite instances are memory-hungry, so keep the worker count modest.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          // Property tests run hundreds of cases; a loaded machine must not turn them into timeouts.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
          // Generous: the suite must pass on a busy 2-core machine. No test asserts on time.
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
})
