import { countyOf } from '@liancun/core'
import type { GovernanceContext } from '../context.js'
import type { PutRulesInput } from '../inputs.js'
import { fromStored, toStored } from '../rules/overrides.js'
import { type DatedOverride, effectiveRules, type GovernanceRuleSet } from '../rules/rule-set.js'
import { overridesOf, type StoredOverride, upsertOverride } from '../store/rules.js'

/** Stored overrides → dated overrides the rule layer reads. */
export const decodeOverrides = (stored: readonly StoredOverride[]): DatedOverride[] =>
  stored.map((o) => ({
    divisionCode: o.divisionCode,
    effectiveFrom: o.effectiveFrom,
    rules: fromStored(o.rules),
  }))

/** The rules in force for a division on a day, from the overrides read with its row. */
export const rulesOn = (
  divisionCode: string,
  day: string,
  stored: readonly StoredOverride[],
): GovernanceRuleSet => effectiveRules(divisionCode, day, decodeOverrides(stored))

/** County and township rule overrides (stricter wins): the configuration part. */
export function ruleConfigPart({ db, clock }: GovernanceContext) {
  return {
    /** Records (or replaces, for the same day) a county's or township's override. */
    async putRules(divisionCode: string, input: PutRulesInput, createdBy: string): Promise<DatedOverride> {
      const rules = toStored(input)
      await upsertOverride(db, {
        countyCode: countyOf(divisionCode),
        divisionCode,
        effectiveFrom: input.effectiveFrom,
        rules,
        createdBy,
        createdAt: clock.now(),
      })
      return { divisionCode, effectiveFrom: input.effectiveFrom, rules: fromStored(rules) }
    },

    /** The rules in force for a division on a day, and the overrides they were built from. */
    async getRules(
      divisionCode: string,
      asOf: string,
    ): Promise<{ rules: GovernanceRuleSet; overrides: DatedOverride[] }> {
      const overrides = decodeOverrides(await overridesOf(db, divisionCode))
      return {
        rules: effectiveRules(divisionCode, asOf, overrides),
        overrides: overrides.filter((o) => o.effectiveFrom <= asOf),
      }
    },
  }
}
