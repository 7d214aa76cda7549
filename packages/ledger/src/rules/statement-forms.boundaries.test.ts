import { describe, expect, it } from 'vitest'
import {
  distributionKind,
  officialBalanceSheet,
  officialIncomeStatement,
  undistributedOf,
} from './statement-forms.js'

// Boundaries of the 制度's statement forms (财会〔2023〕14号 附录 报表格式; distribution half as
// the 2004 report [V 2004]). Leaves are sub-accounts (50401 under 504): an account is matched by
// its code as a prefix, never as a suffix.

const nets = (entries: Record<string, bigint>) => new Map(Object.entries(entries))

describe('资产负债表 balanced: 资产总计 = 负债和所有者权益总计 in both columns', () => {
  const balanced = nets({ '101': 1_000n, '301': -1_000n })
  const off = nets({ '101': 1_001n, '301': -1_000n })

  it('is unbalanced when only the 年初数 column is off', () => {
    expect(officialBalanceSheet(off, balanced).balanced).toBe(false)
  })

  it('is unbalanced when only the 期末数 column is off, balanced when both agree', () => {
    expect(officialBalanceSheet(balanced, off).balanced).toBe(false)
    expect(officialBalanceSheet(balanced, balanced).balanced).toBe(true)
  })
})

describe('收益及收益分配表: income lines read credit nets, expense lines debit nets', () => {
  const amounts = (st: ReturnType<typeof officialIncomeStatement>) =>
    Object.fromEntries(st.lines.map((l) => [l.key, l.amount]))

  it('reads every income account (501–504) as credit − debit, from its sub-accounts', () => {
    const st = officialIncomeStatement(
      new Map([
        ['50101', { debit: 100n, credit: 1_100n }],
        ['50201', { debit: 0n, credit: 200n }],
        ['50301', { debit: 0n, credit: 300n }],
        ['50401', { debit: 50n, credit: 450n }],
        ['51101', { debit: 600n, credit: 0n }],
        // Ends in 501 but is 应付款 (a liability): not income.
        ['21501', { debit: 0n, credit: 99_999n }],
      ]),
      0n,
      [],
    )
    const a = amounts(st)
    expect(a.operatingIncome).toBe(1_000n)
    expect(a.investmentIncome).toBe(200n)
    expect(a.operatingExpenses).toBe(600n)
    expect(a.subsidies).toBe(300n)
    expect(a.otherIncome).toBe(400n)
    expect(a.profit).toBe(1_300n) // 1,000 + 200 − 600 + 300 + 400
  })

  it('shows 年初未分配收益, 其他转入 and 可分配收益 on rows 14–16 and 年末 on row 21', () => {
    const st = officialIncomeStatement(new Map([['50101', { debit: 0n, credit: 1_000n }]]), 250n, [
      { net: 70n, debitedNames: [], creditedCodes: [] },
      { net: -300n, debitedNames: ['向成员分配'], creditedCodes: ['211'] },
    ])
    const rows = Object.fromEntries(st.lines.filter((l) => l.row >= 14).map((l) => [l.row, l.amount]))
    expect(rows).toEqual({
      14: 250n,
      15: 70n,
      16: 1_320n,
      17: 0n,
      18: 300n,
      19: 0n,
      20: 0n,
      21: 1_020n,
    })
  })
})

describe('distributionKind reads each 322 sub-account’s name on its own', () => {
  it('does not join two names into a word neither contains', () => {
    // "…农" + "户…" would read 农户 (members) if the names ran together.
    expect(distributionKind({ debitedNames: ['各项分配—农', '户补贴'], creditedCodes: ['211'] })).toBe(
      'other',
    )
    expect(distributionKind({ debitedNames: ['各项分配', '向成员分配'], creditedCodes: ['211'] })).toBe(
      'members',
    )
  })
})

describe('未分配收益 (balance sheet line 37): 321, 322 and unclosed profit and loss, as a credit net', () => {
  it('sums the sub-accounts of 321, 322 and every 损益类 account, and nothing else', () => {
    expect(
      undistributedOf(
        nets({
          '32101': -100n,
          '32201': -1_000n,
          '32202': 300n,
          '50101': -2_000n,
          '51301': 500n,
          '52101': 50n,
          '101': 7_777n, // 库存现金: not part of it
          '11321': -5n, // ends in 321 but is 内部往来
          '20322': -5n, // ends in 322
          '21501': -9n, // ends in 501
        }),
      ),
    ).toBe(2_250n) // 100 + 1,000 − 300 + 2,000 − 500 − 50
  })

  it('is zero for books holding only balance-sheet accounts', () => {
    expect(undistributedOf(nets({ '101': 10n, '301': -10n }))).toBe(0n)
  })
})
