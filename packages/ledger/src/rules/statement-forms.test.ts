import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RCEA_2023 } from '../chart.js'
import {
  BALANCE_SHEET_ASSETS,
  BALANCE_SHEET_CLAIMS,
  distributionKind,
  INCOME_LINES,
  officialBalanceSheet,
  officialIncomeStatement,
  undistributedOf,
} from './statement-forms.js'
import { closingEntries } from './statements.js'

const nets = (entries: Record<string, bigint>) => new Map(Object.entries(entries))
const line = (sheet: ReturnType<typeof officialBalanceSheet>, key: string) =>
  [...sheet.assets, ...sheet.claims].find((l) => l.key === key)!

describe('资产负债表 line table (财会〔2023〕14号 附录 报表格式)', () => {
  it('maps every account of the 2023 chart to exactly one line (113 by its debit and credit details)', () => {
    const sources = [...BALANCE_SHEET_ASSETS, ...BALANCE_SHEET_CLAIMS, ...INCOME_LINES].flatMap((l) =>
      (l.sources ?? []).map((s) => (s.part ? `${s.code}:${s.part}` : s.code)),
    )
    const plain = sources.filter((s) => !s.includes(':') && s !== 'unclosed')
    for (const account of RCEA_2023) {
      if (account.code === '113') {
        expect(sources).toContain('113:debit-details')
        expect(sources).toContain('113:credit-details')
        continue
      }
      expect(
        plain.filter((s) => s === account.code),
        account.code,
      ).toHaveLength(1)
    }
    expect(new Set(plain).size).toBe(plain.length)
  })

  it('numbers the rows 1…39 in the form’s order, each once', () => {
    const rows = [...BALANCE_SHEET_ASSETS, ...BALANCE_SHEET_CLAIMS].map((l) => l.row)
    expect(rows).toEqual(Array.from({ length: 39 }, (_, i) => i + 1))
    expect(INCOME_LINES.map((l) => l.row)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1))
  })

  const end = nets({
    '101': 1_000n,
    '10201': 50_000n,
    '11301': 3_000n, // a group owes the collective: 应收款项
    '11302': -2_000n, // the collective owes a group: 应付款项
    '121': 700n,
    '401': 300n,
    '131': 400n,
    '151': 100_000n,
    '152': -20_000n,
    '161': 5_000n,
    '162': -1_000n,
    '201': -30_000n,
    '241': -4_000n,
    '301': -80_000n,
    '322': -10_000n,
    '501': -15_000n,
    '513': 1_600n,
  })

  it('groups the lines with their subtotals, contra accounts shown as deductions', () => {
    const sheet = officialBalanceSheet(new Map(), end)
    expect(line(sheet, 'cash').end).toBe(51_000n)
    expect(line(sheet, 'receivables').end).toBe(3_000n)
    expect(line(sheet, 'inventories').end).toBe(1_000n) // 121 + 401
    expect(line(sheet, 'consumableBio').end).toBe(400n)
    expect(line(sheet, 'currentAssets').end).toBe(55_400n)
    expect(line(sheet, 'fixedCost').end).toBe(100_000n)
    expect(line(sheet, 'fixedDepreciation').end).toBe(20_000n)
    expect(line(sheet, 'fixedNet').end).toBe(80_000n)
    expect(line(sheet, 'intangibleNet').end).toBe(4_000n)
    expect(line(sheet, 'nonCurrentAssets').end).toBe(84_000n)
    expect(line(sheet, 'totalAssets').end).toBe(139_400n)
    expect(line(sheet, 'payables').end).toBe(2_000n)
    expect(line(sheet, 'currentLiabilities').end).toBe(32_000n)
    expect(line(sheet, 'specialPayables').end).toBe(4_000n)
    expect(line(sheet, 'totalLiabilities').end).toBe(36_000n)
    // 未分配收益: 322 plus the year's unclosed result (15,000 − 1,600).
    expect(line(sheet, 'undistributed').end).toBe(23_400n)
    expect(line(sheet, 'totalClaims').end).toBe(139_400n)
    expect(sheet.balanced).toBe(true)
    expect(line(sheet, 'totalAssets').start).toBe(0n)
  })

  it('is unbalanced by exactly the fen the books are off', () => {
    const off = new Map(end)
    off.set('101', 1_001n)
    const sheet = officialBalanceSheet(new Map(), off)
    expect(line(sheet, 'totalAssets').end - line(sheet, 'totalClaims').end).toBe(1n)
    expect(sheet.balanced).toBe(false)
  })

  it('balances, in both columns, whatever balanced books it is given (资产总计 = 负债和所有者权益总计)', () => {
    const codes = [...RCEA_2023.map((a) => a.code), '11301', '11302', '32201', '32202']
    const books = fc
      .array(fc.tuple(fc.constantFrom(...codes), fc.bigInt({ min: -1_000_000_000n, max: 1_000_000_000n })), {
        maxLength: 30,
      })
      .map((entries) => {
        const m = new Map<string, bigint>()
        for (const [code, net] of entries) m.set(code, (m.get(code) ?? 0n) + net)
        const sum = [...m.values()].reduce((s, n) => s + n, 0n)
        m.set('301', (m.get('301') ?? 0n) - sum)
        return m
      })
    fc.assert(
      fc.property(books, books, (start, finish) => officialBalanceSheet(start, finish).balanced),
      { seed: 20241231, numRuns: 200 },
    )
  })
})

describe('收益及收益分配表 (财会〔2023〕14号; distribution half as the 2004 report [V 2004])', () => {
  const movements = new Map([
    ['501', { debit: 0n, credit: 50_000n }],
    ['502', { debit: 0n, credit: 7_000n }],
    ['503', { debit: 0n, credit: 10_000n }],
    ['511', { debit: 12_000n, credit: 0n }],
    ['513', { debit: 8_000n, credit: 0n }],
    ['514', { debit: 2_600n, credit: 0n }],
  ])
  const amount = (st: ReturnType<typeof officialIncomeStatement>, key: string) =>
    st.lines.find((l) => l.key === key)!.amount

  it('computes 经营收益, 收益总额 and 本年收益 in the form’s order', () => {
    const st = officialIncomeStatement(movements, 0n, [])
    expect(amount(st, 'operatingResult')).toBe(37_000n) // 50,000 + 7,000 − 12,000 − 8,000
    expect(amount(st, 'grossResult')).toBe(44_400n) // + 10,000 − 2,600
    expect(amount(st, 'profit')).toBe(44_400n)
    expect(st.lines.map((l) => l.row)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1))
  })

  it('subtracts what was distributed: 200 distributable and 150 distributed leave 50 (issue 12 item 9)', () => {
    const st = officialIncomeStatement(new Map([['501', { debit: 0n, credit: 200_00n }]]), 0n, [
      { net: -30_00n, debitedNames: [], creditedCodes: ['311'] },
      { net: -120_00n, debitedNames: ['向成员分配'], creditedCodes: ['211'] },
    ])
    expect(st.distributable).toBe(200_00n)
    expect(st.distributions).toEqual({ reserve: 30_00n, members: 120_00n, investors: 0n, other: 0n })
    expect(st.undistributedAtEnd).toBe(50_00n)
    expect(amount(st, 'undistributedAtEnd')).toBe(50_00n)
  })

  it('at the boundary: distributing exactly 可分配收益 leaves 0; one fen more leaves −0.01', () => {
    const exactly = officialIncomeStatement(movements, 600n, [
      { net: -45_000n, debitedNames: [], creditedCodes: ['211'] },
    ])
    expect(exactly.undistributedAtEnd).toBe(0n)
    const over = officialIncomeStatement(movements, 600n, [
      { net: -45_001n, debitedNames: [], creditedCodes: ['211'] },
    ])
    expect(over.undistributedAtEnd).toBe(-1n)
  })

  it('counts a credit into 322 as 其他转入 (公积公益金弥补亏损) and adds it to 可分配收益', () => {
    const st = officialIncomeStatement(new Map([['511', { debit: 5_000n, credit: 0n }]]), 1_000n, [
      { net: 4_000n, debitedNames: [], creditedCodes: [] },
    ])
    expect(st.profit).toBe(-5_000n)
    expect(st.otherTransfersIn).toBe(4_000n)
    expect(st.distributable).toBe(0n)
    expect(st.undistributedAtEnd).toBe(0n)
  })

  it('tells the kind of a distribution by the 322 sub-account’s name, then by the account credited', () => {
    expect(distributionKind({ debitedNames: ['提取公积公益金'], creditedCodes: ['211'] })).toBe('reserve')
    expect(distributionKind({ debitedNames: ['外来投资分利'], creditedCodes: ['211'] })).toBe('investors')
    expect(distributionKind({ debitedNames: ['农户分配'], creditedCodes: ['211'] })).toBe('members')
    expect(distributionKind({ debitedNames: ['各项分配'], creditedCodes: ['311'] })).toBe('reserve')
    expect(distributionKind({ debitedNames: ['各项分配'], creditedCodes: ['211'] })).toBe('other')
    // The 摘要 is the last hint, after the sub-account's name and the account credited.
    expect(distributionKind({ debitedNames: [], creditedCodes: ['211'], summary: '向成员分配' })).toBe(
      'members',
    )
    expect(distributionKind({ debitedNames: [], creditedCodes: ['211'], summary: '外来投资分利' })).toBe(
      'investors',
    )
    expect(distributionKind({ debitedNames: [], creditedCodes: ['311'], summary: '向成员分配' })).toBe(
      'reserve',
    )
    expect(distributionKind({ debitedNames: ['农户分配'], creditedCodes: ['311'], summary: '' })).toBe(
      'members',
    )
  })

  it('ends where the balance sheet’s 未分配收益 ends after the year-end close, to the fen', () => {
    // 年初: 322 credit 1,000. The year: income 3,000, expense 500, a distribution of 700 booked
    // to 32201 各项分配; then the close.
    const before = nets({ '32202': -1_000n })
    const closing = closingEntries(
      nets({ '501': -3_000n, '511': 500n }),
      '321',
      '32202',
      nets({ '32201': 700n }),
    )
    const after = new Map(before)
    const book = (lines: { account: string; debit?: bigint; credit?: bigint }[]) => {
      for (const l of lines)
        after.set(l.account, (after.get(l.account) ?? 0n) + (l.debit ?? 0n) - (l.credit ?? 0n))
    }
    book([
      { account: '501', credit: 3_000n },
      { account: '511', debit: 500n },
      { account: '32201', debit: 700n },
    ])
    book(closing.toResult)
    book(closing.toDistribution)
    book(closing.toUndistributed)
    expect(after.get('32201')).toBe(0n)
    const st = officialIncomeStatement(
      new Map([
        ['501', { debit: 0n, credit: 3_000n }],
        ['511', { debit: 500n, credit: 0n }],
      ]),
      undistributedOf(before),
      [{ net: -700n, debitedNames: ['各项分配'], creditedCodes: ['211'] }],
    )
    expect(st.undistributedAtEnd).toBe(undistributedOf(after))
    expect(st.undistributedAtEnd).toBe(2_800n)
  })
})

describe('closing 各项分配 into 未分配收益 at the year end (2004 制度, 322 [V 2004])', () => {
  it('credits each 各项分配 leaf by its debit net and debits 未分配收益 with the sum', () => {
    const closing = closingEntries(new Map(), '321', '32202', nets({ '32201': 700n, '32203': 300n }))
    expect(closing.toUndistributed).toEqual([
      { account: '32202', debit: 1_000n },
      { account: '32201', credit: 700n },
      { account: '32203', credit: 300n },
    ])
  })

  it('writes nothing when 各项分配 is empty or 322 has no sub-accounts', () => {
    expect(closingEntries(new Map(), '321', '322', nets({ '322': -500n })).toUndistributed).toEqual([])
    expect(closingEntries(new Map(), '321', '32202', nets({ '32201': 0n })).toUndistributed).toEqual([])
  })
})
