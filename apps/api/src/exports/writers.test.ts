import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { writeCsv } from './csv.js'
import { type ExportDocument, fileNames, fileSafe, rangeLabel, sideLabel } from './document.js'
import { generatedLabel } from './header.js'
import { contentDisposition } from './http.js'
import { moneyCellValue } from './workbook.js'

/** The writers' boundaries: the fen → cell number step, CSV quoting, file names. */

const parseFen = (text: string) => {
  const [int, frac = ''] = text.replace('-', '').split('.')
  const fen = BigInt(int!) * 100n + BigInt(frac.padEnd(2, '0'))
  return text.startsWith('-') ? -fen : fen
}

describe('moneyCellValue (the one place fen become a number)', () => {
  it('writes the exact digits of the amount below 10^15 fen', () => {
    expect(moneyCellValue(0n)).toBe(0)
    expect(moneyCellValue(12_345n)).toBe(123.45)
    expect(moneyCellValue(-7n)).toBe(-0.07)
    expect(String(moneyCellValue(999_999_999_999_999n))).toBe('9999999999999.99')
  })

  it('round-trips every amount below 10^15 fen through the text exceljs writes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), (fen) => {
        const value = moneyCellValue(fen)
        expect(typeof value).toBe('number')
        expect(parseFen(String(value))).toBe(fen)
      }),
      { numRuns: 2_000 },
    )
  })

  it('falls back to text from 10^15 fen on, where a double would round', () => {
    expect(moneyCellValue(10n ** 15n)).toBe('10000000000000.00')
    expect(moneyCellValue(-(10n ** 17n) - 1n)).toBe('-1000000000000000.01')
  })
})

const doc = (cells: (string | bigint | null)[]): ExportDocument => ({
  title: '明细账',
  meta: [['编制单位', '某村, "合作社"']],
  tables: [
    {
      columns: [
        { heading: '摘要', kind: 'text', width: 10 },
        { heading: '借方', group: '本期', kind: 'money', width: 10 },
      ],
      rows: [{ cells }],
    },
  ],
  filename: 'x',
  asciiFilename: 'x',
})

describe('writeCsv', () => {
  it('starts with a BOM, ends lines with CRLF, quotes what needs quoting', () => {
    const text = writeCsv(doc(['a\r\nb', -1234n])).toString('utf8')
    expect(text.startsWith('\ufeff明细账\r\n')).toBe(true)
    expect(text).toContain('编制单位,"某村, ""合作社"""\r\n')
    expect(text).toContain('摘要,本期（借方）\r\n"a\r\nb",-12.34\r\n')
  })

  it('defuses text Excel would run as a formula, never an amount', () => {
    for (const start of ['=', '+', '-', '@', '\t']) {
      const text = writeCsv(doc([`${start}1+1`, -5n])).toString('utf8')
      expect(text).toMatch(new RegExp(`\\r\\n"?'\\${start === '\t' ? 't' : start}1\\+1"?,-0\\.05\\r\\n`))
    }
    expect(writeCsv(doc(['收到 -1', null])).toString('utf8')).toContain('\r\n收到 -1,\r\n')
  })
})

describe('names and labels', () => {
  it('names files safely, cutting by code point', () => {
    expect(fileSafe('a/b\\c:d*e?f"g<h>i|j\u0000k')).toBe('a_b_c_d_e_f_g_h_i_j_k')
    expect(Array.from(fileSafe('😀'.repeat(80)))).toHaveLength(60)
    expect(fileNames('科目余额表', 'trial-balance', { name: '某村/合作社', code: '370322' }, '2024')).toEqual(
      {
        filename: '科目余额表_某村_合作社_2024',
        asciiFilename: 'trial-balance_370322_2024',
      },
    )
  })

  it('encodes the Chinese name per RFC 5987, with an ASCII fallback', () => {
    const header = contentDisposition({ ...doc([]), filename: "账(1)'*", asciiFilename: 'book' }, 'csv')
    expect(header).toBe(`attachment; filename="book.csv"; filename*=UTF-8''%E8%B4%A6%281%29%27%2A.csv`)
  })

  it('prints periods, sides and the generation time as Chinese books do', () => {
    expect(rangeLabel('2024-01', '2024-06')).toBe('2024年01月至2024年06月')
    expect(rangeLabel('2024-03', '2024-03')).toBe('2024年03月')
    expect([0n, 5n, -5n].map((amount) => sideLabel({ side: 'credit', amount }))).toEqual(['平', '贷', '贷'])
    expect(generatedLabel(new Date('2024-12-31T16:30:05Z'))).toBe('2025-01-01 00:30:05（北京时间）')
  })
})
