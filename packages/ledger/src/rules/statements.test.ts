import type { Fen } from '@liancun/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RCEA_2023 } from '../chart.js'
import { balanceSheet, closingEntries, incomeStatement, type StatementAccount } from './statements.js'

/** The 2023 chart, first level, plus a few sub-accounts (leaves) under 102, 113 and 501. */
const accounts: StatementAccount[] = [
  ...RCEA_2023.map((a) => ({ ...a, parentCode: null })),
  { code: '10201', name: '基本户', class: 'asset', normalSide: 'debit', parentCode: '102' },
  { code: '10202', name: '专户', class: 'asset', normalSide: 'debit', parentCode: '102' },
  { code: '11301', name: '一组', class: 'asset', normalSide: 'both', parentCode: '113' },
  { code: '11302', name: '二组', class: 'asset', normalSide: 'both', parentCode: '113' },
  { code: '50101', name: '发包收入', class: 'income', normalSide: 'credit', parentCode: '501' },
]
const leafCodes = accounts.filter((a) => !accounts.some((b) => b.parentCode === a.code)).map((a) => a.code)
const nets = (entries: Record<string, bigint>) => new Map(Object.entries(entries))
const nonZero = (lines: { code: string; name: string; amount: Fen }[]) => lines.filter((l) => l.amount !== 0n)

describe('资产负债表', () => {
  // Σ nets = 0, as posted vouchers always leave them.
  const posted = nets({
    '101': 1_000n,
    '10201': 50_000n,
    '11301': 3_000n, // a group owes the collective
    '11302': -2_000n, // the collective owes a group
    '151': 100_000n,
    '152': -20_000n, // 累计折旧, a contra account
    '201': -30_000n,
    '301': -80_000n,
    '322': -11_000n,
    '401': 4_000n, // cost, shown among assets
    '50101': -25_000n,
    '511': 10_000n,
  })

  it('shows assets, liabilities and equity with contra deductions, 内部往来 by side, and 本年收益 not yet closed', () => {
    const sheet = balanceSheet(accounts, posted)
    expect(nonZero(sheet.assets)).toEqual([
      { code: '101', name: '库存现金', amount: 1_000n },
      { code: '102', name: '银行存款', amount: 50_000n },
      { code: '113', name: '内部往来（应收）', amount: 3_000n },
      { code: '151', name: '固定资产', amount: 100_000n },
      { code: '152', name: '减：累计折旧', amount: -20_000n },
      { code: '401', name: '生产(劳务)成本', amount: 4_000n },
    ])
    expect(nonZero(sheet.liabilities)).toEqual([
      { code: '113', name: '内部往来（应付）', amount: 2_000n },
      { code: '201', name: '短期借款', amount: 30_000n },
    ])
    expect(nonZero(sheet.equity)).toEqual([
      { code: '301', name: '资本', amount: 80_000n },
      { code: '322', name: '收益分配', amount: 11_000n },
      { code: '', name: '本年收益（未结转）', amount: 15_000n },
    ])
    expect(sheet.totals).toEqual({ assets: 138_000n, liabilities: 32_000n, equity: 106_000n })
    expect(sheet.balanced).toBe(true)
  })

  it('lists every first-level balance-sheet account once, in chart order, and no profit-and-loss account', () => {
    const sheet = balanceSheet(accounts, posted)
    const codes = [...sheet.assets, ...sheet.liabilities, ...sheet.equity].map((l) => l.code)
    expect(sheet.assets.map((l) => l.code)).toEqual(
      RCEA_2023.filter((a) => a.class === 'asset' || a.class === 'cost').map((a) => a.code),
    )
    expect(sheet.liabilities.map((l) => l.code)).toEqual([
      '113',
      ...RCEA_2023.filter((a) => a.class === 'liability').map((a) => a.code),
    ])
    expect(sheet.equity.map((l) => l.code)).toEqual([
      ...RCEA_2023.filter((a) => a.class === 'equity').map((a) => a.code),
      '',
    ])
    expect(codes.some((c) => c.startsWith('5'))).toBe(false)
    expect(sheet.assets.filter((l) => l.name.startsWith('减：')).map((l) => l.code)).toEqual([
      '133',
      '152',
      '162',
    ])
  })

  it('does not net 内部往来: a receivable and a payable detail both show', () => {
    const sheet = balanceSheet(accounts, nets({ '11301': 500n, '11302': -500n }))
    expect(sheet.assets.find((l) => l.code === '113')?.amount).toBe(500n)
    expect(sheet.liabilities.find((l) => l.code === '113')?.amount).toBe(500n)
    expect(sheet.balanced).toBe(true)
  })

  it('is not balanced when the nets do not sum to zero', () => {
    expect(balanceSheet(accounts, nets({ '101': 5n })).balanced).toBe(false)
    expect(balanceSheet(accounts, nets({ '201': -5n })).balanced).toBe(false)
    expect(balanceSheet(accounts, nets({ '101': 5n, '301': -5n })).balanced).toBe(true)
  })
})

describe('收益及收益分配表', () => {
  const movements = new Map([
    ['50101', { debit: 100n, credit: 25_100n }],
    ['503', { debit: 0n, credit: 4_000n }],
    ['511', { debit: 10_000n, credit: 0n }],
    ['513', { debit: 500n, credit: 200n }],
    ['102', { debit: 99_999n, credit: 1n }], // not profit and loss
    ['401', { debit: 7n, credit: 0n }], // a cost, not an expense
  ])

  it('shows income as credit − debit and expenses as debit − credit, and their difference', () => {
    const statement = incomeStatement(accounts, movements, 1_000n)
    expect(statement.income).toEqual([
      { code: '501', name: '经营收入', amount: 25_000n },
      { code: '502', name: '投资收益', amount: 0n },
      { code: '503', name: '补助收入', amount: 4_000n },
      { code: '504', name: '其他收入', amount: 0n },
    ])
    expect(nonZero(statement.expenses)).toEqual([
      { code: '511', name: '经营支出', amount: 10_000n },
      { code: '513', name: '管理费用', amount: 300n },
    ])
    expect(statement.expenses.map((l) => l.code)).toEqual(['511', '512', '513', '514', '515', '521'])
    expect(statement).toMatchObject({
      totals: { income: 29_000n, expenses: 10_300n },
      profit: 18_700n,
      undistributedAtStart: 1_000n,
      distributable: 19_700n,
    })
  })

  it('shows a loss as a negative profit', () => {
    const statement = incomeStatement(accounts, new Map([['511', { debit: 300n, credit: 0n }]]), -50n)
    expect(statement).toMatchObject({ profit: -300n, distributable: -350n })
  })
})

describe('year-end closing entries', () => {
  it('empties every profit-and-loss leaf into 321 and carries a profit to 322', () => {
    const closing = closingEntries(nets({ '511': 10_000n, '50101': -25_000n, '503': 0n, '513': 300n }))
    expect(closing).toEqual({
      toResult: [
        { account: '50101', debit: 25_000n },
        { account: '511', credit: 10_000n },
        { account: '513', credit: 300n },
        { account: '321', credit: 14_700n },
      ],
      toDistribution: [
        { account: '321', debit: 14_700n },
        { account: '322', credit: 14_700n },
      ],
      toUndistributed: [],
      result: 14_700n,
    })
  })

  it('carries a loss the other way, into the accounts it is given', () => {
    expect(closingEntries(nets({ '511': 8_000n, '501': -5_000n }), '32101', '32201')).toEqual({
      toResult: [
        { account: '501', debit: 5_000n },
        { account: '511', credit: 8_000n },
        { account: '32101', debit: 3_000n },
      ],
      toDistribution: [
        { account: '32201', debit: 3_000n },
        { account: '32101', credit: 3_000n },
      ],
      toUndistributed: [],
      result: -3_000n,
    })
  })

  it('writes nothing when nothing moved, and no carry-over when income and expenses cancel', () => {
    expect(closingEntries(nets({ '501': 0n }))).toEqual({
      toResult: [],
      toDistribution: [],
      toUndistributed: [],
      result: 0n,
    })
    expect(closingEntries(nets({}))).toEqual({
      toResult: [],
      toDistribution: [],
      toUndistributed: [],
      result: 0n,
    })
    expect(closingEntries(nets({ '511': 100n, '501': -100n }))).toEqual({
      toResult: [
        { account: '501', debit: 100n },
        { account: '511', credit: 100n },
      ],
      toDistribution: [],
      toUndistributed: [],
      result: 0n,
    })
  })
})

describe('statements: properties over random posted vouchers (fixed seed)', () => {
  /** Random balanced vouchers of two lines each, as leaf nets and as movements (321 only takes the close). */
  const during = leafCodes.filter((c) => c !== '321')
  const vouchers = fc.array(
    fc.record({
      debit: fc.constantFrom(...during),
      credit: fc.constantFrom(...during),
      amount: fc.bigInt({ min: 1n, max: 10n ** 9n }),
    }),
    { maxLength: 40 },
  )
  const post = (list: { debit: string; credit: string; amount: bigint }[]) => {
    const leafNets = new Map<string, bigint>()
    const movements = new Map<string, { debit: bigint; credit: bigint }>()
    const move = (code: string, debit: bigint, credit: bigint) => {
      leafNets.set(code, (leafNets.get(code) ?? 0n) + debit - credit)
      const m = movements.get(code) ?? { debit: 0n, credit: 0n }
      movements.set(code, { debit: m.debit + debit, credit: m.credit + credit })
    }
    for (const v of list) {
      move(v.debit, v.amount, 0n)
      move(v.credit, 0n, v.amount)
    }
    return { leafNets, movements }
  }
  const isPl = (code: string) => code.startsWith('5')

  it('the balance sheet balances, and 本年收益 ties to the income statement', () => {
    fc.assert(
      fc.property(vouchers, (list) => {
        const { leafNets, movements } = post(list)
        const sheet = balanceSheet(accounts, leafNets)
        expect(sheet.balanced).toBe(true)
        expect(sheet.totals.assets).toBe(sheet.totals.liabilities + sheet.totals.equity)
        const unclosed = sheet.equity.find((l) => l.name === '本年收益（未结转）')?.amount
        expect(unclosed).toBe(incomeStatement(accounts, movements, 0n).profit)
      }),
      { seed: 2024, numRuns: 150 },
    )
  })

  it('the closing entries balance, empty profit and loss, and keep the sheet balanced', () => {
    fc.assert(
      fc.property(vouchers, (list) => {
        const { leafNets, movements } = post(list)
        const pl = new Map([...leafNets].filter(([code]) => isPl(code)))
        const closing = closingEntries(pl)
        const after = new Map(leafNets)
        for (const line of [...closing.toResult, ...closing.toDistribution]) {
          after.set(line.account, (after.get(line.account) ?? 0n) + (line.debit ?? 0n) - (line.credit ?? 0n))
        }
        for (const lines of [closing.toResult, closing.toDistribution]) {
          const debit = lines.reduce((s, l) => s + (l.debit ?? 0n), 0n)
          const credit = lines.reduce((s, l) => s + (l.credit ?? 0n), 0n)
          expect(debit).toBe(credit)
          for (const l of lines) expect((l.debit ?? l.credit ?? 0n) > 0n).toBe(true)
        }
        for (const [code, net] of after)
          if (isPl(code) || code === '321') expect([code, net]).toEqual([code, 0n])
        expect(closing.result).toBe(incomeStatement(accounts, movements, 0n).profit)
        expect(after.get('322') ?? 0n).toBe((leafNets.get('322') ?? 0n) - closing.result)
        const sheet = balanceSheet(accounts, after)
        expect(sheet.balanced).toBe(true)
        expect(sheet.equity.at(-1)?.amount).toBe(0n)
      }),
      { seed: 2025, numRuns: 150 },
    )
  })
})
