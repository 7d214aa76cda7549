import { minimumCount, reaches } from './fraction.js'
import type { CountRule } from './rule-set.js'

/** What a recorded vote or quorum check stores: the rule, its basis, and the numbers judged. */
export interface Judgement {
  rule: CountRule
  base: number
  required: number
  count: number
  met: boolean
}

/** Judges `count` against `base` under `rule`, keeping everything needed to explain the result. */
export function judge(rule: CountRule, base: number, count: number): Judgement {
  return {
    rule,
    base,
    required: minimumCount(base, rule.threshold),
    count,
    met: reaches(count, base, rule.threshold),
  }
}

export interface PartyAssemblyInput {
  /** Full members not excused on the day (应到会, with a vote). */
  shouldAttend: number
  /** Full, not-excused members present. */
  presentVoting: number
  /** Yes votes of present voting members plus written opinions in favour from absent ones. */
  yes: number
}

/**
 * 党员大会审议: quorum over those who should attend; passes only when yes exceeds the threshold of
 * those who should attend — not of those present (支部工作条例 Art. 11).
 */
export function judgePartyAssembly(input: PartyAssemblyInput, quorum: CountRule, pass: CountRule) {
  const quorumJudgement = judge(quorum, input.shouldAttend, input.presentVoting)
  const passJudgement = judge(pass, input.shouldAttend, input.yes)
  return { quorum: quorumJudgement, pass: passJudgement, passed: quorumJudgement.met && passJudgement.met }
}

export interface VillagersMeetingInput {
  adults: number
  households: number
  presentAdults: number
  presentHouseholds: number
  yes: number
}

/** 村民会议: quorum by more than half of adults OR at least 2/3 of households; pass over those present. */
export function judgeVillagersMeeting(
  input: VillagersMeetingInput,
  rules: { byAdults: CountRule; byHouseholds: CountRule; pass: CountRule },
) {
  const byAdults = judge(rules.byAdults, input.adults, input.presentAdults)
  const byHouseholds = judge(rules.byHouseholds, input.households, input.presentHouseholds)
  const quorum = byAdults.met ? byAdults : byHouseholds
  const pass = judge(rules.pass, passBase(rules.pass, input.presentAdults, input.adults), input.yes)
  return { quorum, alternatives: [byAdults, byHouseholds], pass, passed: quorum.met && pass.met }
}

/** 村民代表会议: at least 2/3 of its members present; pass over present unless the rule says of all. */
export function judgeRepresentativesMeeting(
  input: { members: number; present: number; yes: number },
  rules: { quorum: CountRule; pass: CountRule },
) {
  const quorum = judge(rules.quorum, input.members, input.present)
  const pass = judge(rules.pass, passBase(rules.pass, input.present, input.members), input.yes)
  return { quorum, pass, passed: quorum.met && pass.met }
}

function passBase(rule: CountRule, present: number, all: number): number {
  return rule.denominator === 'present' ? present : all
}

/** The counts a pass rule may be measured against, by its denominator. */
export type Bases = Partial<Record<CountRule['denominator'], number>>

/**
 * Every pass rule of a meeting judged (the body's and the matter category's special majorities):
 * all must be met. `pass` is the first that fails, else the last (the special majority, if any).
 */
export function judgeAll(
  rules: readonly CountRule[],
  bases: Bases,
  count: (rule: CountRule) => number,
): { pass: Judgement; passes: Judgement[] } {
  const passes = rules.map((rule) => judge(rule, bases[rule.denominator] ?? 0, count(rule)))
  return { pass: passes.find((p) => !p.met) ?? passes[passes.length - 1]!, passes }
}
