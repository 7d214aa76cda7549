import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FundsError } from '../errors.js'
import {
  checkMilestone,
  checkNotFuture,
  checkPayment,
  checkReplan,
  planAmounts,
  type TrancheInput,
  type TriggerFacts,
  triggerGap,
} from './payment-plan.js'

function thrown(f: () => unknown): FundsError {
  try {
    f()
  } catch (error) {
    expect(error).toBeInstanceOf(FundsError)
    return error as FundsError
  }
  throw new Error('expected a FundsError, nothing was thrown')
}

const pct = (percentBp: bigint, extra: Partial<TrancheInput> = {}): TrancheInput => ({
  label: `${percentBp} bp`,
  trigger: 'start',
  percentBp,
  ...extra,
})
const amt = (amount: bigint, extra: Partial<TrancheInput> = {}): TrancheInput => ({
  label: `${amount} fen`,
  trigger: 'start',
  amount,
  ...extra,
})

describe('planAmounts', () => {
  it('splits 40/55/5 of an odd total by largest remainder, summing exactly', () => {
    // 1001 → 400.4 / 550.55 / 50.05: floors 1000, the one fen goes to the largest remainder (.55).
    expect(
      planAmounts(1_001n, [
        pct(4_000n),
        pct(5_500n, { trigger: 'milestone' }),
        pct(500n, { trigger: 'acceptance' }),
      ]),
    ).toEqual([400n, 551n, 50n])
    expect(planAmounts(100_000_001n, [pct(4_000n), pct(5_500n), pct(500n)])).toEqual([
      40_000_000n,
      55_000_001n,
      5_000_000n,
    ])
  })

  it('gives a tied fen to the earlier tranche', () => {
    expect(planAmounts(101n, [pct(5_000n), pct(5_000n)])).toEqual([51n, 50n])
    expect(planAmounts(100n, [pct(3_333n), pct(3_333n), pct(3_334n)])).toEqual([33n, 33n, 34n])
  })

  it('keeps amounts as given when they sum to the allocated total', () => {
    expect(
      planAmounts(1_000n, [amt(300n), amt(699n, { trigger: 'date', dueOn: '2024-06-30' }), amt(1n)]),
    ).toEqual([300n, 699n, 1n])
  })

  it('refuses percentages that do not sum to 100.00', () => {
    const under = thrown(() => planAmounts(1_000n, [pct(4_000n), pct(5_000n)]))
    expect(under.code).toBe('funds.plan_not_whole')
    expect(under.context).toEqual({ sumBasisPoints: '9000' })
    expect(under.message).toContain('90.00%')
    expect(thrown(() => planAmounts(1_000n, [pct(4_000n), pct(6_001n)])).code).toBe('funds.plan_not_whole')
  })

  it('refuses amounts that do not sum to the allocated total', () => {
    expect(thrown(() => planAmounts(1_000n, [amt(300n), amt(699n)])).code).toBe('funds.plan_not_whole')
    expect(thrown(() => planAmounts(1_000n, [amt(300n), amt(701n)])).code).toBe('funds.plan_not_whole')
  })

  it('refuses a plan mixing percentages and amounts', () => {
    const error = thrown(() => planAmounts(1_000n, [pct(5_000n), amt(500n)]))
    expect(error.code).toBe('funds.mixed_plan')
    expect(error.field).toBe('tranches')
  })

  it('refuses a tranche of 0%', () => {
    const error = thrown(() => planAmounts(1_000n, [pct(10_000n), pct(0n)]))
    expect(error.code).toBe('funds.empty_tranche')
    expect(error.field).toBe('tranches.1.percent')
  })

  it('refuses a tranche with both or neither of percent and amount', () => {
    const both = thrown(() =>
      planAmounts(1_000n, [pct(5_000n), { label: 'x', trigger: 'start', percentBp: 5_000n, amount: 500n }]),
    )
    expect(both.code).toBe('funds.percent_or_amount')
    expect(both.field).toBe('tranches.1')
    const neither = thrown(() => planAmounts(1_000n, [{ label: 'x', trigger: 'start' }]))
    expect(neither.code).toBe('funds.percent_or_amount')
    expect(neither.field).toBe('tranches.0')
  })

  it('requires dueOn on a date tranche, and only there', () => {
    const missing = thrown(() => planAmounts(1_000n, [pct(10_000n, { trigger: 'date' })]))
    expect(missing.code).toBe('funds.due_date_required')
    expect(missing.field).toBe('tranches.0.dueOn')
    const unexpected = thrown(() =>
      planAmounts(1_000n, [pct(5_000n), pct(5_000n, { trigger: 'acceptance', dueOn: '2024-06-30' })]),
    )
    expect(unexpected.code).toBe('funds.due_date_unexpected')
    expect(unexpected.field).toBe('tranches.1.dueOn')
    expect(planAmounts(1_000n, [pct(10_000n, { trigger: 'date', dueOn: '2024-06-30' })])).toEqual([1_000n])
  })

  it('refuses to plan when nothing is allocated', () => {
    expect(thrown(() => planAmounts(0n, [pct(10_000n)])).code).toBe('funds.nothing_allocated')
    expect(thrown(() => planAmounts(-5n, [amt(-5n)])).code).toBe('funds.nothing_allocated')
  })

  it('splits by percentages exactly, each tranche within one fen of its quota (property)', () => {
    // Distinct cut points on (0, 10000) give a random vector of positive basis points summing to
    // exactly 10000 (a 0% tranche is refused: funds.empty_tranche).
    const bpVector = fc
      .uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: 0, maxLength: 9 })
      .map((cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), 10_000]
        return points.slice(1).map((p, i) => BigInt(p - points[i]!))
      })
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), bpVector, (allocated, bps) => {
        expect(bps.reduce((s, b) => s + b, 0n)).toBe(10_000n)
        const result = planAmounts(
          allocated,
          bps.map((bp) => pct(bp)),
        )
        expect(result).toHaveLength(bps.length)
        expect(result.reduce((s, a) => s + a, 0n)).toBe(allocated)
        result.forEach((amount, i) => {
          const bp = bps[i]!
          // |amount − allocated × bp / 10000| < 1, multiplied through by 10000.
          const error = amount * 10_000n - allocated * bp
          expect((error < 0n ? -error : error) < 10_000n).toBe(true)
        })
      }),
      { numRuns: 300 },
    )
  })
})

describe('triggerGap', () => {
  const facts: TriggerFacts = {
    startedOn: '2024-03-10',
    milestoneMetOn: '2024-05-20',
    acceptedOn: '2024-09-01',
    dueOn: '2024-06-30',
  }
  const none: TriggerFacts = { startedOn: null, milestoneMetOn: null, acceptedOn: null, dueOn: null }

  it.each([
    ['start', 'startedOn', 'the start of works'],
    ['milestone', 'milestoneMetOn', 'the milestone'],
    ['acceptance', 'acceptedOn', 'the acceptance (验收)'],
    ['date', 'dueOn', 'the due date'],
  ] as const)(
    '%s: met on or after its day, a reason before it or when it has not happened',
    (trigger, field, what) => {
      const day = facts[field]!
      const dayBefore = `${day.slice(0, 8)}${String(Number(day.slice(8)) - 1).padStart(2, '0')}`
      expect(triggerGap(trigger, facts, day)).toBeNull() // the same day counts as met
      expect(triggerGap(trigger, facts, '2024-12-31')).toBeNull()
      expect(triggerGap(trigger, facts, dayBefore)).toBe(`${what} is on ${day}, after ${dayBefore}`)
      expect(triggerGap(trigger, none, '2024-12-31')).toBe(`${what} has not happened`)
      // Only its own fact counts: every other fact met does not help.
      expect(triggerGap(trigger, { ...facts, [field]: null }, '2024-12-31')).toBe(`${what} has not happened`)
    },
  )
})

describe('replans, milestones and payments', () => {
  const code = (f: () => unknown) => {
    try {
      f()
    } catch (error) {
      return (error as FundsError).code
    }
    return null
  }
  const kept = [{ id: 't1', label: '开工预拨', amount: 400n }]

  it('keeps tranches paid from and plans the rest in amounts', () => {
    expect(
      code(() => checkReplan([], [{ label: 'a', trigger: 'start', percentBp: 10000n }], 1000n)),
    ).toBeNull()
    expect(
      code(() => checkReplan(kept, [{ label: 'b', trigger: 'acceptance', amount: 600n }], 1000n)),
    ).toBeNull()
    expect(
      code(() => checkReplan(kept, [{ label: 'b', trigger: 'acceptance', percentBp: 10000n }], 1000n)),
    ).toBe('funds.plan_in_use')
    expect(code(() => checkReplan(kept, [{ label: 'b', trigger: 'acceptance', amount: 1n }], 400n))).toBe(
      'funds.plan_in_use',
    )
  })

  it('marks a milestone once, on a milestone tranche', () => {
    expect(code(() => checkMilestone({ label: 'a', trigger: 'milestone', milestoneMetOn: null }))).toBeNull()
    expect(code(() => checkMilestone({ label: 'a', trigger: 'start', milestoneMetOn: null }))).toBe(
      'funds.not_a_milestone',
    )
    expect(
      code(() => checkMilestone({ label: 'a', trigger: 'milestone', milestoneMetOn: '2024-05-01' })),
    ).toBe('funds.milestone_met')
  })

  it('pays on or before today, on a met trigger, within plan, allocation and tranche', () => {
    expect(code(() => checkNotFuture('2024-07-01', '2024-06-30', 'date', 'a payment'))).toBe(
      'funds.future_date',
    )
    expect(code(() => checkNotFuture('2024-06-30', '2024-06-30', 'date', 'a payment'))).toBeNull()
    const context = {
      sourceName: '扶持资金',
      tranche: { label: '开工预拨', trigger: 'start', amount: 400n },
      facts: { startedOn: '2024-04-01', acceptedOn: null, dueOn: null, milestoneMetOn: null },
      allocatedFromSource: 1000n,
      allocated: 1000n,
      planTotal: 1000n,
      paidFromSource: 0n,
      paidOnTranche: 0n,
    }
    const pay = (amount: bigint, over: Partial<typeof context> = {}) =>
      code(() => checkPayment({ date: '2024-04-02', amount }, { ...context, ...over }))
    expect(pay(400n)).toBeNull()
    expect(pay(1n, { facts: { ...context.facts, startedOn: '2024-04-03' } })).toBe(
      'funds.tranche_not_triggered',
    )
    expect(pay(1n, { planTotal: 900n })).toBe('funds.plan_outdated')
    expect(pay(1n, { paidFromSource: 1000n })).toBe('funds.over_allocation')
    expect(pay(401n)).toBe('funds.over_tranche')
  })
})
