import type { Fen } from '@liancun/core'
import type { AccountClass, NormalSide } from '../chart.js'

export interface StatementAccount {
  code: string
  name: string
  class: AccountClass
  normalSide: NormalSide
  parentCode: string | null
}

export interface StatementLine {
  code: string
  name: string
  amount: Fen
}

/** Accounts shown as deductions from the asset they belong to. */
const CONTRA = new Set(['133', '152', '162'])
/** Two-sided accounts whose debit-balance details are receivables and credit-balance details payables. */
const SPLIT_BY_DETAIL = new Set(['113'])

/**
 * 资产负债表 from leaf nets (debit − credit) at the end of a period. Contra accounts reduce assets;
 * 113 内部往来 shows its debit-balance details among assets and its credit-balance details among
 * liabilities (not netted); profit and loss not yet carried into 321 appears in equity as
 * 本年收益（未结转）, so the sheet balances before and after the year-end close.
 */
export function balanceSheet(accounts: readonly StatementAccount[], leafNets: ReadonlyMap<string, Fen>) {
  const firstLevel = accounts.filter((a) => a.parentCode === null)
  const leaves = [...leafNets.entries()]
  const netUnder = (code: string) =>
    leaves.reduce((sum, [leaf, net]) => (leaf.startsWith(code) ? sum + net : sum), 0n)
  const assets: StatementLine[] = []
  const liabilities: StatementLine[] = []
  const equity: StatementLine[] = []
  let unclosed = 0n
  for (const account of firstLevel) {
    const net = netUnder(account.code)
    if (SPLIT_BY_DETAIL.has(account.code)) {
      const receivable = leaves
        .filter(([c, n]) => c.startsWith(account.code) && n > 0n)
        .reduce((s, [, n]) => s + n, 0n)
      const payable = leaves
        .filter(([c, n]) => c.startsWith(account.code) && n < 0n)
        .reduce((s, [, n]) => s - n, 0n)
      assets.push({ code: account.code, name: `${account.name}（应收）`, amount: receivable })
      liabilities.push({ code: account.code, name: `${account.name}（应付）`, amount: payable })
      continue
    }
    switch (account.class) {
      case 'asset':
      case 'cost':
        // Contra accounts carry credit nets, so adding the raw net deducts them.
        assets.push({
          code: account.code,
          name: CONTRA.has(account.code) ? `减：${account.name}` : account.name,
          amount: net,
        })
        break
      case 'liability':
        liabilities.push({ code: account.code, name: account.name, amount: -net })
        break
      case 'equity':
        equity.push({ code: account.code, name: account.name, amount: -net })
        break
      case 'income':
      case 'expense':
        unclosed -= net
        break
    }
  }
  equity.push({ code: '', name: '本年收益（未结转）', amount: unclosed })
  const total = (lines: StatementLine[]) => lines.reduce((sum, line) => sum + line.amount, 0n)
  const totals = { assets: total(assets), liabilities: total(liabilities), equity: total(equity) }
  return {
    assets,
    liabilities,
    equity,
    totals,
    balanced: totals.assets === totals.liabilities + totals.equity,
  }
}

/**
 * 收益及收益分配表 for a year from the year's regular (non-closing) movements per first-level
 * account: income as credit − debit, expenses as debit − credit; 本年收益 is their difference.
 */
export function incomeStatement(
  accounts: readonly StatementAccount[],
  movements: ReadonlyMap<string, { debit: Fen; credit: Fen }>,
  undistributedAtStart: Fen,
) {
  const firstLevel = accounts.filter((a) => a.parentCode === null)
  const sum = (code: string) => {
    let debit = 0n
    let credit = 0n
    for (const [leaf, m] of movements) {
      if (!leaf.startsWith(code)) continue
      debit += m.debit
      credit += m.credit
    }
    return { debit, credit }
  }
  const income = firstLevel
    .filter((a) => a.class === 'income')
    .map((a) => {
      const m = sum(a.code)
      return { code: a.code, name: a.name, amount: m.credit - m.debit }
    })
  const expenses = firstLevel
    .filter((a) => a.class === 'expense')
    .map((a) => {
      const m = sum(a.code)
      return { code: a.code, name: a.name, amount: m.debit - m.credit }
    })
  const totalIncome = income.reduce((s, l) => s + l.amount, 0n)
  const totalExpenses = expenses.reduce((s, l) => s + l.amount, 0n)
  const profit = totalIncome - totalExpenses
  return {
    income,
    expenses,
    totals: { income: totalIncome, expenses: totalExpenses },
    profit,
    undistributedAtStart,
    distributable: profit + undistributedAtStart,
  }
}

export interface ClosingLine {
  account: string
  debit?: Fen
  credit?: Fen
}

/**
 * The year-end closing entries: every profit-and-loss leaf with a net is emptied into 321
 * 本年收益, 321's result is carried to 322 收益分配 (its 未分配收益 leaf), and the other 322 leaves —
 * 各项分配, debited by the year's distributions — are closed into 未分配收益 (2004 制度, 322's
 * mechanics [V 2004]; kept by the 2023 chart). 401 and balance-sheet accounts are untouched.
 * Returns the three vouchers' lines (any may be empty when nothing moved).
 */
export function closingEntries(
  plLeafNets: ReadonlyMap<string, Fen>,
  yearResultAccount = '321',
  distributionAccount = '322',
  allocationNets: ReadonlyMap<string, Fen> = new Map(),
) {
  const toUndistributed: ClosingLine[] = []
  let allocated = 0n // debit − credit moved into 未分配收益
  for (const [code, net] of [...allocationNets.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (net === 0n || code === distributionAccount) continue
    if (net > 0n) toUndistributed.push({ account: code, credit: net })
    else toUndistributed.push({ account: code, debit: -net })
    allocated += net
  }
  if (allocated > 0n) toUndistributed.unshift({ account: distributionAccount, debit: allocated })
  if (allocated < 0n) toUndistributed.unshift({ account: distributionAccount, credit: -allocated })
  const toResult: ClosingLine[] = []
  let result = 0n // credit − debit carried into 321
  for (const [code, net] of [...plLeafNets.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (net === 0n) continue
    if (net < 0n) toResult.push({ account: code, debit: -net })
    else toResult.push({ account: code, credit: net })
    result -= net
  }
  if (result > 0n) toResult.push({ account: yearResultAccount, credit: result })
  if (result < 0n) toResult.push({ account: yearResultAccount, debit: -result })
  const toDistribution: ClosingLine[] =
    result === 0n
      ? []
      : result > 0n
        ? [
            { account: yearResultAccount, debit: result },
            { account: distributionAccount, credit: result },
          ]
        : [
            { account: distributionAccount, debit: -result },
            { account: yearResultAccount, credit: -result },
          ]
  return {
    toResult: toResult.length > 1 ? toResult : [],
    toDistribution,
    toUndistributed: toUndistributed.length > 1 ? toUndistributed : [],
    result,
  }
}
