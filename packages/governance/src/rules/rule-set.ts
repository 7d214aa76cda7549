import { stricterThreshold, type Threshold } from './fraction.js'
import { basisOn, PROVISIONS, type ProvisionKey } from './legal-bases.js'

/** Where a rule comes from: the law, its version, the article. Article numbers shift between versions. */
export interface LegalBasis {
  law: string
  version: string
  article: string
  /** The provision (legal-bases.ts) a national rule cites, so its text is chosen by the day. */
  provision?: string
  /** false where the article number has not been checked against the official text. */
  verified?: boolean
}

/** Who a threshold is counted against. */
export type Denominator =
  | 'members' // 支部委员会 / 两委 members
  | 'should_attend' // 应到会: full members not excused
  | 'adults' // 年满十八周岁的村民 (the villagers' meeting's members)
  | 'households' // 户的代表
  | 'representatives' // 村民代表会议组成人员 (村委会 members and 村民代表)
  | 'village_representatives' // 村民代表 themselves (农村土地承包法: 三分之二以上村民代表)
  | 'present' // those present

export interface CountRule {
  denominator: Denominator
  threshold: Threshold
  basis: LegalBasis
  /** The text's words for the threshold ('半数以上', '过半数', '三分之二以上'), where a reading applies. */
  wording?: string
  /** How '以上' was read for this rule: inclusive (the number itself suffices) or exclusive. */
  reading?: QuorumReading
}

/** '半数以上': inclusive reads 以上 as including the number (民法典 Art. 1259); exclusive as "more than". */
export type QuorumReading = 'inclusive' | 'exclusive'

/** Special majorities of a matter category, per resolving body; each applies on top of the body's rules. */
export interface CategoryRule {
  villagersMeeting?: CountRule[]
  representativesMeeting?: CountRule[]
}

/** 积分 schedule, versioned like the rules: points per recorded event. */
export interface PointsSchedule {
  version: string
  topicSubmitted: number
  topicAccepted: number
  resolutionFromOwnTopic: number
  attended: number
  absent: number
}

/** Every configurable rule of the domain; a county or township overrides parts from a date. */
export interface GovernanceRuleSet {
  branchCommitteeQuorum: CountRule
  partyAssemblyQuorum: CountRule
  partyAssemblyPass: CountRule
  /** How '半数以上' in 支部工作条例 Arts. 11–12 (the two quorums) is read; recorded on each decision. */
  partyQuorumReading: QuorumReading
  villagersMeetingQuorumAdults: CountRule
  villagersMeetingQuorumHouseholds: CountRule
  villagersMeetingPass: CountRule
  /** 召集村民会议，应当提前十天通知村民 (组织法 Art. 21): days from notice to meeting, at least. */
  villagersMeetingNoticeDays: number
  representativesMeetingQuorum: CountRule
  representativesMeetingPass: CountRule
  /** 村民代表应当占组成人员的五分之四以上 (Art. 25): reported on the roster, not a refusal. */
  representativesShare: CountRule
  /** 妇女村民代表应当占组成人员的三分之一以上 (Art. 25): reported on the roster, not a refusal. */
  womenRepresentativesShare: CountRule
  /** Special majorities by matter category (农村土地承包法), on top of the body's pass rule. */
  matterCategoryRules: Partial<Record<string, CategoryRule>>
  disclosureDays: number
  objectionResponseDays: number
  councilNoticeDays: { min: number; max: number }
  councilQuorum: CountRule
  councilPass: CountRule
  /** 乡村夜话 积分: the schedule in force on the day of each event. */
  pointsSchedule: PointsSchedule
  /** Expenditure at or above this many fen is a major matter (default 50,000.00 元, a common local figure). */
  majorMatterFen: bigint
}

const gt = (num: number, den: number): Threshold => ({ comparator: 'gt', num, den })
const gte = (num: number, den: number): Threshold => ({ comparator: 'gte', num, den })

const LOCAL_PRACTICE = { law: 'local practice (no national text)', version: 'default' }

export const DEFAULT_POINTS_SCHEDULE: PointsSchedule = {
  version: '2024-v1',
  topicSubmitted: 1,
  topicAccepted: 2,
  resolutionFromOwnTopic: 3,
  attended: 1,
  absent: -1,
}

/** 2/3 of the villagers' meeting's members, or 2/3 of the 村民代表 (农村土地承包法). */
function landMajority(provision: ProvisionKey, day: string): CategoryRule {
  const basis = basisOn(provision, day)
  return {
    villagersMeeting: [{ denominator: 'adults', threshold: gte(2, 3), basis, wording: '三分之二以上成员' }],
    representativesMeeting: [
      {
        denominator: 'village_representatives',
        threshold: gte(2, 3),
        basis,
        wording: '三分之二以上村民代表',
      },
    ],
  }
}

/**
 * National defaults on `day`, each citing the text in force that day (reference/governance.md
 * §1.4–1.5, §2 and the 2026-12 addendum). The quorums of the branch committee and the 党员大会
 * ("半数以上") default to the exclusive reading — more than half — the stricter one: a decision
 * taken under it stands under either reading, while that Party regulations read 以上 as
 * including the number (as 民法典 Art. 1259 does) is unverified. A county that has confirmed the
 * inclusive reading sets `partyQuorumReading: 'inclusive'`; every judgement records the reading.
 */
export function nationalRules(day: string): GovernanceRuleSet {
  // One object per combination of texts in force, so equal days share (and compare as) one set.
  const texts = (Object.keys(PROVISIONS) as ProvisionKey[]).map((key) => basisOn(key, day).version).join('|')
  const known = byTexts.get(texts)
  if (known) return known
  const rules = buildNationalRules(day)
  byTexts.set(texts, rules)
  return rules
}

const byTexts = new Map<string, GovernanceRuleSet>()

function buildNationalRules(day: string): GovernanceRuleSet {
  return {
    branchCommitteeQuorum: {
      denominator: 'members',
      threshold: gt(1, 2),
      basis: basisOn('branchCommittee', day),
      wording: '半数以上',
      reading: 'exclusive',
    },
    partyAssemblyQuorum: {
      denominator: 'should_attend',
      threshold: gt(1, 2),
      basis: basisOn('partyAssembly', day),
      wording: '半数以上',
      reading: 'exclusive',
    },
    partyAssemblyPass: {
      denominator: 'should_attend',
      threshold: gt(1, 2),
      basis: basisOn('partyAssembly', day),
      wording: '超过半数',
    },
    partyQuorumReading: 'exclusive',
    villagersMeetingQuorumAdults: {
      denominator: 'adults',
      threshold: gt(1, 2),
      basis: basisOn('villagersMeeting', day),
      wording: '过半数',
    },
    villagersMeetingQuorumHouseholds: {
      denominator: 'households',
      threshold: gte(2, 3),
      basis: basisOn('villagersMeeting', day),
      wording: '三分之二以上',
    },
    villagersMeetingPass: {
      denominator: 'present',
      threshold: gt(1, 2),
      basis: basisOn('villagersMeeting', day),
      wording: '过半数',
    },
    villagersMeetingNoticeDays: 10,
    representativesMeetingQuorum: {
      denominator: 'representatives',
      threshold: gte(2, 3),
      basis: basisOn('representativesMeeting', day),
      wording: '三分之二以上',
    },
    representativesMeetingPass: {
      denominator: 'present',
      threshold: gt(1, 2),
      basis: basisOn('representativesMeeting', day),
      wording: '过半数',
    },
    representativesShare: {
      denominator: 'representatives',
      threshold: gte(4, 5),
      basis: basisOn('representativesComposition', day),
      wording: '五分之四以上',
    },
    womenRepresentativesShare: {
      denominator: 'representatives',
      threshold: gte(1, 3),
      basis: basisOn('representativesComposition', day),
      wording: '三分之一以上',
    },
    matterCategoryRules: {
      land_contracting: landMajority('landContractingPlan', day),
      land_readjustment: landMajority('landReadjustment', day),
      land_contracting_outsiders: landMajority('landToOutsiders', day),
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
    pointsSchedule: DEFAULT_POINTS_SCHEDULE,
    majorMatterFen: 5_000_000n,
  }
}

/** The national defaults as of the 2018 texts (before the 2025 amendment came into force). */
export const NATIONAL_RULES: GovernanceRuleSet = nationalRules('2025-12-31')

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
  'representativesShare',
  'womenRepresentativesShare',
  'councilQuorum',
  'councilPass',
] as const

/** The stricter of two count rules; a change of denominator (e.g. pass "of all") is taken as stricter. */
function stricterRule(base: CountRule, local: CountRule): CountRule {
  if (local.denominator !== base.denominator) return local.denominator === 'present' ? base : local
  return stricterThreshold(base.threshold, local.threshold) === local.threshold ? local : base
}

/** Category rules add up: a local special majority applies besides the national one, never instead. */
function addCategoryRules(
  base: GovernanceRuleSet['matterCategoryRules'],
  local: GovernanceRuleSet['matterCategoryRules'],
): GovernanceRuleSet['matterCategoryRules'] {
  const next = { ...base }
  for (const [category, rule] of Object.entries(local)) {
    if (!rule) continue
    const had = next[category] ?? {}
    next[category] = {
      villagersMeeting: [...(had.villagersMeeting ?? []), ...(rule.villagersMeeting ?? [])],
      representativesMeeting: [...(had.representativesMeeting ?? []), ...(rule.representativesMeeting ?? [])],
    }
  }
  return next
}

/** Applies the reading of '半数以上' to the quorums worded so: inclusive is at least half, exclusive more than half. */
function withReading(rule: CountRule, reading: QuorumReading): CountRule {
  if (rule.wording !== '半数以上' || rule.reading === reading) return rule
  const comparator = reading === 'inclusive' ? 'gte' : 'gt'
  return { ...rule, threshold: { ...rule.threshold, comparator }, reading }
}

/**
 * The rules in force for a village on a day: national defaults citing the texts in force that
 * day, then the county's and the township's latest overrides effective on that day, each only
 * where it is stricter — a longer disclosure or notice, a shorter response time, a higher
 * threshold, an added special majority. The major-matter amount and the reading of '半数以上'
 * have no settled national answer: the county's applies either way, a township's only if stricter.
 * The points schedule is not a matter of strictness: the latest (township over county) applies.
 */
export function effectiveRules(
  villageCode: string,
  day: string,
  overrides: readonly DatedOverride[],
): GovernanceRuleSet {
  let rules: GovernanceRuleSet = nationalRules(day)
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
    const county = divisionCode.length === 6
    for (const key of COUNT_RULES) {
      const rule = local[key]
      if (rule) next[key] = stricterRule(rules[key], rule)
    }
    if (local.disclosureDays !== undefined)
      next.disclosureDays = Math.max(rules.disclosureDays, local.disclosureDays)
    if (local.villagersMeetingNoticeDays !== undefined)
      next.villagersMeetingNoticeDays = Math.max(
        rules.villagersMeetingNoticeDays,
        local.villagersMeetingNoticeDays,
      )
    if (local.objectionResponseDays !== undefined) {
      next.objectionResponseDays = Math.min(rules.objectionResponseDays, local.objectionResponseDays)
    }
    if (local.councilNoticeDays) {
      next.councilNoticeDays = {
        min: Math.max(rules.councilNoticeDays.min, local.councilNoticeDays.min),
        max: Math.min(rules.councilNoticeDays.max, local.councilNoticeDays.max),
      }
    }
    if (local.matterCategoryRules)
      next.matterCategoryRules = addCategoryRules(rules.matterCategoryRules, local.matterCategoryRules)
    if (local.partyQuorumReading !== undefined && (county || local.partyQuorumReading === 'exclusive'))
      next.partyQuorumReading = local.partyQuorumReading
    if (local.pointsSchedule) next.pointsSchedule = local.pointsSchedule
    if (local.majorMatterFen !== undefined) {
      // No national figure exists (50,000.00 is a common local one): the county sets the amount
      // in either direction; a township may only lower it (a lower amount is stricter). Money is
      // bigint fen, so no Math.min.
      if (county || local.majorMatterFen < rules.majorMatterFen) next.majorMatterFen = local.majorMatterFen
    }
    rules = next
  }
  return {
    ...rules,
    branchCommitteeQuorum: withReading(rules.branchCommitteeQuorum, rules.partyQuorumReading),
    partyAssemblyQuorum: withReading(rules.partyAssemblyQuorum, rules.partyQuorumReading),
  }
}
