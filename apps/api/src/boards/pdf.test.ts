import { describe, expect, it } from 'vitest'
import {
  chromiumCandidates,
  createPdfPrinter,
  findChromium,
  PdfBusyError,
  PdfUnavailableError,
} from './pdf.js'

describe('finding Chromium at run time', () => {
  it('tries PUPPETEER_EXECUTABLE_PATH first, then Debian’s paths', () => {
    expect(chromiumCandidates({ PUPPETEER_EXECUTABLE_PATH: '/opt/chrome' })).toEqual([
      '/opt/chrome',
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
    ])
    expect(chromiumCandidates({})).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser'])
  })

  it('answers null when no candidate is executable', () => {
    expect(findChromium(['/nonexistent/chromium', '/etc'])).toBeNull()
    expect(findChromium([])).toBeNull()
  })

  it('refuses to print without a browser, with an error the route turns into 503', async () => {
    const printer = createPdfPrinter(() => null)
    await expect(printer.print('<p>x</p>', 'A4')).rejects.toBeInstanceOf(PdfUnavailableError)
    await printer.close()
  })

  it('refuses a PDF beyond the ones printing or waiting, before starting anything', async () => {
    const printer = createPdfPrinter(() => null, 1)
    const first = printer.print('<p>1</p>', 'A4')
    await expect(printer.print('<p>2</p>', 'A4')).rejects.toBeInstanceOf(PdfBusyError)
    await expect(first).rejects.toBeInstanceOf(PdfUnavailableError)
    // The first one done, the next is taken again.
    await expect(printer.print('<p>3</p>', 'A4')).rejects.toBeInstanceOf(PdfUnavailableError)
    await printer.close()
  })
})
