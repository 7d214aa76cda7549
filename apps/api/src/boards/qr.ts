import QRCode from 'qrcode'
import { type SafeHtml, trusted } from './html.js'

/**
 * The QR code of a URL as inline SVG: sharp at any print size, in the PDF as vectors, and no
 * image request. Error correction M (15%) survives a worn or partly covered notice board; the
 * 4-module quiet zone is what scanners need around it. The SVG is made by `qrcode` from our own
 * URL, so it is inserted as trusted markup.
 */
export async function qrSvg(url: string): Promise<SafeHtml> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })
  return trusted(svg.replace('<svg ', '<svg role="img" aria-label="QR code" '))
}
