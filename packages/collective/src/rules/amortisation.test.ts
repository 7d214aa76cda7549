import { describe, expect, it } from 'vitest'
import { AMORTISATION_ACCOUNTS, amortisationParts } from './amortisation.js'

describe('长期待摊费用摊销 (171 → 511): an inbound contract paid for years at once', () => {
  const paid = {
    seq: 1,
    amount: 300_000n,
    coversFrom: '2024-01-01',
    coversTo: '2026-12-31',
    dueYear: 2024,
  }

  it('charges each later year its third, the due voucher’s year charged at once', () => {
    expect(amortisationParts([paid], 2024)).toEqual([])
    expect(amortisationParts([paid], 2025)).toEqual([{ seq: 1, amount: 100_000n, basis: 'month', units: 12 }])
    expect(amortisationParts([paid], 2026)[0]!.amount).toBe(100_000n)
    expect(amortisationParts([paid], 2027)).toEqual([])
  })

  it('debits 经营支出 and credits 长期待摊费用', () => {
    expect(AMORTISATION_ACCOUNTS).toEqual({ debit: '511', credit: '171' })
  })
})
