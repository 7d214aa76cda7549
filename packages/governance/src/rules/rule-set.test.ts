import { describe, expect, it } from 'vitest'
import { judgePartyAssembly, judgeRepresentativesMeeting, judgeVillagersMeeting } from './judgement.js'
import { effectiveRules, NATIONAL_RULES } from './rule-set.js'

const local = (divisionCode: string, effectiveFrom: string, rules: object) => ({
  divisionCode,
  effectiveFrom,
  rules,
})
const twoThirdsAttendance = {
  partyAssemblyQuorum: {
    denominator: 'should_attend' as const,
    threshold: { comparator: 'gte' as const, num: 2, den: 3 },
    basis: { law: '淄川区村级重大事项决策规程', version: '2022', article: '8' },
  },
}

describe('effective rules', () => {
  it('applies a stricter local rule from its date, and keeps the national one before', () => {
    const overrides = [local('370302', '2024-01-01', twoThirdsAttendance)]
    expect(effectiveRules('370302104201', '2023-12-31', overrides).partyAssemblyQuorum).toBe(
      NATIONAL_RULES.partyAssemblyQuorum,
    )
    expect(effectiveRules('370302104201', '2024-01-01', overrides).partyAssemblyQuorum.threshold).toEqual({
      comparator: 'gte',
      num: 2,
      den: 3,
    })
    expect(effectiveRules('370303104201', '2024-06-01', overrides).partyAssemblyQuorum).toBe(
      NATIONAL_RULES.partyAssemblyQuorum,
    )
  })

  it('never lets a local rule loosen the national one', () => {
    const looser = local('370302', '2024-01-01', {
      partyAssemblyPass: {
        denominator: 'present',
        threshold: { comparator: 'gt', num: 1, den: 2 },
        basis: NATIONAL_RULES.partyAssemblyPass.basis,
      },
      disclosureDays: 3,
      objectionResponseDays: 10,
    })
    const rules = effectiveRules('370302104201', '2024-06-01', [looser])
    expect(rules.partyAssemblyPass).toBe(NATIONAL_RULES.partyAssemblyPass)
    expect(rules.disclosureDays).toBe(7)
    expect(rules.objectionResponseDays).toBe(3)
  })

  it('lets the county set the major-matter amount either way, and a township only lower it', () => {
    const county = local('370302', '2024-01-01', { majorMatterFen: 10_000_000n })
    expect(effectiveRules('370302104201', '2024-06-01', [county]).majorMatterFen).toBe(10_000_000n)
    const higher = local('370302104', '2024-02-01', { majorMatterFen: 20_000_000n })
    expect(effectiveRules('370302104201', '2024-06-01', [county, higher]).majorMatterFen).toBe(10_000_000n)
    const lower = local('370302104', '2024-02-01', { majorMatterFen: 3_000_000n })
    expect(effectiveRules('370302104201', '2024-06-01', [county, lower]).majorMatterFen).toBe(3_000_000n)
    // A township alone cannot raise the default either.
    expect(effectiveRules('370302104201', '2024-06-01', [higher]).majorMatterFen).toBe(5_000_000n)
  })

  it('lets the township tighten on top of the county', () => {
    const rules = effectiveRules('370302104201', '2024-06-01', [
      local('370302', '2024-01-01', { disclosureDays: 10 }),
      local('370302104', '2024-03-01', { disclosureDays: 15, majorMatterFen: 2_000_000n }),
    ])
    expect(rules.disclosureDays).toBe(15)
    expect(rules.majorMatterFen).toBe(2_000_000n)
  })
})

describe('judgements', () => {
  it('passes a 党员大会 only when yes exceeds half of those who should attend', () => {
    const r = NATIONAL_RULES
    // 10 should attend (an excused member is already out of the count), 8 present, 5 yes: half, not more.
    const failed = judgePartyAssembly(
      { shouldAttend: 10, presentVoting: 8, yes: 5 },
      r.partyAssemblyQuorum,
      r.partyAssemblyPass,
    )
    expect(failed).toMatchObject({ passed: false, quorum: { met: true }, pass: { required: 6, count: 5 } })
    expect(
      judgePartyAssembly(
        { shouldAttend: 10, presentVoting: 8, yes: 6 },
        r.partyAssemblyQuorum,
        r.partyAssemblyPass,
      ).passed,
    ).toBe(true)
    expect(
      judgePartyAssembly(
        { shouldAttend: 10, presentVoting: 5, yes: 5 },
        r.partyAssemblyQuorum,
        r.partyAssemblyPass,
      ).quorum.met,
    ).toBe(false)
  })

  it('meets a 村民会议 quorum by adults or by households', () => {
    const r = NATIONAL_RULES
    const rules = {
      byAdults: r.villagersMeetingQuorumAdults,
      byHouseholds: r.villagersMeetingQuorumHouseholds,
      pass: r.villagersMeetingPass,
    }
    const byHouseholds = judgeVillagersMeeting(
      { adults: 600, households: 160, presentAdults: 200, presentHouseholds: 107, yes: 101 },
      rules,
    )
    expect(byHouseholds.quorum.rule).toBe(r.villagersMeetingQuorumHouseholds)
    expect(byHouseholds.passed).toBe(true)
    const neither = judgeVillagersMeeting(
      { adults: 600, households: 160, presentAdults: 300, presentHouseholds: 106, yes: 200 },
      rules,
    )
    expect(neither.quorum.met).toBe(false)
  })

  it('needs at least 2/3 of representatives, exactly 2/3 being enough', () => {
    const r = NATIONAL_RULES
    const rules = { quorum: r.representativesMeetingQuorum, pass: r.representativesMeetingPass }
    expect(judgeRepresentativesMeeting({ members: 30, present: 20, yes: 11 }, rules).passed).toBe(true)
    expect(judgeRepresentativesMeeting({ members: 30, present: 19, yes: 19 }, rules).quorum).toMatchObject({
      met: false,
      required: 20,
    })
    expect(judgeRepresentativesMeeting({ members: 30, present: 20, yes: 10 }, rules).passed).toBe(false)
  })
})

describe('the national rules, as the law states them', () => {
  const moreThanHalf = { comparator: 'gt', num: 1, den: 2 }
  const atLeastTwoThirds = { comparator: 'gte', num: 2, den: 3 }
  const branch = { law: '中国共产党支部工作条例（试行）', version: '2018' }
  const village = { law: '中华人民共和国村民委员会组织法', version: '2018' }
  const local = { law: 'local practice (no national text)', version: 'default' }
  it.each([
    ['branchCommitteeQuorum', 'members', moreThanHalf, { ...branch, article: '12' }],
    ['partyAssemblyQuorum', 'should_attend', moreThanHalf, { ...branch, article: '11' }],
    ['partyAssemblyPass', 'should_attend', moreThanHalf, { ...branch, article: '11' }],
    ['villagersMeetingQuorumAdults', 'adults', moreThanHalf, { ...village, article: '22' }],
    ['villagersMeetingQuorumHouseholds', 'households', atLeastTwoThirds, { ...village, article: '22' }],
    ['villagersMeetingPass', 'present', moreThanHalf, { ...village, article: '22' }],
    ['representativesMeetingQuorum', 'representatives', atLeastTwoThirds, { ...village, article: '26' }],
    ['representativesMeetingPass', 'present', moreThanHalf, { ...village, article: '26' }],
    ['councilQuorum', 'members', atLeastTwoThirds, { ...local, article: '乡村夜话 2/3 quorum' }],
    ['councilPass', 'present', moreThanHalf, { ...local, article: '乡村夜话 majority' }],
  ] as const)('%s: %s, %o', (key, denominator, threshold, basis) => {
    expect(NATIONAL_RULES[key]).toMatchObject({ denominator, threshold, basis })
  })

  it('has the national periods and the default major-matter amount', () => {
    expect(NATIONAL_RULES.disclosureDays).toBe(7)
    expect(NATIONAL_RULES.objectionResponseDays).toBe(3)
    expect(NATIONAL_RULES.councilNoticeDays).toEqual({ min: 1, max: 7 })
    expect(NATIONAL_RULES.majorMatterFen).toBe(5_000_000n)
  })

  it('returns the national rules, unchanged, where no override applies', () => {
    expect(effectiveRules('370302104201', '2024-06-01', [])).toEqual(NATIONAL_RULES)
    expect(effectiveRules('370302104201', '2024-06-01', [])).not.toBe(NATIONAL_RULES)
  })
})

describe('effective rules: stricter only, per rule', () => {
  const village = '370302104201'
  const rule = (
    denominator: string,
    comparator: 'gt' | 'gte',
    num: number,
    den: number,
    article = 'local',
  ): object => ({
    denominator,
    threshold: { comparator, num, den },
    basis: { law: '县规程', version: '2024', article },
  })
  const keys = [
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

  it.each(keys)('a county may tighten %s (same denominator, higher fraction)', (key) => {
    const tighter = rule(NATIONAL_RULES[key].denominator, 'gte', 3, 4)
    expect(
      effectiveRules(village, '2024-06-01', [local('370302', '2024-01-01', { [key]: tighter })])[key],
    ).toBe(tighter)
  })

  it.each(keys)('a county may not loosen %s (same denominator, lower fraction)', (key) => {
    const looser = rule(NATIONAL_RULES[key].denominator, 'gte', 1, 3)
    expect(
      effectiveRules(village, '2024-06-01', [local('370302', '2024-01-01', { [key]: looser })])[key],
    ).toBe(NATIONAL_RULES[key])
  })

  it('takes "more than half" over "at least half"; an equal local rule leaves the national one in force', () => {
    const atLeastHalf = rule('should_attend', 'gte', 1, 2)
    const rules = (r: object) =>
      effectiveRules(village, '2024-06-01', [local('370302', '2024-01-01', { partyAssemblyQuorum: r })])
    expect(rules(atLeastHalf).partyAssemblyQuorum).toBe(NATIONAL_RULES.partyAssemblyQuorum)
    const equal = rule('should_attend', 'gt', 1, 2, '9')
    expect(rules(equal).partyAssemblyQuorum).toBe(NATIONAL_RULES.partyAssemblyQuorum)
    const moreThanHalfOfAll = rule('should_attend', 'gt', 1, 2)
    const atLeastHalfOfAll = rule('should_attend', 'gte', 1, 2)
    const withBase = (r: object) =>
      effectiveRules(village, '2024-06-01', [
        local('370302', '2024-01-01', { partyAssemblyQuorum: atLeastHalfOfAll }),
        local('370302104', '2024-01-01', { partyAssemblyQuorum: r }),
      ]).partyAssemblyQuorum
    expect(withBase(moreThanHalfOfAll)).toBe(NATIONAL_RULES.partyAssemblyQuorum)
  })

  it('takes a change of denominator away from "present" as stricter, and one to "present" as looser', () => {
    // pass "of all members" instead of "of those present" is stricter whatever the fraction
    const ofAll = rule('representatives', 'gt', 1, 2)
    const ofPresent = rule('present', 'gte', 9, 10)
    const onDay = (rules: object, base = 'representativesMeetingPass') =>
      effectiveRules(village, '2024-06-01', [local('370302', '2024-01-01', rules)])[
        base as 'representativesMeetingPass'
      ]
    expect(onDay({ representativesMeetingPass: ofAll })).toBe(ofAll)
    // a quorum counted of those present instead of all representatives is refused, even at 9/10
    expect(onDay({ representativesMeetingQuorum: ofPresent }, 'representativesMeetingQuorum')).toBe(
      NATIONAL_RULES.representativesMeetingQuorum,
    )
  })

  it('applies an override from its first day on, only in its own division', () => {
    const o = [local('370302104', '2024-03-01', { disclosureDays: 9 })]
    expect(effectiveRules(village, '2024-02-29', o).disclosureDays).toBe(7)
    expect(effectiveRules(village, '2024-03-01', o).disclosureDays).toBe(9)
    expect(effectiveRules('370302105201', '2024-03-01', o).disclosureDays).toBe(7)
    expect(effectiveRules('370302104201', '2024-03-02', o).disclosureDays).toBe(9)
  })

  it('replaces a division’s earlier override by its later one, however the list is ordered', () => {
    const earlier = local('370302', '2024-01-01', { disclosureDays: 14 })
    const later = local('370302', '2024-03-01', { disclosureDays: 10 })
    expect(effectiveRules(village, '2024-06-01', [later, earlier]).disclosureDays).toBe(10)
    expect(effectiveRules(village, '2024-06-01', [earlier, later]).disclosureDays).toBe(10)
    // before the later one starts, the earlier one is in force
    expect(effectiveRules(village, '2024-02-01', [later, earlier]).disclosureDays).toBe(14)
  })

  it('applies the county before the township, however the list is ordered', () => {
    const county = local('370302', '2024-05-01', { majorMatterFen: 10_000_000n })
    const township = local('370302104', '2024-01-01', { majorMatterFen: 3_000_000n })
    // the township lowers the county's amount; applied first, the county would replace it
    expect(effectiveRules(village, '2024-06-01', [township, county]).majorMatterFen).toBe(3_000_000n)
    expect(effectiveRules(village, '2024-06-01', [county, township]).majorMatterFen).toBe(3_000_000n)
    // a township's higher amount does not replace the county's
    const higher = local('370302104', '2024-01-01', { majorMatterFen: 20_000_000n })
    expect(effectiveRules(village, '2024-06-01', [higher, county]).majorMatterFen).toBe(10_000_000n)
    // a county may lower the default too, and a township equal to it changes nothing
    const lowerCounty = local('370302', '2024-05-01', { majorMatterFen: 1_000_000n })
    expect(effectiveRules(village, '2024-06-01', [lowerCounty]).majorMatterFen).toBe(1_000_000n)
    const same = local('370302104', '2024-01-01', { majorMatterFen: 1_000_000n })
    expect(effectiveRules(village, '2024-06-01', [same, lowerCounty]).majorMatterFen).toBe(1_000_000n)
  })

  it('keeps the longer disclosure, the shorter response time and the narrower notice window', () => {
    const rules = (o: object) => effectiveRules(village, '2024-06-01', [local('370302', '2024-01-01', o)])
    expect(rules({ disclosureDays: 8 }).disclosureDays).toBe(8)
    expect(rules({ disclosureDays: 6 }).disclosureDays).toBe(7)
    expect(rules({ objectionResponseDays: 2 }).objectionResponseDays).toBe(2)
    expect(rules({ objectionResponseDays: 4 }).objectionResponseDays).toBe(3)
    expect(rules({ councilNoticeDays: { min: 2, max: 5 } }).councilNoticeDays).toEqual({ min: 2, max: 5 })
    expect(rules({ councilNoticeDays: { min: 0, max: 9 } }).councilNoticeDays).toEqual({ min: 1, max: 7 })
    // an override silent on a rule leaves it alone
    const silent = rules({ majorMatterFen: 6_000_000n })
    expect(silent).toEqual({ ...NATIONAL_RULES, majorMatterFen: 6_000_000n })
  })

  it('stacks a township on a county: each stricter than what is already in force', () => {
    const rules = effectiveRules(village, '2024-06-01', [
      local('370302104', '2024-02-01', { disclosureDays: 9, objectionResponseDays: 2 }),
      local('370302', '2024-01-01', { disclosureDays: 12, objectionResponseDays: 1 }),
    ])
    expect(rules.disclosureDays).toBe(12)
    expect(rules.objectionResponseDays).toBe(1)
  })
})
