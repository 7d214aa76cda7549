import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, LIMENGDE, QIUJIA, reviewedProject, sourceBody, TOWNSHIP } from './funds-fixtures.js'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'
import { decidedMatter } from './money-fixtures.js'

/**
 * Issue 12 items 5, 7 and 8 through the API: a decision authorises only what it decided, one
 * project unless it lists several; 确权 at acceptance is checked and booked; a distribution runs
 * on its decided plan. Every refusal is a 422 naming the rule, the numbers and the basis.
 */
let t: TestApp
const keys = { village: '', township: '', county: '' }
let limengde: Awaited<ReturnType<typeof villageBooks>>

beforeAll(async () => {
  t = await startTestApp('2024-12-31')
  await seedDivisions(t)
  keys.village = await t.mintKey('clerk', LIMENGDE)
  keys.township = await t.mintKey('fund_manager', TOWNSHIP)
  keys.county = await t.mintKey('fund_manager', '370322')
  limengde = await villageBooks(t, LIMENGDE, 'MA3C4D5E')
}, 120_000)
afterAll(() => t.close())

const approve = (projectId: string, decisionRef: string) =>
  t.call('POST', `/v1/projects/${projectId}/transitions`, {
    key: keys.county,
    body: { to: 'approved', note: '县审定', on: '2024-03-20', decisionRef },
  })

describe('the 四议两公开 gate checks what was decided (item 5)', () => {
  it('refuses a 100-yuan 误工补贴 matter for a 2,000,000 project, naming subject, budget and basis', async () => {
    const allowance = await decidedMatter(t, LIMENGDE, { category: 'lost_work_allowance', amount: '100.00' })
    const projectId = await reviewedProject(t, keys, { budget: '2000000.00' })
    const refused = problem(await approve(projectId, allowance), 422, 'funds.decision_does_not_cover')
    expect(refused.errors).toEqual([{ field: 'decisionRef', message: expect.any(String) }])
    expect(refused.context).toMatchObject({
      rule: 'decision_covers_project',
      subject: { category: 'lost_work_allowance', amount: '100.00', projects: null },
      project: { id: projectId, category: 'industry', budget: '2000000.00' },
      basis: { law: expect.stringContaining('四议两公开') },
    })
    expect(refused.context!.missing).toHaveLength(2)
  })

  it('approves at the amount exactly, refuses one fen over, and one project per unlisted matter', async () => {
    const matter = await decidedMatter(t, LIMENGDE, { category: 'collective_project', amount: '2000000.00' })
    const over = await reviewedProject(t, keys, { budget: '2000000.01' })
    const refused = problem(await approve(over, matter), 422, 'funds.decision_does_not_cover')
    expect(refused.context!.missing).toEqual([
      "the matter's amount 2000000.00 is below the project's budget 2000000.01",
    ])
    const exact = await reviewedProject(t, keys, { budget: '2000000.00' })
    const approved = await approve(exact, matter)
    expect(approved.statusCode, approved.body).toBe(200)
    const steps = (await as(t, keys.county).get(`/v1/projects/${exact}/transitions`)).items
    expect(steps.at(-1).gate.authorisation).toMatchObject({ ref: matter, slot: 'single' })
    // The same matter for a second project: the 2,000,000 matter approved one already.
    const second = await reviewedProject(t, keys, { budget: '100000.00' })
    const again = problem(await approve(second, matter), 422, 'funds.decision_does_not_cover')
    expect(again.context).toMatchObject({ alreadyAuthorised: [{ projectId: exact, budget: '2000000.00' }] })
  })

  it('lets a matter listing several projects authorise each of them within its cap', async () => {
    const a = await reviewedProject(t, keys, { budget: '600000.00', name: '一号牛舍' })
    const b = await reviewedProject(t, keys, { budget: '400000.00', name: '二号牛舍' })
    const c = await reviewedProject(t, keys, { budget: '100000.00', name: '三号牛舍' })
    const matter = await decidedMatter(t, LIMENGDE, {
      category: 'collective_project',
      amount: '1000000.00',
      object: '牛舍两座',
      projects: [a, b, c],
    })
    expect((await approve(a, matter)).statusCode).toBe(200)
    expect((await approve(b, matter)).statusCode).toBe(200)
    const capped = problem(await approve(c, matter), 422, 'funds.decision_does_not_cover')
    expect(capped.context).toMatchObject({ total: '1100000.00' })
    const unlisted = await reviewedProject(t, keys, { budget: '100000.00' })
    const other = problem(await approve(unlisted, matter), 422, 'funds.decision_does_not_cover')
    expect((other.context!.missing as string[]).join()).toContain('lists 3 project(s)')
  })

  it('refuses a public-welfare decision for an industry project (category mismatch)', async () => {
    const matter = await decidedMatter(t, LIMENGDE, {
      category: 'public_welfare_project',
      amount: '5000000.00',
    })
    const projectId = await reviewedProject(t, keys, { budget: '2000000.00' })
    const refused = problem(await approve(projectId, matter), 422, 'funds.decision_does_not_cover')
    expect((refused.context!.missing as string[])[0]).toContain('does not authorise a industry project')
  })
})

describe('资产确权 at acceptance and a decided distribution (items 7 and 8)', () => {
  it('refuses a valuation that misses the money and an owner without a ledger, then books the title', async () => {
    const source = await as(t, keys.township).post('/v1/fund-sources', sourceBody())
    const matter = await decidedMatter(t, LIMENGDE, { category: 'collective_project', amount: '40000.00' })
    const projectId = await reviewedProject(t, keys)
    expect((await approve(projectId, matter)).statusCode).toBe(200)
    const url = (path = '') => `/v1/projects/${projectId}${path}`
    await as(t, keys.township).post(url('/allocations'), { fundSourceId: source.id, amount: '40000.00' })
    const plan = await as(t, keys.township).post(url('/payment-plan'), {
      tranches: [{ label: '一次拨付', trigger: 'start', percent: '100.00' }],
    })
    const step = (body: object) => t.call('POST', url('/transitions'), { key: keys.township, body })
    expect((await step({ to: 'started', note: '开工', on: '2024-03-21' })).statusCode).toBe(200)
    await as(t, keys.township).post(url('/disbursements'), {
      trancheId: plan.tranches[0].id,
      fundSourceId: source.id,
      amount: '40000.00',
      ledgerId: limengde.ledgerId,
      date: '2024-03-25',
    })
    await as(t, keys.township).post(url('/notices'), {
      stage: 'completion',
      from: '2024-09-01',
      channels: ['村务公开栏'],
    })
    const shares = [{ holder: { villageCode: LIMENGDE }, contribution: 'land', valuation: '300000.00' }]
    const accept = (assets?: unknown[]) =>
      step({
        to: 'accepted',
        note: '验收',
        on: '2024-09-11',
        acceptance: { assetClass: 'operating', shares, ...(assets ? { assets } : {}) },
      })
    const sheds = (owners: unknown[], cost = '40000.00') => ({
      name: '牛舍',
      assetClass: 'operating',
      cost,
      owners,
    })

    const required = problem(await accept(), 422, 'funds.asset_title_required')
    expect(required.context).toMatchObject({ disbursed: '40000.00', planned: '40000.00' })
    const short = problem(
      await accept([sheds([{ villageCode: LIMENGDE, value: '39999.99' }], '39999.99')]),
      422,
      'funds.asset_cost_mismatch',
    )
    expect(short.context).toMatchObject({
      assets: '39999.99',
      disbursed: '40000.00',
      basis: { version: '国办函〔2021〕51号' },
    })
    const noLedger = problem(
      await accept([
        sheds([
          { villageCode: LIMENGDE, value: '30000.00' },
          { villageCode: QIUJIA, value: '10000.00' },
        ]),
      ]),
      422,
      'funds.ledger_missing',
    )
    expect(noLedger.errors).toEqual([
      { field: 'acceptance.assets.0.owners.1.villageCode', message: expect.any(String) },
    ])
    const stranger = problem(
      await accept([sheds([{ villageCode: '370322104299', value: '40000.00' }])]),
      422,
      'funds.ledger_missing',
    )
    expect(stranger.context).toEqual({ villageCode: '370322104299' })
    expect((await as(t, keys.township).get(url())).status).toBe('started')

    const accepted = await accept([sheds([{ villageCode: LIMENGDE, value: '40000.00' }])])
    expect(accepted.statusCode, accepted.body).toBe(200)
    const titles = await t.app.services.funds.assetTitles(projectId)
    const entry = titles.entries[0]!
    const voucher = await as(t, limengde.bookkeeper).get(
      `/v1/ledgers/${limengde.ledgerId}/vouchers/${entry.voucherId}`,
    )
    expect(
      voucher.lines.map((l: { account: string; debit: string | null; credit: string | null }) => [
        l.account,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['151', '40000.00', null],
      ['241', '40000.00', null],
      ['153', null, '40000.00'],
      ['311', null, '40000.00'],
    ])
    expect(voucher.origin).toEqual({ kind: 'funds.asset_title', refs: { projectId } })

    // 收益分配 needs its decided plan: a land matter adopts none; one short of the revenue neither.
    expect((await step({ to: 'operating', note: '运营', on: '2024-10-01' })).statusCode).toBe(200)
    const revenue = await as(t, keys.township).post(url('/revenues'), {
      period: '2024',
      amount: '36000.00',
      receivedOn: '2024-12-20',
    })
    const distribute = (over: object) =>
      t.call('POST', url('/distributions'), {
        key: keys.township,
        body: {
          revenueId: revenue.id,
          policy: {
            version: '2024-1',
            reservePercent: '10.00',
            monitoredHouseholdsPercent: '5.00',
            shortfall: 'pro_rata',
          },
          monitoredHouseholds: [{ ref: '1组监测户' }],
          ...over,
        },
      })
    const land = await decidedMatter(
      t,
      LIMENGDE,
      { category: 'land_contracting', amount: '36000.00' },
      '2024-12-01',
    )
    const wrong = problem(
      await distribute({ decisionRef: land }),
      422,
      'funds.distribution_decision_required',
    )
    expect(wrong.context).toMatchObject({
      revenue: '36000.00',
      basis: { article: expect.stringContaining('第24条') },
    })
    const small = await decidedMatter(
      t,
      LIMENGDE,
      { category: 'collective_income_use', amount: '35999.99' },
      '2024-12-01',
    )
    const under = problem(
      await distribute({ decisionRef: small }),
      422,
      'funds.distribution_decision_required',
    )
    expect(under.context!.missing).toEqual(["the matter's amount 35999.99 is below 36000.00"])
    const fresh = await decidedMatter(
      t,
      LIMENGDE,
      { category: 'collective_income_use', amount: '36000.00' },
      '2024-12-15',
    )
    const undisclosed = problem(
      await distribute({ decisionRef: fresh }),
      422,
      'funds.distribution_decision_required',
    )
    expect((undisclosed.context!.missing as string[]).join()).toContain('runs until 2024-12-22')
    const nobody = problem(
      await distribute({ decisionRef: small, monitoredHouseholds: undefined }),
      422,
      'funds.monitored_households_required',
    )
    expect(nobody.context).toEqual({ amount: '1620.00' })

    const plan36 = await decidedMatter(
      t,
      LIMENGDE,
      { category: 'collective_income_use', amount: '36000.00' },
      '2024-12-01',
    )
    const run = await distribute({ decisionRef: plan36 })
    expect(run.statusCode, run.body).toBe(201)
    const kept = run.json().lines.filter((l: { villageCode: string | null }) => l.villageCode === null)
    expect(kept.map((l: { recipient: string; amount: string }) => [l.recipient, l.amount]).sort()).toEqual([
      ['monitored_households', '1620.00'],
      ['reserve', '3600.00'],
    ])
    expect(kept[0].voucher).toMatchObject({ ledgerId: limengde.ledgerId, voucherStatus: 'draft' })
  })
})
