import { type Clock, countyOf, type Database, systemClock } from '@liancun/core'
import { and, asc, eq, inArray } from 'drizzle-orm'
import { councilMethods } from './councils.js'
import { disclosureMethods } from './disclosures.js'
import type { PutRulesInput } from './inputs.js'
import { matterMethods } from './matters.js'
import {
  type DatedOverride,
  effectiveRules,
  type GovernanceRuleSet,
  type RuleOverride,
} from './rules/rule-set.js'
import { ruleOverrides } from './schema.js'
import { standingMethods } from './standing.js'

export interface GovernanceServiceOptions {
  db: Database
  clock?: Clock
}

/** Stored JSON ↔ rule override: money travels as a decimal string of fen. */
function toStored({ effectiveFrom: _from, majorMatterAmount, ...rules }: PutRulesInput): string {
  return JSON.stringify({
    ...rules,
    ...(majorMatterAmount !== undefined ? { majorMatterFen: majorMatterAmount.toString() } : {}),
  })
}

function fromStored(text: string): RuleOverride {
  const { majorMatterFen, ...rules } = JSON.parse(text) as RuleOverride & { majorMatterFen?: string }
  return { ...rules, ...(majorMatterFen !== undefined ? { majorMatterFen: BigInt(majorMatterFen) } : {}) }
}

/** The prefixes of a division code that can carry overrides: its county and its township. */
function ruleHolders(divisionCode: string): string[] {
  return [divisionCode.slice(0, 6), divisionCode.slice(0, 9)].filter(
    (code, i, all) => code.length <= divisionCode.length && all.indexOf(code) === i,
  )
}

export function createGovernanceService(options: GovernanceServiceOptions) {
  const { db } = options
  const clock = options.clock ?? systemClock

  async function overridesFor(divisionCode: string, q: Database = db): Promise<DatedOverride[]> {
    const rows = await q
      .select()
      .from(ruleOverrides)
      .where(
        and(
          eq(ruleOverrides.countyCode, countyOf(divisionCode)),
          inArray(ruleOverrides.divisionCode, ruleHolders(divisionCode)),
        ),
      )
      .orderBy(asc(ruleOverrides.divisionCode), asc(ruleOverrides.effectiveFrom))
    return rows.map((row) => ({
      divisionCode: row.divisionCode,
      effectiveFrom: row.effectiveFrom,
      rules: fromStored(row.rules),
    }))
  }

  async function rulesFor(divisionCode: string, day: string, q: Database = db): Promise<GovernanceRuleSet> {
    return effectiveRules(divisionCode, day, await overridesFor(divisionCode, q))
  }

  return {
    ...matterMethods(db, () => clock.now(), rulesFor),
    ...disclosureMethods(db, () => clock.today(), rulesFor),
    ...councilMethods(
      db,
      () => clock.today(),
      rulesFor,
      () => clock.now(),
    ),
    ...standingMethods(db),

    /** Records (or replaces, for the same day) a county's or township's override. */
    async putRules(divisionCode: string, input: PutRulesInput, createdBy: string): Promise<DatedOverride> {
      const values = {
        countyCode: countyOf(divisionCode),
        divisionCode,
        effectiveFrom: input.effectiveFrom,
        rules: toStored(input),
        createdBy,
        createdAt: clock.now(),
      }
      await db
        .insert(ruleOverrides)
        .values(values)
        .onConflictDoUpdate({
          target: [ruleOverrides.countyCode, ruleOverrides.divisionCode, ruleOverrides.effectiveFrom],
          set: { rules: values.rules, createdBy, createdAt: values.createdAt },
        })
      return { divisionCode, effectiveFrom: input.effectiveFrom, rules: fromStored(values.rules) }
    },

    /** The rules in force for a division on a day, and the overrides they were built from. */
    async getRules(
      divisionCode: string,
      asOf: string,
    ): Promise<{ rules: GovernanceRuleSet; overrides: DatedOverride[] }> {
      const overrides = await overridesFor(divisionCode)
      return {
        rules: effectiveRules(divisionCode, asOf, overrides),
        overrides: overrides.filter((o) => o.effectiveFrom <= asOf),
      }
    },

    withTx(tx: Database) {
      return createGovernanceService({ ...options, db: tx })
    },
  }
}

export type GovernanceService = ReturnType<typeof createGovernanceService>
