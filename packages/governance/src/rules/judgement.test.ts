import { describe, expect, it } from 'vitest'
import { judge, judgePartyAssembly, judgeRepresentativesMeeting, judgeVillagersMeeting } from './judgement.js'
import { type CountRule, NATIONAL_RULES } from './rule-set.js'

const r = NATIONAL_RULES
const villagers = {
  byAdults: r.villagersMeetingQuorumAdults,
  byHouseholds: r.villagersMeetingQuorumHouseholds,
  pass: r.villagersMeetingPass,
}

describe('judge', () => {
  it('keeps the rule, the base, the count, the minimum and the verdict', () => {
    expect(judge(r.branchCommitteeQuorum, 7, 4)).toEqual({
      rule: r.branchCommitteeQuorum,
      base: 7,
      required: 4,
      count: 4,
      met: true,
    })
    expect(judge(r.representativesMeetingQuorum, 30, 19)).toEqual({
      rule: r.representativesMeetingQuorum,
      base: 30,
      required: 20,
      count: 19,
      met: false,
    })
  })
})

describe('党员大会', () => {
  const judged = (shouldAttend: number, presentVoting: number, yes: number) =>
    judgePartyAssembly({ shouldAttend, presentVoting, yes }, r.partyAssemblyQuorum, r.partyAssemblyPass)

  it.each([
    // should attend, present, yes → quorum, passed
    [10, 6, 6, true, true],
    [10, 6, 5, true, false], // 5 yes of 10 is half, not more — even though 5 of 6 present
    [10, 5, 5, false, false], // exactly half present is no quorum
    [10, 5, 6, false, false], // 6 yes with written opinions, but no quorum: not passed
    [9, 5, 5, true, true],
    [0, 0, 0, false, false],
  ])(
    '%i should attend, %i present, %i yes → quorum %s, passed %s',
    (should, present, yes, quorum, passed) => {
      const j = judged(should, present, yes)
      expect(j.quorum.met).toBe(quorum)
      expect(j.passed).toBe(passed)
      expect(j.pass.base).toBe(should) // of those who should attend, never of those present
      expect(j.quorum).toMatchObject({ base: should, count: present })
      expect(j.pass.count).toBe(yes)
    },
  )
})

describe('村民会议', () => {
  const judged = (presentAdults: number, presentHouseholds: number, yes: number) =>
    judgeVillagersMeeting({ adults: 600, households: 160, presentAdults, presentHouseholds, yes }, villagers)

  it('meets the quorum by more than half of the adults', () => {
    const j = judged(301, 0, 151)
    expect(j.quorum).toMatchObject({
      rule: r.villagersMeetingQuorumAdults,
      met: true,
      base: 600,
      required: 301,
    })
    expect(j.passed).toBe(true)
    expect(judged(300, 106, 300).quorum.met).toBe(false) // exactly half, and one household short of 2/3
  })

  it('meets it by at least 2/3 of the households when the adults fall short', () => {
    const j = judged(200, 107, 101)
    expect(j.quorum).toMatchObject({ rule: r.villagersMeetingQuorumHouseholds, met: true, required: 107 })
    expect(j.alternatives.map((a) => a.met)).toEqual([false, true])
    expect(j.passed).toBe(true)
  })

  it('is never passed without a quorum, however many say yes', () => {
    const j = judged(300, 106, 300)
    expect(j.pass.met).toBe(true)
    expect(j.passed).toBe(false)
    expect(j.quorum.rule).toBe(r.villagersMeetingQuorumHouseholds)
  })

  it('passes by more than half of those present, exactly half failing', () => {
    expect(judged(400, 0, 200).passed).toBe(false)
    expect(judged(400, 0, 201)).toMatchObject({ passed: true, pass: { base: 400, required: 201 } })
  })

  it('counts a pass rule "of all adults" against all adults', () => {
    const ofAll: CountRule = { ...r.villagersMeetingPass, denominator: 'adults' }
    const j = judgeVillagersMeeting(
      { adults: 600, households: 160, presentAdults: 400, presentHouseholds: 0, yes: 250 },
      { ...villagers, pass: ofAll },
    )
    expect(j.pass).toMatchObject({ base: 600, required: 301, met: false })
    expect(j.passed).toBe(false)
  })
})

describe('村民代表会议', () => {
  it('counts a pass rule "of all representatives" against all of them', () => {
    const ofAll: CountRule = { ...r.representativesMeetingPass, denominator: 'representatives' }
    const j = judgeRepresentativesMeeting(
      { members: 30, present: 24, yes: 15 },
      { quorum: r.representativesMeetingQuorum, pass: ofAll },
    )
    expect(j.pass).toMatchObject({ base: 30, required: 16, met: false })
    expect(j.passed).toBe(false)
    const ofPresent = judgeRepresentativesMeeting(
      { members: 30, present: 24, yes: 15 },
      { quorum: r.representativesMeetingQuorum, pass: r.representativesMeetingPass },
    )
    expect(ofPresent).toMatchObject({ passed: true, pass: { base: 24, required: 13 } })
  })

  it('is never passed without a quorum', () => {
    const j = judgeRepresentativesMeeting(
      { members: 30, present: 19, yes: 19 },
      { quorum: r.representativesMeetingQuorum, pass: r.representativesMeetingPass },
    )
    expect(j.pass.met).toBe(true)
    expect(j.passed).toBe(false)
  })
})
