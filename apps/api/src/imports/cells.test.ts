import { describe, expect, it } from 'vitest'
import { amountOf, choiceOf, countOf, dateOf, textOf } from './cells.js'

/** Cell conversions: the boundaries of each (what is accepted exactly, what is refused and why). */

const value = <T>(converted: { ok: true; value: T } | { ok: false }) =>
  converted.ok ? converted.value : 'refused'
const rule = (converted: { ok: true } | { ok: false; rule: string }) =>
  converted.ok ? 'accepted' : converted.rule

describe('amountOf: 元 to the exact wire string, never through float arithmetic', () => {
  it.each([
    ['123.45', '123.45'],
    ['123.4', '123.40'],
    ['123', '123.00'],
    ['0.01', '0.01'],
    ['007.50', '7.50'],
    ['1,234,567.89', '1234567.89'],
    ['¥ 12.00', '12.00'],
    ['￥12', '12.00'],
    [' 12.30 ', '12.30'],
    [1234.5, '1234.50'],
    [0.3, '0.30'],
    [100, '100.00'],
    [0.07, '0.07'],
  ])('%j → %s', (cell, wire) => expect(value(amountOf(cell))).toBe(wire))

  it.each([null, '', '0', '0.00', 0, '-0.00'])('%j is an empty side', (cell) => {
    expect(value(amountOf(cell))).toBeNull()
  })

  it.each([
    [0.1 + 0.2, 'amount_decimals'],
    ['10.005', 'amount_decimals'],
    [1.005, 'amount_decimals'],
    ['-5.00', 'amount_negative'],
    [-5, 'amount_negative'],
    ['1e3', 'amount_format'],
    [1e21, 'amount_format'],
    [1e-7, 'amount_format'],
    ['12,34.00', 'amount_format'],
    ['1.2.3', 'amount_format'],
    ['abc', 'amount_format'],
    ['１２', 'amount_format'],
    [Number.NaN, 'amount_format'],
    [Number.POSITIVE_INFINITY, 'amount_format'],
    [true, 'amount_format'],
    [new Date(0), 'amount_format'],
    ['100000000000000000.00', 'amount_range'],
  ])('%j is refused: %s', (cell, expected) => expect(rule(amountOf(cell))).toBe(expected))

  it('accepts the largest amount the API holds and refuses one fen more', () => {
    expect(value(amountOf('10000000000000.00'))).toBe('10000000000000.00')
    expect(rule(amountOf('10000000000000.01'))).toBe('amount_range')
  })
})

describe('dateOf', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['2024.03.05', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['2024 年 3 月 5 日', '2024-03-05'],
    ['20240305', '2024-03-05'],
    [20240305, '2024-03-05'],
    [new Date(Date.UTC(2024, 1, 29)), '2024-02-29'],
  ])('%j → %s', (cell, date) => expect(value(dateOf(cell))).toBe(date))

  it.each(['2023-02-29', '2024-13-01', '2024-00-10', '24-3-5', '2024-3', 'soon', 45366, '202403051'])(
    '%j is refused',
    (cell) => expect(rule(dateOf(cell))).toBe('date_format'),
  )

  it('blank is null', () => {
    expect(value(dateOf(null))).toBeNull()
    expect(value(dateOf('  '))).toBeNull()
  })
})

describe('textOf, countOf, choiceOf', () => {
  it('trims text (full-width spaces too); blank is null; numbers print as written', () => {
    expect(textOf('\u3000王会计 ')).toBe('王会计')
    expect(textOf('   ')).toBeNull()
    expect(textOf(1002)).toBe('1002')
    expect(textOf(false)).toBe('false')
  })

  it('counts whole numbers only', () => {
    expect(value(countOf('12'))).toBe(12)
    expect(value(countOf(0))).toBe(0)
    expect(value(countOf(null))).toBeNull()
    for (const bad of ['-1', '1.5', 'x', 1.5, '1234567890']) expect(rule(countOf(bad))).toBe('count_format')
  })

  it('a choice by its label or its code, anything else refused with the choices', () => {
    const choices = { 男: 'male', 女: 'female' } as const
    expect(value(choiceOf('男', choices, 'gender'))).toBe('male')
    expect(value(choiceOf('FEMALE', choices, 'gender'))).toBe('female')
    expect(value(choiceOf(null, choices, 'gender'))).toBeNull()
    const refused = choiceOf('未知', choices, 'gender')
    expect(refused).toEqual({ ok: false, rule: 'gender', message: 'must be one of 男, 女, male, female' })
  })
})
