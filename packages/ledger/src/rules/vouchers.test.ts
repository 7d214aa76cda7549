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

describe('voucher rules: known answers', () => {
  it('has a fixed chain-hash format (known-answer vectors)', () => {
    // sha256(previous ?? '' + '\n' + JSON [id, date, number, summary, [[account, debit, credit]…]]),
    // computed independently of this code. A change here breaks every stored chain.
    const first = {
      id: '01a23124-34cc-72c6-b231-6ab3268522f1',
      date: '2024-03-01',
      number: 1,
      summary: '收到补助资金',
      lines: [
        { account: '10201', debit: 500_000n, credit: 0n },
        { account: '503', debit: 0n, credit: 500_000n },
      ],
    }
    const h1 = chainHash(null, first)
    expect(h1).toBe('00b483a0463658d4dcc002aff62f90ad8d9254ad8b60ca13ca7230c4880517fb')
    const second = {
      id: '01a23124-34cc-72c6-b231-6ab3268522f2',
      date: '2024-03-02',
      number: 2,
      summary: '支付工程款',
      lines: [
        { account: '153', debit: 120_000n, credit: 0n },
        { account: '10201', debit: 0n, credit: 120_000n },
      ],
    }
    expect(chainHash(h1, second)).toBe('f1d6c28327149f5e7f77938c3e8c809febbff56ed15e94405fce11bd34a141b1')
  })

  it.each([
    // one line: too few, and not also unbalanced (balance is judged on a well-formed voucher)
    [[{ account: '101', debit: 5n }], [{ line: null, rule: 'too_few_lines' }]],
    [[], [{ line: null, rule: 'too_few_lines' }]],
    [
      [
        { account: '101', debit: 5n },
        { account: '102', credit: 5n },
      ],
      [],
    ],
    [
      [
        { account: '101', debit: 5n, credit: 5n },
        { account: '102' },
        { account: '103', debit: 0n },
        { account: '104', credit: -1n },
      ],
      [
        { line: 0, rule: 'one_side' },
        { line: 1, rule: 'one_side' },
        { line: 2, rule: 'positive' },
        { line: 3, rule: 'positive' },
      ],
    ],
    [
      [
        { account: '101', debit: 5n },
        { account: '102', credit: 4n },
      ],
      [{ line: null, rule: 'unbalanced' }],
    ],
    [
      [
        { account: '101', debit: 1n },
        { account: '102', credit: 1n },
        { account: '103', credit: 1n },
      ],
      [{ line: null, rule: 'unbalanced' }],
    ],
  ])('%o → %o', (lines, problems) => {
    expect(voucherLineProblems(lines).map(({ line, rule }) => ({ line, rule }))).toEqual(problems)
  })

  it('totals both sides and reverses into negated amounts on the same sides', () => {
    const lines = [
      { account: '101', debit: 5n },
      { account: '102', debit: 7n },
      { account: '501', credit: 12n },
    ]
    expect(voucherTotals(lines)).toEqual({ debit: 12n, credit: 12n })
    expect(reversalLines(lines)).toEqual([
      { account: '101', debit: -5n, credit: undefined },
      { account: '102', debit: -7n, credit: undefined },
      { account: '501', debit: undefined, credit: -12n },
    ])
    expect(voucherLabel('2024-12', 31)).toBe('2024年12月 记字第31号')
  })
})
