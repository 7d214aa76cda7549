import { describe, expect, it } from 'vitest'
import { type ReconciledCard, reconcile } from './reconciliation.js'

// 账实相符 (2004 制度: 账证/账实/账款/账账/账表 相符): which cards stand behind each account's
// register figure. 151 lists every fixed card held, 152 only those with depreciation booked
// (a card not yet depreciated contributes nothing to 累计折旧), 141 every investment held.

const card = (over: Partial<ReconciledCard> & Pick<ReconciledCard, 'id'>): ReconciledCard => ({
  name: over.id,
  category: 'fixed',
  cost: 0n,
  accumulatedDepreciation: 0n,
  disposed: false,
  ...over,
})

const cards = [
  card({ id: 'new-tractor', cost: 5000n, accumulatedDepreciation: 0n }),
  card({ id: 'cold-store', cost: 2000n, accumulatedDepreciation: 1n }),
  card({ id: 'old-barn', cost: 700n, accumulatedDepreciation: 700n, disposed: true }),
  card({ id: 'co-op-stake', category: 'investment', cost: 300n }),
  card({ id: 'bond', category: 'investment', cost: 40n }),
]

describe('账实相符: the cards behind each register figure', () => {
  it('151 all fixed cards held, 152 those with depreciation booked (one fen counts), 141 investments', () => {
    const { rows } = reconcile(cards, {})
    expect(rows).toEqual([
      {
        account: '151',
        name: '固定资产',
        register: 7000n,
        ledger: 0n,
        difference: 7000n,
        cardIds: ['new-tractor', 'cold-store'],
      },
      { account: '152', name: '累计折旧', register: 1n, ledger: 0n, difference: 1n, cardIds: ['cold-store'] },
      {
        account: '141',
        name: '长期投资',
        register: 340n,
        ledger: 0n,
        difference: 340n,
        cardIds: ['co-op-stake', 'bond'],
      },
    ])
  })

  it('nothing depreciated yet: 152 has no cards behind it and agrees with a zero balance', () => {
    const fresh = [card({ id: 'new-tractor', cost: 5000n })]
    const { rows, agrees } = reconcile(fresh, { '151': 5000n })
    expect(agrees).toBe(true)
    expect(rows[1]).toMatchObject({ account: '152', register: 0n, cardIds: [] })
  })

  it('one fen off on one account is a disagreement, signed register − ledger', () => {
    const { rows, agrees } = reconcile(cards, { '151': 7001n, '152': 1n, '141': 340n })
    expect(agrees).toBe(false)
    expect(rows.map((r) => r.difference)).toEqual([-1n, 0n, 0n])
  })
})
