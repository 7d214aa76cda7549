import { describe, expect, it } from 'vitest'
import { formatMu, MuString, muUnits } from './area.js'
import { refused as expectDomainError } from './refused.test-helper.js'
import { type HoldingFacts, holdingActiveOn, planTransfer, registerAsOf, splitPayout } from './shares.js'

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

describe('the register as of a day', () => {
  it('counts a holding from its first day until the day a change closes it', () => {
    const closed = holding({ validTo: '2024-04-01' })
    expect(holdingActiveOn(closed, '2020-06-29')).toBe(false)
    expect(holdingActiveOn(closed, '2020-06-30')).toBe(true)
    expect(holdingActiveOn(closed, '2024-03-31')).toBe(true)
    expect(holdingActiveOn(closed, '2024-04-01')).toBe(false)
    expect(
      registerAsOf([closed, holding({ id: 'h2', validFrom: '2024-04-01' })], '2024-04-01').map((h) => h.id),
    ).toEqual(['h2'])
  })
})

describe('股权变更 keeps history', () => {
  const to = { holderKind: 'member' as const, holderId: 'm2' }

  it('inherits all units: closes the source and opens the heir’s holding', () => {
    const plan = planTransfer({ from: holding(), to, receiving: null, units: 10n, on: '2024-04-01' })
    expect(plan).toEqual({
      close: [{ id: 'h1', validTo: '2024-04-01' }],
      open: [{ holderKind: 'member', holderId: 'm2', units: 10n, validFrom: '2024-04-01', previousId: 'h1' }],
    })
  })

  it('transfers part: the rest stays with the source, the receiver’s holding is summed', () => {
    const receiving = holding({ id: 'h2', holderId: 'm2', units: 5n })
    const plan = planTransfer({ from: holding(), to, receiving, units: 4n, on: '2024-04-01' })
    expect(plan.close.map((c) => c.id)).toEqual(['h1', 'h2'])
    expect(plan.open.map((o) => [o.holderId, o.units])).toEqual([
      ['m1', 6n],
      ['m2', 9n],
    ])
  })

  it('refuses more units than held, the same holder, another holder sort, and dates out of range', () => {
    expectDomainError(
      () => planTransfer({ from: holding(), to, receiving: null, units: 11n, on: '2024-04-01' }),
      'collective.insufficient_units',
    )
    expect(() =>
      planTransfer({ from: holding(), to, receiving: null, units: 10n, on: '2024-04-01' }),
    ).not.toThrow()
    expectDomainError(
      () =>
        planTransfer({
          from: holding(),
          to: { holderKind: 'member', holderId: 'm1' },
          receiving: null,
          units: 1n,
          on: '2024-04-01',
        }),
      'collective.same_holder',
    )
    expectDomainError(
      () =>
        planTransfer({
          from: holding(),
          to: { holderKind: 'household', holderId: 'x' },
          receiving: null,
          units: 1n,
          on: '2024-04-01',
        }),
      'collective.holder_mismatch',
    )
    expectDomainError(
      () =>
        planTransfer({
          from: holding({ validTo: '2024-01-01' }),
          to,
          receiving: null,
          units: 1n,
          on: '2024-04-01',
        }),
      'collective.holding_not_active',
    )
    expectDomainError(
      () => planTransfer({ from: holding(), to, receiving: null, units: 1n, on: '2020-06-29' }),
      'collective.holding_not_active',
    )
    expectDomainError(
      () =>
        planTransfer({
          from: holding({ validFrom: '2024-04-01' }),
          to,
          receiving: null,
          units: 1n,
          on: '2024-04-01',
        }),
      'collective.change_before_holding',
    )
  })
})

describe('分红到户 by largest remainder', () => {
  const members = new Map([
    ['m1', 'A'],
    ['m2', 'A'],
    ['m3', 'B'],
  ])

  it('sums members’ shares into their households and pays exactly the amount', () => {
    const { lines, retained } = splitPayout(
      100n,
      [
        { holderKind: 'member', holderId: 'm1', units: 1n },
        { holderKind: 'member', holderId: 'm2', units: 1n },
        { holderKind: 'member', holderId: 'm3', units: 1n },
      ],
      members,
    )
    expect(lines).toEqual([
      { householdId: 'A', units: 2n, amount: 67n },
      { householdId: 'B', units: 1n, amount: 33n },
    ])
    expect(retained).toBe(0n)
  })

  it('keeps the 集体股 part in the collective; Σ lines + retained = amount', () => {
    const { lines, retained } = splitPayout(
      1001n,
      [
        { holderKind: 'household', holderId: 'A', units: 3n },
        { holderKind: 'household', holderId: 'B', units: 3n },
        { holderKind: 'collective', holderId: 'c', units: 4n },
      ],
      members,
    )
    // Quotas 300.3 / 300.3 / 400.4: the one fen left goes to the largest remainder, the 集体股.
    expect(retained).toBe(401n)
    expect(lines.map((l) => l.amount)).toEqual([300n, 300n])
  })

  it('refuses a register with no shares on the record day', () => {
    expectDomainError(() => splitPayout(100n, [], members), 'collective.no_holdings')
  })
})

describe('亩 as exact decimals', () => {
  it('parses and formats without floats', () => {
    expect(muUnits('80')).toBe(800_000n)
    expect(muUnits('0.1') + muUnits('0.2')).toBe(muUnits('0.3'))
    expect(formatMu(muUnits('80.5000'))).toBe('80.5')
    expect(formatMu(1n)).toBe('0.0001')
    expect(MuString.safeParse('0.00001').success).toBe(false)
    expect(MuString.safeParse('0').success).toBe(false)
    expect(MuString.safeParse('1e3').success).toBe(false)
    expect(MuString.safeParse('12345.6789').success).toBe(true)
  })
})
