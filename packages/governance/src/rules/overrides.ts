import type { PutRulesInput } from '../inputs.js'
import type { RuleOverride } from './rule-set.js'

/** Stored JSON ↔ rule override: money travels as a decimal string of fen. Pure. */
export function toStored({ effectiveFrom: _from, majorMatterAmount, ...rules }: PutRulesInput): string {
  return JSON.stringify({
    ...rules,
    ...(majorMatterAmount !== undefined ? { majorMatterFen: majorMatterAmount.toString() } : {}),
  })
}

export function fromStored(text: string): RuleOverride {
  const { majorMatterFen, ...rules } = JSON.parse(text) as RuleOverride & { majorMatterFen?: string }
  return { ...rules, ...(majorMatterFen !== undefined ? { majorMatterFen: BigInt(majorMatterFen) } : {}) }
}

/** The prefixes of a division code that can carry overrides: its county and its township. */
export function ruleHolders(divisionCode: string): string[] {
  return [divisionCode.slice(0, 6), divisionCode.slice(0, 9)].filter(
    (code, i, all) => code.length <= divisionCode.length && all.indexOf(code) === i,
  )
}
