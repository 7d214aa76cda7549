import { describe, expect, it } from 'vitest'
import { accountClassOf } from '../chart.js'
import { closableYears, closedYearProblem, nothingToClose, yearCloseProblem } from './periods.js'

// 年终结账 (农村集体经济组织会计制度): years close in order, and a closed year takes no more
// vouchers into its income and expense accounts. The refusals name the field and carry the facts.

describe('years close in order (会计制度 年终结账)', () => {
  it('a refusal names the year field and carries both years and the basis', () => {
    const problem = yearCloseProblem({
      year: '2025',
      firstPeriod: '2024-01',
      previousClosed: false,
      previousHasNothingToClose: false,
    })
    expect(problem?.field).toBe('year')
    expect(problem?.context).toEqual({
      year: '2025',
      previousYear: '2024',
      basis: '农村集体经济组织会计制度 年终结账（按年度顺序）',
    })
  })
})

describe('a closed year takes no 损益类 lines (会计制度 年终结账)', () => {
  it('names the first income or expense line and lists each such account once, with the basis', () => {
    const problem = closedYearProblem(
      { date: '2024-12-20' },
      [{ account: '102' }, { account: '50101' }, { account: '511' }, { account: '50101' }],
      new Set(['2024']),
      accountClassOf,
    )
    expect(problem?.code).toBe('ledger.closed_year_income')
    expect(problem?.field).toBe('lines.1.account')
    expect(problem?.context).toEqual({
      year: '2024',
      account: '50101',
      accounts: ['50101', '511'],
      date: '2024-12-20',
      basis: '农村集体经济组织会计制度 年终结账',
    })
  })
})

describe('nothing to close at a year’s end: no profit and loss, no 322 leaf but the target', () => {
  const isPl = (code: string) => code.startsWith('5')

  it('balance-sheet accounts with balances leave nothing to close', () => {
    expect(
      nothingToClose(
        new Map([
          ['101', 500n],
          ['301', -400n],
          ['211', -100n],
          ['32202', -70n], // the 未分配收益 target itself
        ]),
        isPl,
        '32202',
      ),
    ).toBe(true)
  })

  it('one fen left in another 322 leaf, or in profit and loss, is something to close', () => {
    expect(nothingToClose(new Map([['32201', -1n]]), isPl, '32202')).toBe(false)
    expect(nothingToClose(new Map([['51101', 1n]]), isPl, '32202')).toBe(false)
  })
})

describe('which years a draft’s closed-year check asks about (a year closes on its 31 December at the earliest)', () => {
  const draft = (date: string, ...accounts: string[]) => ({
    date,
    lines: accounts.map((account) => ({ account })),
  })

  it('asks about a year from its 31 December on, not the day before', () => {
    const drafts = [draft('2024-06-01', '101', '50101')]
    expect(closableYears(drafts, '2024-12-30', accountClassOf)).toEqual([])
    expect(closableYears(drafts, '2024-12-31', accountClassOf)).toEqual(['2024'])
    expect(closableYears(drafts, '2025-01-01', accountClassOf)).toEqual(['2024'])
  })

  it('asks only for drafts with an income or expense line, each year once, in order', () => {
    const drafts = [
      draft('2023-05-01', '101', '511'),
      draft('2022-03-01', '101', '211'), // balance-sheet only: a closed year takes it
      draft('2021-07-01', '50101', '101'),
      draft('2023-09-09', '501', '102'),
    ]
    expect(closableYears(drafts, '2025-03-01', accountClassOf)).toEqual(['2021', '2023'])
    expect(closableYears([], '2025-03-01', accountClassOf)).toEqual([])
  })
})
