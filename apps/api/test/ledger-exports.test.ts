import { createStatementCounter } from '@liancun/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bySide,
  csvFen,
  csvOf,
  expectBalanceSheet,
  expectIncomeStatement,
  fenOf,
  metaOf,
  rowIndex,
  type Sided,
  sheetOf,
  wire,
} from './export-readers.js'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { collectiveUscc, villageBooks, voucher } from './ledger-helpers.js'

/**
 * Exports (…/export?format=xlsx|csv) read back with exceljs and a CSV parser, every amount
 * compared to the JSON report to the fen — both sides turned into bigint fen from their decimal
 * text, never through float arithmetic.
 */

const counter = createStatementCounter()
let t: TestApp
let a: Awaited<ReturnType<typeof villageBooks>>
let b: Awaited<ReturnType<typeof villageBooks>>
const NAME = '李孟德村股份经济合作社（试点）'
const RANGE = 'from=2024-01&to=2024-06'

async function json(url: string, key = a.reviewer) {
  const response = await t.call('GET', url, { key })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}
const get = (url: string, key = a.reviewer) => t.call('GET', url, { key })

async function postAll(books: typeof a, vouchers: unknown[]) {
  const drafts = await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers:batch`, {
    key: books.bookkeeper,
    body: { vouchers },
  })
  expect(drafts.statusCode, drafts.body).toBe(201)
  const posted = await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers:post-batch`, {
    key: books.reviewer,
    body: { voucherIds: drafts.json().items.map((v: { id: string }) => v.id) },
  })
  expect(posted.statusCode, posted.body).toBe(200)
}

beforeAll(async () => {
  t = await startTestApp('2024-12-31', { counter })
  await seedDivisions(t)
  const village = '370322104203'
  const bookkeeper = await t.mintKey('bookkeeper', village)
  const created = await t.call('POST', '/v1/ledgers', {
    key: bookkeeper,
    body: {
      villageCode: village,
      collective: { name: NAME, uscc: collectiveUscc('MA3C4D7H') },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    },
  })
  expect(created.statusCode, created.body).toBe(201)
  a = { bookkeeper, reviewer: await t.mintKey('reviewer', village), ledgerId: created.json().id }
  b = await villageBooks(t, '370322104201', 'MA3C4D7J')
  const c = await villageBooks(t, '370322105201', 'MA3C4D7K')
  const account = await t.call('POST', `/v1/ledgers/${a.ledgerId}/accounts`, {
    key: a.bookkeeper,
    body: { parentCode: '102', code: '10201', name: '农商银行' },
  })
  expect(account.statusCode, account.body).toBe(201)
  const opening = await t.call('POST', `/v1/ledgers/${a.ledgerId}/opening-balances`, {
    key: a.bookkeeper,
    body: {
      lines: [
        { account: '101', debit: '1500.00' },
        { account: '10201', debit: '20000.07' },
        { account: '301', credit: '21500.07' },
      ],
    },
  })
  expect(opening.statusCode, opening.body).toBeLessThan(300)
  // 55 lines in one month: more than a JSON page of the 明细账 (50), every one in the export.
  await postAll(a, [
    ...Array.from({ length: 55 }, (_, i) =>
      voucher(
        `2024-03-${String((i % 28) + 1).padStart(2, '0')}`,
        '10201',
        '501',
        `${i + 1}.${String((i * 7) % 100).padStart(2, '0')}`,
        `租金 ${i}`,
      ),
    ),
    voucher('2024-04-02', '513', '101', '88.08', '=HYPERLINK("http://x")'),
    voucher('2024-04-03', '513', '101', '0.07', '购买"办公"用品,一批'),
    voucher('2024-05-10', '10201', '301', '12345678.90', '收到投资'),
  ])
  await postAll(b, [voucher('2024-03-01', '102', '503', '500.00')])
  await postAll(c, [voucher('2024-04-01', '102', '501', '80.00')])
  const township = await t.mintKey('bookkeeper', '370322104')
  const link = await t.call('POST', '/v1/ledger-links', {
    key: township,
    body: {
      date: '2024-05-01',
      summary: '投资飞地抱团项目',
      amount: '100.00',
      purpose: 'investment',
      from: { ledgerId: a.ledgerId, debit: '141', credit: '10201' },
      to: { ledgerId: b.ledgerId, debit: '102', credit: '301' },
    },
  })
  expect(link.statusCode, link.body).toBe(201)
  const reviewer = await t.mintKey('reviewer', '370322104')
  const posted = await t.call(
    'POST',
    `/v1/ledgers/${a.ledgerId}/vouchers/${link.json().from.voucherId}/post`,
    {
      key: reviewer,
    },
  )
  expect(posted.statusCode, posted.body).toBe(200)
})
afterAll(() => t?.close())

describe('科目余额表 export', () => {
  it('writes every amount of the JSON report into the workbook, to the fen, with headings and header', async () => {
    const report = await json(`/v1/ledgers/${a.ledgerId}/trial-balance?${RANGE}`)
    const response = await get(`/v1/ledgers/${a.ledgerId}/trial-balance/export?${RANGE}`)
    const { sheet, grid, formats } = await sheetOf(response)
    expect([...formats].sort()).toEqual(['#,##0.00', '0'])
    expect(grid[0]?.[0]).toBe('科目余额表')
    expect(metaOf(grid)).toEqual({
      编制单位: NAME,
      统一社会信用代码: collectiveUscc('MA3C4D7H'),
      所在村: '李孟德村（370322104203）',
      账套编号: a.ledgerId,
      会计期间: '2024年01月至2024年06月',
      金额单位: '元',
      生成时间: '2024-12-31 12:00:00（北京时间）',
    })
    const top = rowIndex(grid, '科目代码')
    expect(grid[top]).toEqual([
      '科目代码',
      '科目名称',
      '级次',
      '期初余额',
      '期初余额',
      '本期发生额',
      '本期发生额',
      '期末余额',
      '期末余额',
    ])
    expect(grid[top + 1]?.slice(3)).toEqual(['借方', '贷方', '借方', '贷方', '借方', '贷方'])
    expect(sheet.getCell(top + 1, 4).isMerged).toBe(true)
    const rows = report.rows as {
      code: string
      name: string
      level: number
      opening: Sided
      debit: string
      credit: string
      closing: Sided
    }[]
    expect(rows.some((r) => r.code === '10201' && r.level === 2)).toBe(true)
    rows.forEach((row, i) => {
      const cells = grid[top + 2 + i]!
      expect(cells.slice(0, 3)).toEqual([row.code, row.name, row.level])
      expect(cells.slice(3).map(fenOf), row.code).toEqual([
        ...bySide(row.opening),
        wire(row.debit),
        wire(row.credit),
        ...bySide(row.closing),
      ])
    })
    const totals = grid[top + 2 + rows.length]!
    expect(totals[0]).toBe('合计')
    const t2 = report.totals
    expect(totals.slice(3).map(fenOf)).toEqual(
      [t2.openingDebit, t2.openingCredit, t2.debit, t2.credit, t2.closingDebit, t2.closingCredit].map(wire),
    )
  })

  it('names the file in ASCII and in Chinese (RFC 5987)', async () => {
    const response = await get(`/v1/ledgers/${a.ledgerId}/trial-balance/export?${RANGE}&format=xlsx`)
    const disposition = String(response.headers['content-disposition'])
    expect(disposition).toContain('attachment; filename="trial-balance_370322104203_2024-01_2024-06.xlsx"')
    const encoded = /filename\*=UTF-8''(\S+)$/.exec(disposition)?.[1] ?? ''
    expect(encoded).not.toMatch(/[()'*]/)
    expect(decodeURIComponent(encoded)).toBe(`科目余额表_${NAME}_2024-01_2024-06.xlsx`)
    expect(response.headers['cache-control']).toBe('private, no-store')
  })

  it('writes the same as CSV: UTF-8 with BOM, amounts as the wire strings', async () => {
    const report = await json(`/v1/ledgers/${a.ledgerId}/trial-balance?${RANGE}`)
    const response = await get(`/v1/ledgers/${a.ledgerId}/trial-balance/export?${RANGE}&format=csv`)
    expect(String(response.headers['content-disposition'])).toContain('.csv"')
    const rows = csvOf(response)
    expect(rows[0]).toEqual(['科目余额表'])
    expect(rows[1]).toEqual(['编制单位', NAME])
    const top = rowIndex(rows, '科目代码')
    expect(rows[top]).toEqual([
      '科目代码',
      '科目名称',
      '级次',
      '期初余额（借方）',
      '期初余额（贷方）',
      '本期发生额（借方）',
      '本期发生额（贷方）',
      '期末余额（借方）',
      '期末余额（贷方）',
    ])
    ;(
      report.rows as { code: string; opening: Sided; debit: string; credit: string; closing: Sided }[]
    ).forEach((row, i) => {
      const cells = rows[top + 1 + i]!
      expect(cells[0]).toBe(row.code)
      for (const text of cells.slice(3)) expect(text).toMatch(/^$|^-?\d+\.\d{2}$/)
      expect(cells.slice(3).map(csvFen)).toEqual([
        ...bySide(row.opening),
        wire(row.debit),
        wire(row.credit),
        ...bySide(row.closing),
      ])
    })
  })
})

describe('明细账 and 日记账 exports', () => {
  async function allEntries(url: string) {
    const items: Record<string, unknown>[] = []
    let page = await json(`${url}&limit=20`)
    items.push(...page.items)
    while (page.nextCursor) {
      page = await json(`${url}&limit=20&cursor=${page.nextCursor}`)
      items.push(...page.items)
    }
    return { ...page, items }
  }

  for (const [name, path, title] of [
    ['明细账 of 102 and its sub-account', 'accounts/102/entries', '明细账'],
    ['现金日记账', 'journals/cash', '现金日记账'],
    ['银行存款日记账', 'journals/bank', '银行存款日记账'],
  ] as const) {
    it(`prints every line of the ${name}, not a page, with opening, running balance and totals`, async () => {
      const report = await allEntries(`/v1/ledgers/${a.ledgerId}/${path}?${RANGE}`)
      const { grid, formats } = await sheetOf(await get(`/v1/ledgers/${a.ledgerId}/${path}/export?${RANGE}`))
      expect([...formats]).toEqual(['#,##0.00'])
      expect(grid[0]?.[0]).toBe(title)
      expect(metaOf(grid).会计科目).toBe(`${report.account.code} ${report.account.name}`)
      const top = rowIndex(grid, '日期')
      expect(grid[top]).toEqual(['日期', '凭证字号', '科目', '摘要', '借方', '贷方', '方向', '余额'])
      expect(grid[top + 1]?.[3]).toBe('期初余额')
      expect(fenOf(grid[top + 1]?.[7])).toBe(wire(report.opening.amount))
      const items = report.items as {
        date: string
        label: string
        account: string
        summary: string
        debit: string | null
        credit: string | null
        balance: Sided
      }[]
      if (path !== 'journals/cash') expect(items.length).toBeGreaterThan(50)
      let debit = 0n
      let credit = 0n
      items.forEach((item, i) => {
        const cells = grid[top + 2 + i]!
        expect(cells.slice(0, 4)).toEqual([item.date, item.label, item.account, item.summary])
        expect([fenOf(cells[4]), fenOf(cells[5]), fenOf(cells[7])]).toEqual([
          wire(item.debit ?? '0.00'),
          wire(item.credit ?? '0.00'),
          wire(item.balance.amount),
        ])
        debit += wire(item.debit ?? '0.00')
        credit += wire(item.credit ?? '0.00')
      })
      const total = grid[top + 2 + items.length]!
      expect(total[3]).toBe('本期合计')
      expect([fenOf(total[4]), fenOf(total[5]), fenOf(total[7])]).toEqual([
        debit,
        credit,
        wire(report.closing.amount),
      ])
    })
  }

  it('keeps summaries as text in CSV: quoted where needed, formulas defused', async () => {
    const rows = csvOf(await get(`/v1/ledgers/${a.ledgerId}/journals/cash/export?${RANGE}&format=csv`))
    const summaries = rows.map((r) => r[3])
    expect(summaries).toContain(`'=HYPERLINK("http://x")`)
    expect(summaries).toContain('购买"办公"用品,一批')
    const lines = rows.filter((r) => r[3] === '购买"办公"用品,一批')
    expect(lines.map((r) => [r[4], r[5], r[6]])).toEqual([['', '0.07', '借']])
    // The workbook keeps the summary as typed: a shared string, never a formula.
    const { grid } = await sheetOf(await get(`/v1/ledgers/${a.ledgerId}/journals/cash/export?${RANGE}`))
    expect(grid.map((r) => r[3])).toContain('=HYPERLINK("http://x")')
  })
})

describe('资产负债表 and 收益及收益分配表 exports', () => {
  it('prints the balance sheet line by line as the JSON report, with its totals', async () => {
    const sheet = await json(`/v1/ledgers/${a.ledgerId}/balance-sheet?period=2024-06`)
    const { grid, formats } = await sheetOf(
      await get(`/v1/ledgers/${a.ledgerId}/balance-sheet/export?period=2024-06`),
    )
    // Amounts in 元, and the 行次 as whole numbers.
    expect([...formats].sort()).toEqual(['#,##0.00', '0'])
    expect(grid[0]?.[0]).toBe('资产负债表')
    expect(metaOf(grid)).toMatchObject({
      会计期间: '2024年06月末',
      '资产总计 = 负债和所有者权益总计': '平衡',
    })
    expect(wire(sheet.totals.assets)).toBeGreaterThan(1_234_567_890n)
    expectBalanceSheet(grid, sheet)
    const csv = csvOf(await get(`/v1/ledgers/${a.ledgerId}/balance-sheet/export?period=2024-06&format=csv`))
    // 资产总计, row 23: 项目, 行次, 年初数, 期末数 — the same figure as the per-account total.
    const total = csv.find((r) => r[0] === '资产总计')
    expect(total?.slice(0, 4)).toEqual([
      '资产总计',
      '23',
      sheet.official.assets.find((l: { key: string }) => l.key === 'totalAssets').start,
      sheet.totals.assets,
    ])
  })

  it('prints the income statement of the year as the JSON report', async () => {
    const st = await json(`/v1/ledgers/${a.ledgerId}/income-statement?year=2024`)
    const response = await get(`/v1/ledgers/${a.ledgerId}/income-statement/export?year=2024`)
    expect(String(response.headers['content-disposition'])).toContain(
      'income-statement_370322104203_2024.xlsx',
    )
    const { grid } = await sheetOf(response)
    expect(grid[0]?.[0]).toBe('收益及收益分配表')
    expect(metaOf(grid).会计期间).toBe('2024年度')
    expect(wire(st.profit)).not.toBe(0n)
    expectIncomeStatement(grid, st)
    const csv = csvOf(await get(`/v1/ledgers/${a.ledgerId}/income-statement/export?year=2024&format=csv`))
    expect(csv.find((r) => r[0] === '本年收益')?.slice(1, 3)).toEqual(['13', st.profit])
    expect(csv.find((r) => r[0] === '年末未分配收益')?.slice(1, 3)).toEqual(['21', st.undistributedAtEnd])
  })
})

describe('county books exports', () => {
  const county = () => t.mintKey('auditor', '370322')

  it('exports the county trial balance with what eliminateLinks took out', async () => {
    const key = await county()
    const query = `within=370322&${RANGE}&eliminateLinks=true`
    const books = await json(`/v1/books/trial-balance?${query}`, key)
    const response = await get(`/v1/books/trial-balance/export?${query}`, key)
    expect(String(response.headers['content-disposition'])).toContain(
      'filename="trial-balance_370322_2024-01_2024-06.xlsx"',
    )
    const { grid, formats } = await sheetOf(response)
    expect([...formats].sort()).toEqual(['#,##0.00', '0'])
    expect(metaOf(grid)).toMatchObject({
      汇总范围: '高青县（370322）',
      汇总账套数: '3',
      抵销飞地抱团往来: '是',
      会计期间: '2024年01月至2024年06月',
      金额单位: '元',
    })
    const top = rowIndex(grid, '科目代码')
    const rows = books.rows as {
      code: string
      opening: Sided
      debit: string
      credit: string
      closing: Sided
    }[]
    rows.forEach((row, i) => {
      const cells = grid[top + 2 + i]!
      expect(cells[0]).toBe(row.code)
      expect(cells.slice(3).map(fenOf)).toEqual([
        ...bySide(row.opening),
        wire(row.debit),
        wire(row.credit),
        ...bySide(row.closing),
      ])
    })
    const caption = grid.findIndex((r) => String(r[0]).startsWith('已抵销的飞地抱团往来'))
    const eliminated = books.eliminated as {
      code: string
      openingNet: string
      debit: string
      credit: string
    }[]
    expect(eliminated.length).toBeGreaterThan(0)
    eliminated.forEach((e, i) => {
      const cells = grid[caption + 2 + i]!
      expect(cells[0]).toBe(e.code)
      expect(cells.slice(1, 4).map(fenOf)).toEqual([wire(e.openingNet), wire(e.debit), wire(e.credit)])
    })
  })

  it('exports the county balance sheet and income statement, a township key defaulting to its township', async () => {
    const key = await county()
    const sheet = await json('/v1/books/balance-sheet?within=370322&period=2024-06', key)
    expectBalanceSheet(
      (await sheetOf(await get('/v1/books/balance-sheet/export?within=370322&period=2024-06', key))).grid,
      sheet,
    )
    const st = await json('/v1/books/income-statement?within=370322&year=2024', key)
    expectIncomeStatement(
      (await sheetOf(await get('/v1/books/income-statement/export?within=370322&year=2024', key))).grid,
      st,
    )
    const township = await t.mintKey('clerk', '370322104')
    const csv = csvOf(await get('/v1/books/income-statement/export?year=2024&format=csv', township))
    expect(csv.find((r) => r[0] === '汇总范围')?.[1]).toBe('唐坊镇（370322104）')
    expect(csv.find((r) => r[0] === '汇总账套数')?.[1]).toBe('2')
  })
})

describe('refusals', () => {
  const base = () => `/v1/ledgers/${a.ledgerId}`
  const county = () => t.mintKey('auditor', '370322')

  it('401 without a key, 403 for a key of another village or township', async () => {
    problem(await t.call('GET', `${base()}/trial-balance/export?${RANGE}`, { key: null }), 401)
    const other = await t.mintKey('auditor', '370322104202')
    for (const path of [
      `trial-balance/export?${RANGE}`,
      `accounts/102/entries/export?${RANGE}`,
      `journals/cash/export?${RANGE}`,
      'balance-sheet/export?period=2024-06',
      'income-statement/export?year=2024',
    ]) {
      problem(await get(`${base()}/${path}`, other), 403, 'auth.forbidden')
    }
    problem(
      await get(
        `/v1/books/trial-balance/export?within=370322105&${RANGE}`,
        await t.mintKey('auditor', '370322104'),
      ),
      403,
      'auth.forbidden',
    )
  })

  it('400 for a format, period or range it cannot make, 404 for a ledger or account that is not there', async () => {
    const bad = problem(
      await get(`${base()}/trial-balance/export?${RANGE}&format=pdf`),
      400,
      'request.invalid',
    )
    expect(bad.errors?.map((e) => e.field)).toEqual(['querystring.format'])
    problem(await get(`${base()}/balance-sheet/export?period=2024-13`), 400)
    problem(await get(`${base()}/income-statement/export?year=24`), 400)
    problem(await get(`${base()}/trial-balance/export?from=2024-06&to=2024-01`), 400, 'ledger.invalid_range')
    problem(await get(`/v1/books/balance-sheet/export?period=2024-06&format=XLSX`, await county()), 400)
    problem(
      await get(`/v1/ledgers/019a4c1e-7b2a-7c3d-8e4f-0123456789ab/trial-balance/export?${RANGE}`),
      404,
      'ledger.ledger_not_found',
    )
    problem(await get(`${base()}/accounts/999/entries/export?${RANGE}`), 404, 'ledger.unknown_account')
  })
})

describe('statements', () => {
  it('an export costs its JSON report plus the header reads (the ledger, the division name)', async () => {
    const key = await t.mintKey('auditor', '370322')
    const measure = async (url: string) => {
      counter.reset()
      const response = await get(url, key)
      expect(response.statusCode, response.body).toBe(200)
      return counter.count
    }
    await measure(`/v1/ledgers/${a.ledgerId}/integrity`) // the key is cached from here on
    for (const [report, extra] of [
      [`/v1/ledgers/${a.ledgerId}/trial-balance?${RANGE}`, 2],
      [`/v1/ledgers/${a.ledgerId}/accounts/102/entries?${RANGE}`, 2],
      [`/v1/ledgers/${a.ledgerId}/journals/bank?${RANGE}`, 2],
      [`/v1/ledgers/${a.ledgerId}/balance-sheet?period=2024-06`, 2],
      [`/v1/ledgers/${a.ledgerId}/income-statement?year=2024`, 2],
      [`/v1/books/trial-balance?within=370322&${RANGE}`, 1],
      [`/v1/books/balance-sheet?within=370322&period=2024-06`, 1],
      [`/v1/books/income-statement?within=370322&year=2024`, 1],
    ] as const) {
      const [path, query] = report.split('?')
      const jsonCount = await measure(report)
      expect(await measure(`${path}/export?${query}&format=csv`), report).toBe(jsonCount + extra)
    }
  })
})
