import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { demoDataset } from '../src/demo/dataset.js'
import { ADMIN_KEY, migratedPglite } from './helpers.js'

let app: FastifyInstance
let drop: (() => Promise<void>) | undefined
beforeAll(async () => {
  const adminUrl = process.env.LIANCUN_TEST_PG_URL
  const database = adminUrl ? await createEmptyPostgresDatabase(adminUrl) : null
  drop = database?.drop
  app = await buildApp(testConfig({ demo: true, bootstrapKey: ADMIN_KEY, databaseUrl: database?.url }), {
    ...(database ? {} : { database: await migratedPglite() }),
  })
})
afterAll(async () => {
  await app.close()
  await drop?.()
})

const get = async (url: string) => {
  const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${ADMIN_KEY}` } })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

describe('demo dataset (淄博, seed 001)', () => {
  it('loads every alliance with its members through the domain rules', async () => {
    const stats = await get('/v1/stats/alliances?within=3703&asOf=2024-06-30')
    expect(stats.alliances.total).toBe(demoDataset.alliances.length)
    expect(stats.alliances.byMode).toMatchObject({
      strong_leads_weak: 3,
      mutual_aid: 3,
      village_enterprise: 3,
      urban_rural: 2,
    })
    expect(stats.villages.total).toBeGreaterThan(stats.villages.covered)
    expect(stats.villages.under500.total).toBeGreaterThan(stats.villages.under500.covered)
  })

  it('shows the 王营 secretary serving 张旺 (跨村任职) and holding both posts at home (一肩挑)', async () => {
    const zhutai = demoDataset.divisions.filter((d) => d.code.startsWith('370305104') && d.kind === 'village')
    const wangying = zhutai.find((d) => d.name === '王营村')!.code
    const zhangwang = zhutai.find((d) => d.name === '张旺村')!.code
    expect((await get(`/v1/villages/${wangying}/posts?asOf=2024-06-30`)).secretaryIsChair).toBe(true)
    const posts = await get(`/v1/villages/${zhangwang}/posts?asOf=2024-06-30`)
    expect(posts.posts[0]).toMatchObject({
      title: 'secretary',
      crossVillage: true,
      personVillageCode: wangying,
    })
    const appointments = await get('/v1/cross-village-appointments?within=370305&asOf=2024-06-30')
    expect(
      appointments.items.map((a: { kind: string; villageCode: string | null }) => [a.kind, a.villageCode]),
    ).toEqual([
      ['village_post', zhangwang],
      ['alliance_post', null],
    ])
    const alliance = await get(`/v1/villages/${zhangwang}/alliance?asOf=2024-06-30`)
    expect(alliance.alliance).toMatchObject({ form: '1+1', villageCount: 2 })
  })

  it('keeps a year of books for 李孟德村 and 仇家村, closed, disclosed and linked', async () => {
    const ledgers = (await get('/v1/ledgers?within=370322104')).items
    expect(ledgers.map((l: { villageCode: string }) => l.villageCode).sort()).toEqual([
      '370322104201',
      '370322104203',
    ])
    for (const ledger of ledgers) {
      const tb = await get(`/v1/ledgers/${ledger.id}/trial-balance?from=2024-01&to=2024-12`)
      expect(tb.totals.closingDebit).toBe(tb.totals.closingCredit)
      expect((await get(`/v1/ledgers/${ledger.id}/integrity`)).valid).toBe(true)
      expect((await get(`/v1/ledgers/${ledger.id}/balance-sheet?period=2024-12`)).balanced).toBe(true)
    }
    const disclosures = await app.inject({
      method: 'GET',
      url: '/v1/public/villages/370322104203/financial-disclosures',
    })
    expect(disclosures.json().items.map((d: { period: string }) => d.period)).toEqual([
      '2024-Q4',
      '2024-Q3',
      '2024-Q2',
      '2024-Q1',
    ])
    expect((await get('/v1/ledger-links?within=370322104&unmatched=true')).items).toEqual([])
  })

  it('carries the 朱家户 land matter through all six steps, on the public record', async () => {
    const matters = await get('/v1/matters?within=370323104201')
    // The land matter, and the project matter decided at the same meetings (demo/funds.ts).
    expect(matters.items.map((m: { category: string }) => m.category).sort()).toEqual([
      'collective_project',
      'land_contracting',
    ])
    const land = matters.items.find((m: { category: string }) => m.category === 'land_contracting')
    const matter = await get(`/v1/matters/${land.id}`)
    expect(matter).toMatchObject({ state: 'closed', implementation: 'completed' })
    expect(matter.meetings.map((m: { outcome: string }) => m.outcome)).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
    ])
    const published = await app.inject({ method: 'GET', url: '/v1/public/villages/370323104201/disclosures' })
    expect(
      published
        .json()
        .items.map((d: { kind: string }) => d.kind)
        .sort(),
    ).toEqual(['resolution', 'resolution', 'result'])
  })

  it('holds the 蓑衣樊 council’s sessions, with a resolution closed one by one', async () => {
    const published = await app.inject({ method: 'GET', url: '/v1/public/villages/370322105201/disclosures' })
    expect(published.json().councilResolutions).toEqual([
      expect.objectContaining({ owner: '村委会主任', status: 'closed' }),
    ])
  })

  describe('project funds (seed 001 §二(二)(三))', () => {
    const publicProjects = async () => {
      const response = await app.inject({ method: 'GET', url: '/v1/public/projects?limit=100' })
      expect(response.statusCode, response.body).toBe(200)
      return response.json().items as { id: string; name: string; status: string; targets: unknown[] }[]
    }
    const projectNamed = async (name: string) => {
      const project = (await publicProjects()).find((p) => p.name.includes(name))
      expect(project, name).toBeDefined()
      return project!
    }

    it('pools the 6,000万 of 朱家户 and counts the projects in 淄博', async () => {
      const zhujiahu = await get('/v1/stats/funds?within=370323104')
      expect(zhujiahu.pooled).toEqual({
        total: '60000000.00',
        sources: 4,
        byKind: [
          { kind: 'collective_economy_support', count: 1, amount: '3000000.00' },
          { kind: 'connection_fund', count: 1, amount: '24000000.00' },
          { kind: 'demonstration_award', count: 1, amount: '15000000.00' },
          { kind: 'integrated_agri_funds', count: 1, amount: '18000000.00' },
        ],
      })
      const sources = (await get('/v1/fund-sources?within=370323104')).items
      expect(sources.map((s: { holder: { kind: string } }) => s.holder.kind)).toEqual(
        Array(4).fill('alliance'),
      )
      const zibo = await get('/v1/stats/funds?within=3703')
      // 朱家户 60,000,000 + 瓦泉 4,000,000 + 高青县 3,000,000.
      expect(zibo.pooled.total).toBe('67000000.00')
      expect(zibo.projects.total).toBeGreaterThanOrEqual(3)
      expect(zibo.projects.byStatus).toEqual([
        { status: 'operating', count: 1 },
        { status: 'started', count: 2 },
      ])
      expect(zibo.distributedToVillages).toBe('319400.00')
      expect(zibo.villagesReceiving).toBe(2)
    })

    it('publishes the 香菇, 榛子 and 黑牛 projects with their targets', async () => {
      const projects = await publicProjects()
      expect(projects.map((p) => p.name).sort()).toEqual(
        ['朱家户香菇产业园（一期）', '李孟德村黑牛养殖园区', '瓦泉片区榛子产业园'].sort(),
      )
      expect((await projectNamed('香菇产业园')).targets).toContainEqual(
        expect.objectContaining({ indicator: '新建香菇大棚', unit: '个', target: '49' }),
      )
      expect((await projectNamed('榛子产业园')).targets).toContainEqual(
        expect.objectContaining({ indicator: '榛子种植', unit: '亩', target: '1300' }),
      )
      expect(await projectNamed('黑牛')).toMatchObject({ status: 'operating' })
    })

    it('approved the 香菇 project on the 朱家户 matter that decided it and booked its first payment', async () => {
      const { id } = await projectNamed('香菇产业园')
      const matter = (await get('/v1/matters?within=370323104201')).items.find(
        (m: { category: string }) => m.category === 'collective_project',
      )
      expect(matter).toMatchObject({ amount: '7800000.00', projects: [id] })
      const steps = (await get(`/v1/projects/${id}/transitions`)).items
      expect(steps.map((s: { to: string }) => s.to)).toEqual(['submitted', 'reviewed', 'approved', 'started'])
      const approval = steps.find((s: { to: string }) => s.to === 'approved')
      expect(approval.decisionRef).toBe(matter.id)
      expect(approval.gate.decision).toEqual({ ref: matter.id, kind: 'matter', satisfied: true, missing: [] })
      expect(approval.gate.notice).toMatchObject({ until: '2019-04-18' })
      expect(approval.gate.authorisation).toMatchObject({ ref: matter.id, slot: id })
      const paid = (await get(`/v1/projects/${id}/disbursements`)).items
      expect(paid).toHaveLength(1)
      expect(paid[0]).toMatchObject({
        amount: '3120000.00',
        status: 'booked',
        voucher: { voucherStatus: 'posted' },
      })
    })

    it('shares the 黑牛 project’s 2024 revenue with 李孟德村 and 仇家村 through draft vouchers', async () => {
      const { id } = await projectNamed('黑牛')
      const project = await get(`/v1/projects/${id}`)
      expect(project.acceptance.shares).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ holder: 'village:370322104203', valuation: '300000.00' }),
          expect.objectContaining({ holder: 'village:370322104201', valuation: '100000.00' }),
        ]),
      )
      const trace = await get(`/v1/projects/${id}/trace`)
      expect(trace.revenues).toHaveLength(1)
      const { distribution } = trace.revenues[0]
      expect(distribution.date).toBe('2025-01-10')
      const villages = distribution.lines.filter(
        (l: { villageCode: string | null }) => l.villageCode !== null,
      )
      expect(
        villages.map((l: { villageCode: string; amount: string }) => [l.villageCode, l.amount]).sort(),
      ).toEqual([
        ['370322104201', '59850.00'],
        ['370322104203', '259550.00'],
      ])
      const ledgers = (await get('/v1/ledgers?within=370322104')).items as {
        id: string
        villageCode: string
      }[]
      for (const line of villages) {
        expect(line.voucher.voucherId).toEqual(expect.any(String))
        expect(line.voucher).toMatchObject({
          voucherStatus: 'draft',
          ledgerId: ledgers.find((l) => l.villageCode === line.villageCode)!.id,
        })
      }
      expect(trace.totals).toMatchObject({ revenue: '360000.00', distributedToVillages: '319400.00' })
      // The acceptance tranche went into 李孟德村's bank sub-account (10201), as a draft.
      const paid = trace.moneyOut[0].disbursements[0]
      expect(paid).toMatchObject({ amount: '950000.00', voucher: { voucherStatus: 'draft' } })
      const voucher = await get(`/v1/ledgers/${paid.voucher.ledgerId}/vouchers/${paid.voucher.voucherId}`)
      expect(voucher.lines.map((l: { account: string }) => l.account)).toEqual(['10201', '241'])
    })

    it('distributed the 黑牛 revenue on its decided plan, booking the reserve and the households’ payables', async () => {
      const { id } = await projectNamed('黑牛')
      const trace = await get(`/v1/projects/${id}/trace`)
      const { distribution } = trace.revenues[0]
      const kept = distribution.lines.filter((l: { villageCode: string | null }) => l.villageCode === null)
      expect(kept.map((l: { recipient: string; amount: string }) => [l.recipient, l.amount]).sort()).toEqual([
        ['monitored_households', '12600.00'],
        ['reserve', '28000.00'],
      ])
      const [reserve, monitored] = kept
      expect(reserve.voucher.voucherId).toBe(monitored.voucher.voucherId)
      const voucher = await get(
        `/v1/ledgers/${reserve.voucher.ledgerId}/vouchers/${reserve.voucher.voucherId}`,
      )
      expect(voucher.status).toBe('draft')
      expect(
        voucher.lines.map((l: { account: string; debit: string; credit: string }) => [
          l.account.slice(0, 3),
          l.debit,
          l.credit,
        ]),
      ).toEqual([
        ['112', '40600.00', null],
        ['502', null, '40600.00'],
        ['322', '40600.00', null],
        ['311', null, '28000.00'],
        ['211', null, '4200.00'],
        ['211', null, '4200.00'],
        ['211', null, '4200.00'],
      ])
      const run = await app.services.funds.getRun(distribution.runId)
      expect(run.decision).toMatchObject({
        kind: 'matter',
        category: 'collective_income_use',
        amount: '360000.00',
      })
    })

    it('recorded 确权 of the 黑牛 sheds at acceptance, drafted in both owners’ books', async () => {
      const { id } = await projectNamed('黑牛')
      const titles = await app.services.funds.assetTitles(id)
      expect(titles.assets).toMatchObject([
        {
          assetClass: 'operating',
          cost: 100_000_000n,
          owners: [
            { owner: 'village:370322104201', value: 25_000_000n, sharePercent: '25.00' },
            { owner: 'village:370322104203', value: 75_000_000n, sharePercent: '75.00' },
          ],
        },
      ])
      expect(titles.entries).toHaveLength(2)
      for (const entry of titles.entries) {
        const voucher = await get(`/v1/ledgers/${entry.ledgerId}/vouchers/${entry.voucherId}`)
        expect(voucher).toMatchObject({ status: 'draft', date: '2025-01-06' })
        expect(voucher.lines.map((l: { account: string }) => l.account.slice(0, 3))).toEqual(['151', '311'])
      }
    })
  })

  it('records the partner with a deliberately wrong USCC check character as a warning', async () => {
    const partners = await get('/v1/partners?within=370304')
    const hualv = partners.items.find((p: { name: string }) => p.name.startsWith('山东华旅'))
    expect(hualv.usccWarnings).toEqual(['check_character_mismatch'])
  })
})
