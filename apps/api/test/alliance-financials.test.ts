import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'

let t: TestApp
let allianceId: string
beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  allianceId = (
    await t.call('POST', '/v1/alliances', {
      body: {
        name: '黑牛盒马联村党委',
        townshipCode: '370322104',
        mode: 'village_enterprise',
        level: 'party_committee',
        establishedOn: '2020-01-01',
      },
    })
  ).json().id
  for (const villageCode of ['370322104201', '370322104203']) {
    await t.call('POST', `/v1/alliances/${allianceId}/members`, {
      body: { villageCode, role: 'member', from: '2020-01-01' },
    })
  }
  const a = await villageBooks(t, '370322104203', 'MA3C4D5E')
  const b = await villageBooks(t, '370322104201', 'MA3C4D5F')
  for (const [books, amount] of [
    [a, '1000.00'],
    [b, '500.00'],
  ] as const) {
    await t.call('POST', `/v1/ledgers/${books.ledgerId}/opening-balances`, {
      key: books.bookkeeper,
      body: {
        lines: [
          { account: '102', debit: amount },
          { account: '301', credit: amount },
        ],
      },
    })
  }
  const link = (
    await t.call('POST', '/v1/ledger-links', {
      body: {
        date: '2024-04-01',
        summary: '投资飞地抱团项目',
        amount: '600.00',
        purpose: 'investment',
        from: { ledgerId: a.ledgerId, debit: '141', credit: '102' },
        to: { ledgerId: b.ledgerId, debit: '102', credit: '301' },
      },
    })
  ).json()
  const reviewer = await t.mintKey('reviewer', '370322104')
  await t.call('POST', `/v1/ledgers/${a.ledgerId}/vouchers/${link.from.voucherId}/post`, { key: reviewer })
})
afterAll(() => t.close())

describe('alliance financials', () => {
  it('shows each member ledger as a column and totals, eliminating inter-member links on request', async () => {
    const gross = (await t.call('GET', `/v1/alliances/${allianceId}/financials?period=2024-06`)).json()
    expect(gross.columns.map((c: { villageCode: string }) => c.villageCode).sort()).toEqual([
      '370322104201',
      '370322104203',
    ])
    const row = (
      view: { rows: { code: string; total: { amount: string }; values: { amount: string }[] }[] },
      code: string,
    ) => view.rows.find((r) => r.code === code)!
    expect(row(gross, '102').total.amount).toBe('1500.00')
    expect(row(gross, '141').total.amount).toBe('600.00')
    expect(row(gross, '301').total.amount).toBe('2100.00')
    const net = (
      await t.call('GET', `/v1/alliances/${allianceId}/financials?period=2024-06&eliminateLinks=true`)
    ).json()
    expect(row(net, '141').total.amount).toBe('0.00')
    expect(row(net, '301').total.amount).toBe('1500.00')
    expect(row(net, '102').total.amount).toBe('1500.00')
    expect(row(net, '141').values.map((v) => v.amount)).toEqual(row(gross, '141').values.map((v) => v.amount))
    const before = (await t.call('GET', `/v1/alliances/${allianceId}/financials?period=2024-03`)).json()
    expect(row(before, '141').total.amount).toBe('0.00')
  })

  it('refuses a bad period and keeps other scopes out', async () => {
    problem(await t.call('GET', `/v1/alliances/${allianceId}/financials?period=2024-6`), 400)
    const outsider = await t.mintKey('auditor', '370323')
    problem(
      await t.call('GET', `/v1/alliances/${allianceId}/financials?period=2024-06`, { key: outsider }),
      403,
    )
    problem(
      await t.call('GET', '/v1/alliances/01900000-0000-7000-8000-000000000000/financials?period=2024-06'),
      404,
    )
  })
})
