import { stricterThreshold, type Threshold } from './fraction.js'

/** Where a rule comes from: the law, its version, the article. Article numbers shift between versions. */
export interface LegalBasis {
  law: string
  version: string
  article: string
}

/** Who a threshold is counted against. */
export type Denominator =
  | 'members' // 支部委员会 / 两委 members
  | 'should_attend' // 应到会: full members not excused
  | 'adults' // 年满十八周岁的村民
  | 'households' // 户的代表
  | 'representatives' // 村民代表会议组成人员
  | 'present' // those present

export interface CountRule {
  denominator: Denominator
  threshold: Threshold
  basis: LegalBasis
}

/** Every configurable rule of the domain; a county or township overrides parts from a date. */
export interface GovernanceRuleSet {
  branchCommitteeQuorum: CountRule
  partyAssemblyQuorum: CountRule
  partyAssemblyPass: CountRule
  villagersMeetingQuorumAdults: CountRule
  villagersMeetingQuorumHouseholds: CountRule
  villagersMeetingPass: CountRule
  representativesMeetingQuorum: CountRule
  representativesMeetingPass: CountRule
  disclosureDays: number
  objectionResponseDays: number
  councilNoticeDays: { min: number; max: number }
  councilQuorum: CountRule
  councilPass: CountRule
  /** Expenditure at or above this many fen is a major matter (default 50,000.00 元, a common local figure). */
  majorMatterFen: bigint
}

const gt = (num: number, den: number): Threshold => ({ comparator: 'gt', num, den })
const gte = (num: number, den: number): Threshold => ({ comparator: 'gte', num, den })

const VILLAGE_LAW = {
  law: '中华人民共和国村民委员会组织法',
  version: '2018 (2025 amendment in force 2026-01-01 renumbers)',
}
const BRANCH_RULES = { law: '中国共产党支部工作条例（试行）', version: '2018' }
const LOCAL_PRACTICE = { law: 'local practice (no national text)', version: 'default' }

/** National defaults, with their legal basis (reference/governance.md §1.4–1.5, §2). */
export const NATIONAL_RULES: GovernanceRuleSet = {
  branchCommitteeQuorum: {
    denominator: 'members',
    threshold: gt(1, 2),
    basis: { ...BRANCH_RULES, article: '12' },
  },
  partyAssemblyQuorum: {
    denominator: 'should_attend',
    threshold: gt(1, 2),
    basis: { ...BRANCH_RULES, article: '11' },
  },
  partyAssemblyPass: {
    denominator: 'should_attend',
    threshold: gt(1, 2),
    basis: { ...BRANCH_RULES, article: '11' },
  },
  villagersMeetingQuorumAdults: {
    denominator: 'adults',
    threshold: gt(1, 2),
    basis: { ...VILLAGE_LAW, article: '22' },
  },
  villagersMeetingQuorumHouseholds: {
    denominator: 'households',
    threshold: gte(2, 3),
    basis: { ...VILLAGE_LAW, article: '22' },
  },
  villagersMeetingPass: {
    denominator: 'present',
    threshold: gt(1, 2),
    basis: { ...VILLAGE_LAW, article: '22' },
  },
  representativesMeetingQuorum: {
    denominator: 'representatives',
    threshold: gte(2, 3),
    basis: { ...VILLAGE_LAW, article: '26' },
  },
  representativesMeetingPass: {
    denominator: 'present',
    threshold: gt(1, 2),
    basis: { ...VILLAGE_LAW, article: '26' },
  },
  disclosureDays: 7,
  objectionResponseDays: 3,
  councilNoticeDays: { min: 1, max: 7 },
  councilQuorum: {
    denominator: 'members',
    threshold: gte(2, 3),
    basis: { ...LOCAL_PRACTICE, article: '乡村夜话 2/3 quorum' },
  },
  councilPass: {
    denominator: 'present',
    threshold: gt(1, 2),
    basis: { ...LOCAL_PRACTICE, article: '乡村夜话 majority' },
  },
  majorMatterFen: 5_000_000n,
}

export type RuleOverride = Partial<GovernanceRuleSet>

export interface DatedOverride {
  /** Division code that set it (county 6 or township 9 digits). */
  divisionCode: string
  effectiveFrom: string
  rules: RuleOverride
}

const COUNT_RULES = [
  'branchCommitteeQuorum',
  'partyAssemblyQuorum',
  'partyAssemblyPass',
  'villagersMeetingQuorumAdults',
  'villagersMeetingQuorumHouseholds',
  'villagersMeetingPass',
  'representativesMeetingQuorum',
  'representativesMeetingPass',
  'councilQuorum',
  'councilPass',
] as const

/** The stricter of two count rules; a change of denominator (e.g. pass "of all") is taken as stricter. */
function stricterRule(base: CountRule, local: CountRule): CountRule {
  if (local.denominator !== base.denominator) return local.denominator === 'present' ? base : local
  return stricterThreshold(base.threshold, local.threshold) === local.threshold ? local : base
}

/**
 * The rules in force for a village on a day: national defaults, then the county's and the
 * township's latest overrides effective on that day, each only where it is stricter — a longer
 * disclosure, a shorter response time, a higher threshold. The major-matter amount has no national
 * figure: the county's replaces the default either way, and a township's applies only if lower.
 */
export function effectiveRules(
  villageCode: string,
  day: string,
  overrides: readonly DatedOverride[],
): GovernanceRuleSet {
  let rules: GovernanceRuleSet = { ...NATIONAL_RULES }
  const applicable = overrides
    .filter((o) => villageCode.startsWith(o.divisionCode) && o.effectiveFrom <= day)
    .sort(
      (a, b) => a.divisionCode.length - b.divisionCode.length || (a.effectiveFrom < b.effectiveFrom ? -1 : 1),
    )
  // The latest override of each division replaces that division's earlier ones.
  const latest = new Map<string, DatedOverride>()
  for (const o of applicable) latest.set(o.divisionCode, o)
  for (const { divisionCode, rules: local } of latest.values()) {
    const next: GovernanceRuleSet = { ...rules }
    for (const key of COUNT_RULES) {
      const rule = local[key]
      if (rule) next[key] = stricterRule(rules[key], rule)
    }
    if (local.disclosureDays !== undefined)
      next.disclosureDays = Math.max(rules.disclosureDays, local.disclosureDays)
    if (local.objectionResponseDays !== undefined) {
      next.objectionResponseDays = Math.min(rules.objectionResponseDays, local.objectionResponseDays)
    }
    if (local.councilNoticeDays) {
      next.councilNoticeDays = {
        min: Math.max(rules.councilNoticeDays.min, local.councilNoticeDays.min),
        max: Math.min(rules.councilNoticeDays.max, local.councilNoticeDays.max),
      }
    }
    if (local.majorMatterFen !== undefined) {
      // No national figure exists (50,000.00 is a common local one): the county sets the amount
      // in either direction; a township may only lower it (a lower amount is stricter). Money is
      // bigint fen, so no Math.min.
      const county = divisionCode.length === 6
      if (county || local.majorMatterFen < rules.majorMatterFen) next.majorMatterFen = local.majorMatterFen
    }
    rules = next
  }
  return rules
}
