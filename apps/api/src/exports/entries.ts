import type { Fen } from '@liancun/core'
import {
  blankIfZero,
  type Column,
  type ExportDocument,
  fileNames,
  rangeLabel,
  sideLabel,
  type Table,
} from './document.js'
import type { Head } from './header.js'

/**
 * 明细账 and the 日记账 (现金日记账, 银行存款日记账): 期初余额, then every posted line of the range in
 * date and number order with its running balance, then 本期合计 — the range's debits and credits
 * and the closing balance. Every line of the range, not one page: a book is printed whole.
 */

type Sided = { side: 'debit' | 'credit'; amount: Fen }

export interface EntriesReport {
  account: { code: string; name: string }
  from: string
  to: string
  opening: Sided
  closing: Sided
  items: {
    date: string
    label: string
    account: string
    summary: string
    debit: Fen | null
    credit: Fen | null
    balance: Sided
  }[]
}

export const ENTRY_COLUMNS: Column[] = [
  { heading: '日期', kind: 'text', width: 12 },
  { heading: '凭证字号', kind: 'text', width: 24 },
  { heading: '科目', kind: 'text', width: 10 },
  { heading: '摘要', kind: 'text', width: 32 },
  { heading: '借方', kind: 'money', width: 16 },
  { heading: '贷方', kind: 'money', width: 16 },
  { heading: '方向', kind: 'count', width: 6 },
  { heading: '余额', kind: 'money', width: 16 },
]

/** The kinds of book this layout prints, by the title and file slug each goes by. */
export const BOOKS = {
  ledger: { title: '明细账', slug: 'account-entries' },
  cash: { title: '现金日记账', slug: 'cash-journal' },
  bank: { title: '银行存款日记账', slug: 'bank-journal' },
} as const

export function entriesTable(report: EntriesReport): Table {
  let debit = 0n
  let credit = 0n
  for (const item of report.items) {
    debit += item.debit ?? 0n
    credit += item.credit ?? 0n
  }
  return {
    columns: ENTRY_COLUMNS,
    rows: [
      {
        cells: [
          '',
          '',
          report.account.code,
          '期初余额',
          null,
          null,
          sideLabel(report.opening),
          report.opening.amount,
        ],
        style: 'total',
      },
      ...report.items.map((item) => ({
        cells: [
          item.date,
          item.label,
          item.account,
          item.summary,
          blankIfZero(item.debit),
          blankIfZero(item.credit),
          sideLabel(item.balance),
          item.balance.amount,
        ],
      })),
      {
        cells: [
          '',
          '',
          report.account.code,
          '本期合计',
          debit,
          credit,
          sideLabel(report.closing),
          report.closing.amount,
        ],
        style: 'total',
      },
    ],
  }
}

export function entriesDocument(report: EntriesReport, head: Head, book: keyof typeof BOOKS): ExportDocument {
  const { title, slug } = BOOKS[book]
  const period = report.from === report.to ? report.from : `${report.from}_${report.to}`
  const account = `${report.account.code} ${report.account.name}`
  return {
    title,
    meta: head.lines(rangeLabel(report.from, report.to), [['会计科目', account]]),
    tables: [entriesTable(report)],
    ...fileNames(
      book === 'ledger' ? `${title}_${report.account.code}` : title,
      book === 'ledger' ? `${slug}-${report.account.code}` : slug,
      head.who,
      period,
    ),
  }
}
