import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { writeCsv } from './csv.js'
import type { ExportDocument } from './document.js'
import { writeWorkbook } from './workbook.js'

/**
 * The HTTP side of an export: the `format` parameter, the documented 200 response (two media
 * types, a Content-Disposition header) and sending the file. Every export route is a sibling
 * of its JSON report at `…/export`, with the same parameters and the same authorisation.
 */

export const XLSX_MEDIA = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const CSV_MEDIA = 'text/csv'

export const ExportFormat = z.enum(['xlsx', 'csv']).default('xlsx').meta({
  description:
    'the file: `xlsx` (Excel workbook, the default) or `csv` (UTF-8 with BOM, amounts as "123.45")',
  example: 'xlsx',
})
export type ExportFormatValue = z.infer<typeof ExportFormat>

/** The 200 response of an export, as OpenAPI shows it: the file in either media type. */
export const ExportFile = z.string().meta({
  description:
    'The report as a file to save (`Content-Disposition: attachment`). xlsx: one worksheet with the title, ' +
    'the header lines (编制单位 or 汇总范围, 会计期间, 金额单位 元, 生成时间), then the table with Chinese ' +
    'headings; amounts are numbers in 元 formatted `#,##0.00`. csv: the same lines, comma-separated.',
  headers: {
    'Content-Disposition': {
      type: 'string',
      description: 'attachment; an ASCII `filename` and the Chinese name as `filename*` (RFC 5987, UTF-8)',
      example:
        'attachment; filename="trial-balance_370322104203_2024-01_2024-06.xlsx"; filename*=UTF-8\'\'%E7%A7%91%E7%9B%AE%E4%BD%99%E9%A2%9D%E8%A1%A8.xlsx',
    },
  },
  content: {
    [XLSX_MEDIA]: { schema: { type: 'string', contentMediaType: XLSX_MEDIA } },
    [CSV_MEDIA]: {
      schema: { type: 'string' },
      example:
        '\ufeff科目余额表\r\n编制单位,李孟德村股份经济合作社\r\n…\r\n科目代码,科目名称,级次,期初余额（借方）,…\r\n102,银行存款,1,,,300.00,,300.00,\r\n',
    },
  },
})

/** The sentence every export's description ends with: who may call it. */
export const exportAccess = (jsonOperation: string) =>
  `Authorised exactly as ${jsonOperation}; the same parameters, plus \`format\`.`

/** RFC 5987 ext-value characters: encodeURIComponent leaves ' ( ) * as they are, attr-char does not. */
const rfc5987 = (text: string) =>
  encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

export function contentDisposition(doc: ExportDocument, extension: string): string {
  return `attachment; filename="${doc.asciiFilename}.${extension}"; filename*=UTF-8''${rfc5987(`${doc.filename}.${extension}`)}`
}

/** Writes the document in the asked format and sends it as a download. */
export async function sendExport(
  reply: FastifyReply,
  doc: ExportDocument,
  format: ExportFormatValue,
  generatedAt: Date,
): Promise<FastifyReply> {
  const body = format === 'xlsx' ? await writeWorkbook(doc, generatedAt) : writeCsv(doc)
  return (
    reply
      .header('content-type', format === 'xlsx' ? XLSX_MEDIA : `${CSV_MEDIA}; charset=utf-8`)
      .header('content-disposition', contentDisposition(doc, format))
      // Books are not for shared caches, and a stale copy of them misleads.
      .header('cache-control', 'private, no-store')
      .send(body)
  )
}
