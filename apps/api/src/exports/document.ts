import type { Fen } from '@liancun/core'

/**
 * What an export is, before it is a file: a title, the header lines (ledger, period, generation
 * time) and one or more tables. The report layouts (trial-balance.ts, entries.ts, …) build it
 * from the services' results in integer fen; the writers (workbook.ts, csv.ts) turn it into
 * bytes. Neither writer knows a report, and no layout knows a file format.
 */

/**
 * A cell. Money is the only bigint (integer fen, as the domains hand it out), so a writer never
 * has to guess which numbers are amounts; a number is a small count (an account level); null
 * leaves the cell empty (a zero movement in a detail row, as books print it).
 */
export type Cell = string | Fen | number | null

export interface Column {
  heading: string
  /** A heading spanning this and the adjacent columns with the same group (期初余额 over 借方, 贷方). */
  group?: string
  kind: 'text' | 'money' | 'count'
  /** In characters, for the spreadsheet; CSV ignores it. */
  width: number
  /** The column a row's `indent` applies to (the account name). */
  indents?: boolean
}

export interface Row {
  cells: Cell[]
  /** A section heading (资产) or a total (合计); the spreadsheet sets them in bold. */
  style?: 'section' | 'total'
  /** Indentation of the `indents` column's cell, by account level (spreadsheet only). */
  indent?: number
}

export interface Table {
  caption?: string
  columns: Column[]
  rows: Row[]
}

export interface ExportDocument {
  /** 科目余额表, 明细账 …: the sheet's title line and the first part of the file name. */
  title: string
  /** Label and value of each header line (编制单位, 会计期间, 生成时间 …). */
  meta: [label: string, value: string][]
  tables: Table[]
  /** The file's name without extension, as a person would save it (Chinese allowed). */
  filename: string
  /** The same name in ASCII, for clients that do not read RFC 5987 `filename*`. */
  asciiFilename: string
}

/** 2024-03 → 2024年03月. */
export const monthLabel = (period: string) => `${period.slice(0, 4)}年${period.slice(5, 7)}月`

/** The range of months a report covers, as its header line says it. */
export const rangeLabel = (from: string, to: string) =>
  from === to ? monthLabel(from) : `${monthLabel(from)}至${monthLabel(to)}`

/** 借 / 贷 / 平 of a balance, as the direction column of a book prints it. */
export const sideLabel = (balance: { side: 'debit' | 'credit'; amount: Fen }) =>
  balance.amount === 0n ? '平' : balance.side === 'debit' ? '借' : '贷'

/** A zero amount of a detail row prints as an empty cell; totals always print. */
export const blankIfZero = (fen: Fen | null): Fen | null => (fen === null || fen === 0n ? null : fen)

/** A name fit for a file: no path or reserved characters, no control characters, not too long. */
export function fileSafe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  const safe = text.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_')
  // By code point, so a cut never splits a surrogate pair.
  return Array.from(safe).slice(0, 60).join('')
}

/**
 * 科目余额表_李孟德村股份经济合作社_2024-01_2024-06, and trial-balance_370322104203_2024-01_2024-06
 * for clients that only read the ASCII `filename`.
 */
export function fileNames(title: string, slug: string, who: { name: string; code: string }, period: string) {
  return {
    filename: `${title}_${fileSafe(who.name)}_${period}`,
    asciiFilename: `${slug}_${who.code.replace(/[^0-9A-Za-z-]/g, '')}_${period}`,
  }
}
