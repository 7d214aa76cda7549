import { describe, expect, it } from 'vitest'
import { moneyToWire } from './hot-response.js'

describe('the money codec of responses', () => {
  it('turns every bigint (fen) into its 元 string, however deep, and leaves the rest alone', () => {
    const at = new Date('2024-03-01T00:00:00Z')
    const body = { amount: 123456n, lines: [{ debit: -5n, credit: null, note: '1.00' }], count: 3, at }
    expect(moneyToWire(body)).toEqual({
      amount: '1234.56',
      lines: [{ debit: '-0.05', credit: null, note: '1.00' }],
      count: 3,
      at,
    })
    expect(body.amount).toBe(123456n)
  })

  it('returns the very object when there is no money in it (no copy on the hot path)', () => {
    const body = { items: [{ id: 'a', amount: '1.00' }], nextCursor: null }
    expect(moneyToWire(body)).toBe(body)
    expect(moneyToWire(0n)).toBe('0.00')
  })
})
