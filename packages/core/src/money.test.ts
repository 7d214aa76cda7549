import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from './domain-error.js'
import {
  formatMoney,
  MAX_ABS_FEN,
  MoneyOut,
  MoneyString,
  moneyRejection,
  moneyRejectionReason,
  NonNegativeMoneyString,
  PositiveMoneyString,
  parseMoney,
  sumFen,
} from './money.js'

describe('parseMoney / formatMoney', () => {
  it('parses the wire form into fen and formats it back', () => {
    expect(parseMoney('12345.67')).toBe(1234567n)
    expect(parseMoney('-0.05')).toBe(-5n)
    expect(parseMoney('0.00')).toBe(0n)
    expect(parseMoney('-0.00')).toBe(0n)
    expect(formatMoney(1234567n)).toBe('12345.67')
    expect(formatMoney(-5n)).toBe('-0.05')
    expect(formatMoney(0n)).toBe('0.00')
  })

  it.each([
    ['1.5', 'decimals'],
    ['1.234', 'decimals'],
    ['1', 'decimals'],
    ['1e3', 'exponent'],
    [' 1.00', 'whitespace'],
    ['１.00', 'non_ascii'],
    ['NaN', 'not_a_number'],
    ['', 'empty'],
    ['01.00', 'leading_zero'],
    ['+1.00', 'not_a_number'],
    ['1,000.00', 'not_a_number'],
    ['10000000000000.01', 'out_of_range'],
    ['-10000000000000.01', 'out_of_range'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(moneyRejection(input)).toBe(reason)
    expect(() => parseMoney(input)).toThrow(DomainError)
  })

  it('refuses JSON numbers with a reason that says so', () => {
    expect(moneyRejection(1.5)).toBe('not_a_string')
    try {
      parseMoney(1.5, 'amount')
      expect.unreachable()
    } catch (error) {
      expect((error as DomainError).code).toBe('core.invalid_money')
      expect((error as DomainError).field).toBe('amount')
      expect((error as DomainError).message).toMatch(/not a JSON number/)
    }
  })

  it('accepts the range limits exactly', () => {
    expect(parseMoney('10000000000000.00')).toBe(MAX_ABS_FEN)
    expect(parseMoney('-10000000000000.00')).toBe(-MAX_ABS_FEN)
  })

  it('round-trips every amount in range', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_ABS_FEN, max: MAX_ABS_FEN }), (fen) => {
        expect(parseMoney(formatMoney(fen))).toBe(fen)
      }),
    )
  })

  it('gives zod issues that name the reason', () => {
    const result = MoneyString.safeParse('1.5')
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toMatch(/exactly two decimal places/)
    expect(MoneyString.parse('2.50')).toBe(250n)
  })
})

describe('money: each rejection, stated', () => {
  it.each([
    [150, 'not_a_string'],
    [null, 'not_a_string'],
    ['', 'empty'],
    ['1.00 ', 'whitespace'],
    ['1.\t00', 'whitespace'],
    ['1.0０', 'non_ascii'],
    ['1.5E+3', 'exponent'],
    ['-1e-2', 'exponent'],
    ['2E2', 'exponent'],
    ['abc', 'not_a_number'],
    ['.', 'not_a_number'],
    ['-', 'not_a_number'],
    ['-.', 'not_a_number'],
    ['1-2.00', 'not_a_number'],
    ['1.2.34', 'not_a_number'],
    ['12.', 'decimals'],
    ['-1.5', 'decimals'],
    ['-01.00', 'leading_zero'],
    ['00.00', 'leading_zero'],
    ['007.50', 'leading_zero'],
    ['.50', 'format'], // no digit before the point
    ['-.50', 'format'],
    ['9999999999999.99', null],
    ['10000000000000.00', null],
    ['10000000000000.01', 'out_of_range'],
    ['99999999999999.99', 'out_of_range'],
    ['-10000000000000.00', null],
    ['0.50', null],
    ['-0.01', null],
    ['10.00', null],
    ['100.07', null],
  ])('%j → %s', (value, rejection) => {
    expect(moneyRejection(value)).toBe(rejection)
  })

  it('explains every rejection in its own words', () => {
    const all = [
      'not_a_string',
      'empty',
      'whitespace',
      'non_ascii',
      'exponent',
      'not_a_number',
      'decimals',
      'leading_zero',
      'format',
      'out_of_range',
    ] as const
    const texts = all.map(moneyRejectionReason)
    expect(new Set(texts).size).toBe(all.length)
    for (const text of texts) expect(text).toMatch(/^money must /)
    expect(moneyRejectionReason('decimals')).toBe('money must have exactly two decimal places, e.g. "1.50"')
  })

  it('throws core.invalid_money, kind invalid, with the reason and the field only when given', () => {
    const caught = (f: () => unknown) => {
      try {
        f()
      } catch (error) {
        return error as DomainError
      }
      throw new Error('did not throw')
    }
    const withField = caught(() => parseMoney('.50', 'lines.0.debit'))
    expect(DomainError.isInstance(withField)).toBe(true)
    expect([withField.code, withField.kind, withField.field, withField.context]).toEqual([
      'core.invalid_money',
      'invalid',
      'lines.0.debit',
      { reason: 'format' },
    ])
    expect(withField.message).toBe(moneyRejectionReason('format'))
    const without = caught(() => parseMoney('1'))
    expect(without.field).toBeUndefined()
    expect(without.context).toEqual({ reason: 'decimals' })
  })

  it.each([
    [0n, '0.00'],
    [7n, '0.07'],
    [70n, '0.70'],
    [100n, '1.00'],
    [-1n, '-0.01'],
    [-100n, '-1.00'],
    [-12345n, '-123.45'],
    [MAX_ABS_FEN, '10000000000000.00'],
  ])('formats %s fen as %s', (fen, text) => {
    expect(formatMoney(fen)).toBe(text)
    expect(parseMoney(text)).toBe(fen)
  })

  it('sums fen exactly', () => {
    expect(sumFen([])).toBe(0n)
    expect(sumFen([1n, 2n, -3n, 10n])).toBe(10n)
    expect(sumFen(new Set([MAX_ABS_FEN, MAX_ABS_FEN]))).toBe(MAX_ABS_FEN)
    expect(sumFen([MAX_ABS_FEN, MAX_ABS_FEN, 1n])).toBe(2n * MAX_ABS_FEN + 1n)
  })

  it('has zod schemas that keep the reason, the sign rules and the wire form', () => {
    const issue = MoneyString.safeParse('.50').error?.issues[0]
    expect(issue).toMatchObject({ message: moneyRejectionReason('format'), params: { rejection: 'format' } })
    expect(MoneyString.safeParse(2.5).error?.issues[0]?.message).toBe(moneyRejectionReason('not_a_string'))
    expect(MoneyString.parse('-2.50')).toBe(-250n)
    expect(NonNegativeMoneyString.parse('0.00')).toBe(0n)
    expect(NonNegativeMoneyString.safeParse('-0.01').success).toBe(false)
    expect(PositiveMoneyString.safeParse('0.00').success).toBe(false)
    expect(PositiveMoneyString.parse('0.01')).toBe(1n)
    expect(MoneyOut.safeParse('1.00').success).toBe(true)
    expect(MoneyOut.safeParse('1.0').success).toBe(false)
    expect(MoneyOut.safeParse('.50').success).toBe(false)
    expect(MoneyOut.safeParse('01.00').success).toBe(false)
  })
})

describe('money: the patterns are anchored', () => {
  it.each([
    ['1e55', 'exponent'],
    ['a1e5', 'not_a_number'],
    ['1e5x', 'not_a_number'],
  ])('%j → %s', (value, rejection) => {
    expect(moneyRejection(value)).toBe(rejection)
  })

  it('refuses a wire amount with anything after its two decimals', () => {
    expect(MoneyOut.safeParse('1.000').success).toBe(false)
    expect(MoneyOut.safeParse('x1.00').success).toBe(false)
    expect(MoneyString.safeParse('1.5').error?.issues[0]?.code).toBe('custom')
  })
})
