import ExcelJS from 'exceljs'
import type { LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'

/**
 * Reading exports back for ledger-exports.test.ts: the workbook as a grid of cell values, the
 * CSV by RFC 4180, and amounts of either turned into bigint fen from their decimal text.
 */

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export type Sided = { side: 'debit' | 'credit'; amount: string }
export type Grid = unknown[][]

/** "1234.5" (the shortest text of the cell's double) or "-0.07" → fen, by string arithmetic. */
export function fenOfText(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text)
  if (!match) throw new Error(`not an amount with at most two places: ${text}`)
  const fen = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'))
  return match[1] ? -fen : fen
}
export const wire = (amount: string) => fenOfText(amount)
/** A money cell of the sheet: a number formatted #,##0.00, or empty (0). */
export function fenOf(value: unknown): bigint {
  if (value === null || value === undefined || value === '') return 0n
  if (typeof value !== 'number') throw new Error(`not a number cell: ${JSON.stringify(value)}`)
  return fenOfText(String(value))
}
export const csvFen = (text: string | undefined) => (text ? wire(text) : 0n)
export const bySide = (s: Sided) => (s.side === 'debit' ? [wire(s.amount), 0n] : [0n, wire(s.amount)])

export async function sheetOf(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(200)
  expect(response.headers['content-type']).toBe(XLSX)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
  const sheet = book.worksheets[0]!
  const grid: Grid = []
  sheet.eachRow({ includeEmpty: true }, (row, r) => {
    grid[r - 1] = Array.from({ length: sheet.columnCount }, (_, c) => row.getCell(c + 1).value ?? null)
  })
  // Every number on the sheet is an amount in 元 formatted as one, or a level formatted '0'.
  const formats = new Set<string>()
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === 'number') formats.add(cell.numFmt)
    }),
  )
  return { sheet, grid: Array.from(grid, (row) => row ?? []), formats }
}

/** RFC 4180, after the BOM; CRLF line ends. */
export function csvOf(response: LightMyRequestResponse): string[][] {
  expect(response.statusCode, response.body).toBe(200)
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
  const text = response.rawPayload.toString('utf8')
  expect(text.startsWith('\ufeff')).toBe(true)
  expect(text.replaceAll('\r\n', '').includes('\n')).toBe(false)
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ''
  }
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"'
      i++
    } else if (c === '"') {
      quoted = !quoted
    } else if (quoted || (c !== ',' && c !== '\r')) {
      field += c
    } else if (c === ',') {
      endField()
    } else {
      endField()
      rows.push(row)
      row = []
      i++ // the \n of CRLF
    }
  }
  if (field || row.length) {
    endField()
    rows.push(row)
  }
  return rows
}

/** The header lines (label → value) between the title and the first blank line. */
export const metaOf = (grid: unknown[][]) => {
  const end = grid.findIndex((row, i) => i > 0 && !row[0])
  return Object.fromEntries(grid.slice(1, end).map((row) => [row[0], row[1]]))
}
export const rowIndex = (grid: unknown[][], first: string) => grid.findIndex((row) => row[0] === first)

export type Line = { code: string; name: string; amount: string }

/** The rows of a statement table: [项目, 科目代码, 金额] from the heading row on. */
export function statementRows(grid: Grid) {
  const top = rowIndex(grid, '项目')
  expect(grid[top]).toEqual(['项目', '科目代码', '金额'])
  const rows: unknown[][] = []
  for (let r = top + 1; r < grid.length && grid[r]?.[0]; r++) rows.push(grid[r]!)
  return rows
}
export const amountOf = (rows: unknown[][], label: string) => fenOf(rows.find((r) => r[0] === label)?.[2])

export function expectSection(
  rows: unknown[][],
  heading: string,
  lines: Line[],
  total: string,
  amount: string,
) {
  const start = rows.findIndex((r) => r[0] === heading)
  expect(start, heading).toBeGreaterThanOrEqual(0)
  lines.forEach((line, i) => {
    const cells = rows[start + 1 + i]!
    expect([cells[0], cells[1]]).toEqual([line.name, line.code])
    expect(fenOf(cells[2]), `${heading} ${line.code} ${line.name}`).toBe(wire(line.amount))
  })
  expect(rows[start + 1 + lines.length]?.[0]).toBe(total)
  expect(fenOf(rows[start + 1 + lines.length]?.[2])).toBe(wire(amount))
}

export type Statement = {
  assets: Line[]
  liabilities: Line[]
  equity: Line[]
  totals: { assets: string; liabilities: string; equity: string }
}
export type Income = {
  income: Line[]
  expenses: Line[]
  totals: { income: string; expenses: string }
  profit: string
  undistributedAtStart: string
  distributable: string
}

export function expectBalanceSheet(grid: Grid, sheet: Statement) {
  const rows = statementRows(grid)
  expectSection(rows, '资产', sheet.assets, '资产总计', sheet.totals.assets)
  expectSection(rows, '负债', sheet.liabilities, '负债合计', sheet.totals.liabilities)
  expectSection(rows, '所有者权益', sheet.equity, '所有者权益合计', sheet.totals.equity)
  expect(amountOf(rows, '负债和所有者权益总计')).toBe(
    wire(sheet.totals.liabilities) + wire(sheet.totals.equity),
  )
}

export function expectIncomeStatement(grid: Grid, st: Income) {
  const rows = statementRows(grid)
  expectSection(rows, '收入', st.income, '收入合计', st.totals.income)
  expectSection(rows, '支出', st.expenses, '支出合计', st.totals.expenses)
  expect(amountOf(rows, '本年收益')).toBe(wire(st.profit))
  expect(amountOf(rows, '加：年初未分配收益')).toBe(wire(st.undistributedAtStart))
  expect(amountOf(rows, '可分配收益')).toBe(wire(st.distributable))
}
