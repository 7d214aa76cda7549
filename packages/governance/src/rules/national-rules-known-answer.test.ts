import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { basisOn, PROVISIONS, type ProvisionKey } from './legal-bases.js'
import { nationalRules } from './rule-set.js'

/**
 * The national defaults and the legal basis each rule cites, as a known answer on four days — before
 * and after the 2019 土地承包法 and around the 2025 组织法 coming into force on 2026-01-01 — so a
 * changed threshold, denominator, wording or citation shows up as a diff to check against the
 * reference (governance.md). Amounts are written as "123n" for bigint fen.
 */
const plain = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v)))
const EXPECTED = JSON.parse(
  readFileSync(new URL('./national-rules.known-answer.json', import.meta.url), 'utf8'),
) as { rules: Record<string, unknown>; bases: Record<string, unknown> }

describe('national rules and their legal bases, by day', () => {
  for (const day of Object.keys(EXPECTED.rules)) {
    it(`the rule set in force on ${day}`, () => {
      expect(plain(nationalRules(day))).toEqual(EXPECTED.rules[day])
    })
    it(`the legal bases cited on ${day}`, () => {
      const bases = Object.fromEntries(
        (Object.keys(PROVISIONS) as ProvisionKey[]).map((key) => [key, basisOn(key, day)]),
      )
      expect(plain(bases)).toEqual(EXPECTED.bases[day])
    })
  }
})
