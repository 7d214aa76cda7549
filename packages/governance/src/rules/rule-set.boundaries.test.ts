import { describe, expect, it } from 'vitest'
import { effectiveRules, NATIONAL_RULES, nationalRules } from './rule-set.js'

/**
 * effectiveRules, rule by rule: what a county (6 digits) or township (9 digits) override may change,
 * at the boundary of each rule (reference/governance.md §1.4–1.5 and its note on "以上").
 */
const village = '370302104201'
const day = '2024-06-01'
const local = (divisionCode: string, rules: object, effectiveFrom = '2024-01-01') => ({
  divisionCode,
  effectiveFrom,
  rules,
})
const county = (rules: object) => local('370302', rules)
const township = (rules: object) => local('370302104', rules, '2024-02-01')
const basis = { law: '县村级重大事项决策规程', version: '2024', article: '9' }
const gte = (num: number, den: number) => ({ comparator: 'gte' as const, num, den })
const gt = (num: number, den: number) => ({ comparator: 'gt' as const, num, den })

describe('villagers’ meeting notice (组织法 Art. 21: 提前十天通知): only a longer notice applies', () => {
  const notice = (...overrides: ReturnType<typeof local>[]) =>
    effectiveRules(village, day, overrides).villagersMeetingNoticeDays
  it('is 10 days nationally, a county’s 15 replaces it, its 9 does not', () => {
    expect(NATIONAL_RULES.villagersMeetingNoticeDays).toBe(10)
    expect(notice(county({ villagersMeetingNoticeDays: 15 }))).toBe(15)
    expect(notice(county({ villagersMeetingNoticeDays: 11 }))).toBe(11)
    expect(notice(county({ villagersMeetingNoticeDays: 9 }))).toBe(10)
  })
  it('a township may lengthen the county’s notice, never shorten it', () => {
    expect(
      notice(county({ villagersMeetingNoticeDays: 15 }), township({ villagersMeetingNoticeDays: 12 })),
    ).toBe(15)
    expect(
      notice(county({ villagersMeetingNoticeDays: 12 }), township({ villagersMeetingNoticeDays: 20 })),
    ).toBe(20)
  })
})

describe('the reading of "半数以上" (支部工作条例 Arts. 11–12; 民法典 Art. 1259 reads 以上 inclusive)', () => {
  const reading = (...overrides: ReturnType<typeof local>[]) => effectiveRules(village, day, overrides)

  it('defaults to the exclusive reading: more than half', () => {
    const rules = reading()
    expect(rules.partyQuorumReading).toBe('exclusive')
    expect(rules.branchCommitteeQuorum.threshold).toEqual(gt(1, 2))
    expect(rules.partyAssemblyQuorum.threshold).toEqual(gt(1, 2))
  })

  it('a county that confirmed the inclusive reading gets "at least half" on both quorums, recorded', () => {
    const rules = reading(county({ partyQuorumReading: 'inclusive' }))
    expect(rules.partyQuorumReading).toBe('inclusive')
    expect(rules.branchCommitteeQuorum).toMatchObject({ threshold: gte(1, 2), reading: 'inclusive' })
    expect(rules.partyAssemblyQuorum).toMatchObject({ threshold: gte(1, 2), reading: 'inclusive' })
    // The pass rule is worded 超过半数, no reading applies to it.
    expect(rules.partyAssemblyPass).toBe(NATIONAL_RULES.partyAssemblyPass)
  })

  it('a township alone cannot loosen to the inclusive reading', () => {
    const rules = reading(township({ partyQuorumReading: 'inclusive' }))
    expect(rules.partyQuorumReading).toBe('exclusive')
    expect(rules.branchCommitteeQuorum.threshold).toEqual(gt(1, 2))
  })

  it('a township may return to the stricter exclusive reading under an inclusive county', () => {
    const rules = reading(
      county({ partyQuorumReading: 'inclusive' }),
      township({ partyQuorumReading: 'exclusive' }),
    )
    expect(rules.partyQuorumReading).toBe('exclusive')
    expect(rules.branchCommitteeQuorum).toMatchObject({ threshold: gt(1, 2), reading: 'exclusive' })
  })

  it('applies the reading in force to a local quorum worded "半数以上" too', () => {
    // A county text counting the branch committee's quorum against those who should attend, worded
    // 半数以上 and read inclusive by its authors: under the national (exclusive) reading it is more
    // than half.
    const localQuorum = {
      denominator: 'should_attend',
      threshold: gte(1, 2),
      basis,
      wording: '半数以上',
      reading: 'inclusive',
    }
    const rules = reading(county({ branchCommitteeQuorum: localQuorum }))
    expect(rules.branchCommitteeQuorum).toEqual({ ...localQuorum, threshold: gt(1, 2), reading: 'exclusive' })
  })
})

describe('the 乡村夜话 points schedule: the latest applies, not the stricter', () => {
  const schedule = (version: string, absent: number) => ({
    version,
    topicSubmitted: 2,
    topicAccepted: 3,
    resolutionFromOwnTopic: 4,
    attended: 2,
    absent,
  })
  it('takes the county’s schedule, and the township’s over the county’s', () => {
    const countyOne = schedule('县-2024', -2)
    const townshipOne = schedule('镇-2024', 0)
    expect(effectiveRules(village, day, [county({ pointsSchedule: countyOne })]).pointsSchedule).toBe(
      countyOne,
    )
    expect(
      effectiveRules(village, day, [
        county({ pointsSchedule: countyOne }),
        township({ pointsSchedule: townshipOne }),
      ]).pointsSchedule,
    ).toBe(townshipOne)
    expect(effectiveRules(village, day, []).pointsSchedule).toEqual({
      version: '2024-v1',
      topicSubmitted: 1,
      topicAccepted: 2,
      resolutionFromOwnTopic: 3,
      attended: 1,
      absent: -1,
    })
  })
})

describe('special majorities by matter category add up (农村土地承包法): never instead of the law', () => {
  const localVillagers = { denominator: 'households', threshold: gte(3, 4), basis }
  const localRepresentatives = { denominator: 'representatives', threshold: gte(4, 5), basis }
  const categories = (rules: object) =>
    effectiveRules(village, day, [county({ matterCategoryRules: rules })]).matterCategoryRules

  it('adds a county’s villagers’-meeting rule after the national 2/3 of members', () => {
    const land = categories({ land_contracting: { villagersMeeting: [localVillagers] } }).land_contracting
    expect(land?.villagersMeeting).toEqual([
      ...(NATIONAL_RULES.matterCategoryRules.land_contracting?.villagersMeeting ?? []),
      localVillagers,
    ])
    expect(land?.villagersMeeting).toHaveLength(2)
    // Silent on the representatives' meeting: the national rule alone stays.
    expect(land?.representativesMeeting).toEqual(
      NATIONAL_RULES.matterCategoryRules.land_contracting?.representativesMeeting,
    )
  })

  it('adds a county’s representatives’-meeting rule after the national 2/3 of 村民代表', () => {
    const land = categories({
      land_readjustment: { representativesMeeting: [localRepresentatives] },
    }).land_readjustment
    expect(land?.representativesMeeting).toEqual([
      ...(NATIONAL_RULES.matterCategoryRules.land_readjustment?.representativesMeeting ?? []),
      localRepresentatives,
    ])
    expect(land?.villagersMeeting).toEqual(
      NATIONAL_RULES.matterCategoryRules.land_readjustment?.villagersMeeting,
    )
  })

  it('creates a category the law has no special majority for, with only what the county stated', () => {
    const rules = categories({ collective_asset_sale: { representativesMeeting: [localRepresentatives] } })
    expect(rules.collective_asset_sale).toEqual({
      villagersMeeting: [],
      representativesMeeting: [localRepresentatives],
    })
    const onlyVillagers = categories({ collective_asset_sale: { villagersMeeting: [localVillagers] } })
    expect(onlyVillagers.collective_asset_sale).toEqual({
      villagersMeeting: [localVillagers],
      representativesMeeting: [],
    })
    // The national categories stay as they were.
    expect(rules.land_contracting).toBe(NATIONAL_RULES.matterCategoryRules.land_contracting)
  })

  it('skips a category entry left undefined', () => {
    const rules = categories({ land_contracting: undefined })
    expect(rules).toEqual(NATIONAL_RULES.matterCategoryRules)
  })
})

describe('nationalRules: one rule set per combination of texts in force', () => {
  it('returns the same object for two days under the same texts, another across 2026-01-01', () => {
    expect(nationalRules('2024-01-01')).toBe(nationalRules('2025-06-30'))
    expect(nationalRules('2025-12-31')).toBe(NATIONAL_RULES)
    expect(nationalRules('2026-01-01')).not.toBe(NATIONAL_RULES)
    expect(nationalRules('2026-01-01').villagersMeetingPass.basis.version).toBe('2025')
  })
})
