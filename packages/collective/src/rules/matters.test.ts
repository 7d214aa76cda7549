import { describe, expect, it } from 'vitest'
import { matterStandingProblem, requireMatter } from './matters.js'
import { reconcile } from './reconciliation.js'
import { refused as expectDomainError } from './refused.test-helper.js'

describe('四议两公开 at the major-matter amount', () => {
  it('needs a matter at and above the amount, not below', () => {
    expect(() =>
      requireMatter({ amount: 4_999_999n, majorMatterAmount: 5_000_000n, matterId: null, what: 'x' }),
    ).not.toThrow()
    expectDomainError(
      () => requireMatter({ amount: 5_000_000n, majorMatterAmount: 5_000_000n, matterId: null, what: 'x' }),
      'collective.matter_required',
    )
    expect(() =>
      requireMatter({ amount: 5_000_000n, majorMatterAmount: 5_000_000n, matterId: 'm', what: 'x' }),
    ).not.toThrow()
  })

  it('refuses a matter whose standing is incomplete', () => {
    expect(matterStandingProblem('m', [])).toBeNull()
    expect(matterStandingProblem('m', ['not resolved'])?.code).toBe('collective.matter_not_resolved')
  })
})

describe('账实相符: register vs 151 / 152 / 141', () => {
  const cards = [
    {
      id: 'a',
      name: '冷库',
      category: 'fixed' as const,
      cost: 1000n,
      accumulatedDepreciation: 100n,
      disposed: false,
    },
    {
      id: 'b',
      name: '股权',
      category: 'investment' as const,
      cost: 500n,
      accumulatedDepreciation: 0n,
      disposed: false,
    },
    {
      id: 'c',
      name: '旧房',
      category: 'fixed' as const,
      cost: 300n,
      accumulatedDepreciation: 300n,
      disposed: true,
    },
  ]

  it('agrees when each account’s balance is the register total', () => {
    expect(reconcile(cards, { '151': 1000n, '152': 100n, '141': 500n }).agrees).toBe(true)
  })

  it('lists each difference with the cards behind it', () => {
    const { rows, agrees } = reconcile(cards, { '151': 1300n, '152': 100n })
    expect(agrees).toBe(false)
    expect(rows.map((r) => [r.account, r.difference])).toEqual([
      ['151', -300n],
      ['152', 0n],
      ['141', 500n],
    ])
    expect(rows[0]!.cardIds).toEqual(['a'])
  })
})
