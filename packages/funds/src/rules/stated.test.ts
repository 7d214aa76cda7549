import { describe, expect, it } from 'vitest'
import { CreateFundSourceInput, CreateProjectInput } from '../inputs.js'
import { ALLOCATABLE, type AllocatingProject, type AllocatingSource, checkAllocation } from './allocation.js'
import { distributeRevenue } from './distribution.js'
import {
  acceptanceShares,
  checkNoticeStage,
  checkResult,
  checkStep,
  checkTransition,
  completedNotice,
  FUNDABLE,
  PROJECT_STATUSES,
  TARGET_STATUSES,
} from './lifecycle.js'
import {
  checkMilestone,
  checkNotFuture,
  checkPayment,
  checkReplan,
  planAmounts,
  TRIGGERS,
  triggerGap,
} from './payment-plan.js'
import { FULL_BP, formatPercent } from './percent.js'
import { checkProject } from './projects.js'
import { checkDistributable, checkEarning, distributionDate } from './revenue.js'
import { checkSource } from './sources.js'

/** The refusal as a client sees it: code, field and context (the message is prose). */
const refusal = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    const { code, field, context } = error as { code: string; field?: string; context: object }
    return { code, field, context }
  }
  return null
}

describe('percent', () => {
  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [50n, '0.50'],
    [725n, '7.25'],
    [5_500n, '55.00'],
    [FULL_BP, '100.00'],
  ])('formats %s basis points as %s', (bp, text) => {
    expect(formatPercent(bp)).toBe(text)
  })
})

describe('sources', () => {
  const input = (over: object = {}) =>
    CreateFundSourceInput.parse({
      name: '扶持资金',
      kind: 'collective_economy_support',
      level: 'provincial',
      documentNo: '鲁财农指〔2024〕8号',
      fiscalYear: 2024,
      amount: '1000000.00',
      receivedOn: '2023-01-01',
      holder: { kind: 'county', code: '370323' },
      allowedCategories: ['industry'],
      directFund: false,
      ...over,
    })

  it('takes money received from the first day of the year before its fiscal year', () => {
    expect(refusal(() => checkSource(input(), '370323'))).toBeNull()
    expect(refusal(() => checkSource(input({ receivedOn: '2022-12-31' }), '370323'))).toEqual({
      code: 'funds.received_before_year',
      field: 'receivedOn',
      context: {},
    })
    expect(refusal(() => checkSource(input({ receivedOn: '2025-06-30' }), '370323'))).toBeNull()
  })

  it('sits in its holder’s own division, naming the holder field', () => {
    expect(refusal(() => checkSource(input(), '370322'))).toEqual({
      code: 'funds.holder_mismatch',
      field: 'holder',
      context: {},
    })
  })
})

describe('revenue', () => {
  it('names the run that already distributed it and the date field', () => {
    expect(refusal(() => checkDistributable('r1', 'run1', [{}]))).toEqual({
      code: 'funds.revenue_distributed',
      field: undefined,
      context: { runId: 'run1' },
    })
    expect(refusal(() => distributionDate({ receivedOn: '2024-12-01' }, '2024-11-30'))).toEqual({
      code: 'funds.distributed_before_received',
      field: 'date',
      context: {},
    })
    expect(distributionDate({ receivedOn: '2024-12-01' }, '2024-12-01')).toBe('2024-12-01')
    for (const status of ['candidate', 'approved', 'started', 'cancelled'])
      expect(refusal(() => checkEarning(status))?.code).toBe('funds.not_operating')
  })
})

describe('allocation: boundaries and what a refusal names', () => {
  const project: AllocatingProject = {
    status: 'approved',
    countyCode: '370323',
    townshipCode: '370323107',
    allianceId: 'a1',
    category: 'livelihood',
    budget: 50_000_00n,
  }
  const source: AllocatingSource = {
    name: '扶持资金',
    countyCode: '370323',
    holderKind: 'township',
    holderId: '370323107',
    allowedCategories: ['industry', 'livelihood'],
    minIndustryShareBp: null,
    amount: 100_000_00n,
  }
  const none = { sourceAllocated: 0n, sourceNonIndustry: 0n, projectAllocated: 0n }

  it('allocates to approved and started projects only', () => {
    expect(ALLOCATABLE).toEqual(['approved', 'started'])
  })

  it('may use up exactly what the source has left, and exactly the budget', () => {
    const allocated = { ...none, sourceAllocated: 60_000_00n }
    expect(checkAllocation({ ...project, budget: 40_000_00n }, source, 40_000_00n, allocated)).toEqual({
      sourceAvailable: 0n,
    })
    expect(
      refusal(() => checkAllocation({ ...project, budget: 90_000_00n }, source, 40_000_01n, allocated)),
    ).toEqual({
      code: 'funds.insufficient_source',
      field: 'amount',
      context: { available: '40000.00', requested: '40000.01' },
    })
    expect(
      refusal(() => checkAllocation(project, source, 10_000_00n, { ...none, projectAllocated: 40_000_00n })),
    ).toBeNull()
    expect(
      refusal(() => checkAllocation(project, source, 10_000_01n, { ...none, projectAllocated: 40_000_00n })),
    ).toEqual({
      code: 'funds.over_budget',
      field: 'amount',
      context: {},
    })
  })

  it('keeps the industry share counting what non-industry projects already took', () => {
    const share = { ...source, minIndustryShareBp: 6000 }
    const taken = { ...none, sourceAllocated: 30_000_00n, sourceNonIndustry: 30_000_00n }
    expect(refusal(() => checkAllocation(project, share, 10_000_00n, taken))).toBeNull()
    expect(refusal(() => checkAllocation(project, share, 10_000_01n, taken))).toEqual({
      code: 'funds.industry_share',
      field: 'amount',
      context: {},
    })
    // a share of 0% restricts nothing; of 100% leaves nothing for other categories
    expect(
      refusal(() => checkAllocation(project, { ...source, minIndustryShareBp: 0 }, 50_000_00n, none)),
    ).toBeNull()
    expect(
      refusal(() => checkAllocation(project, { ...source, minIndustryShareBp: 10_000 }, 1n, none))?.code,
    ).toBe('funds.industry_share')
  })

  it('names the source field and the holder or categories when out of reach', () => {
    expect(refusal(() => checkAllocation({ ...project, countyCode: '370322' }, source, 1n, none))).toEqual({
      code: 'funds.cross_county',
      field: 'fundSourceId',
      context: {},
    })
    expect(
      refusal(() => checkAllocation({ ...project, townshipCode: '370323108' }, source, 1n, none)),
    ).toEqual({
      code: 'funds.source_out_of_reach',
      field: 'fundSourceId',
      context: { holder: { kind: 'township', id: '370323107' } },
    })
    // a township holder does not reach a project whose alliance id equals the township code
    const byAlliance = { ...project, townshipCode: '370323108', allianceId: '370323107' }
    expect(refusal(() => checkAllocation(byAlliance, source, 1n, none))?.code).toBe(
      'funds.source_out_of_reach',
    )
    // an alliance holder does not reach a project in a township of the same id
    const alliance = { ...source, holderKind: 'alliance', holderId: '370323107' }
    expect(refusal(() => checkAllocation({ ...project, allianceId: 'a2' }, alliance, 1n, none))?.code).toBe(
      'funds.source_out_of_reach',
    )
    expect(
      refusal(() => checkAllocation({ ...project, category: 'infrastructure' }, source, 1n, none)),
    ).toEqual({
      code: 'funds.category_not_allowed',
      field: 'fundSourceId',
      context: { allowed: ['industry', 'livelihood'], category: 'infrastructure' },
    })
  })
})

describe('lifecycle: the whole transition table', () => {
  const order = [
    'candidate',
    'submitted',
    'reviewed',
    'approved',
    'started',
    'accepted',
    'operating',
    'closed',
  ] as const
  const allowedFrom: Record<string, string[]> = {
    submitted: ['candidate'],
    reviewed: ['submitted'],
    approved: ['reviewed'],
    started: ['approved'],
    accepted: ['started'],
    operating: ['accepted'],
    closed: ['operating'],
    cancelled: ['candidate', 'submitted', 'reviewed', 'approved'],
  }
  it('allows exactly the steps of the table, and names the allowed next steps otherwise', () => {
    expect(PROJECT_STATUSES).toEqual([...order, 'cancelled'])
    expect(TARGET_STATUSES).toEqual(Object.keys(allowedFrom))
    for (const from of PROJECT_STATUSES) {
      for (const to of TARGET_STATUSES) {
        const ok = allowedFrom[to]!.includes(from)
        const next = TARGET_STATUSES.filter((t) => allowedFrom[t]!.includes(from))
        expect([from, to, refusal(() => checkTransition(from, to))]).toEqual([
          from,
          to,
          ok
            ? null
            : { code: 'funds.transition_out_of_order', field: 'to', context: { from, to, allowed: next } },
        ])
      }
    }
    expect(FUNDABLE).toEqual(['approved', 'started', 'accepted', 'operating'])
  })

  it('dates a step on or before today and on or after the previous one', () => {
    const ctx = { today: '2024-05-10', lastStepOn: '2024-05-01', paid: false }
    expect(refusal(() => checkStep('started', '2024-05-10', ctx))).toBeNull()
    expect(refusal(() => checkStep('started', '2024-05-01', ctx))).toBeNull()
    expect(refusal(() => checkStep('started', '2024-05-11', ctx))).toEqual({
      code: 'funds.future_step',
      field: 'on',
      context: {},
    })
    expect(refusal(() => checkStep('started', '2024-04-30', ctx))).toEqual({
      code: 'funds.step_before_previous',
      field: 'on',
      context: {},
    })
    expect(refusal(() => checkStep('started', '2000-01-01', { ...ctx, lastStepOn: null }))).toBeNull()
    expect(refusal(() => checkStep('cancelled', '2024-05-10', { ...ctx, paid: true }))).toEqual({
      code: 'funds.paid_cannot_cancel',
      field: 'to',
      context: {},
    })
    expect(refusal(() => checkStep('closed', '2024-05-10', { ...ctx, paid: true }))).toBeNull()
  })

  it('waits for a notice of the stage to have ended before the day, naming its last day', () => {
    const notices = [
      { stage: 'approval', until: '2024-03-10' },
      { stage: 'completion', until: '2024-02-01' },
      { stage: 'approval', until: '2024-02-20' },
    ]
    expect(completedNotice(notices, 'approval', '2024-03-11')).toBe(notices[0])
    expect(completedNotice(notices, 'approval', '2024-03-10')).toBe(notices[2])
    expect(refusal(() => completedNotice(notices.slice(0, 2), 'approval', '2024-03-10'))).toEqual({
      code: 'funds.notice_required',
      field: undefined,
      context: { stage: 'approval', until: '2024-03-10' },
    })
    expect(refusal(() => completedNotice([], 'completion', '2024-03-10'))).toEqual({
      code: 'funds.notice_required',
      field: undefined,
      context: { stage: 'completion' },
    })
    expect(completedNotice(notices, 'completion', '2024-02-02')).toBe(notices[1])
  })

  it('posts an approval notice while submitted or reviewed, a completion notice while started', () => {
    const table = PROJECT_STATUSES.map((s) => [
      s,
      refusal(() => checkNoticeStage(s, 'approval')) === null,
      refusal(() => checkNoticeStage(s, 'completion')) === null,
    ])
    expect(table.filter(([, a]) => a).map(([s]) => s)).toEqual(['submitted', 'reviewed'])
    expect(table.filter(([, , c]) => c).map(([s]) => s)).toEqual(['started'])
    expect(refusal(() => checkNoticeStage('approved', 'approval'))?.field).toBe('stage')
  })

  it('records acceptance shares only with to=accepted, one line per holder of the county', () => {
    const shares = [
      { holder: { villageCode: '370323107201' }, contribution: 'money', valuation: 100n },
      { holder: { partnerId: 'p1' }, contribution: 'land', valuation: 50n },
    ]
    expect(acceptanceShares('accepted', { shares }, '370323')).toEqual([
      { holder: 'village:370323107201', contribution: 'money', units: 100n },
      { holder: 'partner:p1', contribution: 'land', units: 50n },
    ])
    expect(acceptanceShares('started', undefined, '370323')).toEqual([])
    expect(refusal(() => acceptanceShares('started', { shares }, '370323'))).toEqual({
      code: 'funds.acceptance_unexpected',
      field: 'acceptance',
      context: {},
    })
    expect(refusal(() => acceptanceShares('accepted', undefined, '370323'))).toEqual({
      code: 'funds.acceptance_required',
      field: 'acceptance',
      context: {},
    })
    expect(refusal(() => acceptanceShares('accepted', { shares }, '370322'))).toEqual({
      code: 'funds.holder_outside_county',
      field: 'acceptance.shares.0.holder',
      context: {},
    })
    expect(
      refusal(() => acceptanceShares('accepted', { shares: [shares[1]!, shares[0]!, shares[1]!] }, '370323')),
    ).toEqual({
      code: 'funds.duplicate_holder',
      field: 'acceptance.shares.2.holder',
      context: {},
    })
  })

  it('records results once works start, for a target indicator', () => {
    for (const status of ['started', 'accepted', 'operating', 'closed'])
      expect(refusal(() => checkResult(status, true, 'x'))).toBeNull()
    for (const status of ['candidate', 'approved', 'cancelled'])
      expect(refusal(() => checkResult(status, true, 'x'))?.code).toBe('funds.no_results_yet')
    expect(refusal(() => checkResult('started', false, 'x'))).toEqual({
      code: 'funds.unknown_indicator',
      field: 'indicator',
      context: {},
    })
  })
})

describe('payment plans: boundaries and what a refusal names', () => {
  const t = (over: object) => ({ label: 'T', trigger: 'start' as const, ...over })

  it('splits a whole-percent plan by largest remainder, in tranche order', () => {
    const plan = [
      t({ percentBp: 3_333n }),
      t({ percentBp: 3_333n }),
      t({ percentBp: 3_334n, trigger: 'acceptance' }),
    ]
    expect(planAmounts(100n, plan)).toEqual([33n, 33n, 34n])
    expect(planAmounts(1n, [t({ percentBp: 5_000n }), t({ percentBp: 5_000n })])).toEqual([1n, 0n])
    expect(TRIGGERS).toEqual(['start', 'milestone', 'acceptance', 'date'])
  })

  it.each([
    [0n, [t({ amount: 1n })], 'funds.nothing_allocated', undefined, {}],
    [10n, [t({ amount: 10n, percentBp: 10_000n })], 'funds.percent_or_amount', 'tranches.0', {}],
    [10n, [t({ amount: 5n }), t({})], 'funds.percent_or_amount', 'tranches.1', {}],
    [10n, [t({ percentBp: 0n })], 'funds.empty_tranche', 'tranches.0.percent', {}],
    [10n, [t({ amount: 10n, trigger: 'date' })], 'funds.due_date_required', 'tranches.0.dueOn', {}],
    [10n, [t({ amount: 10n, dueOn: '2024-05-01' })], 'funds.due_date_unexpected', 'tranches.0.dueOn', {}],
    [10n, [t({ amount: 5n }), t({ percentBp: 5_000n })], 'funds.mixed_plan', 'tranches', {}],
    [10n, [t({ percentBp: 9_999n })], 'funds.plan_not_whole', 'tranches', { sumBasisPoints: '9999' }],
    [
      10n,
      [t({ percentBp: 5_000n }), t({ percentBp: 5_001n })],
      'funds.plan_not_whole',
      'tranches',
      { sumBasisPoints: '10001' },
    ],
    [1_000n, [t({ amount: 999n })], 'funds.plan_not_whole', 'tranches', { sum: '9.99', allocated: '10.00' }],
  ] as const)('allocated %s, plan %o → %s on %s', (allocated, plan, code, field, context) => {
    expect(refusal(() => planAmounts(allocated, plan as never))).toEqual({ code, field, context })
  })

  it('takes a plan in amounts that sums to the allocated total', () => {
    expect(
      planAmounts(1_000n, [t({ amount: 400n }), t({ amount: 600n, trigger: 'date', dueOn: '2024-06-01' })]),
    ).toEqual([400n, 600n])
  })

  it.each([
    ['start', { startedOn: '2024-05-01' }, '2024-05-01', null],
    [
      'start',
      { startedOn: '2024-05-02' },
      '2024-05-01',
      'the start of works is on 2024-05-02, after 2024-05-01',
    ],
    ['start', {}, '2024-05-01', 'the start of works has not happened'],
    ['acceptance', { acceptedOn: '2024-04-30' }, '2024-05-01', null],
    ['acceptance', { startedOn: '2024-04-30' }, '2024-05-01', 'the acceptance (验收) has not happened'],
    [
      'milestone',
      { milestoneMetOn: '2024-05-02' },
      '2024-05-01',
      'the milestone is on 2024-05-02, after 2024-05-01',
    ],
    ['milestone', { milestoneMetOn: '2024-05-01' }, '2024-05-01', null],
    ['date', { dueOn: '2024-05-01' }, '2024-05-01', null],
    ['date', { startedOn: '2024-01-01' }, '2024-05-01', 'the due date has not happened'],
  ] as const)('a %s tranche with %o on %s: %s', (trigger, facts, date, gap) => {
    const all = { startedOn: null, acceptedOn: null, dueOn: null, milestoneMetOn: null, ...facts }
    expect(triggerGap(trigger, all, date)).toBe(gap)
  })

  it('keeps paid tranches and plans the rest in amounts', () => {
    const kept = [{ id: 'k1', label: '首付', amount: 300n }]
    expect(refusal(() => checkReplan([], [t({ percentBp: 10_000n })], 1_000n))).toBeNull()
    expect(refusal(() => checkReplan(kept, [t({ amount: 700n })], 1_000n))).toBeNull()
    expect(refusal(() => checkReplan(kept, [t({ percentBp: 10_000n })], 1_000n))).toEqual({
      code: 'funds.plan_in_use',
      field: 'tranches',
      context: { kept: ['k1'] },
    })
    expect(
      refusal(() => checkReplan([{ id: 'k1', label: '全款', amount: 1_000n }], [t({ amount: 1n })], 1_000n))
        ?.code,
    ).toBe('funds.plan_in_use')
    expect(
      refusal(() => checkReplan([{ id: 'k1', label: '部分', amount: 999n }], [t({ amount: 1n })], 1_000n)),
    ).toBeNull()
  })

  it('marks a milestone once, on a milestone tranche; records nothing in the future', () => {
    expect(
      refusal(() => checkMilestone({ label: 'M', trigger: 'milestone', milestoneMetOn: null })),
    ).toBeNull()
    expect(refusal(() => checkMilestone({ label: 'M', trigger: 'start', milestoneMetOn: null }))?.code).toBe(
      'funds.not_a_milestone',
    )
    expect(
      refusal(() => checkMilestone({ label: 'M', trigger: 'milestone', milestoneMetOn: '2024-01-01' }))?.code,
    ).toBe('funds.milestone_met')
    expect(refusal(() => checkNotFuture('2024-05-01', '2024-05-01', 'date', '拨付'))).toBeNull()
    expect(refusal(() => checkNotFuture('2024-05-02', '2024-05-01', 'receivedOn', '收益'))).toEqual({
      code: 'funds.future_date',
      field: 'receivedOn',
      context: {},
    })
  })

  it('pays a triggered tranche within the source’s allocation and the tranche, exactly to the limit', () => {
    const context = {
      sourceName: '扶持资金',
      tranche: { label: '首付', trigger: 'start', amount: 500n },
      facts: { startedOn: '2024-05-01', acceptedOn: null, dueOn: null, milestoneMetOn: null },
      allocatedFromSource: 800n,
      allocated: 1_000n,
      planTotal: 1_000n,
      paidFromSource: 300n,
      paidOnTranche: 0n,
    }
    const pay = (amount: bigint, over: object = {}, date = '2024-05-01') =>
      refusal(() => checkPayment({ date, amount }, { ...context, ...over }))
    expect(pay(500n)).toBeNull()
    expect(pay(1n, {}, '2024-04-30')).toEqual({
      code: 'funds.tranche_not_triggered',
      field: 'trancheId',
      context: { trigger: 'start' },
    })
    expect(pay(1n, { planTotal: 999n })?.code).toBe('funds.plan_outdated')
    expect(pay(501n, { tranche: { ...context.tranche, amount: 1_000n } })).toEqual({
      code: 'funds.over_allocation',
      field: 'amount',
      context: { allocated: '8.00', disbursed: '3.00' },
    })
    expect(pay(101n, { paidOnTranche: 400n })).toEqual({
      code: 'funds.over_tranche',
      field: 'amount',
      context: { tranche: '5.00', disbursed: '4.00' },
    })
    expect(pay(100n, { paidOnTranche: 400n })).toBeNull()
  })
})

describe('projects: what enters the library, naming the field', () => {
  const base = CreateProjectInput.parse({
    name: '香菇产业园',
    category: 'industry',
    townshipCode: '370323107',
    implementer: { villageCode: '370323107201' },
    budget: '3000000.00',
    location: '朱家户村东',
    startOn: '2024-04-01',
    endOn: '2024-10-31',
    beneficiaries: [
      { villageCode: '370323107201', units: 160 },
      { villageCode: '370323107202', units: 90 },
    ],
    targets: [{ level1: 'output', indicator: '新建香菇大棚', unit: '个', target: '49' }],
    benefitMechanism: '按出资比例分红',
    proposedBy: 'alliance',
  })
  it.each([
    [{ targets: [] }, 'funds.targets_required', 'targets'],
    [{ benefitMechanism: '' }, 'funds.benefit_mechanism_required', 'benefitMechanism'],
    [{ endOn: '2024-03-31' }, 'funds.ends_before_start', 'endOn'],
    [
      { implementer: { villageCode: '370323108201' } },
      'funds.implementer_outside_township',
      'implementer.villageCode',
    ],
    [
      {
        beneficiaries: [
          { villageCode: '370323107201', units: 1 },
          { villageCode: '370322104203', units: 1 },
        ],
      },
      'funds.beneficiary_outside_county',
      'beneficiaries.1.villageCode',
    ],
  ])('%o → %s on %s', (over, code, field) => {
    expect(refusal(() => checkProject({ ...base, ...over } as CreateProjectInput))).toEqual({
      code,
      field,
      context: {},
    })
  })

  it('takes a project that ends the day it starts', () => {
    expect(refusal(() => checkProject({ ...base, endOn: '2024-04-01' }))).toBeNull()
  })
})

describe('distribution stages that split nothing record no split', () => {
  const policy = (over: object) => ({
    version: 'v1',
    guaranteed: [] as { villageCode: string; amount: bigint }[],
    reserveBp: 0n,
    monitoredHouseholdsBp: 0n,
    shortfall: 'pro_rata' as const,
    ...over,
  })
  const holders = [
    { key: 'village:370322104201', units: 1n },
    { key: 'village:370322104202', units: 3n },
  ]
  it('pays guarantees exactly covered by revenue in full, without a pro-rata split', () => {
    const outcome = distributeRevenue(
      500n,
      policy({
        guaranteed: [
          { villageCode: '370322104201', amount: 200n },
          { villageCode: '370322104202', amount: 300n },
        ],
      }),
      holders,
    )
    expect(outcome.stages[0]).toEqual({ name: 'guaranteed', available: 500n, amount: 500n, split: null })
    expect(outcome.operatorOwes).toBe(0n)
  })

  it('records a 0% reserve as no split', () => {
    const outcome = distributeRevenue(100n, policy({ monitoredHouseholdsBp: 1_000n }), holders)
    expect(outcome.stages.find((s) => s.name === 'reserve')).toEqual({
      name: 'reserve',
      available: 100n,
      amount: 0n,
      split: null,
    })
    expect(outcome.stages.find((s) => s.name === 'monitored_households')?.amount).toBe(10n)
  })
})

describe('payment plans: ties between equal tranches go to the earlier tranche', () => {
  it('gives the leftover fen of eleven equal tranches to the first ones, in tranche order past ten', () => {
    const plan = [
      ...Array.from({ length: 11 }, (_, i) => ({
        label: `T${i}`,
        trigger: 'start' as const,
        percentBp: 833n,
      })),
      { label: 'T11', trigger: 'acceptance' as const, percentBp: 837n },
    ]
    // 100 fen: floors 8 each (96), leftover 4 — first to the largest remainder (T11), then T0, T1, T2
    expect(planAmounts(100n, plan)).toEqual([9n, 9n, 9n, 8n, 8n, 8n, 8n, 8n, 8n, 8n, 8n, 9n])
  })

  it('keeps paid tranches when any new tranche is given as a percent', () => {
    const kept = [{ id: 'k1', label: '首付', amount: 300n }]
    const mixed = [
      { label: 'a', trigger: 'start' as const, amount: 100n },
      { label: 'b', trigger: 'start' as const, percentBp: 5_000n },
    ]
    expect(refusal(() => checkReplan(kept, mixed, 1_000n))?.code).toBe('funds.plan_in_use')
  })
})
