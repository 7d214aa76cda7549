import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approvedProject, as, LIMENGDE, QIUJIA, sourceBody, TOWNSHIP } from './funds-fixtures.js'
import { seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'
import { decidedMatter } from './money-fixtures.js'

let t: TestApp
const keys = { village: '', township: '', county: '' }
let limengde: Awaited<ReturnType<typeof villageBooks>>
let qiujia: Awaited<ReturnType<typeof villageBooks>>

beforeAll(async () => {
  t = await startTestApp('2024-12-31')
  await seedDivisions(t)
  keys.village = await t.mintKey('clerk', LIMENGDE)
  keys.township = await t.mintKey('fund_manager', TOWNSHIP)
  keys.county = await t.mintKey('fund_manager', '370322')
  limengde = await villageBooks(t, LIMENGDE, 'MA3C4D5E')
  qiujia = await villageBooks(t, QIUJIA, 'MA3C4D6F')
})
afterAll(() => t.close())

describe('project funds — from a source through a project into village ledgers and back', () => {
  let sourceId: string
  let projectId: string
  let tranches: { id: string; label: string; amount: string }[]

  it('records a source and shows what is available', async () => {
    const source = await as(t, keys.township).post('/v1/fund-sources', sourceBody())
    expect(source).toMatchObject({
      amount: '1000000.00',
      allocated: '0.00',
      disbursed: '0.00',
      available: '1000000.00',
      holder: { kind: 'township', code: TOWNSHIP },
      divisionCode: TOWNSHIP,
    })
    sourceId = source.id
    const listed = await as(t, keys.county).get('/v1/fund-sources?within=370322&year=2024')
    expect(listed.items.map((s: { id: string }) => s.id)).toEqual([sourceId])
    expect((await as(t, keys.county).get('/v1/fund-sources?year=2023')).items).toEqual([])
  })

  it('takes a project from the library through review, notice and approval, each step audited', async () => {
    projectId = await approvedProject(t, keys)
    const steps = (await as(t, keys.village).get(`/v1/projects/${projectId}/transitions`)).items
    expect(steps.map((s: { from: string; to: string }) => `${s.from}→${s.to}`)).toEqual([
      'candidate→submitted',
      'submitted→reviewed',
      'reviewed→approved',
    ])
    // 40,000.00 is below the default major-matter amount (50,000.00): no decision needed, and the
    // gate records the amount it compared with.
    expect(steps[2].gate).toMatchObject({ majorMatterFen: '5000000', notice: { until: '2024-01-25' } })
  })

  it('allocates, plans tranches that sum exactly, and pays into the village ledger as a draft', async () => {
    const allocation = await as(t, keys.township).post(`/v1/projects/${projectId}/allocations`, {
      fundSourceId: sourceId,
      amount: '40000.00',
    })
    expect(allocation).toMatchObject({ amount: '40000.00', sourceAvailable: '960000.00' })
    const plan = await as(t, keys.township).post(`/v1/projects/${projectId}/payment-plan`, {
      tranches: [
        { label: '开工预拨', trigger: 'start', percent: '40.00' },
        { label: '主体完工', trigger: 'milestone', percent: '55.00' },
        { label: '质保金', trigger: 'acceptance', percent: '5.00', retention: true },
      ],
    })
    tranches = plan.tranches
    expect(tranches.map((x) => x.amount)).toEqual(['16000.00', '22000.00', '2000.00'])
    await as(t, keys.township).post(
      `/v1/projects/${projectId}/transitions`,
      { to: 'started', note: '开工', on: '2024-03-01' },
      200,
    )

    const body = {
      trancheId: tranches[0]!.id,
      fundSourceId: sourceId,
      amount: '16000.00',
      ledgerId: limengde.ledgerId,
      date: '2024-03-05',
    }
    const headers = { 'idempotency-key': 'disburse-heiniu-1' }
    const first = await t.call('POST', `/v1/projects/${projectId}/disbursements`, {
      key: keys.township,
      body,
      headers,
    })
    expect(first.statusCode, first.body).toBe(201)
    const replay = await t.call('POST', `/v1/projects/${projectId}/disbursements`, {
      key: keys.township,
      body,
      headers,
    })
    expect(replay.json()).toEqual(first.json())
    const paid = first.json()
    expect(paid).toMatchObject({ status: 'drafted', amount: '16000.00', voucher: { voucherStatus: 'draft' } })

    const voucher = await as(t, limengde.bookkeeper).get(
      `/v1/ledgers/${limengde.ledgerId}/vouchers/${paid.voucher.voucherId}`,
    )
    expect(
      voucher.lines.map((l: { account: string; debit: string | null; credit: string | null }) => [
        l.account,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['102', '16000.00', null],
      ['241', null, '16000.00'],
    ])
    expect(voucher.origin).toEqual({
      kind: 'funds.disbursement',
      refs: { fundSourceId: sourceId, projectId, disbursementId: paid.id, trancheId: tranches[0]!.id },
    })
    // The village's reviewer posts it; then the disbursement is booked.
    await as(t, limengde.reviewer).post(
      `/v1/ledgers/${limengde.ledgerId}/vouchers/${voucher.id}/post`,
      {},
      200,
    )
    const listed = (await as(t, keys.township).get(`/v1/projects/${projectId}/disbursements`)).items
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({
      status: 'booked',
      voucher: { voucherStatus: 'posted', voucherLabel: '2024年03月 记字第1号' },
    })
  })

  it('pays the milestone tranche once verified, then accepts with ownership shares and pays the retention', async () => {
    await as(t, keys.township).post(`/v1/projects/${projectId}/tranches/${tranches[1]!.id}/milestone`, {
      metOn: '2024-07-15',
      evidence: '镇农经站现场核验记录',
    })
    await as(t, keys.township).post(`/v1/projects/${projectId}/disbursements`, {
      trancheId: tranches[1]!.id,
      fundSourceId: sourceId,
      amount: '22000.00',
      ledgerId: limengde.ledgerId,
      date: '2024-07-20',
    })
    await as(t, keys.township).post(`/v1/projects/${projectId}/notices`, {
      stage: 'completion',
      from: '2024-09-01',
      channels: ['村务公开栏', '镇政府网站'],
    })
    const accepted = await as(t, keys.township).post(
      `/v1/projects/${projectId}/transitions`,
      {
        to: 'accepted',
        note: '镇县联合验收合格',
        on: '2024-09-11',
        acceptance: {
          assetClass: 'operating',
          shares: [
            { holder: { villageCode: LIMENGDE }, contribution: 'land', valuation: '300000.00' },
            { holder: { villageCode: QIUJIA }, contribution: 'money', valuation: '100000.00' },
          ],
          // 资产确权: the plan's 40,000 formed the sheds, owned 3:1.
          assets: [
            {
              name: '标准化牛舍（2栋）',
              assetClass: 'operating',
              cost: '40000.00',
              owners: [
                { villageCode: LIMENGDE, value: '30000.00' },
                { villageCode: QIUJIA, value: '10000.00' },
              ],
            },
          ],
        },
      },
      200,
    )
    expect(accepted.acceptance).toMatchObject({
      acceptedOn: '2024-09-11',
      assetClass: 'operating',
      shares: [
        { holder: `village:${QIUJIA}`, valuation: '100000.00' },
        { holder: `village:${LIMENGDE}`, valuation: '300000.00' },
      ],
    })
    await as(t, keys.township).post(`/v1/projects/${projectId}/disbursements`, {
      trancheId: tranches[2]!.id,
      fundSourceId: sourceId,
      amount: '2000.00',
      ledgerId: limengde.ledgerId,
      date: '2024-09-12',
    })
    await as(t, keys.village).post(`/v1/projects/${projectId}/results`, {
      indicator: '新建牛舍',
      period: '2024',
      actual: '2',
    })
    const project = await as(t, keys.village).get(`/v1/projects/${projectId}`)
    expect(project).toMatchObject({ status: 'accepted', allocated: '40000.00', disbursed: '40000.00' })
    expect(project.targets[0].actuals).toEqual([{ period: '2024', actual: '2' }])
  })

  it('distributes a year’s revenue stage by stage and drafts a voucher in each village’s ledger', async () => {
    await as(t, keys.township).post(
      `/v1/projects/${projectId}/transitions`,
      { to: 'operating', note: '交合作社运营', on: '2024-10-01' },
      200,
    )
    const revenue = await as(t, keys.township).post(`/v1/projects/${projectId}/revenues`, {
      period: '2024',
      amount: '36000.00',
      receivedOn: '2024-12-20',
    })
    const plan = await decidedMatter(
      t,
      LIMENGDE,
      { category: 'collective_income_use', amount: '36000.00', title: '黑牛项目2024年收益分配方案' },
      '2024-12-01',
    )
    const run = await as(t, keys.township).post(`/v1/projects/${projectId}/distributions`, {
      revenueId: revenue.id,
      decisionRef: plan,
      monitoredHouseholds: [{ ref: '1组监测户' }, { ref: '2组监测户', units: 2 }],
      policy: {
        version: '黑牛项目收益分配方案 2024-1',
        guaranteed: [{ villageCode: LIMENGDE, amount: '8000.00' }],
        reservePercent: '10.00',
        monitoredHouseholdsPercent: '5.00',
        shortfall: 'pro_rata',
      },
    })
    // 36,000 − 8,000 guaranteed = 28,000; reserve 10% = 2,800; monitored 5% of 25,200 = 1,260;
    // 23,940 by shares 3:1 = 17,955 / 5,985.
    expect(
      run.stages.map((s: { name: string; available: string; amount: string }) => [
        s.name,
        s.available,
        s.amount,
      ]),
    ).toEqual([
      ['guaranteed', '36000.00', '8000.00'],
      ['reserve', '28000.00', '2800.00'],
      ['monitored_households', '25200.00', '1260.00'],
      ['by_shares', '23940.00', '23940.00'],
    ])
    const amounts = Object.fromEntries(
      run.lines.map((l: { recipient: string; amount: string }) => [l.recipient, l.amount]),
    )
    expect(amounts).toEqual({
      [`village:${LIMENGDE}`]: '25955.00',
      [`village:${QIUJIA}`]: '5985.00',
      reserve: '2800.00',
      monitored_households: '1260.00',
    })
    const qiujiaLine = run.lines.find((l: { villageCode: string | null }) => l.villageCode === QIUJIA)
    expect(qiujiaLine.voucher).toMatchObject({ ledgerId: qiujia.ledgerId, voucherStatus: 'draft' })
    const voucher = await as(t, qiujia.bookkeeper).get(
      `/v1/ledgers/${qiujia.ledgerId}/vouchers/${qiujiaLine.voucher.voucherId}`,
    )
    expect(voucher.lines.map((l: { account: string }) => l.account)).toEqual(['112', '502'])
    expect(voucher.totals.debit).toBe('5985.00')
    expect(voucher.origin).toMatchObject({ kind: 'funds.distribution', refs: { runId: run.id } })

    const again = await as(t, keys.village).get(`/v1/projects/${projectId}/distributions/${run.id}`)
    expect(again.reproduced).toBe(true)
    expect(again.stages).toEqual(run.stages)
  })

  it('traces every yuan and derives the figures from the records', async () => {
    const trace = await as(t, keys.township).get(`/v1/fund-sources/${sourceId}/trace`)
    expect(trace.totals).toEqual({
      amount: '1000000.00',
      allocated: '40000.00',
      disbursed: '40000.00',
      booked: '16000.00',
      allocatedNotDisbursed: '0.00',
      available: '960000.00',
      reconciles: true,
    })
    expect(
      trace.disbursements.map((d: { voucher: { voucherStatus: string } }) => d.voucher.voucherStatus),
    ).toEqual(['posted', 'draft', 'draft'])
    const projectTrace = await as(t, keys.county).get(`/v1/projects/${projectId}/trace`)
    expect(projectTrace.moneyIn).toMatchObject([
      { fundSourceId: sourceId, allocated: '40000.00', disbursed: '40000.00' },
    ])
    expect(
      projectTrace.moneyOut.map((m: { planned: string; disbursed: string }) => [m.planned, m.disbursed]),
    ).toEqual([
      ['16000.00', '16000.00'],
      ['22000.00', '22000.00'],
      ['2000.00', '2000.00'],
    ])
    expect(projectTrace.totals).toEqual({
      allocated: '40000.00',
      disbursed: '40000.00',
      revenue: '36000.00',
      distributedToVillages: '31940.00',
    })

    const stats = await as(t, keys.county).get('/v1/stats/funds?within=370322&year=2024')
    expect(stats).toMatchObject({
      pooled: {
        total: '1000000.00',
        sources: 1,
        byKind: [{ kind: 'collective_economy_support', amount: '1000000.00' }],
      },
      disbursed: '40000.00',
      revenue: '36000.00',
      distributedToVillages: '31940.00',
      villagesReceiving: 2,
    })
    expect(stats.projects.byCategory.find((c: { category: string }) => c.category === 'industry')).toEqual({
      category: 'industry',
      count: 1,
      budget: '40000.00',
    })
    // Another county's figures do not include this one's.
    expect((await t.call('GET', '/v1/stats/funds?within=370323&year=2024')).json().pooled.total).toBe('0.00')
  })

  it('shows a payment whose voucher the village reversed as reversed, no longer booked', async () => {
    const [first] = (await as(t, keys.township).get(`/v1/projects/${projectId}/disbursements`)).items
    await as(t, limengde.bookkeeper).post(
      `/v1/ledgers/${limengde.ledgerId}/vouchers/${first.voucher.voucherId}/reverse`,
      { date: '2024-04-01' },
    )
    const [after] = (await as(t, keys.township).get(`/v1/projects/${projectId}/disbursements`)).items
    expect(after).toMatchObject({ id: first.id, status: 'reversed', voucher: { voucherStatus: 'reversed' } })
    expect((await as(t, keys.township).get(`/v1/fund-sources/${sourceId}/trace`)).totals.booked).toBe('0.00')
  })

  it('shows the project on the public noticeboard without a key', async () => {
    const listed = await t.call('GET', `/v1/public/projects?within=${TOWNSHIP}`, { key: null })
    expect(listed.statusCode, listed.body).toBe(200)
    const item = listed.json().items.find((p: { id: string }) => p.id === projectId)
    expect(item).toMatchObject({
      name: '黑牛养殖项目',
      status: 'operating',
      funds: [
        { name: '2024年扶持壮大村级集体经济资金', documentNo: '鲁财农指〔2024〕8号', allocated: '40000.00' },
      ],
    })
    const one = await t.call('GET', `/v1/public/projects/${projectId}`, { key: null })
    expect(one.json().targets[0]).toMatchObject({
      indicator: '新建牛舍',
      actuals: [{ period: '2024', actual: '2' }],
    })
  })
})
