import type { Fen } from '@liancun/core'
import { STATEMENT_COLUMNS, section } from './balance-sheet.js'
import { type ExportDocument, fileNames, type Table } from './document.js'
import type { Head } from './header.js'

/**
 * 收益及收益分配表 for a year (closing entries left out, so the year's income shows): 收入 with
 * 收入合计, 支出 with 支出合计, then 本年收益, 年初未分配收益 and 可分配收益 — the JSON report's lines
 * and figures, nothing recomputed.
 */

type Line = { code: string; name: string; amount: Fen }

export interface IncomeStatementReport {
  year: string
  income: Line[]
  expenses: Line[]
  totals: { income: Fen; expenses: Fen }
  profit: Fen
  undistributedAtStart: Fen
  distributable: Fen
}

export function incomeStatementTable(report: IncomeStatementReport): Table {
  return {
    columns: STATEMENT_COLUMNS,
    rows: [
      ...section('收入', report.income, ['收入合计', report.totals.income]),
      ...section('支出', report.expenses, ['支出合计', report.totals.expenses]),
      { cells: ['本年收益', '', report.profit], style: 'total' },
      { cells: ['加：年初未分配收益', '', report.undistributedAtStart] },
      { cells: ['可分配收益', '', report.distributable], style: 'total' },
    ],
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
