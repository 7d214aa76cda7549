import type { Fen } from '@liancun/core'
import { type Column, type ExportDocument, fileNames, type Row, type Table } from './document.js'
import type { Head } from './header.js'

/**
 * 收益及收益分配表 for a year in the 制度's format, both halves (closing entries left out, so the
 * year's income shows): 项目 | 行次 | 本年数, rows 1–13 经营收入 … 本年收益, then 14–21 年初未分配收益
 * … 年末未分配收益 — exactly the JSON report's `official.lines`, nothing recomputed.
 */

export interface IncomeFormLine {
  row: number
  label: string
  kind: 'item' | 'subtotal' | 'total'
  amount: Fen
}

export interface IncomeStatementReport {
  year: string
  official: { lines: IncomeFormLine[] }
}

export const INCOME_STATEMENT_COLUMNS: Column[] = [
  { heading: '项目', kind: 'text', width: 32, indents: true },
  { heading: '行次', kind: 'count', width: 6 },
  { heading: '本年数', kind: 'money', width: 18 },
]

export function incomeStatementTable(report: IncomeStatementReport): Table {
  return {
    columns: INCOME_STATEMENT_COLUMNS,
    rows: report.official.lines.map(
      (line): Row => ({
        cells: [line.label, line.row, line.amount],
        ...(line.kind === 'item' ? { indent: 1 } : { style: 'total' as const }),
      }),
    ),
  }
}

export function incomeStatementDocument(
  report: IncomeStatementReport,
  head: Head,
  more: Table[] = [],
): ExportDocument {
  const title = '收益及收益分配表'
  return {
    title,
    meta: head.lines(`${report.year}年度`),
    tables: [incomeStatementTable(report), ...more],
    ...fileNames(title, 'income-statement', head.who, report.year),
  }
}
