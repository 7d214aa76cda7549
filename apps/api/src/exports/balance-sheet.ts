import type { Fen } from '@liancun/core'
import { type Column, type ExportDocument, fileNames, monthLabel, type Row, type Table } from './document.js'
import type { Head } from './header.js'

/**
 * 资产负债表 at the end of a month in the 制度's format (《农村集体经济组织会计制度》附录): the two
 * halves side by side as the printed form has them — 资产 | 行次 | 年初数 | 期末数, then 负债及所有者
 * 权益 | 行次 | 年初数 | 期末数 — every line, subtotal and total exactly the JSON report's `official`
 * (rules/statement-forms.ts in @liancun/ledger decides them; nothing is recomputed here).
 */

export interface FormLine {
  row: number
  label: string
  kind: 'item' | 'subtotal' | 'total'
  start: Fen
  end: Fen
}

export interface BalanceSheetReport {
  period: string
  official: { assets: FormLine[]; claims: FormLine[]; balanced: boolean }
}

const half = (heading: string): Column[] => [
  { heading, kind: 'text', width: 28 },
  { heading: '行次', kind: 'count', width: 6 },
  { heading: '年初数', kind: 'money', width: 18 },
  { heading: '期末数', kind: 'money', width: 18 },
]

export const BALANCE_SHEET_COLUMNS: Column[] = [...half('资产'), ...half('负债及所有者权益')]

const cells = (line: FormLine | undefined) =>
  line ? [line.label, line.row, line.start, line.end] : ['', null, null, null]

export function balanceSheetTable(report: BalanceSheetReport): Table {
  const { assets, claims } = report.official
  const rows: Row[] = []
  for (let i = 0; i < Math.max(assets.length, claims.length); i++) {
    const [a, c] = [assets[i], claims[i]]
    // A row is set in bold when either half holds a subtotal or total (合计 / 总计).
    const strong = [a, c].some((l) => l !== undefined && l.kind !== 'item')
    rows.push({ cells: [...cells(a), ...cells(c)], ...(strong ? { style: 'total' as const } : {}) })
  }
  return { columns: BALANCE_SHEET_COLUMNS, rows }
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
      ['资产总计 = 负债和所有者权益总计', report.official.balanced ? '平衡' : '不平衡'],
    ]),
    tables: [balanceSheetTable(report), ...more],
    ...fileNames(title, 'balance-sheet', head.who, report.period),
  }
}
