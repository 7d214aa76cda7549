import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * The rule tables load, and compute the national defaults and their legal bases on each known day.
 *
 * Imported inside the test on purpose: `NATIONAL_RULES` is computed when rule-set.ts loads, so a
 * wrong provision key or an emptied legal-basis table throws while the module loads. A test file
 * that imports the module at its top then fails before any test runs, which the mutation runner
 * counts as no test failing (the mutant "survives" with 0 tests run). Here the throw fails this
 * test instead. The expected values are the known answer of national-rules-known-answer.test.ts.
 */
const plain = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v)))
const EXPECTED = JSON.parse(
  readFileSync(new URL('./national-rules.known-answer.json', import.meta.url), 'utf8'),
) as { rules: Record<string, unknown>; bases: Record<string, unknown> }

describe('the governance rule tables, loaded', () => {
  it('compute the national rules and the bases cited on every known day', async () => {
    const { NATIONAL_RULES, nationalRules } = await import('./rule-set.js')
    const { basisOn, PROVISIONS } = await import('./legal-bases.js')
    expect(plain(NATIONAL_RULES)).toEqual(EXPECTED.rules['2025-12-31'])
    for (const day of Object.keys(EXPECTED.rules)) {
      expect(plain(nationalRules(day)), day).toEqual(EXPECTED.rules[day])
      const keys = Object.keys(PROVISIONS) as (keyof typeof PROVISIONS)[]
      const bases = Object.fromEntries(keys.map((key) => [key, basisOn(key, day)]))
      expect(plain(bases), day).toEqual(EXPECTED.bases[day])
    }
  })
})
