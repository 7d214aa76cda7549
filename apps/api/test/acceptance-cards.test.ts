import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assetCardsFromTitle } from '../src/workflows/asset-cards-from-title.js'
import { titleCardsForRegisters } from '../src/workflows/title-cards-for-registers.js'
import { as, LIMENGDE, QIUJIA, reviewedProject, sourceBody, TOWNSHIP } from './funds-fixtures.js'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'
import { decidedMatter } from './money-fixtures.js'

/**
 * Issue 13 "Cards are created from project acceptance (确权)": accepting a project with
 * `acceptance.assets` creates, in the acceptance's transaction, an asset card in the register of
 * each owning village collective (its value as cost, the lineage, co-owners and shares); a village
 * whose registers are not open yet is skipped and gets its cards when they are opened; 到户类
 * assets get no card (reference §1.5); nothing is duplicated on a replay; and the reconciliation
 * agrees once the 确权 vouchers are posted.
 */
let t: TestApp
const keys = { village: '', township: '', county: '' }
let limengde: Awaited<ReturnType<typeof villageBooks>>
let qiujia: Awaited<ReturnType<typeof villageBooks>>
let projectId = ''
let sourceId = ''

const url = (path = '') => `/v1/projects/${projectId}${path}`
const step = (body: object, key = keys.township) => t.call('POST', url('/transitions'), { key, body })
const shares = [{ holder: { villageCode: LIMENGDE }, contribution: 'land', valuation: '300000.00' }]
const ASSETS = [
  {
    name: '标准化牛舍（2栋）',
    assetClass: 'operating',
    cost: '30000.00',
    owners: [
      { villageCode: LIMENGDE, value: '20000.00' },
      { villageCode: QIUJIA, value: '10000.00' },
    ],
    location: '唐坊镇李孟德村北养殖区',
    manager: '李孟德村黑牛养殖专业合作社',
    usefulLifeMonths: 240,
  },
  {
    name: '到户养殖棚',
    assetClass: 'household',
    cost: '10000.00',
    owners: [{ household: { villageCode: LIMENGDE, ref: '1组李建国户' }, value: '10000.00' }],
  },
]
const accept = (over: object = {}, key = keys.township) =>
  step(
    {
      to: 'accepted',
      note: '验收',
      on: '2024-09-11',
      acceptance: { assetClass: 'operating', shares, assets: ASSETS, ...over },
    },
    key,
  )

const cardsOf = async (id: string) =>
  (await as(t, keys.township).get(`/v1/collectives/${id}/assets?asOf=2024-09-30`)).items

async function registersOf(villageCode: string) {
  const page = await as(t, keys.township).get(`/v1/collectives?within=${villageCode}`)
  return page.items as { id: string; ledgerId: string; villageCode: string }[]
}

beforeAll(async () => {
  t = await startTestApp('2024-12-31')
  await seedDivisions(t)
  keys.village = await t.mintKey('clerk', LIMENGDE)
  keys.township = await t.mintKey('fund_manager', TOWNSHIP)
  keys.county = await t.mintKey('fund_manager', '370322')
  limengde = await villageBooks(t, LIMENGDE, 'MA3C4D5E')
  qiujia = await villageBooks(t, QIUJIA, 'MA3Q1J2A')
  // 李孟德村 opened its registers already; 仇家村 has a ledger but no registers yet.
  await as(t, limengde.bookkeeper).post('/v1/collectives', { ledgerId: limengde.ledgerId })

  const source = await as(t, keys.township).post('/v1/fund-sources', sourceBody())
  sourceId = source.id
  const matter = await decidedMatter(t, LIMENGDE, { category: 'collective_project', amount: '40000.00' })
  projectId = await reviewedProject(t, keys)
  const approved = await t.call('POST', url('/transitions'), {
    key: keys.county,
    body: { to: 'approved', note: '县审定', on: '2024-03-20', decisionRef: matter },
  })
  if (approved.statusCode !== 200) throw new Error(approved.body)
  await as(t, keys.township).post(url('/allocations'), { fundSourceId: sourceId, amount: '40000.00' })
  const plan = await as(t, keys.township).post(url('/payment-plan'), {
    tranches: [{ label: '一次拨付', trigger: 'start', percent: '100.00' }],
  })
  expect((await step({ to: 'started', note: '开工', on: '2024-03-21' })).statusCode).toBe(200)
  await as(t, keys.township).post(url('/disbursements'), {
    trancheId: plan.tranches[0].id,
    fundSourceId: sourceId,
    amount: '40000.00',
    ledgerId: limengde.ledgerId,
    date: '2024-03-25',
  })
  await as(t, keys.township).post(url('/notices'), {
    stage: 'completion',
    from: '2024-09-01',
    channels: ['村务公开栏'],
  })
}, 300_000)
afterAll(() => t.close())

describe('asset cards from 确权 (issue 13)', () => {
  it('refuses a bad useful life (400), a caller without a key (401) and a village clerk (403)', async () => {
    const bad = problem(await accept({ assets: [{ ...ASSETS[0], usefulLifeMonths: 0 }, ASSETS[1]] }), 400)
    expect(JSON.stringify(bad.errors)).toContain('usefulLifeMonths')
    const anonymous = await t.call('POST', url('/transitions'), {
      key: null,
      body: {
        to: 'accepted',
        note: '验收',
        on: '2024-09-11',
        acceptance: { assetClass: 'operating', shares },
      },
    })
    expect(anonymous.statusCode).toBe(401)
    problem(await accept({}, keys.village), 403)
    // Refused acceptance left nothing behind: 仇家村 still has no registers.
    expect(await registersOf(QIUJIA)).toEqual([])
  })

  it('creates the owning collective’s card in the acceptance, skipping 仇家村 (no registers)', async () => {
    const accepted = await accept()
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(await registersOf(QIUJIA)).toEqual([])
    const [mine] = await registersOf(LIMENGDE)
    const [shed, ...none] = await cardsOf(mine!.id)
    expect(none).toEqual([]) // the 到户类 棚 belongs to the household: no collective card
    expect(shed).toMatchObject({
      name: '标准化牛舍（2栋）',
      category: 'fixed',
      assetClass: 'operating',
      cost: '20000.00',
      acquiredOn: '2024-09-11',
      location: '唐坊镇李孟德村北养殖区',
      manager: '李孟德村黑牛养殖专业合作社',
      fundSourceIds: [sourceId],
      projectIds: [projectId],
      depreciation: { method: 'straight_line', usefulLifeMonths: 240 },
    })
    // Owners and shares of the asset: 20,000 : 10,000 as units 2 : 1.
    expect(shed.owners).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ holderKind: 'collective', holderId: mine!.id, units: '2' }),
        expect.objectContaining({ holderKind: 'village', holderId: QIUJIA, units: '1' }),
      ]),
    )
  })

  it('never duplicates: a replayed acceptance is refused, a re-run of the workflow keeps the cards', async () => {
    const again = await accept()
    expect(again.statusCode).toBeGreaterThanOrEqual(400)
    expect(again.statusCode).toBeLessThan(500)
    const services = t.app.services
    const project = await services.funds.getProject(projectId)
    const titles = await services.funds.assetTitles(projectId)
    const rerun = await assetCardsFromTitle(services, project, titles, undefined, '2024-09-11', 'test')
    expect(rerun.cards.map((r) => [r.ledgerId, r.created, r.cards.length])).toEqual([
      [limengde.ledgerId, 0, 1],
    ])
    expect(rerun.cards[0]!.voucherId).toBe(
      titles.entries.find((e) => e.ledgerId === limengde.ledgerId)!.voucherId,
    )
    expect(rerun.skipped).toEqual([
      { ledgerId: qiujia.ledgerId, villageCode: QIUJIA, reason: 'no_registers' },
    ])
    const [mine] = await registersOf(LIMENGDE)
    expect(await cardsOf(mine!.id)).toHaveLength(1)
  })

  it('gives 仇家村 its card when its registers are opened, and never twice', async () => {
    const opened = await as(t, qiujia.bookkeeper).post('/v1/collectives', { ledgerId: qiujia.ledgerId })
    const project = await t.app.services.funds.getProject(projectId)
    // Opening the registers (POST /v1/collectives) made the card 确权 owed them.
    const [theirs, ...none] = await cardsOf(opened.id)
    expect(none).toEqual([])
    // What acceptance alone knew (location, manager, life) is not kept by the funds domain: the
    // project's location, no manager, no depreciation until the bookkeeper sets the terms.
    expect(theirs).toMatchObject({
      cost: '10000.00',
      acquiredOn: '2024-09-11',
      projectIds: [projectId],
      fundSourceIds: [sourceId],
      location: project.location,
      depreciation: { method: 'none', usefulLifeMonths: null },
    })
    expect(theirs.owners).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ holderKind: 'collective', holderId: opened.id, units: '1' }),
        expect.objectContaining({ holderKind: 'village', holderId: LIMENGDE, units: '2' }),
      ]),
    )
    const again = await titleCardsForRegisters(t.app.services, opened.id, 'test')
    expect(again.map((r) => r.created)).toEqual([0])
    expect(await cardsOf(opened.id)).toHaveLength(1)
  })

  it('agrees with the books once the 确权 vouchers are posted', async () => {
    const titles = await t.app.services.funds.assetTitles(projectId)
    const reviewerOf = { [limengde.ledgerId]: limengde.reviewer, [qiujia.ledgerId]: qiujia.reviewer }
    for (const entry of titles.entries) {
      await as(t, reviewerOf[entry.ledgerId]).post(
        `/v1/ledgers/${entry.ledgerId}/vouchers/${entry.voucherId}/post`,
        {},
        200,
      )
    }
    for (const village of [LIMENGDE, QIUJIA]) {
      const [registers] = await registersOf(village)
      const report = await as(t, keys.township).get(
        `/v1/collectives/${registers!.id}/asset-reconciliation?period=2024-09`,
      )
      expect(report.agrees, JSON.stringify(report)).toBe(true)
      expect(report.rows.find((r: { account: string }) => r.account === '151').register).toBe(
        village === LIMENGDE ? '20000.00' : '10000.00',
      )
    }
  })
})
