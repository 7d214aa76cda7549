import { type Fen, formatMoney } from '@liancun/core'
import ExcelJS from 'exceljs'
import type { Cell, Column, ExportDocument, Table } from './document.js'

/** The .xlsx writer: one worksheet per document, amounts as Excel numbers in 元. */

/** Two places with thousands separators: how 元 print in Chinese books. */
export const MONEY_FORMAT = '#,##0.00'

/**
 * Up to 15 significant digits, a decimal string and the double nearest to it name each other
 * (IEEE 754 doubles hold 15 decimal digits exactly), and exceljs writes the number with
 * `String(number)`, the shortest text that names that double. So for |fen| < 10^15 (ten
 * trillion 元) the file holds exactly the digits of formatMoney(fen) — "1234.50" as "1234.5".
 * Beyond that a number would round, and the amount is written as text instead.
 */
const EXACT_LIMIT = 10n ** 15n

/**
 * The one place an amount becomes a JavaScript number, at the cell boundary: fen → the exact
 * "123.45" string (integer arithmetic in formatMoney) → Number, only where the round trip is
 * exact (see EXACT_LIMIT). No float ever takes part in arithmetic.
 */
export function moneyCellValue(fen: Fen): number | string {
  const abs = fen < 0n ? -fen : fen
  const text = formatMoney(fen)
  return abs < EXACT_LIMIT ? Number(text) : text
}

const THIN = { style: 'thin' } as const
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN }
const HEADING_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } }

function writeCell(target: ExcelJS.Cell, value: Cell, column: Column | undefined) {
  target.border = BORDER
  // An empty amount cell keeps the format, so a figure typed in later reads as money too.
  if (column?.kind === 'money') target.numFmt = MONEY_FORMAT
  if (value === null) return
  if (typeof value === 'bigint') {
    target.value = moneyCellValue(value)
    target.numFmt = MONEY_FORMAT
    target.alignment = { horizontal: 'right' }
    return
  }
  target.value = value
  if (column?.kind === 'count') {
    // A whole number (an account level), never mistaken for an amount.
    if (typeof value === 'number') target.numFmt = '0'
    target.alignment = { horizontal: 'center' }
  }
}

/** The heading row(s) of a table: one, or two when columns are grouped (期初余额 › 借方 | 贷方). */
function writeHeadings(sheet: ExcelJS.Worksheet, table: Table, top: number): number {
  const grouped = table.columns.some((c) => c.group)
  const rows = grouped ? 2 : 1
  table.columns.forEach((column, index) => {
    const col = index + 1
    if (!grouped) {
      sheet.getCell(top, col).value = column.heading
      return
    }
    if (!column.group) {
      sheet.getCell(top, col).value = column.heading
      sheet.mergeCells(top, col, top + 1, col)
      return
    }
    sheet.getCell(top + 1, col).value = column.heading
    if (table.columns[index - 1]?.group === column.group) return
    let last = index
    while (table.columns[last + 1]?.group === column.group) last++
    sheet.getCell(top, col).value = column.group
    if (last > index) sheet.mergeCells(top, col, top, last + 1)
  })
  for (let r = top; r < top + rows; r++) {
    for (let col = 1; col <= table.columns.length; col++) {
      const cell = sheet.getCell(r, col)
      cell.font = { bold: true }
      cell.fill = HEADING_FILL
      cell.border = BORDER
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    }
  }
  return rows
}

/**
 * Title (merged across the table, large), the header lines (label in A, value in B), a blank
 * line, then each table: caption, headings, rows. The first table's headings repeat on every
 * printed page and stay in view when scrolling.
 */
export async function writeWorkbook(doc: ExportDocument, createdAt: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = 'liancun'
  // Fixed from the app's clock (not "now" inside exceljs), so a file is reproducible.
  book.created = createdAt
  book.modified = createdAt
  const sheet = book.addWorksheet(doc.title.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  const width = Math.max(2, ...doc.tables.map((t) => t.columns.length))
  const widths = Array.from({ length: width }, (_, i) =>
    Math.max(...doc.tables.map((t) => t.columns[i]?.width ?? 0), i === 1 ? 24 : 10),
  )
  sheet.columns = widths.map((w) => ({ width: w }))

  const title = sheet.getCell(1, 1)
  title.value = doc.title
  title.font = { bold: true, size: 16 }
  title.alignment = { horizontal: 'center' }
  sheet.mergeCells(1, 1, 1, width)
  let row = 2
  for (const [label, value] of doc.meta) {
    sheet.getCell(row, 1).value = label
    sheet.getCell(row, 1).font = { bold: true }
    sheet.getCell(row, 2).value = value
    row++
  }
  row++

  let frozen = false
  for (const table of doc.tables) {
    if (table.caption) {
      sheet.getCell(row, 1).value = table.caption
      sheet.getCell(row, 1).font = { bold: true, size: 12 }
      row++
    }
    const headingRows = writeHeadings(sheet, table, row)
    if (!frozen) {
      sheet.views = [{ state: 'frozen', ySplit: row + headingRows - 1 }]
      sheet.pageSetup.printTitlesRow = `${row}:${row + headingRows - 1}`
      frozen = true
    }
    row += headingRows
    for (const line of table.rows) {
      line.cells.forEach((value, index) => {
        const cell = sheet.getCell(row, index + 1)
        writeCell(cell, value, table.columns[index])
        if (line.style) cell.font = { bold: true }
        if (line.indent && table.columns[index]?.indents) cell.alignment = { indent: line.indent }
      })
      row++
    }
    row++
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}
