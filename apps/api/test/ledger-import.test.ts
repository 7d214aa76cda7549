import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'

/** POST /v1/ledgers/{id}/vouchers:import — history from a legacy system, written posted. */

let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>
let other: Awaited<ReturnType<typeof villageBooks>>

beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  books = await villageBooks(t, '370322104203', 'MA3C4D5E')
  other = await villageBooks(t, '370322104201', 'MA3C4D5F')
})
afterAll(() => t.close())

const old = (n: number, date: string, debit: string, credit: string, amount: string) => ({
  date,
  summary: `旧账 ${n}`,
  attachments: 1,
  lines: [
    { account: debit, debit: amount },
    { account: credit, credit: amount },
  ],
  source: { ref: `2024-记-${n}`, preparer: '王会计', reviewer: '李站长' },
})

const importInto = (ledgerId: string, vouchers: unknown[], key: string | null = books.reviewer) =>
  t.call('POST', `/v1/ledgers/${ledgerId}/vouchers:import`, { key, body: { vouchers } })

describe('importing vouchers reviewed elsewhere', () => {
  it('writes them posted with their source, numbered and in the books', async () => {
    const response = await importInto(books.ledgerId, [
      old(2, '2024-02-03', '511', '102', '30.00'),
      old(1, '2024-02-01', '102', '503', '500.00'),
    ])
    expect(response.statusCode, response.body).toBe(201)
    const body = response.json()
    expect(body.imported).toBe(2)
    expect(body.items.map((i: { sourceRef: string; label: string }) => [i.sourceRef, i.label])).toEqual([
      ['2024-记-1', '2024年02月 记字第1号'],
      ['2024-记-2', '2024年02月 记字第2号'],
    ])
    const read = await t.call('GET', `/v1/ledgers/${books.ledgerId}/vouchers/${body.items[1].id}`, {
      key: books.bookkeeper,
    })
    expect(read.json()).toMatchObject({
      status: 'posted',
      source: { ref: '2024-记-2', preparer: '王会计', reviewer: '李站长' },
      totals: { debit: '30.00', credit: '30.00' },
    })
    const tb = await t.call('GET', `/v1/ledgers/${books.ledgerId}/trial-balance?from=2024-01&to=2024-06`, {
      key: books.reviewer,
    })
    expect(tb.json().rows.find((r: { code: string }) => r.code === '102').closing.amount).toBe('470.00')
    const integrity = await t.call('GET', `/v1/ledgers/${books.ledgerId}/integrity`, { key: books.reviewer })
    expect(integrity.json()).toMatchObject({ valid: true, vouchers: 2 })
  })

  it('answers 401 without a valid key', async () => {
    problem(
      await importInto(books.ledgerId, [old(9, '2024-03-01', '102', '503', '1.00')], null),
      401,
      'auth.missing_key',
    )
    problem(
      await importInto(
        books.ledgerId,
        [old(9, '2024-03-01', '102', '503', '1.00')],
        'lc_not_a_key_0123456789abcdef',
      ),
      401,
    )
  })

  it('answers 403 to a bookkeeper, and to a reviewer of another village', async () => {
    problem(
      await importInto(books.ledgerId, [old(9, '2024-03-01', '102', '503', '1.00')], books.bookkeeper),
      403,
      'auth.forbidden',
    )
    problem(
      await importInto(books.ledgerId, [old(9, '2024-03-01', '102', '503', '1.00')], other.reviewer),
      403,
      'auth.forbidden',
    )
    // The same preparer and reviewer in the source is 记账 = 审核: refused as the rule's own 403.
    const same = {
      ...old(9, '2024-03-01', '102', '503', '1.00'),
      source: { ref: 'x', preparer: '王', reviewer: '王' },
    }
    expect(
      problem(await importInto(books.ledgerId, [same]), 403, 'ledger.self_review').errors?.[0]?.field,
    ).toBe('vouchers.0')
  })

  it('answers 400 to malformed input, naming the field', async () => {
    const noSource = { ...old(9, '2024-03-01', '102', '503', '1.00'), source: undefined }
    const body = problem(await importInto(books.ledgerId, [noSource]), 400)
    expect(body.errors?.map((e) => e.field)).toContain('body.vouchers.0.source')
    const extra = { ...old(9, '2024-03-01', '102', '503', '1.00'), number: 7 }
    problem(await importInto(books.ledgerId, [extra]), 400)
    problem(await importInto(books.ledgerId, []), 400)
    const tooMany = Array.from({ length: 2001 }, (_, i) => old(100 + i, '2024-03-01', '102', '503', '1.00'))
    problem(await importInto(books.ledgerId, tooMany), 400)
  })

  it('answers 422 when a posting rule refuses an item, and writes nothing', async () => {
    const before = (
      await t.call('GET', `/v1/ledgers/${books.ledgerId}/vouchers`, { key: books.reviewer })
    ).json().items.length
    const overdraw = problem(
      await importInto(books.ledgerId, [
        old(10, '2024-03-01', '102', '503', '1.00'),
        old(11, '2024-03-02', '511', '102', '9999.00'),
      ]),
      422,
      'ledger.insufficient_balance',
    )
    expect(overdraw.errors?.[0]?.field).toBe('vouchers.1')
    problem(
      await importInto(books.ledgerId, [old(12, '2024-07-01', '102', '503', '1.00')]),
      422,
      'ledger.date_in_future',
    )
    problem(
      await importInto(books.ledgerId, [old(13, '2024-03-01', '999', '503', '1.00')]),
      422,
      'ledger.account_not_found',
    )
    problem(
      await importInto(books.ledgerId, [old(1, '2024-03-01', '102', '503', '1.00')]),
      409,
      'ledger.duplicate_source_ref',
    )
    const after = (
      await t.call('GET', `/v1/ledgers/${books.ledgerId}/vouchers`, { key: books.reviewer })
    ).json().items.length
    expect(after).toBe(before)
  })

  it('answers 404 for a ledger that does not exist', async () => {
    problem(
      await importInto('01a23130-0000-8000-8000-000000000000', [old(20, '2024-03-01', '102', '503', '1.00')]),
      404,
      'ledger.ledger_not_found',
    )
  })
})
