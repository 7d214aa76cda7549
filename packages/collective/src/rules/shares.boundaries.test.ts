import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { refused } from './refused.test-helper.js'
import { type HoldingFacts, planTransfer, splitPayout } from './shares.js'

// Boundaries of 股权变更 (planTransfer) and 按股分红到户 (splitPayout): which refusal names which
// input (field) with which figures (context), and the payout's totals and order. The README's
// rules table states them: holdings count on [validFrom, validTo), a change on day D closes the
// old row on D; a payout splits by exact largest remainder, Σ lines + retained = amount.

const holding = (over: Partial<HoldingFacts> = {}): HoldingFacts => ({
  id: 'h1',
  kindId: 'k',
  holderKind: 'member',
  holderId: 'm1',
  units: 10n,
  validFrom: '2020-06-30',
  validTo: null,
  ...over,
})
const ON = '2024-04-01'
const toM2 = { holderKind: 'member' as const, holderId: 'm2' }

describe('股权变更: the refusal names the input at fault and its figures', () => {
  it('same holder means the same kind AND the same id: same id under another kind is a mismatch', () => {
    // A household and a member may share an id string; that is another holder, of the wrong sort.
    const error = refused(
      () =>
        planTransfer({
          from: holding(),
          to: { holderKind: 'household', holderId: 'm1' },
          receiving: null,
          units: 1n,
          on: ON,
        }),
      'collective.holder_mismatch',
    )
    expect(error.field).toBe('to.holderKind')
    expect(error.context).toEqual({ kindHolder: 'member' })
  })

  it('a transfer to oneself names `to`', () => {
    const error = refused(
      () =>
        planTransfer({
          from: holding(),
          to: { ...toM2, holderId: 'm1' },
          receiving: null,
          units: 1n,
          on: ON,
        }),
      'collective.same_holder',
    )
    expect(error.field).toBe('to')
    expect(error.kind).toBe('invalid')
  })

  it('a source holding closed before the day names `on` with its validity', () => {
    const error = refused(
      () =>
        planTransfer({
          from: holding({ validTo: '2024-01-01' }),
          to: toM2,
          receiving: null,
          units: 1n,
          on: ON,
        }),
      'collective.holding_not_active',
    )
    expect(error.field).toBe('on')
    expect(error.context).toEqual({ holdingId: 'h1', validFrom: '2020-06-30', validTo: '2024-01-01' })
  })

  it('checks the receiver’s holding too: closed on the day (validTo = on) it no longer counts', () => {
    const receiving = holding({ id: 'h2', holderId: 'm2', units: 5n, validTo: ON })
    const error = refused(
      () => planTransfer({ from: holding(), to: toM2, receiving, units: 1n, on: ON }),
      'collective.holding_not_active',
    )
    expect(error.context).toEqual({ holdingId: 'h2', validFrom: '2020-06-30', validTo: ON })
  })

  it('a receiver’s holding that began on the day of the change is refused, naming it', () => {
    const receiving = holding({ id: 'h2', holderId: 'm2', units: 5n, validFrom: ON })
    const error = refused(
      () => planTransfer({ from: holding(), to: toM2, receiving, units: 1n, on: ON }),
      'collective.change_before_holding',
    )
    expect(error.field).toBe('on')
    expect(error.context).toEqual({ holdingId: 'h2', validFrom: ON })
    // One day later the same change is a valid one.
    expect(planTransfer({ from: holding(), to: toM2, receiving, units: 1n, on: '2024-04-02' }).close).toEqual(
      [
        { id: 'h1', validTo: '2024-04-02' },
        { id: 'h2', validTo: '2024-04-02' },
      ],
    )
  })

  it('units: exactly the holding passes and closes it wholly; one more is refused with both figures', () => {
    const all = planTransfer({ from: holding(), to: toM2, receiving: null, units: 10n, on: ON })
    expect(all.open.map((o) => o.holderId)).toEqual(['m2'])
    const error = refused(
      () => planTransfer({ from: holding(), to: toM2, receiving: null, units: 11n, on: ON }),
      'collective.insufficient_units',
    )
    expect(error.field).toBe('units')
    expect(error.context).toEqual({ held: '10', requested: '11' })
  })

  it('the receiver’s new holding follows its old one (previousId), the sum of both', () => {
    const receiving = holding({ id: 'h2', holderId: 'm2', units: 5n })
    const plan = planTransfer({ from: holding(), to: toM2, receiving, units: 10n, on: ON })
    expect(plan.open).toEqual([
      { holderKind: 'member', holderId: 'm2', units: 15n, validFrom: ON, previousId: 'h2' },
    ])
  })
})

describe('按股分红到户: totals, order and the 集体股 part', () => {
  const households = new Map([
    ['m1', 'C'],
    ['m2', 'A'],
    ['m3', 'B'],
    ['m4', 'A'],
  ])

  it('lists households in id order whatever the register order, with their summed units', () => {
    // Asymmetric: C 1, A 2 + 3, B 4 units of 10; 1000 fen divides exactly.
    const result = splitPayout(
      1000n,
      [
        { holderKind: 'member', holderId: 'm1', units: 1n },
        { holderKind: 'member', holderId: 'm2', units: 2n },
        { holderKind: 'member', holderId: 'm3', units: 4n },
        { holderKind: 'member', holderId: 'm4', units: 3n },
      ],
      households,
    )
    expect(result.lines).toEqual([
      { householdId: 'A', units: 5n, amount: 500n },
      { householdId: 'B', units: 4n, amount: 400n },
      { householdId: 'C', units: 1n, amount: 100n },
    ])
    expect(result.totalUnits).toBe(10n)
    expect(result.retained).toBe(0n)
  })

  it('counts the 集体股 in the total units', () => {
    const result = splitPayout(
      700n,
      [
        { holderKind: 'household', holderId: 'B', units: 2n },
        { holderKind: 'collective', holderId: 'c', units: 3n },
        { holderKind: 'household', holderId: 'A', units: 2n },
      ],
      households,
    )
    expect(result.totalUnits).toBe(7n)
    expect(result.retained).toBe(300n)
    expect(result.lines.map((l) => [l.householdId, l.amount])).toEqual([
      ['A', 200n],
      ['B', 200n],
    ])
  })

  it('only 集体股 on the record day: everything is retained, no household line', () => {
    const result = splitPayout(999n, [{ holderKind: 'collective', holderId: 'c', units: 1n }], households)
    expect(result).toEqual({ lines: [], retained: 999n, totalUnits: 1n })
  })

  it('no shares on the record day names recordDate', () => {
    const error = refused(
      () => splitPayout(100n, [{ holderKind: 'household', holderId: 'A', units: 0n }], households),
      'collective.no_holdings',
    )
    expect(error.field).toBe('recordDate')
  })

  it('a member without a household is a broken register, not a silent line', () => {
    expect(() =>
      splitPayout(100n, [{ holderKind: 'member', holderId: 'm9', units: 1n }], households),
    ).toThrow('member m9 has no household')
  })

  it('property: Σ lines + retained = amount, lines sorted, total units = Σ held (fixed seed)', () => {
    const holder = fc.record({
      holderKind: fc.constantFrom('member' as const, 'household' as const, 'collective' as const),
      holderId: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'A', 'B', 'Z'),
      units: fc.bigInt({ min: 0n, max: 1000n }),
    })
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10_000_000n }),
        fc.array(holder, { minLength: 1, maxLength: 8 }),
        (amount, rows) => {
          const held = rows
            .filter((r) => r.holderKind !== 'member' || households.has(r.holderId))
            .map((r) => ({ ...r }))
          const total = held.reduce((s, r) => s + r.units, 0n)
          fc.pre(total > 0n)
          const result = splitPayout(amount, held, households)
          expect(result.lines.reduce((s, l) => s + l.amount, 0n) + result.retained).toBe(amount)
          expect(result.totalUnits).toBe(total)
          const ids = result.lines.map((l) => l.householdId)
          expect(ids).toEqual([...ids].sort())
        },
      ),
      { seed: 20261201, numRuns: 200 },
    )
  })
})
