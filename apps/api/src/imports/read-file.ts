import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { FileRejected, IMPORT_MAX_ROWS } from './errors.js'

/** What a reader hands the checks: a cell as the file holds it, before any rule. */
export type Cell = string | number | boolean | Date | null

export interface Table {
  /** Column headings of the first row, trimmed. */
  headers: string[]
  /** Data rows with their spreadsheet row number (the heading row is 1). Blank rows are left out. */
  rows: { row: number; cells: Cell[] }[]
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const CSV_TYPE = 'text/csv'

export type FileKind = 'xlsx' | 'csv'

/** The kind of an upload from its Content-Type (its parameters aside), or null when unsupported. */
export function fileKindOf(contentType: string | undefined): FileKind | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === XLSX_TYPE) return 'xlsx'
  if (type === CSV_TYPE || type === 'application/csv') return 'csv'
  return null
}

/** The `charset` parameter of a Content-Type, lower-cased, if any. */
export function charsetOf(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')
  return match ? match[1]!.toLowerCase() : null
}

const unreadable = (message: string) =>
  new FileRejected([{ row: 1, column: null, rule: 'unreadable', message }])
const tooMany = () =>
  new FileRejected([
    {
      row: IMPORT_MAX_ROWS + 2,
      column: null,
      rule: 'too_many_rows',
      message: `a file carries at most ${IMPORT_MAX_ROWS} data rows; split it`,
    },
  ])

/**
 * CSV text: the charset named, else UTF-8 (a BOM is dropped), else GB18030 — what Excel on a
 * Chinese Windows writes as "CSV" — when the bytes are not valid UTF-8.
 */
export function decodeCsv(bytes: Uint8Array, charset: string | null): string {
  const label = charset === 'gbk' || charset === 'gb2312' ? 'gb18030' : charset
  if (label && label !== 'utf-8' && label !== 'utf8') {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes)
    } catch {
      throw unreadable(`the file is not valid ${charset} text`)
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch (error) {
    if (label) throw unreadable('the file is not valid UTF-8 text')
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes)
    } catch {
      throw unreadable(`the file is neither UTF-8 nor GB18030 text (${(error as Error).message})`)
    }
  }
}

const isBlank = (cells: readonly Cell[]) =>
  cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''))

function tableOf(records: Cell[][]): Table {
  const [head, ...body] = records
  if (!head || isBlank(head)) throw unreadable('the first row must hold the column headings')
  const rows: Table['rows'] = []
  for (const [index, cells] of body.entries()) {
    if (isBlank(cells)) continue
    if (rows.length === IMPORT_MAX_ROWS) throw tooMany()
    rows.push({ row: index + 2, cells })
  }
  return { headers: head.map((cell) => (cell === null ? '' : String(cell).trim())), rows }
}

export function readCsv(bytes: Uint8Array, charset: string | null): Table {
  const text = decodeCsv(bytes, charset)
  let records: string[][]
  try {
    // One record per spreadsheet row (blank lines kept), so row numbers match what Excel shows.
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][]
  } catch (error) {
    throw unreadable(`the CSV cannot be parsed: ${(error as Error).message}`)
  }
  return tableOf(records.map((record) => record.map((cell) => (cell === '' ? null : cell))))
}

/** A cell as exceljs holds it → the value shown (a formula's result, rich text as plain text). */
export function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Date) return value
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result
      return result === undefined || (typeof result === 'object' && !(result instanceof Date))
        ? null
        : (result as Cell)
    }
    if ('text' in value && typeof value.text === 'string') return value.text
    if ('error' in value) return `#${String(value.error).replace(/^#/, '')}`
  }
  return null
}

/** What an .xlsx of at most IMPORT_MAX_ROWS rows may unpack to; a zip bomb is refused before it is opened. */
export const XLSX_MAX_UNPACKED = 128 * 1024 * 1024

/**
 * The sizes an .xlsx (a zip) declares for its parts, from its central directory: refused when
 * they add up to more than XLSX_MAX_UNPACKED, before exceljs inflates anything. (A zip that lies
 * about its sizes gets past this check; the upload limit and the row limit still hold.)
 */
export function checkUnpackedSize(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let end = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) throw unreadable('the file is not a readable .xlsx workbook (no zip directory)')
  const entries = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  let total = 0
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) {
      throw unreadable('the file is not a readable .xlsx workbook (a broken zip directory)')
    }
    total += view.getUint32(at + 24, true)
    if (total > XLSX_MAX_UNPACKED) {
      throw new FileRejected([
        {
          row: 1,
          column: null,
          rule: 'too_large_unpacked',
          message: `the workbook unpacks to more than ${XLSX_MAX_UNPACKED / 1024 / 1024} MiB; save only the sheet to import`,
        },
      ])
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
}

/** The first worksheet of an .xlsx. */
export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  checkUnpackedSize(bytes)
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch (error) {
    throw unreadable(`the file is not a readable .xlsx workbook: ${(error as Error).message}`)
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw unreadable('the workbook has no worksheet')
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 1) throw tooMany()
  const records: Cell[][] = []
  const width = sheet.columnCount
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: Cell[] = []
    for (let column = 1; column <= width; column++) cells.push(cellValue(row.getCell(column).value))
    records[number - 1] = cells
  })
  for (let i = 0; i < records.length; i++) records[i] ??= []
  return tableOf(records)
}

/** Reads an upload of the given kind. Throws FileRejected for a file that cannot be read. */
export async function readTable(bytes: Uint8Array, kind: FileKind, charset: string | null): Promise<Table> {
  if (bytes.length === 0)
    throw new FileRejected([{ row: 1, column: null, rule: 'empty_file', message: 'the file is empty' }])
  return kind === 'xlsx' ? readXlsx(bytes) : readCsv(bytes, charset)
}
