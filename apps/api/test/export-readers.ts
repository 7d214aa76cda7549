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

/** A line of a 制度-format form as the JSON gives it. */
export type FormLine = { row: number; label: string; kind: string; start: string; end: string }
export type Statement = { official: { assets: FormLine[]; claims: FormLine[]; balanced: boolean } }
export type Income = {
  profit: string
  undistributedAtEnd: string
  official: { lines: { row: number; label: string; kind: string; amount: string }[] }
}

export const BALANCE_SHEET_HEADINGS = [
  '资产',
  '行次',
  '年初数',
  '期末数',
  '负债及所有者权益',
  '行次',
  '年初数',
  '期末数',
]

/**
 * The 资产负债表 sheet is the JSON `official` form line by line: the assets half in columns 1–4,
 * the claims half in 5–8, each as 项目, 行次, 年初数, 期末数 — every amount to the fen.
 */
export function expectBalanceSheet(grid: Grid, sheet: Statement) {
  const top = rowIndex(grid, '资产')
  expect(grid[top]?.slice(0, 8)).toEqual(BALANCE_SHEET_HEADINGS)
  const { assets, claims } = sheet.official
  const expectHalf = (lines: FormLine[], at: number) =>
    lines.forEach((line, i) => {
      const cells = grid[top + 1 + i]!.slice(at, at + 4)
      expect([cells[0], cells[1]]).toEqual([line.label, line.row])
      expect([fenOf(cells[2]), fenOf(cells[3])], line.label).toEqual([wire(line.start), wire(line.end)])
    })
  expectHalf(assets, 0)
  expectHalf(claims, 4)
  const after = top + 1 + Math.max(assets.length, claims.length)
  expect(grid[after]?.[0] ?? null, 'nothing after the form').toBeFalsy()
}

/** The 收益及收益分配表 sheet is the JSON `official.lines`, rows 1–21: 项目, 行次, 本年数. */
export function expectIncomeStatement(grid: Grid, st: Income) {
  const top = rowIndex(grid, '项目')
  expect(grid[top]?.slice(0, 3)).toEqual(['项目', '行次', '本年数'])
  st.official.lines.forEach((line, i) => {
    const cells = grid[top + 1 + i]!
    expect([cells[0], cells[1]]).toEqual([line.label, line.row])
    expect(fenOf(cells[2]), line.label).toBe(wire(line.amount))
  })
  expect(grid[top + 1 + st.official.lines.length]?.[0] ?? null, 'nothing after the form').toBeFalsy()
  const amount = (key: string) =>
    fenOf(grid[top + 1 + st.official.lines.findIndex((l) => l.label === key)]?.[2])
  expect(amount('本年收益')).toBe(wire(st.profit))
  expect(amount('年末未分配收益')).toBe(wire(st.undistributedAtEnd))
}
