import type { Fen } from '@liancun/core'
import type { TrialBalanceRow } from '@liancun/ledger'
import {
  blankIfZero,
  type Column,
  type ExportDocument,
  fileNames,
  rangeLabel,
  type Table,
} from './document.js'
import type { Head } from './header.js'

/**
 * 科目余额表: per account its opening balance, the range's debits and credits and its closing
 * balance, each balance in the column of its side (借方 or 贷方) as the JSON report's `side` says —
 * a credit-normal account overdrawn shows a negative amount in 贷方, as books print it in red.
 * One layout for a ledger and for a county book (same rows, same totals).
 */

export interface TrialBalanceReport {
  from: string
  to: string
  rows: TrialBalanceRow[]
  totals: Record<
    'openingDebit' | 'openingCredit' | 'debit' | 'credit' | 'closingDebit' | 'closingCredit',
    Fen
  >
}

const money = (heading: string, group: string): Column => ({ heading, group, kind: 'money', width: 16 })

export const TRIAL_BALANCE_COLUMNS: Column[] = [
  { heading: '科目代码', kind: 'text', width: 12 },
  { heading: '科目名称', kind: 'text', width: 28, indents: true },
  { heading: '级次', kind: 'count', width: 6 },
  money('借方', '期初余额'),
  money('贷方', '期初余额'),
  money('借方', '本期发生额'),
  money('贷方', '本期发生额'),
  money('借方', '期末余额'),
  money('贷方', '期末余额'),
]

const bySide = (balance: { side: 'debit' | 'credit'; amount: Fen }) =>
  balance.side === 'debit' ? [blankIfZero(balance.amount), null] : [null, blankIfZero(balance.amount)]

export function trialBalanceTable(report: TrialBalanceReport): Table {
  const { totals } = report
  return {
    columns: TRIAL_BALANCE_COLUMNS,
    rows: [
      ...report.rows.map((row) => ({
        cells: [
          row.code,
          row.name,
          row.level,
          ...bySide(row.opening),
          blankIfZero(row.debit),
          blankIfZero(row.credit),
          ...bySide(row.closing),
        ],
        indent: row.level - 1,
      })),
      {
        cells: [
          '合计',
          '',
          null,
          totals.openingDebit,
          totals.openingCredit,
          totals.debit,
          totals.credit,
          totals.closingDebit,
          totals.closingCredit,
        ],
        style: 'total' as const,
      },
    ],
  }
}

export function trialBalanceDocument(
  report: TrialBalanceReport,
  head: Head,
  more: Table[] = [],
): ExportDocument {
  const title = '科目余额表'
  const period = report.from === report.to ? report.from : `${report.from}_${report.to}`
  return {
    title,
    meta: head.lines(rangeLabel(report.from, report.to)),
    tables: [trialBalanceTable(report), ...more],
    ...fileNames(title, 'trial-balance', head.who, period),
  }
}
