import { describe, expect, it } from 'vitest'
import { areaProblem, checkSchedule, isExpiring, isOverdue, spreadByYear } from './contracts.js'
import { refused as expectDomainError } from './refused.test-helper.js'

describe('一次性收取的多年承包/租赁收入须分摊到各收益年度', () => {
  it('splits whole years by months: five equal years whatever their leap days', () => {
    const { basis, years } = spreadByYear(10_000_000n, '2024-01-01', '2028-12-31')
    expect(basis).toBe('month')
    expect(years.map((y) => y.amount)).toEqual([2_000_000n, 2_000_000n, 2_000_000n, 2_000_000n, 2_000_000n])
  })

  it('splits part years by months when month-aligned, and the fen left over by largest remainder', () => {
    const { years } = spreadByYear(100n, '2024-07-01', '2026-06-30')
    expect(years).toEqual([
      { year: 2024, units: 6, amount: 25n },
      { year: 2025, units: 12, amount: 50n },
      { year: 2026, units: 6, amount: 25n },
    ])
    const odd = spreadByYear(101n, '2024-07-01', '2026-06-30').years.map((y) => y.amount)
    expect(odd.reduce((a, b) => a + b, 0n)).toBe(101n)
    expect(odd).toEqual([25n, 51n, 25n])
  })

  it('splits other periods by days, inside one year wholly to that year', () => {
    const { basis, years } = spreadByYear(366n, '2024-12-31', '2025-12-30')
    expect(basis).toBe('day')
    expect(years).toEqual([
      { year: 2024, units: 1, amount: 1n },
      { year: 2025, units: 364, amount: 365n },
    ])
    expect(spreadByYear(500n, '2024-03-05', '2024-03-05').years).toEqual([
      { year: 2024, units: 1, amount: 500n },
    ])
  })
})

describe('payment schedule', () => {
  const term = { startsOn: '2024-01-01', endsOn: '2028-12-31', amount: 1000n }
  const one = { dueOn: '2024-01-10', amount: 1000n, coversFrom: '2024-01-01', coversTo: '2028-12-31' }

  it('pays the whole amount, each instalment inside the term', () => {
    expect(() => checkSchedule(term, [one])).not.toThrow()
    expectDomainError(() => checkSchedule(term, [{ ...one, amount: 999n }]), 'collective.schedule_not_whole')
    expectDomainError(
      () => checkSchedule(term, [{ ...one, coversTo: '2029-01-01' }]),
      'collective.cover_outside_term',
    )
    expectDomainError(
      () => checkSchedule(term, [{ ...one, coversFrom: '2023-12-31' }]),
      'collective.cover_outside_term',
    )
    expectDomainError(
      () => checkSchedule(term, [{ ...one, coversFrom: '2025-01-01', coversTo: '2024-12-31' }]),
      'collective.cover_outside_term',
    )
    expectDomainError(
      () => checkSchedule({ ...term, endsOn: '2023-12-31' }, [one]),
      'collective.ends_before_start',
    )
  })

  it('is overdue from the day after the due day until received', () => {
    expect(isOverdue({ dueOn: '2024-06-30', receivedOn: null }, '2024-06-30')).toBe(false)
    expect(isOverdue({ dueOn: '2024-06-30', receivedOn: null }, '2024-07-01')).toBe(true)
    expect(isOverdue({ dueOn: '2024-06-30', receivedOn: '2024-07-02' }, '2024-07-05')).toBe(false)
  })

  it('expires within the window, both ends included', () => {
    expect(isExpiring({ endsOn: '2024-12-31' }, '2024-12-31', 0)).toBe(true)
    expect(isExpiring({ endsOn: '2025-03-31' }, '2024-12-31', 90)).toBe(true)
    expect(isExpiring({ endsOn: '2025-04-01' }, '2024-12-31', 90)).toBe(false)
    expect(isExpiring({ endsOn: '2024-12-30' }, '2024-12-31', 90)).toBe(false)
  })

  it('lets no more area than the resource has', () => {
    expect(areaProblem({ id: 'r', areaMu: 800_000n }, 300_000n, 500_000n)).toBeNull()
    expect(areaProblem({ id: 'r', areaMu: 800_000n }, 300_000n, 500_001n)).toMatchObject({
      alreadyLet: 300_000n,
    })
  })
})
