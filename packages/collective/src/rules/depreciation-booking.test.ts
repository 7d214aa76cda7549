import { describe, expect, it } from 'vitest'
import {
  type BookedCard,
  chargesByClass,
  checkExpenseAccount,
  depreciationCharges,
  depreciationVoucherDate,
  monthEnd,
} from './depreciation-booking.js'
import { refused } from './refused.test-helper.js'

const card = (
  over: Omit<Partial<BookedCard>, 'terms'> & { terms?: Partial<BookedCard['terms']> } = {},
): BookedCard => ({
  id: over.id ?? 'a',
  name: over.name ?? '冷库',
  category: over.category ?? 'fixed',
  assetClass: over.assetClass ?? 'operating',
  terms: {
    cost: 120_000n,
    acquiredOn: '2024-03-15',
    method: 'straight_line',
    usefulLifeMonths: 12,
    residualValue: 0n,
    disposedOn: null,
    ...over.terms,
  },
})

describe('计提折旧 voucher: the month’s charge per card (2004 制度 152 累计折旧)', () => {
  it('charges fixed cards that depreciate, from the month after acquisition', () => {
    expect(depreciationCharges([card()], '2024-03')).toEqual([])
    expect(depreciationCharges([card()], '2024-04')).toEqual([
      { id: 'a', name: '冷库', assetClass: 'operating', charge: 10_000n },
    ])
  })

  it('leaves out investments, cards of method none and fully depreciated cards', () => {
    expect(depreciationCharges([card({ category: 'investment' })], '2024-04')).toEqual([])
    expect(
      depreciationCharges([card({ terms: { method: 'none', usefulLifeMonths: null } })], '2024-04'),
    ).toEqual([])
    // 12 months from 2024-04: the last charge is 2025-03.
    expect(depreciationCharges([card()], '2025-03')[0]!.charge).toBe(10_000n)
    expect(depreciationCharges([card()], '2025-04')).toEqual([])
  })

  it('charges the disposal month, not the month after (当月减少当月照提)', () => {
    const disposed = card({ terms: { disposedOn: '2024-06-10' } })
    expect(depreciationCharges([disposed], '2024-06')[0]!.charge).toBe(10_000n)
    expect(depreciationCharges([disposed], '2024-07')).toEqual([])
  })

  it('sums the charges per class', () => {
    const charges = depreciationCharges(
      [
        card(),
        card({ id: 'b', assetClass: 'public_welfare' }),
        card({ id: 'c', assetClass: 'operating', terms: { cost: 1_200n } }),
      ],
      '2024-05',
    )
    expect(chargesByClass(charges)).toEqual([
      { assetClass: 'operating', amount: 10_100n },
      { assetClass: 'public_welfare', amount: 10_000n },
    ])
  })
})

describe('the voucher date of a month’s depreciation', () => {
  it('is the month’s last day, leap February included', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29')
    expect(monthEnd('2025-02')).toBe('2025-02-28')
    expect(depreciationVoucherDate('2024-12', '2024-12-31')).toBe('2024-12-31')
  })

  it('refuses a month whose last day is after today', () => {
    const e = refused(() => depreciationVoucherDate('2024-12', '2024-12-30'), 'collective.period_not_begun')
    expect(e.field).toBe('period')
  })
})

describe('the expense account a class is charged to', () => {
  it('is under 401, 511, 513, 514 or 515', () => {
    for (const code of ['401', '511', '51301', '514', '515']) checkExpenseAccount(code, 'f')
    const e = refused(
      () => checkExpenseAccount('502', 'expenseAccounts.operating'),
      'collective.posting_account',
    )
    expect(e.field).toBe('expenseAccounts.operating')
  })
})
