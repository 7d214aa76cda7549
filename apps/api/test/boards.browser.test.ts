import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import type { FastifyInstance } from 'fastify'
import { PNG } from 'pngjs'
import puppeteer, { type Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { BOARD_ERRORS, findChromium } from '../src/boards/index.js'
import { testConfig } from '../src/config.js'
import { boardWorld, HOSTILE, VILLAGE } from './boards-fixtures.js'
import { ADMIN_KEY, migratedPglite, problem, startTestApp, type TestApp } from './helpers.js'

/**
 * Printable 公开栏 boards in a real Chromium (Debian's `chromium` via puppeteer-core): the page
 * shows the village, the period, the amounts and the disclosure's sha256; its QR code, decoded
 * from a screenshot, opens the same disclosure's public record; the PDF is a PDF of that page.
 * `npm test` installs Chromium first (scripts/test.mjs); only where it could not be installed
 * does this suite skip, saying so.
 */
// jsqr is CommonJS whose typings declare an ES default export; require gives the function itself.
const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default

const chromium = findChromium()
if (!chromium) {
  console.warn(
    'boards.browser.test.ts: SKIPPED — no Chromium (/usr/bin/chromium or PUPPETEER_EXECUTABLE_PATH). ' +
      'Install it with `apt-get install -y chromium fonts-noto-cjk`; `npm test` does so when run as root.',
  )
}

let t: TestApp
let base: string
let browser: Browser
let world: Awaited<ReturnType<typeof boardWorld>>
let financial: { id: string; period: string; sha256: string }
let affairs: { id: string; from: string; until: string }

beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  world = await boardWorld(t)
  // A real HTTP server: the browser loads the board from it, and the QR code holds its address.
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
  const list = await t.call('GET', `/v1/public/villages/${VILLAGE}/financial-disclosures`, { key: null })
  financial = list.json().items[0]
  const published = await t.call('GET', `/v1/public/villages/${VILLAGE}/disclosures`, { key: null })
  affairs = published.json().items[0]
  if (chromium) {
    browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox'] })
  }
}, 300_000)
afterAll(async () => {
  await browser?.close()
  await t?.close()
})

/** The board in the browser: its visible text and the QR code decoded from a screenshot. */
async function view(path: string) {
  const page = await browser.newPage()
  try {
    // Twice the pixels of a screen, as a phone's camera sees a printed board closer than a monitor.
    await page.setViewport({ width: 900, height: 1300, deviceScaleFactor: 2 })
    const response = await page.goto(base + path, { waitUntil: 'load' })
    expect(response?.status()).toBe(200)
    expect(response?.headers()['content-type']).toMatch(/^text\/html/)
    // A string, evaluated in the page: this file is compiled without the DOM's types.
    const dom = (await page.evaluate(`({
      text: document.body.innerText,
      title: document.title,
      fonts: getComputedStyle(document.body).fontFamily,
      injected: document.querySelectorAll('script, b, [onmouseover]').length,
    })`)) as { text: string; title: string; fonts: string; injected: number }
    // injected: markup a villager typed must not have become elements.
    const png = PNG.sync.read(Buffer.from(await page.screenshot({ type: 'png' })))
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    return { ...dom, qr: qr?.data ?? null }
  } finally {
    await page.close()
  }
}

/** Fetches over HTTP, as a phone that scanned the code would. */
const fetchJson = async (url: string) => {
  const response = await fetch(url)
  expect(response.status).toBe(200)
  return response.json() as Promise<Record<string, unknown>>
}

async function pdfOf(path: string) {
  const response = await fetch(base + path)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/pdf')
  const bytes = Buffer.from(await response.arrayBuffer())
  const text = bytes.toString('latin1')
  return {
    bytes,
    pages: text.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0,
    mediaBox: /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text)?.slice(1).map(Number),
  }
}

describe.skipIf(!chromium)('晒财务 board in Chromium', () => {
  const path = () => `/v1/public/villages/${VILLAGE}/financial-disclosures/${financial.id}`

  it('shows the village, the period, the amounts and the sha256; the QR code opens the same record', async () => {
    const record = await fetchJson(base + path())
    const document = record.document as { income: { total: string }; expenditure: { total: string } }
    expect(document.income.total).toBe('12000.00')
    expect(document.expenditure.total).toBe('345.67')
    const board = await view(`${path()}/board`)
    expect(board.text).toContain('李孟德村财务公开栏')
    expect(board.text).toContain('唐坊镇 李孟德村（370322104203）')
    expect(board.text).toContain('2024年1月')
    expect(board.text).toContain('收到土地租金')
    expect(board.text).toContain('12000.00')
    expect(board.text).toContain('345.67')
    expect(board.text).toContain(financial.sha256)
    expect(record.sha256).toBe(financial.sha256)
    expect(board.text).not.toContain('警告')
    expect(board.fonts).toContain('Noto Sans CJK SC')
    // The hostile summary prints as text, and runs nothing.
    expect(board.text).toContain(HOSTILE)
    expect(board.injected).toBe(0)
    expect(board.title).not.toBe('pwned')

    expect(board.qr, 'a QR code in the screenshot').toBe(base + path())
    const scanned = await fetchJson(board.qr!)
    expect(scanned).toMatchObject({ id: financial.id, period: '2024-01', sha256: financial.sha256 })
  })

  it('prints the same page as an A4 PDF, and as A3 on request', async () => {
    const a4 = await pdfOf(`${path()}/board.pdf`)
    expect(a4.bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(a4.pages).toBeGreaterThanOrEqual(1)
    // A4 is 595 × 842 points, A3 842 × 1191.
    expect(a4.mediaBox?.map(Math.round)).toEqual([595, 842])
    const a3 = await pdfOf(`${path()}/board.pdf?paper=A3`)
    expect(a3.mediaBox?.map(Math.round)).toEqual([842, 1191])
  })
})

describe.skipIf(!chromium)('晒村务 board in Chromium', () => {
  const path = () => `/v1/public/villages/${VILLAGE}/disclosures/${affairs.id}`

  it('shows the matter, the period and the sha256 of its record; the QR code opens that record', async () => {
    const record = await fetchJson(base + path())
    expect(record).toMatchObject({ id: affairs.id, matterId: world.matterId, from: '2024-03-10' })
    const board = await view(`${path()}/board`)
    expect(board.text).toContain('李孟德村村务公开栏')
    expect(board.text).toContain(`土地集中流转方案${HOSTILE}`)
    expect(board.text).toContain('2024年3月10日 至 2024年3月16日')
    expect(board.text).toContain('公开栏、网络')
    expect(board.text).toContain('2024年3月12日') // the objection, without who raised it
    expect(board.text).toContain(record.sha256 as string)
    expect(board.injected).toBe(0)
    expect(board.qr).toBe(base + path())
    expect(await fetchJson(board.qr!)).toEqual(record)
  })

  it('prints as a PDF', async () => {
    const pdf = await pdfOf(`${path()}/board.pdf`)
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.pages).toBeGreaterThanOrEqual(1)
  })
})

describe('boards: refusals and what they never show (no browser needed)', () => {
  const unknown = '019a4c1e-7b2a-7c3d-8e4f-0123456789ab'
  const get = (url: string) => t.call('GET', url, { key: null })
  const routes = (code: string, id: string) => [
    `/v1/public/villages/${code}/financial-disclosures/${id}/board`,
    `/v1/public/villages/${code}/financial-disclosures/${id}/board.pdf`,
    `/v1/public/villages/${code}/disclosures/${id}`,
    `/v1/public/villages/${code}/disclosures/${id}/board`,
    `/v1/public/villages/${code}/disclosures/${id}/board.pdf`,
  ]

  it('lists every code of the board routes in the README, and no other', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    const section = readme.slice(readme.indexOf('\n## Printable boards'), readme.indexOf('\n## Typed client'))
    const documented = [...section.matchAll(/^\| `([a-z_.]+)` \| (\d{3}) \|/gm)].map((m) => m[1])
    expect(documented.sort()).toEqual(['ledger.disclosure_not_found', ...Object.keys(BOARD_ERRORS)].sort())
  })

  it('an unknown disclosure is 404 problem+json', async () => {
    const [board, pdf, record, affairsBoard, affairsPdf] = routes(VILLAGE, unknown)
    problem(await get(board!), 404, 'ledger.disclosure_not_found')
    problem(await get(pdf!), 404, 'ledger.disclosure_not_found')
    problem(await get(record!), 404, 'boards.disclosure_not_found')
    problem(await get(affairsBoard!), 404, 'boards.disclosure_not_found')
    problem(await get(affairsPdf!), 404, 'boards.disclosure_not_found')
  })

  it('a malformed id, village code or paper is 400 naming the field', async () => {
    for (const url of routes(VILLAGE, 'not-an-id')) {
      expect(problem(await get(url), 400, 'request.invalid').errors?.[0]?.field).toBe('params.disclosureId')
    }
    for (const url of routes('37032210420', financial.id)) {
      expect(problem(await get(url), 400, 'request.invalid').errors?.[0]?.field).toBe('params.code')
    }
    const board = routes(VILLAGE, financial.id)[0]!
    expect(problem(await get(`${board}?paper=A5`), 400).errors?.[0]?.field).toBe('querystring.paper')
    expect(problem(await get(`${board}?colour=red`), 400).errors?.[0]?.field).toMatch(/^querystring/)
  })

  it('shows nothing not published there: another village, a matter, an id of the other kind', async () => {
    for (const url of routes('370322104201', financial.id).slice(0, 2)) {
      problem(await get(url), 404, 'ledger.disclosure_not_found')
    }
    for (const url of routes('370322104201', affairs.id).slice(2)) {
      problem(await get(url), 404, 'boards.disclosure_not_found')
    }
    problem(await get(routes(VILLAGE, world.matterId)[2]!), 404, 'boards.disclosure_not_found')
    problem(await get(routes(VILLAGE, financial.id)[3]!), 404, 'boards.disclosure_not_found')
    problem(await get(routes(VILLAGE, affairs.id)[0]!), 404, 'ledger.disclosure_not_found')
  })

  it('serves HTML with a strict CSP and no key, escaped, without any person; A3 on request', async () => {
    const response = await get(`${routes(VILLAGE, financial.id)[0]}?paper=A3`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    )
    expect(response.body).toContain('@page { size: A3 portrait')
    expect(response.body).not.toContain('<script>')
    expect(response.body).toContain('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;')
    const affairsBoard = (await get(routes(VILLAGE, affairs.id)[3]!)).body
    for (const body of [response.body, affairsBoard]) {
      for (const id of world.personIds) expect(body).not.toContain(id)
      expect(body).not.toContain('Villager-')
      expect(body).not.toContain('价格偏低') // the objection's text is not in the public record either
    }
  })
})

describe('boards without Chromium (LIANCUN_CHROMIUM_PATH=off)', () => {
  let app: FastifyInstance
  let drop: (() => Promise<void>) | undefined
  let financialId: string
  beforeAll(async () => {
    const adminUrl = process.env.LIANCUN_TEST_PG_URL
    const database = adminUrl ? await createEmptyPostgresDatabase(adminUrl) : null
    drop = database?.drop
    app = await buildApp(
      testConfig({ demo: false, bootstrapKey: ADMIN_KEY, databaseUrl: database?.url, chromiumPath: 'off' }),
      database ? {} : { database: await migratedPglite() },
    )
    const call: TestApp['call'] = (method, url, o = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${o.key ?? ADMIN_KEY}` },
        ...(o.body === undefined ? {} : { payload: o.body as object }),
      })
    const mintKey = async (role: string, scope: string) =>
      (await call('POST', '/v1/api-keys', { body: { name: `${role}@${scope}`, role, scope } })).json().secret
    financialId = (await boardWorld({ app, call, mintKey } as TestApp)).financial.id
  }, 300_000)
  afterAll(async () => {
    await app?.close()
    await drop?.()
  })

  it('answers the PDF with 503 boards.pdf_unavailable; the HTML board still works', async () => {
    const board = `/v1/public/villages/${VILLAGE}/financial-disclosures/${financialId}/board`
    expect((await app.inject({ method: 'GET', url: board })).statusCode).toBe(200)
    const pdf = await app.inject({ method: 'GET', url: `${board}.pdf` })
    expect(pdf.statusCode).toBe(503)
    expect(pdf.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(pdf.json().code).toBe('boards.pdf_unavailable')
  })
})
