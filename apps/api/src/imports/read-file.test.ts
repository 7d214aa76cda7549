import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { FileRejected, IMPORT_MAX_ROWS } from './errors.js'
import {
  cellValue,
  charsetOf,
  checkUnpackedSize,
  decodeCsv,
  fileKindOf,
  readCsv,
  readTable,
  readXlsx,
} from './read-file.js'

/** File readers: the types accepted, the encodings, blank rows, row numbers, unreadable files. */

const rules = async (run: () => Promise<unknown> | unknown) => {
  try {
    await run()
  } catch (error) {
    if (error instanceof FileRejected) return error.errors.map((e) => e.rule)
    throw error
  }
  return []
}

describe('content types', () => {
  it('knows .xlsx and CSV by type, whatever the parameters', () => {
    expect(fileKindOf('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx')
    expect(fileKindOf('text/csv; charset=utf-8')).toBe('csv')
    expect(fileKindOf('TEXT/CSV')).toBe('csv')
    expect(fileKindOf('application/json')).toBeNull()
    expect(fileKindOf(undefined)).toBeNull()
    expect(charsetOf('text/csv; charset="GBK"')).toBe('gbk')
    expect(charsetOf('text/csv')).toBeNull()
  })
})

describe('CSV', () => {
  it('drops a BOM, keeps row numbers across blank lines, reads quoted cells', () => {
    const table = readCsv(Buffer.from('\uFEFF姓名,手机\r\n甲,1\r\n\r\n,\r\n"乙,丙",2\r\n'), null)
    expect(table.headers).toEqual(['姓名', '手机'])
    expect(table.rows).toEqual([
      { row: 2, cells: ['甲', '1'] },
      { row: 5, cells: ['乙,丙', '2'] },
    ])
  })

  it('reads GB18030 (Excel’s CSV on Chinese Windows) when the bytes are not UTF-8', () => {
    // 姓名 in GB18030.
    const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x0a, 0x41, 0x0a])
    expect(decodeCsv(gbk, null)).toBe('姓名\nA\n')
    expect(decodeCsv(gbk, 'gbk')).toBe('姓名\nA\n')
  })

  it('refuses text that is not in the charset it names, and a file without headings', async () => {
    expect(await rules(() => decodeCsv(Buffer.from([0xd0, 0xd5]), 'utf-8'))).toEqual(['unreadable'])
    expect(await rules(() => readCsv(Buffer.from('\n\n甲\n'), null))).toEqual(['unreadable'])
    expect(await rules(() => readCsv(Buffer.from('a,"b\n'), null))).toEqual(['unreadable'])
    expect(await rules(() => readTable(new Uint8Array(), 'csv', null))).toEqual(['empty_file'])
  })

  it(`takes ${IMPORT_MAX_ROWS} data rows and refuses one more`, async () => {
    const body = (n: number) => Buffer.from(`a\n${'1\n'.repeat(n)}`)
    expect(readCsv(body(IMPORT_MAX_ROWS), null).rows).toHaveLength(IMPORT_MAX_ROWS)
    expect(await rules(() => readCsv(body(IMPORT_MAX_ROWS + 1), null))).toEqual(['too_many_rows'])
  })
})

describe('.xlsx', () => {
  it('reads the first sheet: numbers, dates, formula results, rich text', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('一')
    sheet.addRow(['金额', '日期', '公式', '文字'])
    sheet.addRow([
      12.5,
      new Date(Date.UTC(2024, 2, 5)),
      { formula: 'A2*2', result: 25 },
      { richText: [{ text: '王' }, { text: '会计' }] },
    ])
    sheet.addRow([])
    sheet.addRow([1])
    workbook.addWorksheet('二').addRow(['ignored'])
    const table = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()))
    expect(table.headers).toEqual(['金额', '日期', '公式', '文字'])
    expect(table.rows).toEqual([
      { row: 2, cells: [12.5, new Date(Date.UTC(2024, 2, 5)), 25, '王会计'] },
      { row: 4, cells: [1, null, null, null] },
    ])
  })

  it('shows an error cell as its code, a hyperlink as its text', () => {
    expect(cellValue({ error: '#N/A' } as never)).toBe('#N/A')
    expect(cellValue({ text: '链接', hyperlink: 'https://example.org' })).toBe('链接')
    expect(cellValue({ formula: 'A1' } as never)).toBeNull()
  })

  it('refuses bytes that are not a workbook', async () => {
    expect(await rules(() => readXlsx(Buffer.from('PK not really a zip')))).toEqual(['unreadable'])
  })
})

describe('a zip bomb', () => {
  it('is refused from the sizes its directory declares, before anything is inflated', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('一').addRow(['a'])
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
    expect(() => checkUnpackedSize(bytes)).not.toThrow()
    // Declare the first part 200 MiB unpacked: the directory entry's uncompressed size field.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const directory = view.getUint32(bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) + 16, true)
    view.setUint32(directory + 24, 200 * 1024 * 1024, true)
    expect(await rules(() => readXlsx(bytes))).toEqual(['too_large_unpacked'])
  })
})
