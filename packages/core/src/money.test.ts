import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from './domain-error.js'
import { formatMoney, MAX_ABS_FEN, MoneyString, moneyRejection, parseMoney } from './money.js'

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
