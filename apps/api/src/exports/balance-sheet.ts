import type { Fen } from '@liancun/core'
import { type Column, type ExportDocument, fileNames, monthLabel, type Row, type Table } from './document.js'
import type { Head } from './header.js'

/**
 * 资产负债表 at the end of a month, one column of amounts: 资产 with its lines and 资产总计, then
 * 负债 (负债合计), 所有者权益 (所有者权益合计) and 负债和所有者权益总计 — the lines exactly as the JSON
 * report gives them (contra accounts as 减：…, 113 split into 应收 and 应付).
 */

type Line = { code: string; name: string; amount: Fen }

export interface BalanceSheetReport {
  period: string
  assets: Line[]
  liabilities: Line[]
  equity: Line[]
  totals: { assets: Fen; liabilities: Fen; equity: Fen }
  balanced: boolean
}

export const STATEMENT_COLUMNS: Column[] = [
  { heading: '项目', kind: 'text', width: 32, indents: true },
  { heading: '科目代码', kind: 'text', width: 12 },
  { heading: '金额', kind: 'money', width: 18 },
]

/** A section of a statement: its heading row, a row per line, its total row. */
export function section(heading: string, lines: Line[], total: [string, Fen]): Row[] {
  return [
    { cells: [heading, '', null], style: 'section' },
    ...lines.map((line) => ({ cells: [line.name, line.code, line.amount], indent: 1 })),
    { cells: [total[0], '', total[1]], style: 'total' },
  ]
}

export function balanceSheetTable(report: BalanceSheetReport): Table {
  const { totals } = report
  return {
    columns: STATEMENT_COLUMNS,
    rows: [
      ...section('资产', report.assets, ['资产总计', totals.assets]),
      ...section('负债', report.liabilities, ['负债合计', totals.liabilities]),
      ...section('所有者权益', report.equity, ['所有者权益合计', totals.equity]),
      { cells: ['负债和所有者权益总计', '', totals.liabilities + totals.equity], style: 'total' },
    ],
  }
}

export function balanceSheetDocument(
  report: BalanceSheetReport,
  head: Head,
  more: Table[] = [],
): ExportDocument {
  const title = '资产负债表'
  return {
    title,
    meta: head.lines(`${monthLabel(report.period)}末`, [
      ['资产 = 负债 + 所有者权益', report.balanced ? '平衡' : '不平衡'],
    ]),
    tables: [balanceSheetTable(report), ...more],
    ...fileNames(title, 'balance-sheet', head.who, report.period),
  }
}
