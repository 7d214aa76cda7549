import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller } from './collective-fixtures.js'
import { seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks, voucher } from './ledger-helpers.js'

/**
 * POST /v1/collectives/{id}/assets:from-entry (issue 13: cards from ledger entries to the asset
 * accounts; the register and the ledger agree).
 */
const HOME = '370322104203' // 李孟德村
const OTHER = '370322104202' // 和店村

let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>
let base: string
let url: string
let postedId: string
let draftId: string
let otherVoucherId: string

/** Drafts a voucher in a ledger and, unless told, posts it (the reviewer). */
async function entry(b: typeof books, body: unknown, post = true): Promise<string> {
  const id = (await caller(t, b.bookkeeper).post(`/v1/ledgers/${b.ledgerId}/vouchers`, body)).id as string
  if (post) await caller(t, b.reviewer).post(`/v1/ledgers/${b.ledgerId}/vouchers/${id}/post`, {}, 200)
  return id
}

beforeAll(async () => {
  t = await startTestApp('2024-12-31')
  await seedDivisions(t)
  books = await villageBooks(t, HOME, 'MA3C4D5E')
  const bk = caller(t, books.bookkeeper)
  base = `/v1/collectives/${(await bk.post('/v1/collectives', { ledgerId: books.ledgerId })).id}`
  url = `${base}/assets:from-entry`
  await bk.post(
    `/v1/ledgers/${books.ledgerId}/opening-balances`,
    {
      lines: [
        { account: '102', debit: '100000.00' },
        { account: '301', credit: '100000.00' },
      ],
    },
    200,
  )
  // 购建冷库 and 入股: 借 151 30000.00, 借 141 10000.00, 贷 102 40000.00.
  postedId = await entry(books, {
    date: '2024-06-15',
    summary: '购建冷库、对外投资',
    attachments: 1,
    lines: [
      { account: '151', debit: '30000.00' },
      { account: '141', debit: '10000.00' },
      { account: '102', credit: '40000.00' },
    ],
  })
  draftId = await entry(books, voucher('2024-07-01', '151', '102', '800.00', '购置农机'), false)
  const other = await villageBooks(t, OTHER, 'MA3C4D6F')
  otherVoucherId = await entry(other, voucher('2024-06-15', '151', '301', '500.00', '接受捐赠'))
}, 300_000)
afterAll(() => t?.close())

const body = (over: Record<string, unknown> = {}) => ({
  voucherId: postedId,
  lineNo: 1,
  name: '冷库',
  assetClass: 'operating',
  location: '村东',
  manager: '李孟德',
  depreciation: { method: 'none' },
  ...over,
})

describe('asset cards from ledger entries', () => {
  it('makes a card per asset line, as the line says, and the register then agrees with the ledger', async () => {
    const clerk = caller(t, await t.mintKey('clerk', HOME))
    const fixed = await clerk.post(url, body())
    expect(fixed).toMatchObject({
      name: '冷库',
      category: 'fixed',
      cost: '30000.00',
      acquiredOn: '2024-06-15',
      location: '村东',
      manager: '李孟德',
      source: { voucherId: postedId, lineNo: 1 },
      owners: [{ holderKind: 'collective', units: '1' }],
    })
    const bk = caller(t, books.bookkeeper)
    const investment = await bk.post(url, body({ lineNo: 2, name: '入股合作社' }))
    expect(investment).toMatchObject({ category: 'investment', cost: '10000.00', source: { lineNo: 2 } })
    expect((await bk.get(`${base}/assets/${fixed.id}`)).source).toEqual({ voucherId: postedId, lineNo: 1 })
    // A card keyed in by hand has no source.
    const plain = await bk.post(`${base}/assets`, {
      name: '手工卡片',
      category: 'fixed',
      assetClass: 'public_welfare',
      cost: '1.00',
      acquiredOn: '2024-12-01',
      depreciation: { method: 'none' },
    })
    expect(plain.source).toBeNull()
    const check = await bk.get(`${base}/asset-reconciliation?period=2024-12`)
    expect(check.rows.map((r: { account: string; difference: string }) => [r.account, r.difference])).toEqual(
      [
        ['151', '1.00'],
        ['152', '0.00'],
        ['141', '0.00'],
      ],
    )
    const june = await bk.get(`${base}/asset-reconciliation?period=2024-06`)
    expect(june.agrees).toBe(true)
  })

  it('refuses a second card for the same entry (409)', async () => {
    const response = await t.call('POST', url, { key: books.bookkeeper, body: body({ name: '又一张' }) })
    expect(response.statusCode).toBe(409)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json()).toMatchObject({ code: 'collective.entry_has_card' })
  })

  it('refuses a draft, a credit line and a line that is not there', async () => {
    const post = (b: unknown) => t.call('POST', url, { key: books.bookkeeper, body: b })
    const draft = await post(body({ voucherId: draftId }))
    expect(draft.statusCode).toBe(422)
    expect(draft.json()).toMatchObject({ code: 'collective.entry_not_posted', context: { status: 'draft' } })
    const credit = await post(body({ lineNo: 3 }))
    expect(credit.statusCode).toBe(422)
    expect(credit.json()).toMatchObject({
      code: 'collective.entry_not_asset',
      context: { account: '102', side: 'credit' },
    })
    const missing = await post(body({ lineNo: 9 }))
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ code: 'collective.entry_line_not_found' })
  })

  it('answers 404 for a voucher of another ledger and for registers that do not exist', async () => {
    const foreign = await t.call('POST', url, {
      key: books.bookkeeper,
      body: body({ voucherId: otherVoucherId }),
    })
    expect(foreign.statusCode).toBe(404)
    expect(foreign.headers['content-type']).toContain('application/problem+json')
    const unknown = await t.call(
      'POST',
      '/v1/collectives/019a4c1e-7b2a-8c3d-8e4f-0123456789ab/assets:from-entry',
      {
        key: books.bookkeeper,
        body: body(),
      },
    )
    expect(unknown.statusCode).toBe(404)
  })

  it('answers 400 for a bad body, naming the field', async () => {
    for (const bad of [
      body({ lineNo: 0 }),
      body({ voucherId: 'not-an-id' }),
      body({ cost: '1.00' }),
      body({ assetClass: 'private' }),
      { voucherId: postedId, lineNo: 1 },
    ]) {
      const response = await t.call('POST', url, { key: books.bookkeeper, body: bad })
      expect(response.statusCode, JSON.stringify(bad)).toBe(400)
      expect(response.headers['content-type']).toContain('application/problem+json')
    }
  })

  it('answers 401 without a key, 403 to another village’s bookkeeper and to a fund manager', async () => {
    expect((await t.call('POST', url, { key: null, body: body() })).statusCode).toBe(401)
    const other = await t.mintKey('bookkeeper', OTHER)
    expect((await t.call('POST', url, { key: other, body: body() })).statusCode).toBe(403)
    const manager = await t.mintKey('fund_manager', HOME)
    expect((await t.call('POST', url, { key: manager, body: body() })).statusCode).toBe(403)
  })
})
