import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approvedProject, as, LIMENGDE, projectBody, sourceBody, TOWNSHIP } from './funds-fixtures.js'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'

/**
 * Who may touch the money: every non-public funds route needs a key (401), and a key acts only
 * with its role, inside its scope and at the level a step needs (403) — recording nothing when
 * refused. The public noticeboard answers without a key and shows no personal data.
 */
let t: TestApp
const OTHER_TOWNSHIP = '370322105'
const UNKNOWN = '01900000-0000-7000-8000-000000000000'
const keys = {
  village: '',
  villageManager: '',
  township: '',
  otherTownship: '',
  county: '',
  bookkeeper: '',
  auditor: '',
  otherCounty: '',
  alliance: '',
}
let limengde: Awaited<ReturnType<typeof villageBooks>>
let allianceId: string
/** Held by 唐坊镇 (370322104), by 常家镇 (370322105) and by the alliance of 唐坊镇. */
const sources = { own: '', other: '', alliance: '' }
let projectId: string
let trancheId: string

beforeAll(async () => {
  t = await startTestApp('2024-12-31')
  await seedDivisions(t)
  allianceId = (
    await as(t).post('/v1/alliances', {
      name: '黑牛盒马联村党委',
      townshipCode: TOWNSHIP,
      mode: 'mutual_aid',
      level: 'party_committee',
      establishedOn: '2020-01-01',
    })
  ).id
  keys.village = await t.mintKey('clerk', LIMENGDE)
  keys.villageManager = await t.mintKey('fund_manager', LIMENGDE)
  keys.township = await t.mintKey('fund_manager', TOWNSHIP)
  keys.otherTownship = await t.mintKey('fund_manager', OTHER_TOWNSHIP)
  keys.county = await t.mintKey('fund_manager', '370322')
  keys.bookkeeper = await t.mintKey('bookkeeper', '370322')
  keys.auditor = await t.mintKey('auditor', '370322')
  keys.otherCounty = await t.mintKey('fund_manager', '370323')
  keys.alliance = await t.mintKey('fund_manager', allianceId)
  limengde = await villageBooks(t, LIMENGDE, 'MA3C4D5E')

  sources.own = (await as(t, keys.township).post('/v1/fund-sources', sourceBody())).id
  sources.other = (
    await as(t, keys.otherTownship).post(
      '/v1/fund-sources',
      sourceBody({ name: '常家镇衔接资金', holder: { kind: 'township', code: OTHER_TOWNSHIP } }),
    )
  ).id
  sources.alliance = (
    await as(t, keys.alliance).post(
      '/v1/fund-sources',
      sourceBody({ name: '联村党委统筹资金', holder: { kind: 'alliance', id: allianceId } }),
    )
  ).id
  projectId = await approvedProject(t, keys)
  await as(t, keys.township).post(`/v1/projects/${projectId}/allocations`, {
    fundSourceId: sources.own,
    amount: '40000.00',
  })
  trancheId = (
    await as(t, keys.township).post(`/v1/projects/${projectId}/payment-plan`, {
      tranches: [{ label: '一次拨付', trigger: 'start', percent: '100.00' }],
    })
  ).tranches[0].id
  await as(t, keys.township).post(
    `/v1/projects/${projectId}/transitions`,
    { to: 'started', note: '开工', on: '2024-03-01' },
    200,
  )
})
afterAll(() => t.close())

const call = (key: string | null, method: string, url: string, body?: unknown) =>
  t.call(method, url, { key, ...(body === undefined ? {} : { body }) })
const forbidden = async (key: string, method: string, url: string, body?: unknown) =>
  problem(await call(key, method, url, body), 403, 'auth.forbidden')
const source = (id: string) => as(t).get(`/v1/fund-sources/${id}`)

/** Valid bodies of the writes: a refusal is then for who is asking, nothing else. */
const bodies = () => ({
  source: sourceBody(),
  project: projectBody({ name: '另一个项目' }),
  allocation: { fundSourceId: sources.own, amount: '100.00' },
  plan: { tranches: [{ label: '一次拨付', trigger: 'start', percent: '100.00' }] },
  disbursement: {
    trancheId,
    fundSourceId: sources.own,
    amount: '100.00',
    ledgerId: limengde.ledgerId,
    date: '2024-03-05',
  },
  revenue: { period: '2024', amount: '100.00', receivedOn: '2024-12-20' },
  distribution: { revenueId: UNKNOWN, policy: { version: '2024-1', shortfall: 'pro_rata' } },
  milestone: { metOn: '2024-07-15', evidence: '核验记录' },
  notice: { stage: 'completion', from: '2024-09-01', channels: ['村务公开栏'] },
  result: { indicator: '新建牛舍', period: '2024', actual: '2' },
  rules: { effectiveFrom: '2024-01-01', noticeDays: 15 },
})

describe('funds — a key is needed on every route but the public noticeboard', () => {
  const routes = (): [string, string, unknown?][] => {
    const b = bodies()
    const p = `/v1/projects/${projectId}`
    return [
      ['POST', '/v1/fund-sources', b.source],
      ['GET', '/v1/fund-sources'],
      ['GET', `/v1/fund-sources/${sources.own}`],
      ['GET', `/v1/fund-sources/${sources.own}/trace`],
      ['PUT', '/v1/funds/rules/370322', b.rules],
      ['GET', '/v1/funds/rules/370322'],
      ['GET', '/v1/stats/funds'],
      ['POST', '/v1/projects', b.project],
      ['GET', '/v1/projects'],
      ['GET', p],
      ['GET', `${p}/transitions`],
      ['POST', `${p}/transitions`, { to: 'accepted', note: '验收' }],
      ['POST', `${p}/notices`, b.notice],
      ['POST', `${p}/results`, b.result],
      ['POST', `${p}/allocations`, b.allocation],
      ['POST', `${p}/payment-plan`, b.plan],
      ['POST', `${p}/tranches/${trancheId}/milestone`, b.milestone],
      ['POST', `${p}/disbursements`, b.disbursement],
      ['GET', `${p}/disbursements`],
      ['POST', `${p}/revenues`, b.revenue],
      ['POST', `${p}/distributions`, b.distribution],
      ['GET', `${p}/distributions/${UNKNOWN}`],
      ['GET', `${p}/trace`],
    ]
  }

  it('answers 401 auth.missing_key without a key, and auth.invalid_key with an unknown one', async () => {
    for (const [method, url, body] of routes()) {
      const missing = await call(null, method, url, body)
      problem(missing, 401, 'auth.missing_key')
      expect(missing.headers['www-authenticate'], `${method} ${url}`).toBe('Bearer')
      problem(await call('lc_not_a_key_0123456789abcdef', method, url, body), 401, 'auth.invalid_key')
    }
    expect(await source(sources.own)).toMatchObject({ allocated: '40000.00', disbursed: '0.00' })
    expect((await as(t).get('/v1/funds/rules/370322')).noticeDays).toBe(10)
    expect((await as(t).get(`/v1/projects/${projectId}/disbursements`)).items).toEqual([])
    expect((await as(t).get(`/v1/projects/${projectId}`)).notices).toHaveLength(1)
  })

  it('serves the public noticeboard without a key, past the library stage only, without personal data', async () => {
    const candidate = (await as(t, keys.village).post('/v1/projects', projectBody({ name: '库内项目' }))).id
    const listed = await call(null, 'GET', `/v1/public/projects?within=${TOWNSHIP}`)
    expect(listed.statusCode, listed.body).toBe(200)
    expect(listed.json().items.map((p: { id: string }) => p.id)).toEqual([projectId])
    problem(await call(null, 'GET', `/v1/public/projects/${candidate}`), 404, 'funds.project_not_found')

    const one = await call(null, 'GET', `/v1/public/projects/${projectId}`)
    expect(one.statusCode, one.body).toBe(200)
    const body = one.json()
    expect(Object.keys(body).sort()).toEqual(
      [
        'id',
        'name',
        'category',
        'status',
        'townshipCode',
        'location',
        'startOn',
        'endOn',
        'budget',
        'implementer',
        'beneficiaries',
        'benefitMechanism',
        'funds',
        'targets',
        'notices',
      ].sort(),
    )
    expect(Object.keys(body.funds[0]).sort()).toEqual(
      ['name', 'kind', 'level', 'documentNo', 'directFund', 'allocated', 'disbursed'].sort(),
    )
    expect(body.funds[0]).toMatchObject({ name: sourceBody().name, allocated: '40000.00' })
    // No key, actor or creator of any record, and none of the internal ids of sources.
    const text = one.body
    for (const hidden of ['createdBy', 'actor', 'keyId', 'apiKey', sources.own, 'lc_']) {
      expect(text, hidden).not.toContain(hidden)
    }
    expect(listed.json().items[0]).toEqual(body)
  })
})

describe('funds — a key acts only inside its scope and with its role', () => {
  it('keeps a township fund manager away from another township’s source, even for its own project', async () => {
    const before = (await as(t).get(`/v1/projects/${projectId}`)).allocated
    const refused = await forbidden(keys.township, 'POST', `/v1/projects/${projectId}/allocations`, {
      fundSourceId: sources.other,
      amount: '100.00',
    })
    expect(refused.context).toEqual({ scope: TOWNSHIP })
    await forbidden(keys.township, 'POST', `/v1/projects/${projectId}/disbursements`, {
      ...bodies().disbursement,
      fundSourceId: sources.other,
    })
    await forbidden(keys.township, 'GET', `/v1/fund-sources/${sources.other}`)
    await forbidden(keys.township, 'GET', `/v1/fund-sources/${sources.other}/trace`)
    await forbidden(keys.township, 'GET', `/v1/fund-sources?within=${OTHER_TOWNSHIP}`)
    await forbidden(
      keys.township,
      'POST',
      '/v1/fund-sources',
      sourceBody({ holder: { kind: 'township', code: OTHER_TOWNSHIP } }),
    )
    // …and the other township cannot reach this township's project with its own money.
    await forbidden(keys.otherTownship, 'POST', `/v1/projects/${projectId}/allocations`, {
      fundSourceId: sources.other,
      amount: '100.00',
    })

    expect(await source(sources.other)).toMatchObject({ allocated: '0.00', available: '1000000.00' })
    expect((await as(t).get(`/v1/projects/${projectId}`)).allocated).toBe(before)
    expect((await as(t).get(`/v1/projects/${projectId}/disbursements`)).items).toEqual([])
    const listed = (await as(t, keys.township).get('/v1/fund-sources')).items.map((s: { id: string }) => s.id)
    expect(listed.sort()).toEqual([sources.own, sources.alliance].sort())
    // The county reaches both townships' money.
    expect((await as(t, keys.county).get(`/v1/fund-sources/${sources.other}`)).id).toBe(sources.other)
  })

  it('takes each lifecycle step only at its level: village submits, township reviews, county approves', async () => {
    const project = await as(t, keys.village).post('/v1/projects', projectBody({ name: '分级审批项目' }))
    const step = (key: string, body: object) =>
      call(key, 'POST', `/v1/projects/${project.id}/transitions`, body)
    const steps = async () =>
      (await as(t).get(`/v1/projects/${project.id}/transitions`)).items.map((s: { to: string }) => s.to)
    await forbidden(keys.otherTownship, 'POST', `/v1/projects/${project.id}/transitions`, {
      to: 'submitted',
      note: '申报',
      on: '2024-01-10',
    })
    expect((await step(keys.village, { to: 'submitted', note: '申报', on: '2024-01-10' })).statusCode).toBe(
      200,
    )

    const review = { to: 'reviewed', note: '审核', on: '2024-01-15' }
    const clerk = await forbidden(keys.village, 'POST', `/v1/projects/${project.id}/transitions`, review)
    expect(clerk.context).toEqual({ role: 'clerk' })
    // A fund manager of the village has the role but not the township's reach.
    const villageManager = await forbidden(
      keys.villageManager,
      'POST',
      `/v1/projects/${project.id}/transitions`,
      review,
    )
    expect(villageManager.context).toEqual({ scope: LIMENGDE })
    expect(await steps()).toEqual(['submitted'])
    expect((await step(keys.township, review)).statusCode).toBe(200)

    await as(t, keys.township).post(`/v1/projects/${project.id}/notices`, {
      stage: 'approval',
      from: '2024-01-16',
      channels: ['村务公开栏'],
    })
    const approve = { to: 'approved', note: '县审定', on: '2024-01-26' }
    const township = await forbidden(keys.township, 'POST', `/v1/projects/${project.id}/transitions`, approve)
    expect(township.context).toEqual({ scope: TOWNSHIP })
    expect(await steps()).toEqual(['submitted', 'reviewed'])
    expect((await as(t).get(`/v1/projects/${project.id}`)).status).toBe('reviewed')
    expect((await step(keys.county, approve)).statusCode).toBe(200)
  })

  it('refuses bookkeepers and auditors every funds write, while letting them read', async () => {
    const b = bodies()
    const p = `/v1/projects/${projectId}`
    const writes: [string, string, unknown][] = [
      ['POST', '/v1/fund-sources', b.source],
      ['POST', '/v1/projects', b.project],
      ['POST', `${p}/allocations`, b.allocation],
      ['POST', `${p}/payment-plan`, b.plan],
      ['POST', `${p}/tranches/${trancheId}/milestone`, b.milestone],
      ['POST', `${p}/disbursements`, b.disbursement],
      ['POST', `${p}/revenues`, b.revenue],
      ['POST', `${p}/distributions`, b.distribution],
      ['POST', `${p}/notices`, b.notice],
      ['POST', `${p}/results`, b.result],
      ['POST', `${p}/transitions`, { to: 'cancelled', note: '撤销' }],
      ['PUT', '/v1/funds/rules/370322', b.rules],
    ]
    for (const key of [keys.bookkeeper, keys.auditor]) {
      for (const [method, url, body] of writes) {
        const refused = await forbidden(key, method, url, body)
        expect(refused.context, `${method} ${url}`).toMatchObject({
          role: expect.stringMatching(/bookkeeper|auditor/),
        })
      }
      expect((await call(key, 'GET', `${p}/trace`)).statusCode).toBe(200)
      expect((await call(key, 'GET', `/v1/fund-sources/${sources.own}/trace`)).statusCode).toBe(200)
    }
    expect(await source(sources.own)).toMatchObject({ allocated: '40000.00', disbursed: '0.00' })
    expect((await as(t).get('/v1/fund-sources')).items).toHaveLength(3)
    const project = await as(t).get(p)
    expect(project).toMatchObject({
      status: 'started',
      allocated: '40000.00',
      notices: [{ stage: 'approval' }],
    })
    expect(project.paymentPlan.map((x: { id: string }) => x.id)).toEqual([trancheId])
    expect(project.paymentPlan[0].milestoneMetOn).toBeNull()
    expect(project.targets[0].actuals).toEqual([])
    expect((await as(t).get(`${p}/disbursements`)).items).toEqual([])
    expect(
      (await as(t, limengde.bookkeeper).get(`/v1/ledgers/${limengde.ledgerId}/vouchers?status=draft`)).items,
    ).toEqual([])
    expect((await as(t).get('/v1/funds/rules/370322')).noticeDays).toBe(10)
  })

  it('keeps another county’s key out of this county’s projects, sources and figures', async () => {
    const p = `/v1/projects/${projectId}`
    for (const url of [
      p,
      `${p}/transitions`,
      `${p}/disbursements`,
      `${p}/trace`,
      `${p}/distributions/${UNKNOWN}`,
      '/v1/projects?within=370322',
      `/v1/fund-sources/${sources.own}`,
      `/v1/fund-sources/${sources.own}/trace`,
      '/v1/fund-sources?within=370322',
      '/v1/stats/funds?within=370322',
      '/v1/stats/funds?within=370322104',
      '/v1/funds/rules/370322',
    ]) {
      await forbidden(keys.otherCounty, 'GET', url)
    }
    await forbidden(keys.otherCounty, 'POST', `${p}/allocations`, bodies().allocation)
    // Its own figures are its own county's only.
    const own = await as(t, keys.otherCounty).get('/v1/stats/funds')
    expect(own).toMatchObject({
      within: '370323',
      pooled: { total: '0.00', sources: 0 },
      projects: { total: 0 },
    })
    expect((await as(t, keys.otherCounty).get('/v1/projects')).items).toEqual([])
    expect((await as(t, keys.otherCounty).get('/v1/fund-sources')).items).toEqual([])
    expect(await source(sources.own)).toMatchObject({ allocated: '40000.00' })
  })

  it('lets only an admin set the notice days', async () => {
    await forbidden(keys.county, 'PUT', '/v1/funds/rules/370322', bodies().rules)
    await forbidden(keys.township, 'PUT', `/v1/funds/rules/${TOWNSHIP}`, bodies().rules)
    expect((await as(t, keys.county).get(`/v1/funds/rules/${TOWNSHIP}`)).noticeDays).toBe(10)
    const put = await call(null, 'PUT', '/v1/funds/rules/370322', bodies().rules)
    problem(put, 401, 'auth.missing_key')
    await as(t).send('PUT', '/v1/funds/rules/370322', bodies().rules, 200)
    expect((await as(t, keys.county).get(`/v1/funds/rules/${TOWNSHIP}`)).noticeDays).toBe(15)
  })

  it('shows an alliance-scoped key only the money its alliance holds', async () => {
    const listed = await as(t, keys.alliance).get('/v1/fund-sources')
    expect(listed.items.map((s: { id: string }) => s.id)).toEqual([sources.alliance])
    expect(listed.items[0].holder).toEqual({ kind: 'alliance', id: allianceId })
    // `within` does not widen it.
    const within = await as(t, keys.alliance).get(`/v1/fund-sources?within=${TOWNSHIP}`)
    expect(within.items.map((s: { id: string }) => s.id)).toEqual([sources.alliance])
    expect((await as(t, keys.alliance).get(`/v1/fund-sources/${sources.alliance}/trace`)).source.id).toBe(
      sources.alliance,
    )
    await forbidden(keys.alliance, 'GET', `/v1/fund-sources/${sources.own}`)
    await forbidden(keys.alliance, 'GET', `/v1/fund-sources/${sources.other}/trace`)
    await forbidden(keys.alliance, 'GET', '/v1/stats/funds')
    // The township sees its alliance's money among its own.
    const township = (await as(t, keys.township).get(`/v1/fund-sources/${sources.alliance}`)).id
    expect(township).toBe(sources.alliance)
    // Another township's key cannot record money for this alliance.
    await forbidden(
      keys.otherTownship,
      'POST',
      '/v1/fund-sources',
      sourceBody({ holder: { kind: 'alliance', id: allianceId } }),
    )
    expect((await as(t, keys.alliance).get('/v1/fund-sources')).items).toHaveLength(1)
  })

  it('keeps a village of another township out of the project', async () => {
    const outsider = await t.mintKey('clerk', '370322105201')
    const p = `/v1/projects/${projectId}`
    for (const url of [p, `${p}/transitions`, `${p}/disbursements`, `${p}/trace`]) {
      await forbidden(outsider, 'GET', url)
    }
    await forbidden(outsider, 'POST', `${p}/results`, bodies().result)
    await forbidden(outsider, 'GET', `/v1/projects?within=${LIMENGDE}`)
    expect((await as(t, outsider).get('/v1/projects')).items).toEqual([])
  })
})
