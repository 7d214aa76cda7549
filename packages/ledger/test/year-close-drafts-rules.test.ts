import { describe, expect, it } from 'vitest'
import { accountClassOf } from '../src/chart.js'
import { closableYears, closedYearProblem } from '../src/rules/periods.js'

/**
 * 农村集体经济组织会计制度 年终结账, the pure parts of the draft-time check: which years a draft
 * could fall into closed (a year closes on its 31 December at the earliest), and the refusal,
 * naming the year and every income or expense account of the voucher.
 */
const pl = (date: string) => ({ date, lines: [{ account: '102' }, { account: '50101' }] })
const sheet = (date: string) => ({ date, lines: [{ account: '102' }, { account: '211' }] })

describe('closableYears (年终结账 not before 31 December)', () => {
  it('asks about a year from its 31 December on, exactly at the boundary', () => {
    expect(closableYears([pl('2024-06-01')], '2024-12-31', accountClassOf)).toEqual(['2024'])
    expect(closableYears([pl('2024-06-01')], '2024-12-30', accountClassOf)).toEqual([])
  })

  it('asks nothing for the current year or a voucher without income or expense', () => {
    expect(closableYears([pl('2025-01-05'), sheet('2024-11-01')], '2025-01-10', accountClassOf)).toEqual([])
  })

  it('names each past year once, in order', () => {
    const drafts = [pl('2024-03-01'), pl('2023-03-01'), pl('2024-05-01')]
    expect(closableYears(drafts, '2025-01-10', accountClassOf)).toEqual(['2023', '2024'])
  })
})

describe('closedYearProblem (年终结账: no 损益类 after the close)', () => {
  it('names the year, the first account as field and every 损益类 account in context', () => {
    const problem = closedYearProblem(
      { date: '2024-12-31' },
      [{ account: '511' }, { account: '102' }, { account: '501' }],
      new Set(['2024']),
      accountClassOf,
    )
    expect(problem?.code).toBe('ledger.closed_year_income')
    expect(problem?.field).toBe('lines.0.account')
    expect(problem?.context).toMatchObject({ year: '2024', account: '511', accounts: ['511', '501'] })
  })

  it('takes the first day of the next year and balance-sheet lines of the closed one', () => {
    const closed = new Set(['2024'])
    expect(closedYearProblem({ date: '2025-01-01' }, [{ account: '501' }], closed, accountClassOf)).toBeNull()
    expect(closedYearProblem({ date: '2024-12-31' }, sheet('').lines, closed, accountClassOf)).toBeNull()
  })
})
