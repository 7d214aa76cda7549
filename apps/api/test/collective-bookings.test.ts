import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller } from './collective-fixtures.js'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks, voucher } from './ledger-helpers.js'

/**
 * The registers in the books through the API (issue 13): a year's 预收 moved to income and a
 * year's 长期待摊费用 amortised, per contract and year; a month's depreciation per ledger, posted
 * and reconciled against the cards; each step idempotent, every refusal a 4xx naming its rule.
 */
const LIMENGDE = '370322104203'
const QIUJIA = '370322104201'
let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>
let base: string
let clerk: string
let stranger: string

type Line = { account: string; debit: string | null; credit: string | null }
const entries = (v: { lines: Line[] }) => v.lines.map((l) => [l.account, l.debit, l.credit])

beforeAll(async () => {
  t = await startTestApp('2025-01-20')
  await seedDivisions(t)
  books = await villageBooks(t, LIMENGDE, 'MA3C4D5E')
  clerk = await t.mintKey('clerk', LIMENGDE)
  stranger = await t.mintKey('bookkeeper', QIUJIA)
  const c = caller(t, books.bookkeeper)
  base = `/v1/collectives/${(await c.post('/v1/collectives', { ledgerId: books.ledgerId })).id}`
}, 300_000)
afterAll(() => t?.close())

const as = (key: string) => caller(t, key)
const voucherOf = (id: string) => as(books.bookkeeper).get(`/v1/ledgers/${books.ledgerId}/vouchers/${id}`)
const post = (id: string) =>
  as(books.reviewer).post(`/v1/ledgers/${books.ledgerId}/vouchers/${id}/post`, {}, 200)

describe('depreciation vouchers per (ledger, month)', () => {
  it('drafts Dr expense per class / Cr 152, once, and the reconciliation agrees once posted', async () => {
    const c = as(books.bookkeeper)
    const card = (name: string, assetClass: string, cost: string, life: number) =>
      c.post(`${base}/assets`, {
        name,
        category: 'fixed',
        assetClass,
        cost,
        acquiredOn: '2024-11-15',
        depreciation: { usefulLifeMonths: life },
      })
    const store = await card('冷库', 'operating', '12000.00', 120)
    const square = await card('文化广场', 'public_welfare', '6000.00', 60)
    await c.post(`${base}/assets`, {
      name: '入股黑牛合作社',
      category: 'investment',
      assetClass: 'operating',
      cost: '5000.00',
      acquiredOn: '2024-11-15',
      depreciation: { method: 'none' },
    })
    const capital = await c.post(
      `/v1/ledgers/${books.ledgerId}/vouchers`,
      voucher('2024-01-02', '102', '301', '30000.00', '收到资本'),
    )
    await post(capital.id)
    const bought = await c.post(
      `/v1/ledgers/${books.ledgerId}/vouchers`,
      voucher('2024-11-15', '151', '102', '18000.00', '购建冷库、文化广场'),
    )
    await post(bought.id)
    const invested = await c.post(
      `/v1/ledgers/${books.ledgerId}/vouchers`,
      voucher('2024-11-15', '141', '102', '5000.00', '入股'),
    )
    await post(invested.id)

    // November is the month of acquisition: nothing depreciates (当月增加当月不提).
    problem(
      await t.call('POST', `${base}/bookings/depreciation`, {
        key: books.bookkeeper,
        body: { period: '2024-11' },
      }),
      422,
      'collective.nothing_to_book',
    )
    const notIncome = problem(
      await t.call('POST', `${base}/bookings/depreciation`, {
        key: books.bookkeeper,
        body: { period: '2024-12', expenseAccounts: { operating: '502' } },
      }),
      422,
      'collective.posting_account',
    )
    expect(notIncome.errors).toEqual([{ field: 'expenseAccounts.operating', message: expect.any(String) }])

    const first = await c.post(`${base}/bookings/depreciation`, { period: '2024-12' })
    expect(first.replayed).toBe(false)
    expect(first.booking).toMatchObject({
      kind: 'depreciation',
      subjectId: books.ledgerId,
      period: '2024-12',
      voucherDate: '2024-12-31',
      amount: '200.00',
      vouchers: [{ voucherStatus: 'draft', ledgerId: books.ledgerId }],
    })
    expect(first.booking.lines).toEqual(
      [
        { key: store.id, label: '冷库', amount: '100.00', account: '511', householdId: null },
        { key: square.id, label: '文化广场', amount: '100.00', account: '514', householdId: null },
      ].sort((a, b) => (a.key < b.key ? -1 : 1)),
    )
    const drafted = await voucherOf(first.booking.vouchers[0].voucherId)
    expect(drafted).toMatchObject({ date: '2024-12-31', summary: '计提2024年12月固定资产折旧' })
    expect(entries(drafted)).toEqual([
      ['511', '100.00', null],
      ['152', null, '100.00'],
      ['514', '100.00', null],
      ['152', null, '100.00'],
    ])
    expect(drafted.origin).toEqual({
      kind: 'collective.depreciation',
      refs: { collectiveId: first.booking.collectiveId, period: '2024-12' },
    })

    const replay = await c.post(`${base}/bookings/depreciation`, { period: '2024-12' }, 200)
    expect(replay).toMatchObject({ replayed: true, booking: { id: first.booking.id } })

    // The register counts December from its last day; the ledger has it once the voucher is posted.
    const before = await c.get(`${base}/asset-reconciliation?period=2024-12`)
    expect(before.agrees).toBe(false)
    expect(before.rows.find((r: { account: string }) => r.account === '152')).toMatchObject({
      register: '200.00',
      ledger: '0.00',
      difference: '200.00',
    })
    await post(first.booking.vouchers[0].voucherId)
    const after = await c.get(`${base}/asset-reconciliation?period=2024-12`)
    expect(after.agrees, JSON.stringify(after.rows)).toBe(true)
    const listed = await c.get(`${base}/bookings/${first.booking.id}`)
    expect(listed.vouchers[0].voucherStatus).toBe('posted')
  })

  it('refuses a month not ended, a malformed month, and unknown registers', async () => {
    problem(
      await t.call('POST', `${base}/bookings/depreciation`, {
        key: books.bookkeeper,
        body: { period: '2025-01' },
      }),
      422,
      'collective.period_not_begun',
    )
    problem(
      await t.call('POST', `${base}/bookings/depreciation`, {
        key: books.bookkeeper,
        body: { period: '2024-13' },
      }),
      400,
    )
    problem(
      await t.call('POST', `${base}/bookings/depreciation`, {
        key: books.bookkeeper,
        body: { period: '2024-12', extra: 1 },
      }),
      400,
    )
    problem(
      await t.call('POST', '/v1/collectives/01935c1e-0000-7000-8000-000000000000/bookings/depreciation', {
        key: books.bookkeeper,
        body: { period: '2024-12' },
      }),
      404,
    )
  })
})

describe('year-end transfers of contracts paid in advance, per (contract, year)', () => {
  it('moves 2025’s share out of 211 into 501 (let) and out of 171 into 511 (taken in), once', async () => {
    const c = as(books.bookkeeper)
    const land = await c.post(`${base}/resources`, { name: '村北地', kind: 'farmland', areaMu: '80' })
    const taken = await c.post(`${base}/resources`, { name: '流转入地', kind: 'farmland', areaMu: '30' })
    const lease = await c.post(`${base}/contracts`, {
      number: 'LMD-2024-101',
      kind: 'lease',
      party: { kind: 'enterprise', name: '黑牛养殖' },
      signedOn: '2024-01-05',
      startsOn: '2024-01-01',
      endsOn: '2028-12-31',
      amount: '5000.00',
      items: [{ kind: 'resource', id: land.id, areaMu: '20' }],
      schedule: [
        { dueOn: '2024-01-10', amount: '5000.00', coversFrom: '2024-01-01', coversTo: '2028-12-31' },
      ],
    })
    const inbound = await c.post(`${base}/contracts`, {
      number: 'LMD-2024-102',
      kind: 'transfer',
      direction: 'inbound',
      party: { kind: 'household', name: '李明' },
      signedOn: '2024-01-03',
      startsOn: '2024-01-01',
      endsOn: '2026-12-31',
      amount: '3000.00',
      items: [{ kind: 'resource', id: taken.id }],
      schedule: [
        { dueOn: '2024-01-05', amount: '3000.00', coversFrom: '2024-01-01', coversTo: '2026-12-31' },
      ],
    })
    await c.post(`${base}/contracts/${lease.id}/instalments/1/due`, {})
    await c.post(`${base}/contracts/${inbound.id}/instalments/1/due`, {})

    // 2024 was taken to income and expense by the due vouchers themselves: nothing to move.
    const y2024 = await c.post(`${base}/bookings/deferrals`, { year: 2024 }, 200)
    expect(y2024).toMatchObject({
      year: 2024,
      voucherDate: '2024-12-31',
      drafted: [],
      alreadyBooked: [],
      skipped: [],
    })

    const y2025 = await c.post(`${base}/bookings/deferrals`, { year: 2025 }, 200)
    expect(y2025.voucherDate).toBe('2025-01-20')
    const byKind = Object.fromEntries(y2025.drafted.map((b: { kind: string }) => [b.kind, b]))
    expect(byKind.rent_transfer).toMatchObject({
      subjectId: lease.id,
      period: '2025',
      amount: '1000.00',
      lines: [{ key: '1', amount: '1000.00', account: '211', label: 'LMD-2024-101 第1期（2025年 12个月）' }],
    })
    expect(byKind.amortisation).toMatchObject({ subjectId: inbound.id, amount: '1000.00' })
    const rent = await voucherOf(byKind.rent_transfer.vouchers[0].voucherId)
    expect(entries(rent)).toEqual([
      ['211', '1000.00', null],
      ['501', null, '1000.00'],
    ])
    expect(rent.summary).toBe('结转租赁合同LMD-2024-101 2025年度预收承包/租赁收入'.replace(' ', ''))
    const amortised = await voucherOf(byKind.amortisation.vouchers[0].voucherId)
    expect(entries(amortised)).toEqual([
      ['511', '1000.00', null],
      ['171', null, '1000.00'],
    ])

    const again = await c.post(`${base}/bookings/deferrals`, { year: 2025 }, 200)
    expect(again.drafted).toEqual([])
    expect(again.alreadyBooked.map((b: { id: string }) => b.id).sort()).toEqual(
      y2025.drafted.map((b: { id: string }) => b.id).sort(),
    )
    const listed = await c.get(`${base}/bookings?kind=rent_transfer`)
    expect(listed.items.map((b: { id: string }) => b.id)).toEqual([byKind.rent_transfer.id])
  })

  it('refuses a year not begun, a date outside the year, and a malformed year', async () => {
    const refuse = async (body: object, status: number, code?: string) =>
      problem(
        await t.call('POST', `${base}/bookings/deferrals`, { key: books.bookkeeper, body }),
        status,
        code,
      )
    expect((await refuse({ year: 2026 }, 422, 'collective.period_not_begun')).errors).toEqual([
      { field: 'year', message: expect.any(String) },
    ])
    await refuse({ year: 2024, date: '2025-01-02' }, 422, 'collective.date_outside_period')
    await refuse({ year: '2025' }, 400)
    await refuse({ year: 1999 }, 400)
  })
})

describe('bookings: reads, and who may book', () => {
  it('404 for a booking of another id, 401 without a key, 403 for other roles and villages', async () => {
    problem(
      await t.call('GET', `${base}/bookings/01935c1e-0000-7000-8000-000000000000`, { key: books.bookkeeper }),
      404,
      'collective.booking_not_found',
    )
    problem(await t.call('GET', `${base}/bookings`, { key: null }), 401)
    problem(await t.call('POST', `${base}/bookings/deferrals`, { key: null, body: { year: 2025 } }), 401)
    problem(await t.call('POST', `${base}/bookings/deferrals`, { key: clerk, body: { year: 2025 } }), 403)
    problem(
      await t.call('POST', `${base}/bookings/depreciation`, { key: stranger, body: { period: '2024-12' } }),
      403,
    )
    problem(await t.call('GET', `${base}/bookings`, { key: stranger }), 403)
    // A clerk of the village reads them.
    const page = await as(clerk).get(`${base}/bookings`)
    expect(page.items.length).toBe(3)
  })
})
