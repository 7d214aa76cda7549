import ExcelJS from 'exceljs'
import type { TestApp } from './helpers.js'

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const CSV = 'text/csv'

/** A CSV file from rows of cells (quoted where needed), UTF-8 with a BOM as Excel writes it. */
export function csv(rows: readonly (readonly (string | number | null)[])[]): Buffer {
  const quote = (cell: string | number | null) => {
    const text = cell === null ? '' : String(cell)
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  return Buffer.from(`\uFEFF${rows.map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`, 'utf8')
}

/** An .xlsx whose first sheet holds the rows (numbers stay numbers, Dates become date cells). */
export async function xlsx(rows: readonly (readonly ExcelJS.CellValue[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('导入')
  for (const row of rows) sheet.addRow([...row])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Uploads a file to an import operation and, when a job starts, waits for it to finish. */
export async function upload(
  t: TestApp,
  path: string,
  file: Buffer,
  options: { key?: string | null; type?: string } = {},
) {
  const response = await t.call('POST', path, {
    key: options.key,
    body: file,
    headers: { 'content-type': options.type ?? CSV },
  })
  if (response.statusCode === 202 || response.statusCode === 200)
    await t.app.imports.whenDone(response.json().id)
  return response
}

/** The job as GET /v1/imports/{id} shows it. */
export async function job(t: TestApp, id: string, key?: string, village = '370322104203') {
  const response = await t.call(
    'GET',
    `/v1/villages/${village}/imports/${id}`,
    key === undefined ? {} : { key },
  )
  if (response.statusCode !== 200) throw new Error(`job ${id}: ${response.statusCode} ${response.body}`)
  return response.json()
}

export const VOUCHER_HEADINGS = [
  '凭证号',
  '日期',
  '摘要',
  '科目编码',
  '借方',
  '贷方',
  '制单人',
  '审核人',
] as const
