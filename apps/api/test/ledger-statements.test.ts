import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks, voucher } from './ledger-helpers.js'

/**
 * The statements in the formats of 《农村集体经济组织会计制度》(财会〔2023〕14号) and the year-end
 * close through the API: 资产负债表 with 行次, 年初数 and 期末数; 收益及收益分配表 with both halves;
 * a closed year refusing income and expense vouchers; years closing in order.
 */

let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>

async function post(body: unknown) {
  const draft = await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers`, {
    key: books.bookkeeper,
    body,
  })
  if (draft.statusCode !== 201) throw new Error(draft.body)
  return t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers/${draft.json().id}/post`, {
    key: books.reviewer,
  })
}

beforeAll(async () => {
  t = await startTestApp('2025-01-10')
  await seedDivisions(t)
  books = await villageBooks(t, '370322104203', 'MA3C4D5E')
  for (const body of [
    voucher('2024-02-01', '102', '501', '300.00', '租金'),
    voucher('2024-03-01', '102', '503', '100.00', '补助'),
    voucher('2024-05-01', '513', '102', '50.00', '办公费'),
    voucher('2024-06-01', '151', '102', '120.00', '购置设备'),
    // 150 distributed of 350: 30 to 公积公益金, 120 payable to members.
    voucher('2024-12-20', '322', '311', '30.00', '提取公积公益金'),
    voucher('2024-12-21', '322', '211', '120.00', '向成员分配'),
  ]) {
    const posted = await post(body)
    if (posted.statusCode !== 200) throw new Error(posted.body)
  }
}, 120_000)
afterAll(() => t?.close())

const row = (lines: { key: string }[], key: string) =>
  lines.find((l) => l.key === key) as Record<string, unknown>

describe('statements in the 制度’s formats', () => {
  it('shows the 收益及收益分配表 with both halves: 350 distributable, 150 distributed, 200 left', async () => {
    const res = await t.call('GET', `/v1/ledgers/${books.ledgerId}/income-statement?year=2024`, {
      key: books.bookkeeper,
    })
    expect(res.statusCode).toBe(200)
    const st = res.json()
    // The fields integrators use stay.
    expect(st).toMatchObject({ profit: '350.00', undistributedAtStart: '0.00', distributable: '350.00' })
    expect(st).toMatchObject({
      distributed: '150.00',
      undistributedAtEnd: '200.00',
      otherTransfersIn: '0.00',
    })
    const lines = st.official.lines
    expect(row(lines, 'operatingIncome')).toMatchObject({ row: 1, label: '经营收入', amount: '300.00' })
    expect(row(lines, 'profit')).toMatchObject({ row: 13, amount: '350.00' })
    expect(row(lines, 'distributable')).toMatchObject({ row: 16, amount: '350.00' })
    expect(row(lines, 'reserve')).toMatchObject({ row: 17, label: '减：提取公积公益金', amount: '30.00' })
    expect(row(lines, 'members')).toMatchObject({ row: 18, label: '向成员分配', amount: '120.00' })
    expect(row(lines, 'undistributedAtEnd')).toMatchObject({ row: 21, amount: '200.00' })
  })

  it('shows the 资产负债表 with grouped lines, 年初数 and 期末数, 资产总计 = 负债和所有者权益总计', async () => {
    const res = await t.call('GET', `/v1/ledgers/${books.ledgerId}/balance-sheet?period=2024-12`, {
      key: books.bookkeeper,
    })
    expect(res.statusCode).toBe(200)
    const sheet = res.json()
    expect(sheet.balanced).toBe(true)
    const { assets, claims, balanced } = sheet.official
    expect(balanced).toBe(true)
    expect(row(assets, 'cash')).toMatchObject({ row: 1, label: '货币资金', start: '0.00', end: '230.00' })
    expect(row(assets, 'fixedNet')).toMatchObject({ end: '120.00' })
    expect(row(assets, 'totalAssets')).toMatchObject({ row: 23, end: '350.00' })
    expect(row(claims, 'payables')).toMatchObject({ end: '120.00' })
    expect(row(claims, 'reserve')).toMatchObject({ end: '30.00' })
    expect(row(claims, 'undistributed')).toMatchObject({ end: '200.00' })
    expect(row(claims, 'totalClaims')).toMatchObject({ row: 39, end: '350.00' })
  })
})

describe('year-end close', () => {
  it('refuses closing 2025 before 2024 (422 with the years)', async () => {
    const res = await t.call('POST', `/v1/ledgers/${books.ledgerId}/years/2025/close`, {
      key: books.reviewer,
    })
    // 2025 has not ended on 2025-01-10: the date rule answers first; move the clock on.
    problem(res, 422, 'ledger.date_in_future')
    t.clock.set('2026-01-10T04:00:00Z')
    const early = await t.call('POST', `/v1/ledgers/${books.ledgerId}/years/2025/close`, {
      key: books.reviewer,
    })
    expect(problem(early, 422, 'ledger.earlier_year_open')).toMatchObject({
      context: { year: '2025', previousYear: '2024' },
    })
    t.clock.set('2025-01-10T04:00:00Z')
  })

  it('closes 2024 after December’s 结账 and then refuses income vouchers dated in it', async () => {
    for (let month = 1; month <= 12; month++) {
      const period = `2024-${String(month).padStart(2, '0')}`
      const closed = await t.call('POST', `/v1/ledgers/${books.ledgerId}/periods/${period}/close`, {
        key: books.reviewer,
      })
      expect(closed.statusCode).toBe(200)
    }
    const bookkeeperTry = await t.call('POST', `/v1/ledgers/${books.ledgerId}/years/2024/close`, {
      key: books.bookkeeper,
    })
    problem(bookkeeperTry, 403)
    problem(await t.call('POST', `/v1/ledgers/${books.ledgerId}/years/2024/close`, { key: null }), 401)
    const res = await t.call('POST', `/v1/ledgers/${books.ledgerId}/years/2024/close`, {
      key: books.reviewer,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ year: '2024', result: '350.00' })
    const again = await t.call('POST', `/v1/ledgers/${books.ledgerId}/years/2024/close`, {
      key: books.reviewer,
    })
    problem(again, 409, 'ledger.year_closed')

    // After the close the statements still tie: 年末未分配收益 = 未分配收益 on the sheet.
    const st = (
      await t.call('GET', `/v1/ledgers/${books.ledgerId}/income-statement?year=2024`, {
        key: books.bookkeeper,
      })
    ).json()
    expect(st).toMatchObject({ profit: '350.00', undistributedAtEnd: '200.00' })
    const sheet = (
      await t.call('GET', `/v1/ledgers/${books.ledgerId}/balance-sheet?period=2024-12`, {
        key: books.bookkeeper,
      })
    ).json()
    expect(row(sheet.official.claims, 'undistributed')).toMatchObject({ end: '200.00' })
    const next = (
      await t.call('GET', `/v1/ledgers/${books.ledgerId}/balance-sheet?period=2025-01`, {
        key: books.bookkeeper,
      })
    ).json()
    expect(row(next.official.claims, 'undistributed')).toMatchObject({ start: '200.00', end: '200.00' })

    // Reopen December (admin) and try an income voucher dated in the closed year.
    const admin = await t.mintKey('admin', '370322104203')
    const reopened = await t.call('POST', `/v1/ledgers/${books.ledgerId}/periods/2024-12/reopen`, {
      key: admin,
      body: { reason: '审计调整：补记十二月租金' },
    })
    expect(reopened.statusCode).toBe(200)
    // Refused when the draft is written (年终结账), before any review.
    const refused = await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers`, {
      key: books.bookkeeper,
      body: voucher('2024-12-30', '102', '501', '5.00', '补记租金'),
    })
    expect(problem(refused, 422, 'ledger.closed_year_income')).toMatchObject({
      context: { year: '2024', account: '501' },
    })
    const taken = await post(voucher('2024-12-30', '102', '211', '5.00', '收回应付款'))
    expect(taken.statusCode).toBe(200)
  })
})

describe('财务公开 (农村集体经济组织财务公开规定, 2011)', () => {
  it('publishes debts by counterparty, special funds, resources, the review and the display window', async () => {
    // Q1 of 2024 is closed above; a review after the quarter and before display.
    const late = await t.call('POST', `/v1/ledgers/${books.ledgerId}/disclosures`, {
      key: books.reviewer,
      body: {
        period: '2024-Q1',
        review: { body: '民主理财小组', reviewers: ['王立新'], date: '2024-04-20' },
        display: { from: '2024-04-15', days: 30 },
      },
    })
    expect(problem(late, 422, 'ledger.review_out_of_order')).toMatchObject({
      context: { reviewDate: '2024-04-20', displayFrom: '2024-04-15', periodEnd: '2024-03-31' },
    })
    const res = await t.call('POST', `/v1/ledgers/${books.ledgerId}/disclosures`, {
      key: books.reviewer,
      body: {
        period: '2024-Q1',
        review: {
          body: '民主理财小组',
          reviewers: ['王立新', '李秀梅'],
          date: '2024-04-08',
          opinion: '真实完整',
        },
        display: { from: '2024-04-15', days: 30 },
      },
    })
    expect(res.statusCode).toBe(201)
    const content = JSON.parse(res.json().content)
    expect(content.review).toMatchObject({ body: '民主理财小组', reviewers: ['王立新', '李秀梅'] })
    expect(content.display).toEqual({ from: '2024-04-15', until: '2024-05-14', days: 30 })
    expect(content.specialFunds.map((f: { account: string }) => f.account)).toEqual(['231', '241'])
    expect(content.balanceSheet.find((l: { label: string }) => l.label === '资产总计')).toMatchObject({
      row: 23,
    })
    expect(content.resources.fromLedger).toEqual([])
    expect(content.debts).toEqual([])
    // The fields boards already read stay.
    expect(content.income.total).toBe('400.00')
  })

  it('lists for the township the villages with no disclosure of a quarter', async () => {
    const township = await t.mintKey('reviewer', '370322104')
    const res = await t.call(
      'GET',
      '/v1/books/financial-disclosures/missing?within=370322104&period=2024-Q2',
      {
        key: township,
      },
    )
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ within: '370322104', period: '2024-Q2', ledgers: 1, disclosed: 0 })
    expect(res.json().missing).toEqual([expect.objectContaining({ ledgerId: books.ledgerId, published: [] })])
    const q1 = await t.call(
      'GET',
      '/v1/books/financial-disclosures/missing?within=370322104&period=2024-Q1',
      {
        key: township,
      },
    )
    expect(q1.json()).toMatchObject({ ledgers: 1, disclosed: 1, missing: [] })
    problem(
      await t.call('GET', '/v1/books/financial-disclosures/missing?within=370322104&period=2024-Q5', {
        key: township,
      }),
      400,
    )
    problem(
      await t.call('GET', '/v1/books/financial-disclosures/missing?within=370322105&period=2024-Q1', {
        key: township,
      }),
      403,
    )
    problem(await t.call('GET', '/v1/books/financial-disclosures/missing?period=2024-Q1', { key: null }), 401)
  })
})
