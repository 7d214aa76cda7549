import { describe, expect, it } from 'vitest'
import type { MatterMeetingInput, SessionMinutesInput } from '../inputs.js'
import { councilPoints, planMinutes } from './councils.js'
import { basisOn } from './legal-bases.js'
import { judgeMeeting } from './meeting.js'
import { effectiveRules, NATIONAL_RULES, nationalRules } from './rule-set.js'
import { checkVillagersMeeting } from './stages.js'

/** Issue 12 items 1–4 and "Also": each rule at its boundary, named by the rule and its legal basis. */
const ids = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `${prefix}${i}`)
const meeting = (
  attendees: string[],
  votes: MatterMeetingInput['votes'],
  extra: Partial<MatterMeetingInput> = {},
) => ({ heldOn: '2024-03-01', attendees, votes, minutes: 'm', ...extra }) as MatterMeetingInput
const codeOf = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    return (error as { code: string }).code
  }
  return null
}

describe('组织法 2018 Arts. 25–26: the 村民代表会议 is the 村委会 members and the 村民代表, quorum 2/3 of them', () => {
  // 12 representatives and 3 committee members, one of whom is also a representative: 14 members.
  const roster = {
    kind: 'representatives' as const,
    members: [...ids(12, 'r'), 'c1', 'c2'],
    representatives: ids(12, 'r'),
    womenRepresentatives: ids(5, 'r'),
  }
  const totals = (yes: number, present: number) => ({ yes, no: present - yes, abstain: 0 })
  it('meets the quorum at exactly 2/3 (10 of 14 → 9.33, so 10), committee members counting', () => {
    const j = judgeMeeting(meeting([...ids(8, 'r'), 'c1', 'c2'], totals(6, 10)), roster, NATIONAL_RULES)
    expect(j.quorum).toMatchObject({ base: 14, required: 10, count: 10, met: true })
  })
  it('fails one short of 2/3', () => {
    const j = judgeMeeting(meeting(ids(9, 'r'), totals(9, 9)), roster, NATIONAL_RULES)
    expect(j).toMatchObject({ outcome: 'quorum_not_met', quorum: { count: 9, required: 10 } })
  })
  it('passes on more than half of those present, not on exactly half', () => {
    expect(judgeMeeting(meeting(ids(10, 'r'), totals(6, 10)), roster, NATIONAL_RULES).outcome).toBe('passed')
    expect(judgeMeeting(meeting(ids(10, 'r'), totals(5, 10)), roster, NATIONAL_RULES).outcome).toBe(
      'rejected',
    )
  })
  it('reports its make-up (Art. 25): representatives at least 4/5, women at least 1/3 of its members', () => {
    const j = judgeMeeting(meeting(ids(10, 'r'), totals(6, 10)), roster, NATIONAL_RULES)
    // 12 of 14: 4/5 of 14 is 11.2 → 12, met exactly; 5 women of 14: 1/3 is 4.67 → 5, met exactly.
    expect(j.composition?.representatives).toMatchObject({ base: 14, required: 12, count: 12, met: true })
    expect(j.composition?.womenRepresentatives).toMatchObject({ required: 5, count: 5, met: true })
    const short = judgeMeeting(
      meeting(ids(10, 'r'), totals(6, 10)),
      { ...roster, womenRepresentatives: ids(4, 'r') },
      NATIONAL_RULES,
    )
    expect(short.outcome).toBe('passed')
    expect(short.composition?.warnings).toHaveLength(1)
  })
})

describe('农村土地承包法 2018 Art. 19(3): a 承包方案 needs 2/3 of the 村民代表 (or of the villagers’ meeting)', () => {
  const reps = { kind: 'representatives' as const, members: ids(12, 'r') }
  const land = { category: 'land_contracting' }
  const named = (yes: number, present: number) =>
    ids(present, 'r').map((personId, i) => ({
      personId,
      option: i < yes ? ('yes' as const) : ('no' as const),
    }))
  it('refuses 5 yes of 8 present out of 12 representatives (the issue’s case)', () => {
    const j = judgeMeeting(meeting(ids(8, 'r'), named(5, 8)), reps, NATIONAL_RULES, land)
    expect(j.outcome).toBe('rejected')
    expect(j.pass).toMatchObject({ base: 12, required: 8, count: 5, met: false })
    expect(j.pass.rule.basis).toMatchObject({
      law: '中华人民共和国农村土地承包法',
      version: '2018',
      article: '19(3)',
    })
    expect(j.passes).toHaveLength(2)
  })
  it('passes at exactly 2/3 (8 of 12) and fails one short (7)', () => {
    expect(judgeMeeting(meeting(ids(9, 'r'), named(8, 9)), reps, NATIONAL_RULES, land).outcome).toBe('passed')
    expect(judgeMeeting(meeting(ids(9, 'r'), named(7, 9)), reps, NATIONAL_RULES, land).outcome).toBe(
      'rejected',
    )
  })
  it('counts only representatives’ yes: from totals, committee members present are taken as yes', () => {
    const withCommittee = {
      kind: 'representatives' as const,
      members: [...ids(12, 'r'), 'c1'],
      representatives: ids(12, 'r'),
    }
    // 9 yes in totals with c1 present: at least 8 came from representatives — enough; 8 yes: only 7.
    const ok = judgeMeeting(
      meeting([...ids(9, 'r'), 'c1'], { yes: 9, no: 1, abstain: 0 }),
      withCommittee,
      NATIONAL_RULES,
      land,
    )
    expect(ok.pass).toMatchObject({ count: 8, met: true })
    const short = judgeMeeting(
      meeting([...ids(9, 'r'), 'c1'], { yes: 8, no: 2, abstain: 0 }),
      withCommittee,
      NATIONAL_RULES,
      land,
    )
    expect(short).toMatchObject({ outcome: 'rejected', pass: { count: 7, required: 8 } })
  })
  it('at a villagers’ meeting, 2/3 of its members (the adults), not of those present', () => {
    const villagers = { kind: 'villagers' as const, villagers: ids(9, 'v'), households: [] }
    // 6 present of 9 adults (more than half) and 6 yes: exactly 2/3 of 9.
    expect(
      judgeMeeting(meeting(ids(6, 'v'), { yes: 6, no: 0, abstain: 0 }), villagers, NATIONAL_RULES, land)
        .outcome,
    ).toBe('passed')
    const short = judgeMeeting(
      meeting(ids(6, 'v'), { yes: 5, no: 1, abstain: 0 }),
      villagers,
      NATIONAL_RULES,
      land,
    )
    expect(short).toMatchObject({ outcome: 'rejected', pass: { base: 9, required: 6, count: 5 } })
  })
  it('land readjustment (Art. 28) and contracting to outsiders (Art. 52) carry the same 2/3', () => {
    expect(
      NATIONAL_RULES.matterCategoryRules.land_readjustment?.representativesMeeting?.[0]?.basis.article,
    ).toBe('28')
    expect(
      NATIONAL_RULES.matterCategoryRules.land_contracting_outsiders?.villagersMeeting?.[0]?.basis.article,
    ).toBe('52')
  })
  it('a county adds its own special majority besides the national one, never instead', () => {
    const rules = effectiveRules('370302104201', '2024-06-01', [
      {
        divisionCode: '370302',
        effectiveFrom: '2024-01-01',
        rules: {
          matterCategoryRules: {
            asset_disposal: {
              representativesMeeting: [
                {
                  denominator: 'present',
                  threshold: { comparator: 'gte', num: 2, den: 3 },
                  basis: { law: '县规程', version: '2024', article: '5' },
                },
              ],
            },
            land_contracting: { representativesMeeting: [] },
          },
        },
      },
    ])
    expect(rules.matterCategoryRules.asset_disposal?.representativesMeeting).toHaveLength(1)
    expect(rules.matterCategoryRules.land_contracting?.representativesMeeting).toHaveLength(1)
    const j = judgeMeeting(meeting(ids(9, 'r'), named(6, 9)), reps, rules, { category: 'asset_disposal' })
    expect(j).toMatchObject({ outcome: 'passed', pass: { base: 9, required: 6, count: 6 } })
  })
})

describe('组织法 2018 Art. 22: the villagers’ meeting quorum from recorded households (2/3) or adults (more than half)', () => {
  const households = ids(6, 'h').map((id, i) => ({ id, adults: [`v${i}`] }))
  const roster = { kind: 'villagers' as const, villagers: ids(12, 'v'), households }
  it('meets at exactly 2/3 of households represented and fails one short', () => {
    expect(
      judgeMeeting(meeting(ids(4, 'v'), { yes: 3, no: 1, abstain: 0 }), roster, NATIONAL_RULES).quorum,
    ).toMatchObject({ base: 6, count: 4, met: true })
    expect(
      judgeMeeting(meeting(ids(3, 'v'), { yes: 3, no: 0, abstain: 0 }), roster, NATIONAL_RULES).outcome,
    ).toBe('quorum_not_met')
  })
  it('by adults, exactly half is not more than half', () => {
    const noHouseholds = { ...roster, households: [] }
    expect(
      judgeMeeting(meeting(ids(6, 'v'), { yes: 6, no: 0, abstain: 0 }), noHouseholds, NATIONAL_RULES).outcome,
    ).toBe('quorum_not_met')
    expect(
      judgeMeeting(meeting(ids(7, 'v'), { yes: 7, no: 0, abstain: 0 }), noHouseholds, NATIONAL_RULES).outcome,
    ).toBe('passed')
  })
})

describe('组织法 2018 Art. 21: ten days’ notice of a villagers’ meeting', () => {
  const villagers = (extra: Partial<MatterMeetingInput>) =>
    meeting([], { yes: 0, no: 0, abstain: 0 }, { heldOn: '2024-03-20', body: 'villagers_meeting', ...extra })
  it('accepts exactly ten days, refuses nine and a missing notice; a typed household count is refused', () => {
    expect(
      codeOf(() => checkVillagersMeeting(villagers({ noticeSentOn: '2024-03-10' }), NATIONAL_RULES)),
    ).toBeNull()
    expect(
      codeOf(() => checkVillagersMeeting(villagers({ noticeSentOn: '2024-03-11' }), NATIONAL_RULES)),
    ).toBe('governance.notice_too_short')
    expect(codeOf(() => checkVillagersMeeting(villagers({}), NATIONAL_RULES))).toBe(
      'governance.notice_required',
    )
    const typed = {
      ...villagers({ noticeSentOn: '2024-03-01' }),
      presentHouseholds: 80,
    } as MatterMeetingInput
    expect(codeOf(() => checkVillagersMeeting(typed, NATIONAL_RULES))).toBe(
      'governance.household_count_not_accepted',
    )
    // A representatives' meeting needs no ten days.
    expect(
      codeOf(() => checkVillagersMeeting(villagers({ body: 'representatives_meeting' }), NATIONAL_RULES)),
    ).toBeNull()
  })
})

describe('支部工作条例 Art. 11: 党员大会 "半数以上" read by configuration; 留党察看 without a vote (党章 Art. 40)', () => {
  const roster = {
    kind: 'party_assembly' as const,
    fullVoting: ids(10, 'f'),
    probationary: [],
    sanctioned: ['f9'],
  }
  it('excludes a member under 留党察看 from the vote and from those who should attend with one', () => {
    expect(
      codeOf(() =>
        judgeMeeting(meeting(['f9'], [{ personId: 'f9', option: 'yes' }]), roster, NATIONAL_RULES),
      ),
    ).toBe('governance.voter_without_vote')
    const j = judgeMeeting(meeting(ids(5, 'f'), { yes: 5, no: 0, abstain: 0 }), roster, NATIONAL_RULES)
    expect(j.quorum).toMatchObject({ base: 9, required: 5, count: 5, met: true })
  })
  it('exclusive (default): exactly half present is not a quorum; inclusive: it is — and the reading is recorded', () => {
    const even = { kind: 'party_assembly' as const, fullVoting: ids(10, 'f'), probationary: [] }
    const half = meeting(ids(5, 'f'), { yes: 5, no: 0, abstain: 0 })
    expect(judgeMeeting(half, even, NATIONAL_RULES).quorum).toMatchObject({
      met: false,
      rule: { reading: 'exclusive' },
    })
    const county = {
      divisionCode: '370302',
      effectiveFrom: '2024-01-01',
      rules: { partyQuorumReading: 'inclusive' as const },
    }
    const inclusive = effectiveRules('370302104201', '2024-06-01', [county])
    expect(judgeMeeting(half, even, inclusive).quorum).toMatchObject({
      met: true,
      rule: { reading: 'inclusive', wording: '半数以上' },
    })
    // the pass rule (超过半数) is untouched: 5 yes of 10 who should attend is not more than half
    expect(judgeMeeting(half, even, inclusive).outcome).toBe('rejected')
    // a township may not loosen the reading the county left exclusive
    const township = {
      divisionCode: '370302104',
      effectiveFrom: '2024-01-01',
      rules: { partyQuorumReading: 'inclusive' as const },
    }
    expect(effectiveRules('370302104201', '2024-06-01', [township]).partyQuorumReading).toBe('exclusive')
    expect(inclusive.branchCommitteeQuorum.threshold.comparator).toBe('gte')
  })
})

describe('legal bases by the decision day', () => {
  it('cites the 2018 组织法 up to 2025-12-31 and the 2025 text from 2026-01-01, its number marked unverified', () => {
    expect(nationalRules('2025-12-31').representativesMeetingQuorum.basis).toMatchObject({
      version: '2018',
      article: '26',
    })
    const after = nationalRules('2026-01-01').representativesMeetingQuorum.basis
    expect(after).toMatchObject({ version: '2025', verified: false })
    expect(effectiveRules('370302104201', '2026-01-01', []).villagersMeetingPass.basis.version).toBe('2025')
  })
  it('cites the 2002 农村土地承包法 before 2019 and the 2018 amendment from 2019-01-01', () => {
    expect(basisOn('landContractingPlan', '2018-12-31')).toMatchObject({ version: '2002', article: '18(3)' })
    expect(basisOn('landContractingPlan', '2019-01-01')).toMatchObject({ version: '2018', article: '19(3)' })
  })
})

describe('乡村夜话 closures and points (local practice)', () => {
  const minutes = (extra: Partial<SessionMinutesInput>): SessionMinutesInput => ({
    heldOn: '2024-06-20',
    present: ids(4, 'm'),
    progressReports: [{ resolutionId: 'r1', note: 'n', percent: 0 }],
    deliberations: [],
    closures: [],
    ...extra,
  })
  const context = {
    members: new Set(ids(6, 'm')),
    agenda: new Set<string>(),
    open: [{ id: 'r1' }],
    rules: NATIONAL_RULES,
  }
  const notActionable = { resolutionId: 'r1', reason: 'not_actionable' as const, evidence: 'e' }
  it('closes as not actionable only with the reason and more than half of those present voting for it', () => {
    expect(codeOf(() => planMinutes(minutes({ closures: [notActionable] }), context))).toBe(
      'governance.closure_needs_decision',
    )
    const halfOnly = { ...notActionable, explanation: '政策不允许', votes: { yes: 2, no: 2, abstain: 0 } }
    expect(codeOf(() => planMinutes(minutes({ closures: [halfOnly] }), context))).toBe(
      'governance.closure_needs_decision',
    )
    const decided = { ...halfOnly, votes: { yes: 3, no: 1, abstain: 0 } }
    const plan = planMinutes(minutes({ closures: [decided] }), context)
    expect(plan.status === 'held' && plan.closures[0]?.closure).toMatchObject({
      explanation: '政策不允许',
      decision: { met: true, required: 3 },
    })
  })
  it('closes as solved only with a 100% progress report at the session', () => {
    const solved = { resolutionId: 'r1', reason: 'solved' as const, evidence: 'e' }
    expect(codeOf(() => planMinutes(minutes({ closures: [solved] }), context))).toBe(
      'governance.closure_not_complete',
    )
    const done = minutes({
      closures: [solved],
      progressReports: [{ resolutionId: 'r1', note: 'n', percent: 100 }],
    })
    expect(planMinutes(done, context).status).toBe('held')
  })
  it('a resolution spending the major-matter amount opens its 四议两公开 matter', () => {
    const resolve = (amount: bigint, matter?: { category: 'public_welfare_project' }) =>
      minutes({
        deliberations: [
          {
            topicId: 't',
            outcome: 'resolved',
            votes: { yes: 3, no: 1, abstain: 0 },
            resolution: {
              text: '修路',
              owner: '村委会',
              dueOn: '2024-09-30',
              amount,
              ...(matter ? { matter } : {}),
            },
          },
        ],
      })
    const agenda = { ...context, agenda: new Set(['t']) }
    expect(codeOf(() => planMinutes(resolve(5_000_000n), agenda))).toBe('governance.major_matter_required')
    expect(codeOf(() => planMinutes(resolve(4_999_999n), agenda))).toBeNull()
    const plan = planMinutes(resolve(5_000_000n, { category: 'public_welfare_project' }), agenda)
    expect(plan.status === 'held' && plan.resolutions[0]?.matter).toEqual({
      category: 'public_welfare_project',
    })
  })
  it('counts each event under the schedule in force on its day', () => {
    const v2 = { ...NATIONAL_RULES.pointsSchedule, version: '2024-v2', attended: 5 }
    const points = councilPoints(
      {
        topics: [],
        resolutions: [],
        sessions: [
          { on: '2024-03-01', members: ['a'], present: new Set(['a']) },
          { on: '2024-09-01', members: ['a'], present: new Set(['a']) },
        ],
      },
      (day) => (day && day >= '2024-07-01' ? v2 : NATIONAL_RULES.pointsSchedule),
    )
    expect(points[0]).toMatchObject({ personId: 'a', points: 6 })
  })
})
