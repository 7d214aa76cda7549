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
