import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  chainHash,
  periodOf,
  reversalLines,
  voucherLabel,
  voucherLineProblems,
  voucherTotals,
} from './vouchers.js'

describe('voucher rules', () => {
  it('accepts a balanced voucher and names every problem of a bad one', () => {
    expect(
      voucherLineProblems([
        { account: '101', debit: 5n },
        { account: '501', credit: 5n },
      ]),
    ).toEqual([])
    expect(voucherLineProblems([{ account: '101', debit: 5n }]).map((p) => p.rule)).toEqual(['too_few_lines'])
    expect(
      voucherLineProblems([
        { account: '101', debit: 5n, credit: 5n },
        { account: '501', credit: 0n },
      ]).map((p) => [p.line, p.rule]),
    ).toEqual([
      [0, 'one_side'],
      [1, 'positive'],
    ])
    expect(
      voucherLineProblems([
        { account: '101', debit: 5n },
        { account: '501', credit: 4n },
      ]).map((p) => p.rule),
    ).toEqual(['unbalanced'])
  })

  it('reverses into lines that cancel the original exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 15n }), { minLength: 1, maxLength: 10 }),
        (amounts) => {
          const lines = amounts.flatMap((fen, i) => [
            { account: `1${i}`, debit: fen },
            { account: `5${i}`, credit: fen },
          ])
          const reversed = reversalLines(lines)
          const a = voucherTotals(lines)
          const b = voucherTotals(reversed)
          expect(a.debit + b.debit).toBe(0n)
          expect(a.credit + b.credit).toBe(0n)
        },
      ),
    )
  })

  it('labels and periods', () => {
    expect(periodOf('2024-03-15')).toBe('2024-03')
    expect(voucherLabel('2024-03', 7)).toBe('2024年03月 记字第7号')
  })

  it('chains hashes: any change to a voucher or its predecessor changes the link', () => {
    const voucher = {
      id: 'v1',
      date: '2024-03-01',
      number: 1,
      summary: 's',
      lines: [{ account: '101', debit: 5n, credit: 0n }],
    }
    const h = chainHash(null, voucher)
    expect(h).toMatch(/^[0-9a-f]{64}$/)
    expect(chainHash(null, voucher)).toBe(h)
    expect(chainHash('x', voucher)).not.toBe(h)
    expect(chainHash(null, { ...voucher, lines: [{ account: '101', debit: 6n, credit: 0n }] })).not.toBe(h)
  })
})
