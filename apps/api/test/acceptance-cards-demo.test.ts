import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { ADMIN_KEY, migratedPglite } from './helpers.js'

/**
 * The demo's accepted project (黑牛养殖园区, accepted 2024-06-24 with 确权 to 李孟德村 75% and
 * 仇家村 25%) shows its asset cards from 确权 in both registers — made by the 确权 workflows when
 * the registers are opened after the acceptance, not by hand — and its 先建后补 money paid on 2025-01-08 is moved out of 241 by a draft.
 */
const LIMENGDE = '370322104203'
const QIUJIA = '370322104201'
let app: FastifyInstance
let drop: (() => Promise<void>) | undefined
beforeAll(async () => {
  const adminUrl = process.env.LIANCUN_TEST_PG_URL
  const database = adminUrl ? await createEmptyPostgresDatabase(adminUrl) : null
  drop = database?.drop
  app = await buildApp(testConfig({ demo: true, bootstrapKey: ADMIN_KEY, databaseUrl: database?.url }), {
    ...(database ? {} : { database: await migratedPglite() }),
  })
}, 600_000)
afterAll(async () => {
  await app.close()
  await drop?.()
})

async function heiniu() {
  const page = await app.services.funds.listProjects({ within: '370322104', limit: 100, after: null })
  return page.items.find((p) => p.name === '李孟德村黑牛养殖园区')!
}

describe('demo: 黑牛’s asset cards from 确权', () => {
  it('has one card per owning collective, at its value, with the co-owner’s share', async () => {
    const project = await heiniu()
    for (const [village, other, cost, own, theirs] of [
      [LIMENGDE, QIUJIA, 75_000_000n, 3n, 1n],
      [QIUJIA, LIMENGDE, 25_000_000n, 1n, 3n],
    ] as const) {
      const [registers] = (
        await app.services.collective.listCollectives({ within: village, limit: 10, after: null })
      ).items
      const cards = (await app.services.collective.listAssets(registers!.id, { limit: 50, after: null }))
        .items
      const sheds = cards.filter((c) => c.projectIds.includes(project.id))
      expect(sheds).toHaveLength(1)
      expect(sheds[0]).toMatchObject({
        name: '黑牛养殖园区标准化牛舍（4栋）',
        assetClass: 'operating',
        cost,
        acquiredOn: '2024-06-24',
        location: project.location,
        fundSourceIds: project.funding.map((f) => f.fundSourceId),
      })
      expect(sheds[0]!.owners).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ holderKind: 'collective', holderId: registers!.id, units: own }),
          expect.objectContaining({ holderKind: 'village', holderId: other, units: theirs }),
        ]),
      )
    }
  })

  it('drafts the 2025 先建后补 payment out of 241 (Dr 241 / Cr 153) and counts it as received', async () => {
    const project = await heiniu()
    const titles = await app.services.funds.assetTitles(project.id)
    const [ledger] = await app.services.ledger.ledgersOfVillages([LIMENGDE])
    expect(titles.entries.find((e) => e.ledgerId === ledger!.id)).toMatchObject({
      owned: 75_000_000n,
      received: 95_000_000n,
    })
    const page = await app.services.ledger.listVouchers(ledger!.id, {
      status: 'draft',
      from: '2025-01',
      to: '2025-01',
      limit: 100,
      after: null,
    })
    const settled = page.items.filter(
      (v) => v.origin?.kind === 'funds.asset_title' && v.origin.refs.disbursementId,
    )
    expect(settled).toHaveLength(1)
    expect(settled[0]).toMatchObject({ status: 'draft', date: '2025-01-08' })
    expect(settled[0]!.lines.map((l) => [l.account.slice(0, 3), l.debit || null, l.credit || null])).toEqual([
      ['241', 95_000_000n, null],
      ['153', null, 95_000_000n],
    ])
  })
})
