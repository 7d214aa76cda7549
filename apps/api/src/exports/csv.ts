import { formatMoney } from '@liancun/core'
import type { Cell, ExportDocument, Table } from './document.js'

/**
 * The CSV writer (RFC 4180): UTF-8 with a byte-order mark, so Excel on a Chinese Windows opens
 * it as UTF-8 rather than GBK; CRLF line ends; amounts as the wire string "1234.50". The file
 * reads like the sheet — title, header lines as `label,value`, a blank line, then each table
 * (caption, one heading line, rows) followed by a blank line.
 */

const BOM = '\ufeff'

/**
 * A text cell Excel would run as a formula (=, +, -, @, tab or CR first) gets a leading
 * apostrophe: summaries are typed by people, and a CSV opened in Excel must not execute one
 * (OWASP "CSV injection"). Amounts are written from fen, never through this.
 */
const FORMULA_START = /^[=+\-@\t\r]/

function field(value: Cell): string {
  if (value === null) return ''
  if (typeof value === 'bigint') return formatMoney(value)
  if (typeof value === 'number') return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text
}

const line = (cells: Cell[]) => cells.map(field).join(',')

/** One heading line: a grouped column reads 期初余额（借方）. */
function headings(table: Table): string {
  return line(table.columns.map((c) => (c.group ? `${c.group}（${c.heading}）` : c.heading)))
}

export function writeCsv(doc: ExportDocument): Buffer {
  const lines = [line([doc.title]), ...doc.meta.map(([label, value]) => line([label, value])), '']
  for (const table of doc.tables) {
    if (table.caption) lines.push(line([table.caption]))
    lines.push(headings(table))
    for (const row of table.rows) lines.push(line(row.cells))
    lines.push('')
  }
  return Buffer.from(BOM + lines.join('\r\n'), 'utf8')
}
