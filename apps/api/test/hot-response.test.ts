// A hot response is written by fast-json-stringify instead of zod: it must come out the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { compileHot } from '../src/http/hot-response.js'
import {
  BalanceSheetOut,
  EntriesOut,
  IncomeStatementOut,
  TrialBalanceOut,
  VoucherOut,
} from '../src/routes/ledger/schemas.js'
import { AllianceOut, pageOf } from '../src/routes/organization/schemas.js'
import { seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks, voucher } from './ledger-helpers.js'

let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>
let alliance: string
beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  books = await villageBooks(t, '370322104201', '00000001')
  alliance = (
    await t.call('POST', '/v1/alliances', {
      body: {
        name: '黑牛盒马',
        townshipCode: '370322104',
        mode: 'mutual_aid',
        level: 'party_committee',
        establishedOn: '2019-01-01',
      },
    })
  ).json().id
  await t.call('POST', `/v1/alliances/${alliance}/members`, {
    body: { villageCode: '370322104201', role: 'lead', from: '2019-01-01' },
  })
})
afterAll(() => t.close())

/** What zod would send for this body, and what fast-json-stringify sends. */
function bothWays(schema: z.ZodType, body: unknown) {
  return {
    zod: JSON.parse(JSON.stringify(schema.parse(body))),
    fast: JSON.parse(compileHot(schema)(body)),
  }
}

describe('hot responses', () => {
  it('write a voucher, a trial balance and an alliance exactly as zod does', async () => {
    const drafted = await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers`, {
      key: books.bookkeeper,
      body: { ...voucher('2024-06-03', '101', '501', '1234.56', '租金'), attachments: 2 },
    })
    const id = drafted.json().id
    await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers/${id}/post`, { key: books.reviewer })
    const read = (await t.call('GET', `/v1/ledgers/${books.ledgerId}/vouchers/${id}`)).json()
    const trial = (
      await t.call('GET', `/v1/ledgers/${books.ledgerId}/trial-balance?from=2024-01&to=2024-06`)
    ).json()
    const group = (await t.call('GET', `/v1/alliances/${alliance}`)).json()
    const ledger = `/v1/ledgers/${books.ledgerId}`
    const page = (await t.call('GET', `${ledger}/vouchers?limit=50&from=2024-01&to=2024-06`)).json()
    const sheet = (await t.call('GET', `${ledger}/balance-sheet?period=2024-06`)).json()
    const income = (await t.call('GET', `${ledger}/income-statement?year=2024`)).json()
    const entries = (await t.call('GET', `${ledger}/accounts/101/entries?from=2024-01&to=2024-06`)).json()
    const cash = (await t.call('GET', `${ledger}/journals/cash?from=2024-01&to=2024-06`)).json()
    const county = (
      await t.call('GET', '/v1/books/trial-balance?within=370322&from=2024-01&to=2024-06')
    ).json()
    expect(page.items.length).toBeGreaterThan(0)
    expect(entries.items?.length ?? entries.entries?.length).toBeGreaterThan(0)
    for (const [schema, body] of [
      [VoucherOut, read],
      [pageOf(VoucherOut), page],
      [TrialBalanceOut, trial],
      [TrialBalanceOut.omit({ ledgerId: true }), county],
      [BalanceSheetOut, sheet],
      [IncomeStatementOut, income],
      [EntriesOut, entries],
      [EntriesOut, cash],
      [AllianceOut, group],
    ] as const) {
      const { zod, fast } = bothWays(schema, body)
      expect(fast).toEqual(zod)
    }
    expect(bothWays(VoucherOut, read).fast.lines[0].debit).toBe('1234.56')
  })

  it('drop properties outside the contract and refuse a body missing a required one', () => {
    const schema = z.object({ id: z.string(), amount: z.string(), note: z.string().nullable() })
    const write = compileHot(schema)
    expect(JSON.parse(write({ id: 'a', amount: '1.00', note: null, secret: 'x' }))).toEqual({
      id: 'a',
      amount: '1.00',
      note: null,
    })
    expect(() => write({ amount: '1.00', note: null })).toThrow(/id/)
  })
})
