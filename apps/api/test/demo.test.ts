import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { demoDataset } from '../src/demo/dataset.js'
import { ADMIN_KEY } from './helpers.js'

let app: FastifyInstance
let drop: (() => Promise<void>) | undefined
beforeAll(async () => {
  const adminUrl = process.env.LIANCUN_TEST_PG_URL
  const database = adminUrl ? await createEmptyPostgresDatabase(adminUrl) : null
  drop = database?.drop
  app = await buildApp(testConfig({ demo: true, bootstrapKey: ADMIN_KEY, databaseUrl: database?.url }))
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
    expect(matters.items).toHaveLength(1)
    const matter = await get(`/v1/matters/${matters.items[0].id}`)
    expect(matter).toMatchObject({ state: 'closed', implementation: 'completed' })
    expect(matter.meetings.map((m: { outcome: string }) => m.outcome)).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
    ])
    const published = await app.inject({ method: 'GET', url: '/v1/public/villages/370323104201/disclosures' })
    expect(published.json().items.map((d: { kind: string }) => d.kind)).toEqual(['result', 'resolution'])
  })

  it('holds the 蓑衣樊 council’s sessions, with a resolution closed one by one', async () => {
    const published = await app.inject({ method: 'GET', url: '/v1/public/villages/370322105201/disclosures' })
    expect(published.json().councilResolutions).toEqual([
      expect.objectContaining({ owner: '村委会主任', status: 'closed' }),
    ])
  })

  it('records the partner with a deliberately wrong USCC check character as a warning', async () => {
    const partners = await get('/v1/partners?within=370304')
    const hualv = partners.items.find((p: { name: string }) => p.name.startsWith('山东华旅'))
    expect(hualv.usccWarnings).toEqual(['check_character_mismatch'])
  })
})
