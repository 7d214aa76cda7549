import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectBalanceSheet, expectIncomeStatement, sheetOf } from './export-readers.js'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks, voucher } from './ledger-helpers.js'

/**
 * County and township books in the 制度's formats (issue 12 item 9): the 收益及收益分配表 of
 * /v1/books/income-statement carries `official`, both halves, the sum of the single ledgers'
 * line by line; with eliminateLinks a 飞地抱团 dividend between two ledgers within is taken out
 * of both halves, and 年末未分配收益 still equals the division balance sheet's 未分配收益. Then a
 * closed year refuses drafts into its income and expense accounts through the API (item 10).
 */

let t: TestApp
let a: Awaited<ReturnType<typeof villageBooks>>
let b: Awaited<ReturnType<typeof villageBooks>>
let c: Awaited<ReturnType<typeof villageBooks>>
let county: string
let township: string

type Line = { row: number; key: string; label: string; amount: string }
type SheetLine = { key: string; start: string; end: string }
const fen = (wire: string) => BigInt(wire.replace('.', ''))

async function json(url: string, key = county) {
  const response = await t.call('GET', url, { key })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

async function post(books: typeof a, body: unknown) {
  const draft = await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers`, {
    key: books.bookkeeper,
    body,
  })
  if (draft.statusCode !== 201) throw new Error(draft.body)
  const posted = await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers/${draft.json().id}/post`, {
    key: books.reviewer,
  })
  if (posted.statusCode !== 200) throw new Error(posted.body)
}

async function subAccounts(books: typeof a) {
  for (const [code, name] of [
    ['32201', '各项分配'],
    ['32202', '未分配收益'],
  ]) {
    const r = await t.call('POST', `/v1/ledgers/${books.ledgerId}/accounts`, {
      key: books.bookkeeper,
      body: { parentCode: '322', code, name },
    })
    if (r.statusCode !== 201) throw new Error(r.body)
  }
}

beforeAll(async () => {
  t = await startTestApp('2025-01-10')
  await seedDivisions(t)
  a = await villageBooks(t, '370322104203', 'MA3C4E5E')
  b = await villageBooks(t, '370322104201', 'MA3C4E5F')
  c = await villageBooks(t, '370322105201', 'MA3C4E5G')
  for (const books of [a, b, c]) await subAccounts(books)
  county = await t.mintKey('auditor', '370322')
  township = await t.mintKey('auditor', '370322104')
  await post(a, voucher('2024-02-01', '102', '501', '300.00', '租金'))
  await post(a, voucher('2024-03-01', '513', '102', '50.00', '办公费'))
  await post(a, voucher('2024-11-20', '32201', '311', '30.00', '提取公积公益金'))
  await post(b, voucher('2024-03-01', '102', '503', '500.00', '补助'))
  await post(b, voucher('2024-12-01', '32201', '211', '60.00', '向成员分配'))
  await post(c, voucher('2024-04-01', '102', '501', '80.00', '租金'))
  // 飞地抱团 dividend: 李孟德村 (a) pays 40 to 某村 (b), both in 唐坊镇.
  const bookkeeper = await t.mintKey('bookkeeper', '370322104')
  const link = await t.call('POST', '/v1/ledger-links', {
    key: bookkeeper,
    body: {
      date: '2024-06-01',
      summary: '外来投资分利',
      amount: '40.00',
      purpose: 'dividend',
      from: { ledgerId: a.ledgerId, debit: '32201', credit: '102' },
      to: { ledgerId: b.ledgerId, debit: '102', credit: '502' },
    },
  })
  if (link.statusCode !== 201) throw new Error(link.body)
  const reviewer = await t.mintKey('reviewer', '370322104')
  const posted = await t.call(
    'POST',
    `/v1/ledgers/${a.ledgerId}/vouchers/${link.json().from.voucherId}/post`,
    {
      key: reviewer,
    },
  )
  if (posted.statusCode !== 200) throw new Error(posted.body)
}, 300_000)
afterAll(() => t?.close())

const amountOf = (lines: Line[], key: string) => fen(lines.find((l) => l.key === key)!.amount)
const undistributedEnd = (sheet: { official: { claims: SheetLine[] } }) =>
  fen(sheet.official.claims.find((l) => l.key === 'undistributed')!.end)

describe('县/镇 收益及收益分配表 in the 制度’s format', () => {
  it('is the sum of the ledgers’ official statements, line by line, both halves', async () => {
    const books = await json('/v1/books/income-statement?within=370322&year=2024')
    const singles = await Promise.all(
      [a, b, c].map((v) => json(`/v1/ledgers/${v.ledgerId}/income-statement?year=2024`)),
    )
    const lines = books.official.lines as Line[]
    expect(lines.map((l) => l.row)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1))
    for (const line of lines) {
      const sum = singles.reduce((s, x) => s + amountOf(x.official.lines, line.key), 0n)
      expect(fen(line.amount), line.label).toBe(sum)
    }
    // 300 − 50 + 500 + 40 + 80 = 870; distributed 30 (公积公益金) + 60 (成员) + 40 (外来投资分利).
    expect(amountOf(lines, 'profit')).toBe(870_00n)
    expect(books.official.distributions).toEqual({
      reserve: '30.00',
      members: '60.00',
      investors: '40.00',
      other: '0.00',
    })
    expect(amountOf(lines, 'undistributedAtEnd')).toBe(740_00n)
    expect([books.distributable, books.distributed, books.undistributedAtEnd]).toEqual([
      '870.00',
      '130.00',
      '740.00',
    ])
    const sheet = await json('/v1/books/balance-sheet?within=370322&period=2024-12')
    expect(undistributedEnd(sheet)).toBe(740_00n)
  })

  it('takes a dividend between two ledgers within out of both halves with eliminateLinks', async () => {
    const plain = await json('/v1/books/income-statement?within=370322104&year=2024', township)
    const books = await json(
      '/v1/books/income-statement?within=370322104&year=2024&eliminateLinks=true',
      township,
    )
    const lines = books.official.lines as Line[]
    expect(amountOf(plain.official.lines, 'investmentIncome')).toBe(40_00n)
    expect(amountOf(lines, 'investmentIncome')).toBe(0n)
    expect(amountOf(lines, 'profit')).toBe(750_00n) // 300 − 50 + 500
    expect(books.official.distributions.investors).toBe('0.00')
    expect(amountOf(lines, 'undistributedAtEnd')).toBe(660_00n) // 750 − 30 − 60
    const sheet = await json(
      '/v1/books/balance-sheet?within=370322104&period=2024-12&eliminateLinks=true',
      township,
    )
    expect(undistributedEnd(sheet)).toBe(660_00n)
    expect(sheet.official.balanced).toBe(true)
    // Without elimination the figures still tie: the link counts once in each ledger.
    const plainSheet = await json('/v1/books/balance-sheet?within=370322104&period=2024-12', township)
    expect(undistributedEnd(plainSheet)).toBe(amountOf(plain.official.lines, 'undistributedAtEnd'))
  })

  it('exports the official forms of the books, with what was eliminated printed below', async () => {
    const query = 'within=370322104&year=2024&eliminateLinks=true'
    const books = await json(`/v1/books/income-statement?${query}`, township)
    const { grid } = await sheetOf(
      await t.call('GET', `/v1/books/income-statement/export?${query}`, { key: township }),
    )
    expectIncomeStatement(grid, books)
    expect(grid.some((r) => String(r[0]).startsWith('已抵销的飞地抱团往来'))).toBe(true)
    const sheetQuery = 'within=370322104&period=2024-12&eliminateLinks=true'
    const sheet = await json(`/v1/books/balance-sheet?${sheetQuery}`, township)
    const exported = await sheetOf(
      await t.call('GET', `/v1/books/balance-sheet/export?${sheetQuery}`, { key: township }),
    )
    expectBalanceSheet(exported.grid, sheet)
  })

  it('answers 401 without a key, 403 outside the key’s scope, 400 to a bad year or division', async () => {
    problem(await t.call('GET', '/v1/books/income-statement?within=370322&year=2024', { key: null }), 401)
    problem(
      await t.call('GET', '/v1/books/income-statement?within=370322&year=2024', { key: township }),
      403,
      'auth.forbidden',
    )
    problem(await t.call('GET', '/v1/books/income-statement?within=370322&year=24', { key: county }), 400)
    problem(await t.call('GET', '/v1/books/income-statement?within=37032&year=2024', { key: county }), 400)
  })
})

describe('a closed year refuses drafts into its income and expense accounts (年终结账)', () => {
  it('closes 2024 of one ledger, then refuses single and batch drafts into its 损益类 with 422', async () => {
    const closed = await t.call('POST', `/v1/ledgers/${c.ledgerId}/years/2024/close`, { key: c.reviewer })
    expect(closed.statusCode, closed.body).toBe(200)
    const single = await t.call('POST', `/v1/ledgers/${c.ledgerId}/vouchers`, {
      key: c.bookkeeper,
      body: voucher('2024-12-28', '513', '102', '5.00', '补记办公费'),
    })
    expect(problem(single, 422, 'ledger.closed_year_income')).toMatchObject({
      context: {
        year: '2024',
        account: '513',
        accounts: ['513'],
        basis: '农村集体经济组织会计制度 年终结账',
      },
    })
    const batch = await t.call('POST', `/v1/ledgers/${c.ledgerId}/vouchers:batch`, {
      key: c.bookkeeper,
      body: {
        vouchers: [
          voucher('2025-01-05', '102', '501', '7.00', '租金'),
          voucher('2024-12-28', '102', '504', '5.00', '补记其他收入'),
        ],
      },
    })
    const body = problem(batch, 422, 'ledger.closed_year_income')
    expect(body.context).toMatchObject({ year: '2024', accounts: ['504'] })
    expect(JSON.stringify(body)).toContain('vouchers.1.lines.1.account')
    // A balance-sheet voucher into the open December, and the new year's income, are taken.
    for (const ok of [
      voucher('2024-12-28', '211', '102', '5.00'),
      voucher('2025-01-05', '102', '501', '7.00'),
    ]) {
      const r = await t.call('POST', `/v1/ledgers/${c.ledgerId}/vouchers`, { key: c.bookkeeper, body: ok })
      expect(r.statusCode, r.body).toBe(201)
    }
    // The county books leave the closing vouchers out: the year's income still shows.
    const books = await json('/v1/books/income-statement?within=370322105&year=2024')
    expect(amountOf(books.official.lines, 'profit')).toBe(80_00n)
    const sheet = await json('/v1/books/balance-sheet?within=370322105&period=2024-12')
    expect(undistributedEnd(sheet)).toBe(amountOf(books.official.lines, 'undistributedAtEnd'))
  })
})
