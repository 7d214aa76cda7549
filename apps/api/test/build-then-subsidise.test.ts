import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, LIMENGDE, reviewedProject, sourceBody, TOWNSHIP } from './funds-fixtures.js'
import { seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks, voucher } from './ledger-helpers.js'
import { decidedMatter } from './money-fixtures.js'

/**
 * 先建后补 (issue 12 item 8; funds README): money paid into a village's books after 确权 arrives
 * in 241 专项应付款 (Dr 102 / Cr 241) and, in the same transaction, a second draft moves it out
 * the way the 确权 entries move money received before — Dr 241 / Cr 153 在建工程 — counted in the
 * ledger's 确权 `received`. Once everything is posted 241 is empty and the register agrees.
 */
let t: TestApp
const keys = { village: '', township: '', county: '' }
let books: Awaited<ReturnType<typeof villageBooks>>
let projectId = ''
let sourceId = ''
let tranches: { id: string }[] = []

const url = (path = '') => `/v1/projects/${projectId}${path}`
type Line = { account: string; debit: string | null; credit: string | null }
type Voucher = {
  id: string
  status: string
  lines: Line[]
  origin: { kind: string; refs: Record<string, string> }
}
const linesOf = (v: Voucher) => v.lines.map((l) => [l.account.slice(0, 3), l.debit, l.credit])

async function vouchers(): Promise<Voucher[]> {
  return (await as(t, books.bookkeeper).get(`/v1/ledgers/${books.ledgerId}/vouchers?limit=100`)).items
}
const disburse = (trancheId: string, amount: string, date: string) =>
  as(t, keys.township).post(url('/disbursements'), {
    trancheId,
    fundSourceId: sourceId,
    amount,
    ledgerId: books.ledgerId,
    date,
  })
const post = (id: string) =>
  as(t, books.reviewer).post(`/v1/ledgers/${books.ledgerId}/vouchers/${id}/post`, {}, 200)

beforeAll(async () => {
  t = await startTestApp('2024-12-31')
  await seedDivisions(t)
  keys.village = await t.mintKey('clerk', LIMENGDE)
  keys.township = await t.mintKey('fund_manager', TOWNSHIP)
  keys.county = await t.mintKey('fund_manager', '370322')
  books = await villageBooks(t, LIMENGDE, 'MA3X7J8B')
  await as(t, books.bookkeeper).post('/v1/collectives', { ledgerId: books.ledgerId })
  const source = await as(t, keys.township).post('/v1/fund-sources', sourceBody())
  sourceId = source.id
  const matter = await decidedMatter(t, LIMENGDE, { category: 'collective_project', amount: '40000.00' })
  projectId = await reviewedProject(t, keys)
  await as(t, keys.county).post(
    url('/transitions'),
    { to: 'approved', note: '县审定', on: '2024-03-20', decisionRef: matter },
    200,
  )
  await as(t, keys.township).post(url('/allocations'), { fundSourceId: sourceId, amount: '40000.00' })
  // Half at the start, half after acceptance (先建后补).
  const plan = await as(t, keys.township).post(url('/payment-plan'), {
    tranches: [
      { label: '开工预拨', trigger: 'start', percent: '50.00' },
      { label: '验收后拨付', trigger: 'acceptance', percent: '50.00' },
    ],
  })
  tranches = plan.tranches
  await as(t, keys.township).post(url('/transitions'), { to: 'started', note: '开工', on: '2024-03-21' }, 200)
}, 300_000)
afterAll(() => t.close())

describe('先建后补: 241 money after 确权 (issue 12 item 8)', () => {
  it('drafts no settlement before 确权: the 确权 entries will move that money', async () => {
    const before = await disburse(tranches[0]!.id, '20000.00', '2024-03-25')
    const all = await vouchers()
    expect(all.map((v) => v.origin?.kind)).toEqual(['funds.disbursement'])
    await post(before.voucherId ?? all[0]!.id)
    await as(t, keys.township).post(url('/notices'), {
      stage: 'completion',
      from: '2024-09-01',
      channels: ['村务公开栏'],
    })
    await as(t, keys.township).post(
      url('/transitions'),
      {
        to: 'accepted',
        note: '验收',
        on: '2024-09-11',
        acceptance: {
          assetClass: 'operating',
          shares: [{ holder: { villageCode: LIMENGDE }, contribution: 'land', valuation: '300000.00' }],
          assets: [
            {
              name: '牛舍',
              assetClass: 'operating',
              cost: '40000.00',
              owners: [{ villageCode: LIMENGDE, value: '40000.00' }],
            },
          ],
        },
      },
      200,
    )
    const titles = await t.app.services.funds.assetTitles(projectId)
    expect(titles.entries).toMatchObject([
      { ledgerId: books.ledgerId, owned: 4_000_000n, received: 2_000_000n },
    ])
    const title = (await vouchers()).find((v) => v.origin?.kind === 'funds.asset_title')!
    expect(linesOf(title)).toEqual([
      ['151', '40000.00', null],
      ['241', '20000.00', null],
      ['153', null, '20000.00'],
      ['311', null, '40000.00'],
    ])
  })

  it('moves money paid after 确权 out of 241 in the disbursement’s transaction', async () => {
    const paid = await disburse(tranches[1]!.id, '20000.00', '2024-09-20')
    const all = await vouchers()
    const settlement = all.find(
      (v) => v.origin?.kind === 'funds.asset_title' && v.origin.refs.disbursementId === paid.id,
    )
    expect(settlement, JSON.stringify(all.map((v) => v.origin))).toBeDefined()
    expect(settlement!.origin.refs).toEqual({ projectId, disbursementId: paid.id })
    expect(settlement!.status).toBe('draft')
    expect(linesOf(settlement!)).toEqual([
      ['241', '20000.00', null],
      ['153', null, '20000.00'],
    ])
    const titles = await t.app.services.funds.assetTitles(projectId)
    // The ledger's 确权 totals stay true: everything it received left 241.
    expect(titles.entries).toMatchObject([{ owned: 4_000_000n, received: 4_000_000n }])
  })

  it('leaves 241 and 153 empty once posted, and the register agrees with the books', async () => {
    // The bookkeeper paid the builder for the works (Dr 153 / Cr 102), as the 确权 mechanics assume.
    const works = await as(t, books.bookkeeper).post(
      `/v1/ledgers/${books.ledgerId}/vouchers`,
      voucher('2024-09-25', '153', '102', '40000.00', '支付牛舍工程款'),
    )
    for (const v of await vouchers()) if (v.status === 'draft') await post(v.id)
    expect((await vouchers()).map((v) => v.status)).toEqual(expect.arrayContaining(['posted']))
    const trial = await t.app.services.ledger.trialBalance(books.ledgerId, '2024-01', '2024-09')
    const closing = (code: string) => {
      const row = trial.rows.find((r) => r.code === code)
      return row ? row.closing.amount : 0n
    }
    expect(works.id).toBeDefined()
    expect([closing('241'), closing('153'), closing('102')]).toEqual([0n, 0n, 0n])
    expect([closing('151'), closing('311')]).toEqual([4_000_000n, 4_000_000n])
    const [registers] = (await as(t, keys.township).get(`/v1/collectives?within=${LIMENGDE}`)).items
    const report = await as(t, keys.township).get(
      `/v1/collectives/${registers.id}/asset-reconciliation?period=2024-09`,
    )
    expect(report.agrees, JSON.stringify(report)).toBe(true)
  })
})
