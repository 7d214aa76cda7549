import { describe, expect, it } from 'vitest'
import { onNormalSide, trialBalance } from './trial-balance.js'

describe('onNormalSide', () => {
  it('shows nets on the account’s normal side', () => {
    expect(onNormalSide(100n, 'debit')).toEqual({ side: 'debit', amount: 100n })
    expect(onNormalSide(-100n, 'credit')).toEqual({ side: 'credit', amount: 100n })
    expect(onNormalSide(-100n, 'both')).toEqual({ side: 'credit', amount: 100n })
    expect(onNormalSide(100n, 'both')).toEqual({ side: 'debit', amount: 100n })
  })
})

describe('trialBalance', () => {
  const accounts = [
    { code: '102', name: '银行存款', normalSide: 'debit' as const, parentCode: null },
    { code: '10201', name: '基本户', normalSide: 'debit' as const, parentCode: '102' },
    { code: '10202', name: '专户', normalSide: 'debit' as const, parentCode: '102' },
    { code: '152', name: '累计折旧', normalSide: 'credit' as const, parentCode: null },
    { code: '301', name: '资本', normalSide: 'credit' as const, parentCode: null },
  ]
  it('rolls leaves up to parents and totals first-level accounts', () => {
    const { rows, totals } = trialBalance(accounts, [
      { code: '10201', openingNet: 100n, debit: 10n, credit: 0n },
      { code: '10202', openingNet: 50n, debit: 0n, credit: 5n },
      { code: '152', openingNet: -30n, debit: 0n, credit: 0n },
      { code: '301', openingNet: -120n, debit: 5n, credit: 10n },
    ])
    expect(rows.find((r) => r.code === '102')).toMatchObject({
      opening: { side: 'debit', amount: 150n },
      debit: 10n,
      credit: 5n,
      closing: { side: 'debit', amount: 155n },
      level: 1,
    })
    expect(rows.find((r) => r.code === '10201')?.level).toBe(2)
    expect(totals).toEqual({
      openingDebit: 150n,
      openingCredit: 150n,
      debit: 15n,
      credit: 15n,
      closingDebit: 155n,
      closingCredit: 155n,
    })
  })
})
