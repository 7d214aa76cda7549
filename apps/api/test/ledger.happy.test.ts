import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks, voucher } from './ledger-helpers.js'

let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>
beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  books = await villageBooks(t, '370322104203', 'MA3C4D5E')
})
afterAll(() => t.close())

const as = (key: string) => ({
  post: async (url: string, body: unknown = {}, status = 200) => {
    const response = await t.call('POST', url, { key, body })
    if (response.statusCode !== status) throw new Error(`${url}: ${response.statusCode} ${response.body}`)
    return response.json()
  },
  get: async (url: string) => {
    const response = await t.call('GET', url, { key })
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`)
    return response.json()
  },
})

describe('ledger — happy path', () => {
  it('opens a ledger with the 42 accounts and takes sub-accounts and opening balances', async () => {
    const bk = as(books.bookkeeper)
    expect((await bk.get(`/v1/ledgers/${books.ledgerId}/accounts`)).items).toHaveLength(42)
    await bk.post(
      `/v1/ledgers/${books.ledgerId}/accounts`,
      { parentCode: '102', code: '10201', name: '农商银行基本户' },
      201,
    )
    await bk.post(`/v1/ledgers/${books.ledgerId}/opening-balances`, {
      lines: [
        { account: '10201', debit: '250000.00' },
        { account: '301', credit: '250000.00' },
      ],
    })
    const listed = await bk.get('/v1/ledgers?within=370322104203')
    expect(listed.items.map((l: { id: string }) => l.id)).toEqual([books.ledgerId])
  })

  it('drafts, posts with a month number, reverses, and reports in wire money', async () => {
    const bk = as(books.bookkeeper)
    const rv = as(books.reviewer)
    const draft = await bk.post(
      `/v1/ledgers/${books.ledgerId}/vouchers`,
      voucher('2024-03-15', '10201', '501', '12000.00', '收到土地租金'),
      201,
    )
    expect(draft).toMatchObject({
      status: 'draft',
      number: null,
      totals: { debit: '12000.00', credit: '12000.00' },
    })
    const posted = await rv.post(`/v1/ledgers/${books.ledgerId}/vouchers/${draft.id}/post`)
    expect(posted).toMatchObject({ status: 'posted', number: 1, label: '2024年03月 记字第1号' })
    const second = await bk.post(
      `/v1/ledgers/${books.ledgerId}/vouchers`,
      voucher('2024-03-20', '513', '10201', '0.01'),
      201,
    )
    expect((await rv.post(`/v1/ledgers/${books.ledgerId}/vouchers/${second.id}/post`)).number).toBe(2)

    const reversal = await bk.post(
      `/v1/ledgers/${books.ledgerId}/vouchers/${second.id}/reverse`,
      { date: '2024-04-01' },
      201,
    )
    expect(
      reversal.lines.map((l: { debit: string | null; credit: string | null }) => [l.debit, l.credit]),
    ).toEqual([
      ['-0.01', null],
      [null, '-0.01'],
    ])
    await rv.post(`/v1/ledgers/${books.ledgerId}/vouchers/${reversal.id}/post`)

    const tb = await bk.get(`/v1/ledgers/${books.ledgerId}/trial-balance?from=2024-01&to=2024-12`)
    const row = (code: string) => tb.rows.find((r: { code: string }) => r.code === code)
    expect(row('102').closing).toEqual({ side: 'debit', amount: '262000.00' })
    expect(row('501').closing).toEqual({ side: 'credit', amount: '12000.00' })
    expect(row('513').closing).toEqual({ side: 'debit', amount: '0.00' })
    expect(tb.totals.closingDebit).toBe(tb.totals.closingCredit)

    const bank = await bk.get(`/v1/ledgers/${books.ledgerId}/journals/bank?from=2024-03&to=2024-04`)
    expect(bank.opening).toEqual({ side: 'debit', amount: '250000.00' })
    expect(bank.items.map((e: { balance: { amount: string } }) => e.balance.amount)).toEqual([
      '262000.00',
      '261999.99',
      '262000.00',
    ])
    const entries = await bk.get(`/v1/ledgers/${books.ledgerId}/accounts/501/entries?from=2024-01&to=2024-12`)
    expect(entries.closing).toEqual({ side: 'credit', amount: '12000.00' })
    expect(await bk.get(`/v1/ledgers/${books.ledgerId}/integrity`)).toMatchObject({
      vouchers: 3,
      valid: true,
    })
  })

  it('replays a voucher POST with the same Idempotency-Key instead of making another', async () => {
    const headers = { 'idempotency-key': 'import-2024-05-001' }
    const body = voucher('2024-05-02', '513', '10201', '10.00')
    const first = await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers`, {
      key: books.bookkeeper,
      body,
      headers,
    })
    const again = await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers`, {
      key: books.bookkeeper,
      body,
      headers,
    })
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json().id).toBe(first.json().id)
    const drafts = await as(books.bookkeeper).get(
      `/v1/ledgers/${books.ledgerId}/vouchers?status=draft&from=2024-05&to=2024-05`,
    )
    expect(drafts.items).toHaveLength(1)
  })

  it('creates nothing twice when the same Idempotency-Key races itself', async () => {
    const headers = { 'idempotency-key': 'race-2024-05-07' }
    const body = voucher('2024-05-07', '513', '10201', '7.00', '并发重放')
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers`, { key: books.bookkeeper, body, headers }),
      ),
    )
    expect(responses.every((r) => r.statusCode === 201 || r.json().code === 'idempotency.in_progress')).toBe(
      true,
    )
    const ids = new Set(responses.filter((r) => r.statusCode === 201).map((r) => r.json().id))
    expect(ids.size).toBe(1)
    const drafts = await as(books.bookkeeper).get(
      `/v1/ledgers/${books.ledgerId}/vouchers?status=draft&from=2024-05&to=2024-05`,
    )
    expect(drafts.items.filter((v: { summary: string }) => v.summary === '并发重放')).toHaveLength(1)
  })

  it('creates and posts batches, and checks assertions', async () => {
    const bk = as(books.bookkeeper)
    const rv = as(books.reviewer)
    const batch = await bk.post(
      `/v1/ledgers/${books.ledgerId}/vouchers:batch`,
      {
        vouchers: [
          voucher('2024-06-01', '513', '10201', '1.00'),
          voucher('2024-06-02', '513', '10201', '2.00'),
        ],
      },
      201,
    )
    expect(batch.items).toHaveLength(2)
    const posted = await rv.post(`/v1/ledgers/${books.ledgerId}/vouchers:post-batch`, {
      voucherIds: batch.items.map((v: { id: string }) => v.id),
    })
    expect(posted.items.map((v: { label: string }) => v.label)).toEqual([
      '2024年06月 记字第1号',
      '2024年06月 记字第2号',
    ])
    const assertion = await rv.post(
      `/v1/ledgers/${books.ledgerId}/assertions`,
      { account: '102', date: '2024-06-02', balance: '261997.00', source: '对账单' },
      201,
    )
    expect(assertion).toMatchObject({ holds: true, actual: '261997.00' })
    const doc = (await t.call('GET', '/openapi.json', { key: null })).json()
    expect(Object.keys(doc.paths)).toContain('/v1/ledgers/{id}/vouchers:batch')
  })

  it('states the balance sheet and income statement, and closes the year', async () => {
    const bk = as(books.bookkeeper)
    const sheet = await bk.get(`/v1/ledgers/${books.ledgerId}/balance-sheet?period=2024-06`)
    expect(sheet.balanced).toBe(true)
    expect(sheet.totals.assets).toBe('261997.00')
    const statement = await bk.get(`/v1/ledgers/${books.ledgerId}/income-statement?year=2024`)
    expect(statement).toMatchObject({ profit: '11997.00', totals: { income: '12000.00', expenses: '3.00' } })
    // The closing vouchers are dated 31 December and posted at once: the year closes from then.
    const early = await t.call('POST', `/v1/ledgers/${books.ledgerId}/years/2024/close`, {
      key: books.reviewer,
      body: {},
    })
    expect(problem(early, 422, 'ledger.date_in_future').errors).toEqual([
      expect.objectContaining({ field: 'year' }),
    ])
    t.clock.set('2025-01-05T04:00:00Z')
    const closed = await as(books.reviewer)
      .post(`/v1/ledgers/${books.ledgerId}/years/2024/close`)
      .finally(() => t.clock.set('2024-06-30T04:00:00Z'))
    expect(closed.result).toBe('11997.00')
    expect(closed.vouchers).toHaveLength(2)
    const after = await bk.get(`/v1/ledgers/${books.ledgerId}/balance-sheet?period=2024-12`)
    expect(after.equity.find((l: { code: string }) => l.code === '322').amount).toBe('11997.00')
  })

  it('closes months in order and reopens the latest as admin', async () => {
    const rv = as(books.reviewer)
    for (const period of ['2024-01', '2024-02', '2024-03']) {
      expect((await rv.post(`/v1/ledgers/${books.ledgerId}/periods/${period}/close`)).status).toBe('closed')
    }
    const disclosure = await rv.post(`/v1/ledgers/${books.ledgerId}/disclosures`, { period: '2024-Q1' }, 201)
    expect(createHash('sha256').update(disclosure.content).digest('hex')).toBe(disclosure.sha256)
    expect(disclosure.document.income.items).toEqual([
      expect.objectContaining({ voucher: '2024年03月 记字第1号', account: '501', amount: '12000.00' }),
    ])
    const listed = await t.call('GET', '/v1/public/villages/370322104203/financial-disclosures', {
      key: null,
    })
    expect(listed.json().items.map((d: { period: string }) => d.period)).toEqual(['2024-Q1'])
    const one = await t.call(
      'GET',
      `/v1/public/villages/370322104203/financial-disclosures/${disclosure.id}`,
      { key: null },
    )
    expect(one.json().sha256).toBe(disclosure.sha256)
    expect(one.body).not.toMatch(/preparedBy|postedBy/)
    expect(
      (
        await t.call('POST', `/v1/ledgers/${books.ledgerId}/disclosures`, {
          key: books.reviewer,
          body: { period: '2024-Q1' },
        })
      ).statusCode,
    ).toBe(409)
    const reopened = await t.call('POST', `/v1/ledgers/${books.ledgerId}/periods/2024-03/reopen`, {
      body: { reason: '审计调整：补记利息' },
    })
    expect(reopened.json()).toMatchObject({ status: 'open', period: '2024-03' })
  })
})
