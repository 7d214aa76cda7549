import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks, voucher } from './ledger-helpers.js'

/** GET /v1/books/* — county and township books over every ledger, from the balances. */

let t: TestApp
let a: Awaited<ReturnType<typeof villageBooks>>
let b: Awaited<ReturnType<typeof villageBooks>>
let c: Awaited<ReturnType<typeof villageBooks>>

type Row = { code: string; opening: Sided; debit: string; credit: string; closing: Sided }
type Sided = { side: 'debit' | 'credit'; amount: string }
const fen = (wire: string) => BigInt(wire.replace('.', ''))
const signed = (s: Sided) => (s.side === 'debit' ? fen(s.amount) : -fen(s.amount))

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

beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  a = await villageBooks(t, '370322104203', 'MA3C4D5E')
  b = await villageBooks(t, '370322104201', 'MA3C4D5F')
  c = await villageBooks(t, '370322105201', 'MA3C4D5G')
  await post(a, voucher('2024-02-01', '102', '501', '300.00'))
  await post(b, voucher('2024-03-01', '102', '503', '500.00'))
  await post(b, voucher('2024-03-05', '513', '102', '120.00'))
  await post(c, voucher('2024-04-01', '102', '501', '80.00'))
  const township = await t.mintKey('bookkeeper', '370322104')
  const link = await t.call('POST', '/v1/ledger-links', {
    key: township,
    body: {
      date: '2024-05-01',
      summary: '投资飞地抱团项目',
      amount: '100.00',
      purpose: 'investment',
      from: { ledgerId: a.ledgerId, debit: '141', credit: '102' },
      to: { ledgerId: b.ledgerId, debit: '102', credit: '301' },
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
})
afterAll(() => t.close())

describe('county books', () => {
  it('totals every ledger of the county to the fen of the single trial balances', async () => {
    const county = await t.mintKey('auditor', '370322')
    const response = await t.call('GET', '/v1/books/trial-balance?from=2024-01&to=2024-06', { key: county })
    expect(response.statusCode, response.body).toBe(200)
    const books = response.json()
    expect([books.within, books.ledgers, books.eliminateLinks]).toEqual(['370322', 3, false])
    const singles = await Promise.all(
      [a, b, c].map(async (v) =>
        (
          await t.call('GET', `/v1/ledgers/${v.ledgerId}/trial-balance?from=2024-01&to=2024-06`, {
            key: county,
          })
        ).json(),
      ),
    )
    for (const row of books.rows as Row[]) {
      const same = singles.map((tb) => (tb.rows as Row[]).find((r) => r.code === row.code)!)
      expect([signed(row.closing), fen(row.debit), fen(row.credit)], row.code).toEqual([
        same.reduce((s, r) => s + signed(r.closing), 0n),
        same.reduce((s, r) => s + fen(r.debit), 0n),
        same.reduce((s, r) => s + fen(r.credit), 0n),
      ])
    }
  })

  it('takes out links inside a township on request, and states its sheet and income', async () => {
    const key = await t.mintKey('auditor', '370322104')
    const read = async (query: string) => {
      const response = await t.call('GET', `/v1/books/${query}`, { key })
      expect(response.statusCode, response.body).toBe(200)
      return response.json()
    }
    const gross = await read('trial-balance?from=2024-01&to=2024-06')
    const net = await read('trial-balance?from=2024-01&to=2024-06&eliminateLinks=true')
    const row = (tb: { rows: Row[] }, code: string) => tb.rows.find((r) => r.code === code)!
    expect(gross.within).toBe('370322104')
    expect(row(gross, '141').closing.amount).toBe('100.00')
    expect(row(net, '141').closing.amount).toBe('0.00')
    expect(net.eliminated).toContainEqual({
      code: '141',
      openingNet: '0.00',
      debit: '100.00',
      credit: '0.00',
    })
    const sheet = await read('balance-sheet?period=2024-06&eliminateLinks=true')
    expect(sheet.balanced).toBe(true)
    const income = await read('income-statement?year=2024')
    expect(income.totals).toEqual({ income: '800.00', expenses: '120.00' })
    expect(income.profit).toBe('680.00')
  })

  it('answers 401 without a key, 403 outside the key’s scope, 400 to a bad division or period', async () => {
    problem(await t.call('GET', '/v1/books/trial-balance?from=2024-01&to=2024-06', { key: null }), 401)
    problem(
      await t.call('GET', '/v1/books/trial-balance?within=370322104&from=2024-01&to=2024-06', {
        key: a.bookkeeper,
      }),
      403,
      'auth.forbidden',
    )
    const other = await t.mintKey('auditor', '370323')
    problem(await t.call('GET', '/v1/books/balance-sheet?within=370322&period=2024-06', { key: other }), 403)
    problem(
      await t.call('GET', '/v1/books/trial-balance?from=2024-01&to=2024-06', { key: a.bookkeeper }),
      400,
      'ledger.invalid_within',
    )
    problem(await t.call('GET', '/v1/books/income-statement?within=370322&year=24'), 400)
    problem(
      await t.call('GET', '/v1/books/trial-balance?within=370322&from=2024-06&to=2024-01'),
      400,
      'ledger.invalid_range',
    )
  })
})
