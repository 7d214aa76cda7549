import { accessSync, constants, statSync } from 'node:fs'
import type { Browser } from 'puppeteer-core'
import type { Paper } from './layout.js'

/**
 * PDFs of a board, printed by a headless Chromium through puppeteer-core from the very HTML the
 * board route serves — so the PDF is "the same page", fonts and @page size included. The browser
 * is the system's (Debian's `chromium`), found at run time; puppeteer-core never downloads one.
 * Without it the HTML still works and the PDF route answers 503 `boards.pdf_unavailable`.
 */

/** Where Chromium may be: `PUPPETEER_EXECUTABLE_PATH` (puppeteer's own variable), then Debian's paths. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => Boolean(p),
  )
}

/** The first executable candidate, or null when this machine has no Chromium. */
export function findChromium(candidates = chromiumCandidates()): string | null {
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK)
      if (statSync(path).isFile()) return path
    } catch {}
  }
  return null
}

export class PdfUnavailableError extends Error {
  override readonly name = 'PdfUnavailableError'
}

/** More PDFs are waiting than the printer takes; the caller may retry in a few seconds. */
export class PdfBusyError extends Error {
  override readonly name = 'PdfBusyError'
}

export interface PdfPrinter {
  print(html: string, paper: Paper): Promise<Buffer>
  close(): Promise<void>
}

/**
 * One browser per process, started on the first PDF and kept; one page per PDF, one PDF at a
 * time (a public route must not let a burst of requests start a browser tab each on a 2-core
 * server; at most `maxPending` print or wait, more are refused). The page runs no script and fetches nothing: every request it would make is aborted,
 * so a board cannot reach the network or the server's neighbours.
 */
export function createPdfPrinter(
  executablePath: () => string | null = () => findChromium(),
  /** PDFs printing or waiting at once; one more is refused (a burst of distinct pages cannot pile up). */
  maxPending = 8,
): PdfPrinter {
  let browser: Promise<Browser> | null = null
  let queue: Promise<unknown> = Promise.resolve()
  let pending = 0

  async function launch(): Promise<Browser> {
    const path = executablePath()
    if (!path) throw new PdfUnavailableError('Chromium is not installed on this server')
    const { default: puppeteer } = await import('puppeteer-core')
    const started = await puppeteer.launch({
      executablePath: path,
      headless: true,
      // Chromium refuses to run as root with its sandbox; the page it renders is our own markup
      // with scripts off and the network blocked.
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
    })
    started.on('disconnected', () => {
      browser = null
    })
    return started
  }

  async function printOne(html: string, paper: Paper): Promise<Buffer> {
    browser ??= launch().catch((error: unknown) => {
      browser = null
      throw error instanceof PdfUnavailableError
        ? error
        : new PdfUnavailableError(`Chromium did not start: ${(error as Error).message}`)
    })
    const page = await (await browser).newPage()
    try {
      await page.setJavaScriptEnabled(false)
      await page.setRequestInterception(true)
      page.on('request', (request) => {
        void request.abort()
      })
      await page.setContent(html, { waitUntil: 'load' })
      const pdf = await page.pdf({ format: paper, preferCSSPageSize: true, printBackground: true })
      return Buffer.from(pdf)
    } finally {
      await page.close()
    }
  }

  return {
    print(html, paper) {
      if (pending >= maxPending) return Promise.reject(new PdfBusyError(`${pending} PDFs are being printed`))
      pending += 1
      const next = queue
        .then(() => printOne(html, paper))
        .finally(() => {
          pending -= 1
        })
      queue = next.catch(() => undefined)
      return next
    },
    async close() {
      const open = browser
      browser = null
      if (open) await (await open.catch(() => null))?.close()
    },
  }
}
