import { describe, expect, it } from 'vitest'
import {
  closedYearProblem,
  closeProblem,
  closingTarget,
  disclosureProblem,
  disclosureRange,
  monthsOf,
  nextPeriod,
  nothingToClose,
  periodSeal,
  previousPeriod,
  reopenProblem,
  yearCloseProblem,
} from './periods.js'

/** The refusal as a client sees it: code, field and context (the message is prose). */
const seen = (error: unknown) => {
  if (error === null) return null
  const { code, field, context } = error as { code: string; field?: string; context: object }
  return { code, field, context }
}
const refusal = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    return seen(error)
  }
  return null
}

describe('period arithmetic', () => {
  it.each([
    ['2024-01', '2023-12', '2024-02'],
    ['2024-02', '2024-01', '2024-03'],
    ['2024-03', '2024-02', '2024-04'], // across a leap February
    ['2023-03', '2023-02', '2023-04'],
    ['2024-12', '2024-11', '2025-01'],
  ])('around %s: %s and %s', (period, previous, next) => {
    expect(previousPeriod(period)).toBe(previous)
    expect(nextPeriod(period)).toBe(next)
  })

  it('ranges quarters and months', () => {
    expect(disclosureRange('2024-Q1')).toEqual(['2024-01', '2024-03'])
    expect(disclosureRange('2024-Q2')).toEqual(['2024-04', '2024-06'])
    expect(disclosureRange('2024-Q4')).toEqual(['2024-10', '2024-12'])
    expect(disclosureRange('2024-05')).toEqual(['2024-05', '2024-05'])
    expect(disclosureRange('2024-Q5')).toEqual(['2024-Q5', '2024-Q5'])
    expect(disclosureRange('x2024-Q1')).toEqual(['x2024-Q1', 'x2024-Q1'])
    expect(disclosureRange('2024-Q1x')).toEqual(['2024-Q1x', '2024-Q1x'])
    expect(monthsOf('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02'])
    expect(monthsOf('2024-05', '2024-05')).toEqual(['2024-05'])
    expect(monthsOf('2024-06', '2024-05')).toEqual([])
  })
})

describe('closing and reopening months', () => {
  const base = {
    firstPeriod: '2024-01',
    period: '2024-03',
    closed: new Set(['2024-01', '2024-02']),
    draftIds: [],
    failing: [],
  }

  it('closes months in order from the first, without drafts, while the assertions hold', () => {
    expect(closeProblem(base)).toBeNull()
    expect(closeProblem({ ...base, period: '2024-01', closed: new Set() })).toBeNull()
    expect(seen(closeProblem({ ...base, period: '2023-12' }))).toEqual({
      code: 'ledger.before_first_period',
      field: undefined,
      context: {},
    })
    expect(seen(closeProblem({ ...base, period: '2024-02' }))?.code).toBe('ledger.period_already_closed')
    expect(seen(closeProblem({ ...base, closed: new Set(['2024-01']) }))?.code).toBe(
      'ledger.earlier_period_open',
    )
    expect(seen(closeProblem({ ...base, draftIds: ['d1', 'd2'] }))).toEqual({
      code: 'ledger.drafts_in_period',
      field: undefined,
      context: { drafts: ['d1', 'd2'] },
    })
    const failing = [{ id: 'a1', account: '101', date: '2024-03-31', balance: 500n, actual: 499n }]
    expect(seen(closeProblem({ ...base, failing }))).toEqual({
      code: 'ledger.assertion_failed',
      field: undefined,
      context: {
        assertions: [{ id: 'a1', account: '101', date: '2024-03-31', expected: '500', actual: '499' }],
      },
    })
  })

  it('reopens only the latest closed month', () => {
    const closed = new Set(['2024-01', '2024-02', '2024-03'])
    expect(reopenProblem('2024-03', closed)).toBeNull()
    expect(seen(reopenProblem('2024-04', closed))?.code).toBe('ledger.period_open')
    expect(seen(reopenProblem('2024-01', closed))?.code).toBe('ledger.later_period_closed')
    expect(reopenProblem('2024-02', new Set(['2024-02', '2023-12']))).toBeNull()
  })

  it('seals a month with a fixed format (known-answer vector)', () => {
    const h1 = '00b483a0463658d4dcc002aff62f90ad8d9254ad8b60ca13ca7230c4880517fb'
    const h2 = 'f1d6c28327149f5e7f77938c3e8c809febbff56ed15e94405fce11bd34a141b1'
    // sha256(JSON [ledgerId, period, [[number, hash]…]]), computed independently
    expect(
      periodSeal('L1', '2024-03', [
        { number: 1, hash: h1 },
        { number: 2, hash: h2 },
        { number: null, hash: null },
      ]),
    ).toBe('cc768bf0bef8c8deab999725175788e48c24827afbbfde905c738490a4432ca5')
  })

  it('discloses only closed months, naming the first open one', () => {
    const closed = new Set(['2024-01', '2024-02', '2024-03', '2024-05'])
    expect(disclosureProblem('2024-Q1', closed)).toBeNull()
    expect(disclosureProblem('2024-05', closed)).toBeNull()
    expect(seen(disclosureProblem('2024-Q2', closed))).toEqual({
      code: 'ledger.period_not_closed',
      field: 'period',
      context: {},
    })
  })
})

describe('the year-end closing target', () => {
  const a = (code: string, name: string, parentCode: string | null, isLeaf: boolean) => ({
    code,
    name,
    parentCode,
    isLeaf,
  })
  it('closes into the account itself, its 未分配 sub-account or its only one', () => {
    expect(closingTarget([a('321', '本年收益', null, true)], '321')).toBe('321')
    const split = [
      a('322', '收益分配', null, false),
      a('32201', '提取公积', '322', true),
      a('32202', '未分配收益', '322', true),
    ]
    expect(closingTarget(split, '322')).toBe('32202')
    expect(closingTarget([a('321', '本年收益', null, false), a('32101', '本年', '321', true)], '321')).toBe(
      '32101',
    )
    expect(
      refusal(() =>
        closingTarget(
          [a('322', '收益分配', null, false), a('32201', 'a', '322', true), a('32203', 'b', '322', true)],
          '322',
        ),
      ),
    ).toEqual({
      code: 'ledger.closing_account_ambiguous',
      field: undefined,
      context: {},
    })
    // a 未分配 account that has sub-accounts itself is no target
    expect(
      refusal(() =>
        closingTarget([a('322', '收益分配', null, false), a('32202', '未分配收益', '322', false)], '322'),
      )?.code,
    ).toBe('ledger.closing_account_ambiguous')
    expect(refusal(() => closingTarget([], '322'))?.code).toBe('ledger.closing_account_ambiguous')
  })
})

describe('the closing target is looked up by code', () => {
  it('does not take another leaf listed first for the account asked', () => {
    const accounts = [
      { code: '321', name: '本年收益', parentCode: null, isLeaf: true },
      { code: '322', name: '收益分配', parentCode: null, isLeaf: false },
      { code: '32202', name: '未分配收益', parentCode: '322', isLeaf: true },
    ]
    expect(closingTarget(accounts, '322')).toBe('32202')
    expect(closingTarget(accounts, '321')).toBe('321')
  })
})

describe('年终结账 in order (农村集体经济组织会计制度: years close in sequence)', () => {
  const base = {
    year: '2025',
    firstPeriod: '2024-01',
    previousClosed: false,
    previousHasNothingToClose: false,
  }
  it('refuses a year while the year before it, which the ledger books, is not closed', () => {
    const problem = yearCloseProblem(base)
    expect(problem?.code).toBe('ledger.earlier_year_open')
    expect(problem?.context).toMatchObject({ year: '2025', previousYear: '2024' })
  })
  it('lets it close once the year before is closed, or had nothing to close, or lies before the books', () => {
    expect(yearCloseProblem({ ...base, previousClosed: true })).toBeNull()
    expect(yearCloseProblem({ ...base, previousHasNothingToClose: true })).toBeNull()
    // First period in December 2024: 2024 is booked (its December), so it must close first.
    expect(yearCloseProblem({ ...base, firstPeriod: '2024-12' })?.code).toBe('ledger.earlier_year_open')
    expect(yearCloseProblem({ ...base, firstPeriod: '2025-01' })).toBeNull()
  })
  it('finds nothing to close only when profit and loss and 各项分配 are empty', () => {
    const isPl = (c: string) => c.startsWith('5')
    expect(
      nothingToClose(
        new Map([
          ['322', -100n],
          ['501', 0n],
        ]),
        isPl,
        '322',
      ),
    ).toBe(true)
    expect(nothingToClose(new Map([['501', -1n]]), isPl, '322')).toBe(false)
    expect(nothingToClose(new Map([['32201', 1n]]), isPl, '32202')).toBe(false)
  })
})

describe('a closed year takes no vouchers into its income and expense accounts', () => {
  const classOf = (code: string) => (code.startsWith('5') ? 'income' : 'asset')
  it('refuses a 损益类 line dated in a closed year, naming the line', () => {
    const problem = closedYearProblem(
      { date: '2024-12-20' },
      [{ account: '102' }, { account: '50101' }],
      new Set(['2024']),
      classOf,
    )
    expect(problem?.code).toBe('ledger.closed_year_income')
    expect(problem?.field).toBe('lines.1.account')
    expect(problem?.context).toMatchObject({ year: '2024', account: '50101' })
  })
  it('lets balance-sheet lines in, and any line into an open year', () => {
    expect(
      closedYearProblem(
        { date: '2024-12-20' },
        [{ account: '102' }, { account: '211' }],
        new Set(['2024']),
        classOf,
      ),
    ).toBeNull()
    expect(
      closedYearProblem({ date: '2025-01-01' }, [{ account: '501' }], new Set(['2024']), classOf),
    ).toBeNull()
  })
})
