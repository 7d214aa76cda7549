import { describe, expect, it } from 'vitest'
import {
  dateAheadError,
  lineAccountError,
  openDateError,
  originText,
  parseOrigin,
  refuse,
  shapeError,
} from './drafts.js'

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

describe('what a written or posted voucher meets', () => {
  it('names the first shape problem: the line, or the voucher as a whole', () => {
    expect(
      shapeError([
        { account: '101', debit: 5n },
        { account: '102', credit: 5n },
      ]),
    ).toBeNull()
    expect(
      seen(
        shapeError([
          { account: '101', debit: 5n },
          { account: '102', debit: 5n, credit: 5n },
        ]),
      ),
    ).toEqual({
      code: 'ledger.invalid_lines',
      field: 'lines.1',
      context: {},
    })
    expect(seen(shapeError([{ account: '101', debit: 5n }]))).toEqual({
      code: 'ledger.invalid_lines',
      field: 'lines',
      context: {},
    })
    expect(
      seen(
        shapeError([
          { account: '101', debit: 5n },
          { account: '102', credit: 4n },
        ]),
      ),
    ).toEqual({
      code: 'ledger.unbalanced',
      field: 'lines',
      context: {},
    })
  })

  it('refuses a date too far ahead for the stage, naming the date and today', () => {
    expect(dateAheadError('2024-03-31', '2024-03-15', 'draft')).toBeNull()
    expect(seen(dateAheadError('2024-03-16', '2024-03-15', 'post'))).toEqual({
      code: 'ledger.date_in_future',
      field: 'date',
      context: { date: '2024-03-16', today: '2024-03-15' },
    })
    expect(seen(dateAheadError('2024-04-01', '2024-03-15', 'draft', 'items.0.date'))?.field).toBe(
      'items.0.date',
    )
  })

  it('dates nothing before the first month or into a closed one', () => {
    const ledger = { firstPeriod: '2024-01' }
    const closed = (p: string) => p === '2024-02'
    expect(openDateError(ledger, closed, '2024-01-01')).toBeNull()
    expect(openDateError(ledger, closed, '2024-03-01')).toBeNull()
    expect(seen(openDateError(ledger, closed, '2023-12-31'))).toEqual({
      code: 'ledger.before_first_period',
      field: 'date',
      context: {},
    })
    expect(seen(openDateError(ledger, closed, '2024-02-29', 'items.1.date'))).toEqual({
      code: 'ledger.period_closed',
      field: 'items.1.date',
      context: {},
    })
  })

  it('posts to existing, leaf, enabled accounts, naming the line', () => {
    const accounts = new Map([
      ['102', { code: '102', name: '银行存款', isLeaf: false, disabled: false }],
      ['10201', { code: '10201', name: '基本户', isLeaf: true, disabled: false }],
      ['10202', { code: '10202', name: '旧户', isLeaf: true, disabled: true }],
    ])
    expect(lineAccountError(accounts, [{ account: '10201' }])).toBeNull()
    expect(seen(lineAccountError(accounts, [{ account: '10201' }, { account: '999' }]))).toEqual({
      code: 'ledger.account_not_found',
      field: 'lines.1.account',
      context: {},
    })
    expect(seen(lineAccountError(accounts, [{ account: '102' }]))?.code).toBe('ledger.not_leaf_account')
    expect(seen(lineAccountError(accounts, [{ account: '10201' }, { account: '10202' }]))).toEqual({
      code: 'ledger.account_disabled',
      field: 'lines.1.account',
      context: {},
    })
  })

  it('throws the first problem given', () => {
    const a = shapeError([{ account: '101', debit: 5n }])
    const b = dateAheadError('2024-03-16', '2024-03-15', 'post')
    expect(refusal(() => refuse(null, b, a))?.code).toBe('ledger.date_in_future')
    expect(refusal(() => refuse(null, null))).toBeNull()
  })
})

describe('voucher origins', () => {
  it('stores kind and refs only', () => {
    const origin = { kind: 'funds.disbursement', refs: { disbursementId: 'd1', projectId: 'p1' }, extra: 1 }
    const text = originText(origin as never)
    expect(JSON.parse(text)).toEqual({
      kind: 'funds.disbursement',
      refs: { disbursementId: 'd1', projectId: 'p1' },
    })
    expect(parseOrigin(text)).toEqual({
      kind: 'funds.disbursement',
      refs: { disbursementId: 'd1', projectId: 'p1' },
    })
    expect(parseOrigin(null)).toBeNull()
  })

  it.each([
    [{ kind: 'Funds', refs: {} }, 'origin.kind'],
    [{ kind: '1funds', refs: {} }, 'origin.kind'],
    [{ kind: `a${'b'.repeat(64)}`, refs: {} }, 'origin.kind'],
    [{ kind: 'funds x', refs: {} }, 'origin.kind'],
    [{ kind: 5, refs: {} }, 'origin.kind'],
    [{ kind: 'funds', refs: null }, 'origin.refs'],
    [{ kind: 'funds', refs: ['a'] }, 'origin.refs'],
    [{ kind: 'funds', refs: 'a' }, 'origin.refs'],
    [
      { kind: 'funds', refs: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) },
      'origin.refs',
    ],
    [{ kind: 'funds', refs: { '1a': 'v' } }, 'origin.refs'],
    [{ kind: 'funds', refs: { [`a${'b'.repeat(40)}`]: 'v' } }, 'origin.refs'],
    [{ kind: 'funds', refs: { 'a-b': 'v' } }, 'origin.refs'],
    [{ kind: 'funds', refs: { a: '' } }, 'origin.refs.a'],
    [{ kind: 'funds', refs: { a: 'v'.repeat(201) } }, 'origin.refs.a'],
    [{ kind: 'funds', refs: { a: 5 } }, 'origin.refs.a'],
  ])('refuses %o on %s', (origin, field) => {
    expect(refusal(() => originText(origin as never))).toEqual({
      code: 'ledger.invalid_origin',
      field,
      context: {},
    })
  })

  it('accepts the limits exactly', () => {
    const refs = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'v'.repeat(200)]))
    expect(refusal(() => originText({ kind: `a${'b'.repeat(63)}`, refs } as never))).toBeNull()
    expect(
      refusal(() => originText({ kind: 'a', refs: { [`a${'b'.repeat(39)}`]: 'v' } } as never)),
    ).toBeNull()
    expect(refusal(() => originText({ kind: 'a_b.c-d9', refs: { A_9: 'v' } } as never))).toBeNull()
  })
})

describe('voucher origins: absent parts', () => {
  it('refuses a missing origin on its kind', () => {
    expect(refusal(() => originText(null as never))).toEqual({
      code: 'ledger.invalid_origin',
      field: 'origin.kind',
      context: {},
    })
    expect(refusal(() => originText({ kind: 'funds' } as never))).toEqual({
      code: 'ledger.invalid_origin',
      field: 'origin.refs',
      context: {},
    })
  })
})
