import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  approvedProject,
  as,
  LIMENGDE,
  projectBody,
  QIUJIA,
  reviewedProject,
  sourceBody,
  TOWNSHIP,
} from './funds-fixtures.js'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'
import { decidedMatter } from './money-fixtures.js'

/**
 * Bad input and refused rules on every funds endpoint: a 4xx problem naming the field and the
 * rule, never a 500, and nothing recorded — not in the funds records, not in the village ledgers.
 */
let t: TestApp
const keys = { village: '', township: '', county: '' }
let limengde: Awaited<ReturnType<typeof villageBooks>>
let qiujia: Awaited<ReturnType<typeof villageBooks>>
const HEDIAN = '370322104202'
const UNKNOWN = '01900000-0000-7000-8000-000000000000'

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

const fields = (body: { errors?: { field: string }[] }) => body.errors?.map((e) => e.field)
const send = (method: string, url: string, body?: unknown, key?: string) =>
  t.call(method, url, { ...(key ? { key } : {}), ...(body === undefined ? {} : { body }) })
const count = async (url: string) => (await as(t).get(url)).items.length as number
const drafts = (books: { ledgerId: string; bookkeeper: string }) =>
  as(t, books.bookkeeper).get(`/v1/ledgers/${books.ledgerId}/vouchers?status=draft`)

/** Valid bodies of every funds write; each table below spoils one field. */
const disbursement = (over: object = {}) => ({
  trancheId: UNKNOWN,
  fundSourceId: UNKNOWN,
  amount: '1.00',
  ledgerId: UNKNOWN,
  date: '2024-03-05',
  ...over,
})
const policy = (over: object = {}) => ({ version: '2024-1', shortfall: 'pro_rata', ...over })
const acceptance = (valuation: unknown) => ({
  to: 'accepted',
  note: '验收',
  acceptance: {
    assetClass: 'operating',
    shares: [{ holder: { villageCode: LIMENGDE }, contribution: 'land', valuation }],
  },
})
const P = `/v1/projects/${UNKNOWN}`
const writes: [string, string, object][] = [
  ['POST', '/v1/fund-sources', sourceBody()],
  ['POST', '/v1/projects', projectBody()],
  ['POST', `${P}/transitions`, { to: 'submitted', note: '申报' }],
  ['POST', `${P}/notices`, { stage: 'approval', from: '2024-01-16', channels: ['村务公开栏'] }],
  ['POST', `${P}/results`, { indicator: '新建牛舍', period: '2024', actual: '2' }],
  ['POST', `${P}/allocations`, { fundSourceId: UNKNOWN, amount: '1.00' }],
  ['POST', `${P}/payment-plan`, { tranches: [{ label: '一次拨付', trigger: 'start', percent: '100.00' }] }],
  ['POST', `${P}/tranches/${UNKNOWN}/milestone`, { metOn: '2024-07-15', evidence: '核验记录' }],
  ['POST', `${P}/disbursements`, disbursement()],
  ['POST', `${P}/revenues`, { period: '2024', amount: '1.00', receivedOn: '2024-12-20' }],
  ['POST', `${P}/distributions`, { revenueId: UNKNOWN, policy: policy() }],
  ['PUT', '/v1/funds/rules/370322', { effectiveFrom: '2024-01-01', noticeDays: 10 }],
]

describe('funds — malformed input is a 400 problem naming the field, before anything is looked up', () => {
  const money: [string, string, (v: unknown) => object, string][] = [
    ['/v1/fund-sources', 'POST', (v) => sourceBody({ amount: v }), 'body.amount'],
    ['/v1/projects', 'POST', (v) => projectBody({ budget: v }), 'body.budget'],
    [`${P}/allocations`, 'POST', (v) => ({ fundSourceId: UNKNOWN, amount: v }), 'body.amount'],
    [
      `${P}/payment-plan`,
      'POST',
      (v) => ({ tranches: [{ label: '一次拨付', trigger: 'start', amount: v }] }),
      'body.tranches.0.amount',
    ],
    [`${P}/disbursements`, 'POST', (v) => disbursement({ amount: v }), 'body.amount'],
    [
      `${P}/revenues`,
      'POST',
      (v) => ({ period: '2024', amount: v, receivedOn: '2024-12-20' }),
      'body.amount',
    ],
    [
      `${P}/distributions`,
      'POST',
      (v) => ({ revenueId: UNKNOWN, policy: policy({ guaranteed: [{ villageCode: LIMENGDE, amount: v }] }) }),
      'body.policy.guaranteed.0.amount',
    ],
    [`${P}/transitions`, 'POST', acceptance, 'body.acceptance.shares.0.valuation'],
  ]
  it.each(money)('refuses bad money in %s', async (url, method, body, field) => {
    for (const value of [40000, '1.5', '-1.00', '0.00', '1e3', '40,000.00', '']) {
      const refused = problem(await send(method, url, body(value)), 400, 'request.invalid')
      expect(fields(refused), JSON.stringify(value)).toEqual([field])
    }
  })

  const percents: [string, (v: unknown) => object, string][] = [
    ['/v1/fund-sources', (v) => sourceBody({ minIndustryShare: v }), 'body.minIndustryShare'],
    [
      `${P}/payment-plan`,
      (v) => ({ tranches: [{ label: '一次拨付', trigger: 'start', percent: v }] }),
      'body.tranches.0.percent',
    ],
    [
      `${P}/distributions`,
      (v) => ({ revenueId: UNKNOWN, policy: policy({ reservePercent: v }) }),
      'body.policy.reservePercent',
    ],
    [
      `${P}/distributions`,
      (v) => ({ revenueId: UNKNOWN, policy: policy({ monitoredHouseholdsPercent: v }) }),
      'body.policy.monitoredHouseholdsPercent',
    ],
  ]
  it.each(percents)('refuses bad percentages in %s (%#)', async (url, body, field) => {
    for (const value of ['100.01', '55.555', '-5.00', '1e2', 55]) {
      const refused = problem(await send('POST', url, body(value)), 400, 'request.invalid')
      expect(fields(refused), JSON.stringify(value)).toEqual([field])
    }
  })

  it('refuses unknown fields on every write, naming the field', async () => {
    for (const [method, url, body] of writes) {
      const refused = problem(await send(method, url, { ...body, colour: 'red' }), 400, 'request.invalid')
      expect(fields(refused), `${method} ${url}`).toEqual(['body.colour'])
    }
    const nested = problem(
      await send('POST', `${P}/distributions`, { revenueId: UNKNOWN, policy: policy({ colour: 'red' }) }),
      400,
    )
    expect(fields(nested)).toEqual(['body.policy.colour'])
  })

  it('refuses dates that are not calendar days written YYYY-MM-DD', async () => {
    const dated: [string, string, (d: string) => object, string][] = [
      ['POST', '/v1/fund-sources', (d) => sourceBody({ receivedOn: d }), 'body.receivedOn'],
      ['POST', '/v1/projects', (d) => projectBody({ startOn: d }), 'body.startOn'],
      ['POST', `${P}/transitions`, (d) => ({ to: 'submitted', note: '申报', on: d }), 'body.on'],
      [
        'POST',
        `${P}/notices`,
        (d) => ({ stage: 'approval', from: d, channels: ['村务公开栏'] }),
        'body.from',
      ],
      [
        'POST',
        `${P}/tranches/${UNKNOWN}/milestone`,
        (d) => ({ metOn: d, evidence: '核验记录' }),
        'body.metOn',
      ],
      ['POST', `${P}/disbursements`, (d) => disbursement({ date: d }), 'body.date'],
      [
        'POST',
        `${P}/revenues`,
        (d) => ({ period: '2024', amount: '1.00', receivedOn: d }),
        'body.receivedOn',
      ],
      ['POST', `${P}/distributions`, (d) => ({ revenueId: UNKNOWN, policy: policy(), date: d }), 'body.date'],
      ['PUT', '/v1/funds/rules/370322', (d) => ({ effectiveFrom: d, noticeDays: 10 }), 'body.effectiveFrom'],
    ]
    for (const [method, url, body, field] of dated) {
      for (const day of ['2024-02-30', '2024-2-20', '20240220', '2024-02-20T00:00:00Z']) {
        expect(fields(problem(await send(method, url, body(day)), 400)), `${url} ${day}`).toEqual([field])
      }
    }
    expect(fields(problem(await send('GET', '/v1/funds/rules/370322?asOf=2024-02-30'), 400))).toEqual([
      'querystring.asOf',
    ])
    // Periods of revenue are YYYY, YYYY-MM or YYYY-Qn.
    expect(
      fields(
        problem(
          await send('POST', `${P}/revenues`, {
            period: '2024-Q5',
            amount: '1.00',
            receivedOn: '2024-12-20',
          }),
          400,
        ),
      ),
    ).toEqual(['body.period'])
  })

  it('refuses ids that are not lowercase UUIDs, in the path and in the body', async () => {
    const upper = '019A0000-0000-7000-8000-00000000000B'
    const paths: [string, string][] = [
      ['/v1/fund-sources/abc', 'params.id'],
      [`/v1/fund-sources/${upper}`, 'params.id'],
      ['/v1/fund-sources/abc/trace', 'params.id'],
      ['/v1/projects/abc', 'params.id'],
      ['/v1/projects/abc/transitions', 'params.id'],
      ['/v1/projects/abc/disbursements', 'params.id'],
      ['/v1/projects/abc/trace', 'params.id'],
      [`${P}/distributions/abc`, 'params.runId'],
    ]
    for (const [url, field] of paths)
      expect(fields(problem(await send('GET', url), 400)), url).toEqual([field])
    expect(fields(problem(await t.call('GET', '/v1/public/projects/abc', { key: null }), 400))).toEqual([
      'params.id',
    ])
    expect(
      fields(
        problem(
          await send('POST', `${P}/tranches/abc/milestone`, { metOn: '2024-07-15', evidence: '记录' }),
          400,
        ),
      ),
    ).toEqual(['params.trancheId'])
    const bodies: [string, object, string][] = [
      [`${P}/allocations`, { fundSourceId: 'abc', amount: '1.00' }, 'body.fundSourceId'],
      [`${P}/disbursements`, disbursement({ ledgerId: 'abc' }), 'body.ledgerId'],
      [`${P}/disbursements`, disbursement({ trancheId: upper }), 'body.trancheId'],
      [`${P}/distributions`, { revenueId: 'abc', policy: policy() }, 'body.revenueId'],
      [`${P}/transitions`, { to: 'approved', note: '县审定', decisionRef: 'abc' }, 'body.decisionRef'],
    ]
    for (const [url, body, field] of bodies) {
      expect(fields(problem(await send('POST', url, body), 400)), field).toEqual([field])
    }
  })

  it('refuses division codes of the wrong level', async () => {
    problem(
      await send('PUT', '/v1/funds/rules/370322104201', { effectiveFrom: '2024-01-01', noticeDays: 10 }),
      400,
    )
    problem(await send('GET', '/v1/funds/rules/3703'), 400)
    problem(await send('GET', '/v1/stats/funds?within=37032x'), 400)
    problem(
      await send('POST', '/v1/fund-sources', sourceBody({ holder: { kind: 'township', code: '370322' } })),
      400,
    )
    problem(await send('POST', '/v1/projects', projectBody({ townshipCode: '370322' })), 400)
    problem(await send('PUT', '/v1/funds/rules/370322', { effectiveFrom: '2024-01-01', noticeDays: 0 }), 400)
  })

  it('recorded nothing for any of the refusals above', async () => {
    expect(await count('/v1/fund-sources')).toBe(0)
    expect(await count('/v1/projects')).toBe(0)
    expect((await as(t).get('/v1/funds/rules/370322')).noticeDays).toBe(10)
  })

  it('answers 404 with funds.*_not_found for unknown records', async () => {
    for (const url of [`/v1/fund-sources/${UNKNOWN}`, `/v1/fund-sources/${UNKNOWN}/trace`]) {
      problem(await send('GET', url), 404, 'funds.source_not_found')
    }
    for (const url of [
      P,
      `${P}/transitions`,
      `${P}/disbursements`,
      `${P}/trace`,
      `${P}/distributions/${UNKNOWN}`,
    ]) {
      problem(await send('GET', url), 404, 'funds.project_not_found')
    }
    for (const [method, url, body] of writes) {
      if (url.startsWith(P)) problem(await send(method, url, body), 404, 'funds.project_not_found')
    }
    problem(
      await t.call('GET', `/v1/public/projects/${UNKNOWN}`, { key: null }),
      404,
      'funds.project_not_found',
    )
    // Unknown holders, villages and divisions are the organisation's to name.
    problem(
      await send('POST', '/v1/fund-sources', sourceBody({ holder: { kind: 'alliance', id: UNKNOWN } })),
      404,
      'organization.alliance_not_found',
    )
    problem(
      await send('POST', '/v1/fund-sources', sourceBody({ holder: { kind: 'township', code: '370322199' } })),
      404,
      'organization.division_not_found',
    )
    problem(
      await send('PUT', '/v1/funds/rules/370399', { effectiveFrom: '2024-01-01', noticeDays: 10 }),
      404,
      'organization.division_not_found',
    )
    expect(await count('/v1/fund-sources')).toBe(0)
  })
})

describe('funds — the project library and lifecycle refuse steps out of rule', () => {
  it('refuses a project without targets or a benefit mechanism, and records none', async () => {
    const village = as(t, keys.village)
    const refused = problem(
      await send('POST', '/v1/projects', projectBody({ targets: [] }), keys.village),
      422,
      'funds.targets_required',
    )
    expect(fields(refused)).toEqual(['targets'])
    for (const benefitMechanism of ['', '   ']) {
      const empty = problem(
        await send('POST', '/v1/projects', projectBody({ benefitMechanism }), keys.village),
        422,
        'funds.benefit_mechanism_required',
      )
      expect(fields(empty)).toEqual(['benefitMechanism'])
    }
    expect(
      fields(
        problem(
          await send(
            'POST',
            '/v1/projects',
            projectBody({ startOn: '2024-10-01', endOn: '2024-09-30' }),
            keys.village,
          ),
          400,
          'funds.ends_before_start',
        ),
      ),
    ).toEqual(['endOn'])
    problem(
      await send(
        'POST',
        '/v1/projects',
        projectBody({ beneficiaries: [{ villageCode: '370322104299', units: 1 }] }),
        keys.village,
      ),
      404,
      'organization.division_not_found',
    )
    expect((await village.get('/v1/projects')).items).toEqual([])
  })

  it('refuses steps out of order, approval before the notice has run, and leaves the project where it was', async () => {
    const project = await as(t, keys.village).post('/v1/projects', projectBody({ name: '次序项目' }))
    const step = (key: string, body: object) =>
      send('POST', `/v1/projects/${project.id}/transitions`, body, key)
    const outOfOrder = problem(
      await step(keys.county, { to: 'approved', note: '县审定', on: '2024-01-26' }),
      422,
      'funds.transition_out_of_order',
    )
    expect(outOfOrder.context).toMatchObject({
      from: 'candidate',
      to: 'approved',
      allowed: ['submitted', 'cancelled'],
    })
    expect(fields(outOfOrder)).toEqual(['to'])

    expect((await step(keys.village, { to: 'submitted', note: '申报', on: '2024-01-10' })).statusCode).toBe(
      200,
    )
    expect((await step(keys.township, { to: 'reviewed', note: '审核', on: '2024-01-15' })).statusCode).toBe(
      200,
    )
    const noNotice = problem(
      await step(keys.county, { to: 'approved', note: '县审定', on: '2024-01-26' }),
      422,
      'funds.notice_required',
    )
    expect(noNotice.context).toEqual({ stage: 'approval' })
    problem(
      await send(
        'POST',
        `/v1/projects/${project.id}/notices`,
        { stage: 'completion', from: '2024-01-16', channels: ['村务公开栏'] },
        keys.township,
      ),
      422,
      'funds.notice_out_of_stage',
    )
    await as(t, keys.township).post(`/v1/projects/${project.id}/notices`, {
      stage: 'approval',
      from: '2024-01-16',
      channels: ['村务公开栏'],
    })
    const running = problem(
      await step(keys.county, { to: 'approved', note: '县审定', on: '2024-01-25' }),
      422,
      'funds.notice_required',
    )
    expect(running.context).toEqual({ stage: 'approval', until: '2024-01-25' })
    problem(
      await step(keys.county, { to: 'approved', note: '县审定', on: '2024-01-14' }),
      422,
      'funds.step_before_previous',
    )
    problem(
      await step(keys.county, { to: 'approved', note: '县审定', on: '2025-01-02' }),
      422,
      'funds.future_step',
    )
    problem(
      await step(keys.county, { ...acceptance('1.00'), to: 'approved', on: '2024-01-26' }),
      400,
      'funds.acceptance_unexpected',
    )
    problem(
      await send(
        'POST',
        `/v1/projects/${project.id}/results`,
        { indicator: '新建牛舍', period: '2024', actual: '2' },
        keys.village,
      ),
      422,
      'funds.no_results_yet',
    )

    const after = await as(t, keys.village).get(`/v1/projects/${project.id}`)
    expect(after.status).toBe('reviewed')
    expect(after.targets[0].actuals).toEqual([])
    const steps = (await as(t, keys.village).get(`/v1/projects/${project.id}/transitions`)).items
    expect(steps.map((s: { to: string }) => s.to)).toEqual(['submitted', 'reviewed'])
  })
})

describe('funds — money refused at every step leaves sources, projects and ledgers untouched', () => {
  let main: string
  let tiny: string
  let livelihood: string
  let projectId: string
  let candidateId: string
  let tranches: { id: string; label: string; trigger: string; amount: string }[]
  const url = (path = '') => `/v1/projects/${projectId}${path}`
  const source = (id: string) => as(t, keys.township).get(`/v1/fund-sources/${id}`)
  const township = (path: string, body: object) => send('POST', url(path), body, keys.township)

  beforeAll(async () => {
    const create = async (over: object) =>
      (await as(t, keys.township).post('/v1/fund-sources', sourceBody(over))).id
    main = await create({})
    tiny = await create({ name: '小额资金', amount: '30000.00' })
    livelihood = await create({ name: '民生资金', allowedCategories: ['livelihood'] })
    projectId = await approvedProject(t, keys)
    candidateId = (await as(t, keys.village).post('/v1/projects', projectBody({ name: '库内项目' }))).id
  })

  it('refuses allocations beyond the source, of the wrong category, to an unapproved project or beyond the budget', async () => {
    const over = problem(
      await township('/allocations', { fundSourceId: tiny, amount: '30000.01' }),
      422,
      'funds.insufficient_source',
    )
    expect(fields(over)).toEqual(['amount'])
    expect(over.context).toEqual({ available: '30000.00', requested: '30000.01' })
    const category = problem(
      await township('/allocations', { fundSourceId: livelihood, amount: '100.00' }),
      422,
      'funds.category_not_allowed',
    )
    expect(category.context).toEqual({ allowed: ['livelihood'], category: 'industry' })
    problem(
      await send(
        'POST',
        `/v1/projects/${candidateId}/allocations`,
        { fundSourceId: main, amount: '100.00' },
        keys.township,
      ),
      422,
      'funds.project_not_approved',
    )
    problem(
      await township('/allocations', { fundSourceId: main, amount: '40000.01' }),
      422,
      'funds.over_budget',
    )
    problem(
      await township('/allocations', { fundSourceId: UNKNOWN, amount: '1.00' }),
      404,
      'funds.source_not_found',
    )

    for (const id of [main, tiny, livelihood]) expect(await source(id)).toMatchObject({ allocated: '0.00' })
    expect((await source(tiny)).available).toBe('30000.00')
    expect(await as(t, keys.township).get(url())).toMatchObject({ allocated: '0.00', funding: [] })
  })

  it('refuses payment plans that do not sum to the whole, mix percents and amounts, or come before money', async () => {
    problem(
      await township('/payment-plan', {
        tranches: [{ label: '一次拨付', trigger: 'start', percent: '100.00' }],
      }),
      422,
      'funds.nothing_allocated',
    )
    await as(t, keys.township).post(url('/allocations'), { fundSourceId: tiny, amount: '30000.00' })
    await as(t, keys.township).post(url('/allocations'), { fundSourceId: main, amount: '10000.00' })

    const percents = problem(
      await township('/payment-plan', {
        tranches: [
          { label: '开工预拨', trigger: 'start', percent: '40.00' },
          { label: '主体完工', trigger: 'milestone', percent: '50.00' },
        ],
      }),
      422,
      'funds.plan_not_whole',
    )
    expect(percents.context).toEqual({ sumBasisPoints: '9000' })
    expect(fields(percents)).toEqual(['tranches'])
    const amounts = problem(
      await township('/payment-plan', {
        tranches: [{ label: '一次拨付', trigger: 'start', amount: '39999.99' }],
      }),
      422,
      'funds.plan_not_whole',
    )
    expect(amounts.context).toEqual({ sum: '39999.99', allocated: '40000.00' })
    // A plan half in percents and half in amounts is malformed input (kind invalid): 400.
    const mixed = problem(
      await township('/payment-plan', {
        tranches: [
          { label: '开工预拨', trigger: 'start', percent: '50.00' },
          { label: '主体完工', trigger: 'milestone', amount: '20000.00' },
        ],
      }),
      400,
      'funds.mixed_plan',
    )
    expect(fields(mixed)).toEqual(['tranches'])
    problem(
      await township('/payment-plan', {
        tranches: [{ label: '到期拨付', trigger: 'date', percent: '100.00' }],
      }),
      400,
      'funds.due_date_required',
    )
    problem(
      await township('/payment-plan', {
        tranches: [{ label: '一次拨付', trigger: 'start', percent: '100.00', amount: '40000.00' }],
      }),
      400,
      'funds.percent_or_amount',
    )
    problem(
      await send(
        'POST',
        `/v1/projects/${candidateId}/payment-plan`,
        { tranches: [{ label: '一次拨付', trigger: 'start', percent: '100.00' }] },
        keys.township,
      ),
      422,
      'funds.project_not_approved',
    )
    expect((await as(t, keys.township).get(url())).paymentPlan).toEqual([])

    tranches = (
      await as(t, keys.township).post(url('/payment-plan'), {
        tranches: [
          { label: '开工预拨', trigger: 'start', amount: '20000.00' },
          { label: '主体完工', trigger: 'milestone', amount: '15000.00' },
          { label: '质保金', trigger: 'acceptance', amount: '5000.00', retention: true },
        ],
      })
    ).tranches
    expect(tranches.map((x) => x.amount)).toEqual(['20000.00', '15000.00', '5000.00'])
  })

  it('refuses payments before their trigger, beyond the tranche or the allocation, or into another village’s books', async () => {
    const [start, milestone] = tranches as [(typeof tranches)[0], (typeof tranches)[0]]
    const pay = (over: object) =>
      township(
        '/disbursements',
        disbursement({ trancheId: start.id, fundSourceId: tiny, ledgerId: limengde.ledgerId, ...over }),
      )
    const before = problem(await pay({ amount: '100.00' }), 422, 'funds.tranche_not_triggered')
    expect(before.context).toEqual({ trigger: 'start' })
    expect(fields(before)).toEqual(['trancheId'])

    await as(t, keys.township).post(
      url('/transitions'),
      { to: 'started', note: '开工', on: '2024-03-01' },
      200,
    )
    problem(await pay({ amount: '100.00', date: '2024-02-29' }), 422, 'funds.tranche_not_triggered')
    const notMet = problem(
      await pay({ trancheId: milestone.id, amount: '100.00' }),
      422,
      'funds.tranche_not_triggered',
    )
    expect(notMet.context).toEqual({ trigger: 'milestone' })
    const overTranche = problem(await pay({ amount: '20000.01' }), 422, 'funds.over_tranche')
    expect(overTranche.context).toEqual({ tranche: '20000.00', disbursed: '0.00' })
    const overAllocation = problem(
      await pay({ fundSourceId: main, amount: '10000.01' }),
      422,
      'funds.over_allocation',
    )
    expect(overAllocation.context).toEqual({ allocated: '10000.00', disbursed: '0.00' })
    problem(await pay({ fundSourceId: livelihood, amount: '1.00' }), 422, 'funds.over_allocation')
    const elsewhere = problem(
      await pay({ amount: '100.00', ledgerId: qiujia.ledgerId }),
      422,
      'funds.ledger_not_implementer',
    )
    expect(fields(elsewhere)).toEqual(['ledgerId'])
    problem(await pay({ amount: '100.00', ledgerId: UNKNOWN }), 404, 'ledger.ledger_not_found')
    problem(await pay({ amount: '100.00', trancheId: UNKNOWN }), 404, 'funds.tranche_not_found')
    problem(await pay({ amount: '100.00', fundSourceId: UNKNOWN }), 404, 'funds.source_not_found')
    problem(
      await township(`/tranches/${start.id}/milestone`, { metOn: '2024-03-10', evidence: '核验' }),
      422,
      'funds.not_a_milestone',
    )
    problem(
      await township(`/tranches/${UNKNOWN}/milestone`, { metOn: '2024-03-10', evidence: '核验' }),
      404,
      'funds.tranche_not_found',
    )
    // 验收 without its record of ownership shares is malformed (kind invalid): 400.
    const noRecord = problem(
      await township('/transitions', { to: 'accepted', note: '验收', on: '2024-03-02' }),
      400,
      'funds.acceptance_required',
    )
    expect(fields(noRecord)).toEqual(['acceptance'])

    // The village's books refuse a voucher in a closed month: the payment, recorded first in the
    // same transaction, is taken back with it.
    for (const period of ['2024-01', '2024-02', '2024-03']) {
      await as(t, limengde.reviewer).post(`/v1/ledgers/${limengde.ledgerId}/periods/${period}/close`, {}, 200)
    }
    problem(await pay({ amount: '100.00', date: '2024-03-05' }), 422, 'ledger.period_closed')

    expect((await as(t, keys.township).get(url('/disbursements'))).items).toEqual([])
    expect((await as(t, keys.township).get(url('/trace'))).totals.disbursed).toBe('0.00')
    expect((await drafts(limengde)).items).toEqual([])
    expect((await drafts(qiujia)).items).toEqual([])
    expect((await source(tiny)).disbursed).toBe('0.00')
    expect((await as(t, keys.township).get(url())).status).toBe('started')
  })

  it('pays once, then refuses to replace the plan the payment was made under', async () => {
    const first = tranches[0]!
    await as(t, keys.township).post(
      url('/disbursements'),
      disbursement({
        trancheId: first.id,
        fundSourceId: tiny,
        amount: '20000.00',
        ledgerId: limengde.ledgerId,
        date: '2024-04-02',
      }),
    )
    problem(
      await township(
        '/disbursements',
        disbursement({
          trancheId: first.id,
          fundSourceId: tiny,
          amount: '0.01',
          ledgerId: limengde.ledgerId,
        }),
      ),
      422,
      'funds.over_tranche',
    )
    problem(
      await township('/payment-plan', {
        tranches: [{ label: '一次拨付', trigger: 'start', percent: '100.00' }],
      }),
      409,
      'funds.plan_in_use',
    )
    const project = await as(t, keys.township).get(url())
    expect(project.paymentPlan.map((x: { id: string }) => x.id)).toEqual(tranches.map((x) => x.id))
    expect((await as(t, keys.township).get(url('/disbursements'))).items).toHaveLength(1)
    expect((await drafts(limengde)).items).toHaveLength(1)
  })

  it('refuses revenue of a project not yet operating, and distributions that break a rule, recording nothing', async () => {
    problem(
      await township('/revenues', { period: '2024', amount: '36000.00', receivedOn: '2024-12-20' }),
      422,
      'funds.not_operating',
    )
    await as(t, keys.township).post(url(`/tranches/${tranches[1]!.id}/milestone`), {
      metOn: '2024-07-15',
      evidence: '镇农经站现场核验记录',
    })
    problem(
      await township(`/tranches/${tranches[1]!.id}/milestone`, { metOn: '2024-07-16', evidence: '再次核验' }),
      409,
      'funds.milestone_met',
    )
    await as(t, keys.township).post(url('/notices'), {
      stage: 'completion',
      from: '2024-09-01',
      channels: ['村务公开栏'],
    })
    // 仇家村 holds a share with money, 和店村 with its land; 和店村 keeps no ledger yet, and its
    // line comes after 仇家村's, so a refused run must also take back 仇家村's draft.
    await as(t, keys.township).post(
      url('/transitions'),
      {
        to: 'accepted',
        note: '验收合格',
        on: '2024-09-11',
        acceptance: {
          assetClass: 'operating',
          shares: [
            { holder: { villageCode: QIUJIA }, contribution: 'money', valuation: '100000.00' },
            { holder: { villageCode: HEDIAN }, contribution: 'land', valuation: '300000.00' },
          ],
          // 资产确权: the implementing 李孟德村 owns what the plan paid for.
          assets: [
            {
              name: '牛舍',
              assetClass: 'operating',
              cost: (await as(t, keys.township).get(url())).allocated,
              owners: [{ villageCode: LIMENGDE, value: (await as(t, keys.township).get(url())).allocated }],
            },
          ],
        },
      },
      200,
    )
    await as(t, keys.township).post(
      url('/transitions'),
      { to: 'operating', note: '运营', on: '2024-10-01' },
      200,
    )
    expect((await as(t, keys.township).get(url('/trace'))).revenues).toEqual([])
    const revenue = await as(t, keys.township).post(url('/revenues'), {
      period: '2024',
      amount: '36000.00',
      receivedOn: '2024-12-20',
    })

    const undecided = problem(
      await township('/distributions', { revenueId: revenue.id, policy: policy() }),
      422,
      'funds.distribution_decision_required',
    )
    expect(fields(undecided)).toEqual(['decisionRef'])
    const plan = await decidedMatter(
      t,
      LIMENGDE,
      { category: 'collective_income_use', amount: '36000.00' },
      '2024-12-01',
    )
    const distribute = (over: object = {}) =>
      township('/distributions', { revenueId: revenue.id, policy: policy(), decisionRef: plan, ...over })
    const notHolder = problem(
      await distribute({ policy: policy({ guaranteed: [{ villageCode: LIMENGDE, amount: '8000.00' }] }) }),
      422,
      'funds.guarantee_not_holder',
    )
    expect(fields(notHolder)).toEqual(['policy.guaranteed.0.villageCode'])
    problem(await distribute({ revenueId: UNKNOWN }), 404, 'funds.revenue_not_found')
    problem(await distribute({ date: '2024-12-19' }), 422, 'funds.distributed_before_received')
    const missing = problem(await distribute(), 422, 'funds.ledger_missing')
    expect(missing.context).toEqual({ villageCode: HEDIAN })

    const trace = await as(t, keys.township).get(url('/trace'))
    expect(trace.revenues).toMatchObject([{ id: revenue.id, distribution: null }])
    expect(trace.totals.distributedToVillages).toBe('0.00')
    expect((await drafts(qiujia)).items).toEqual([])
    expect((await drafts(limengde)).items).toHaveLength(2) // the disbursement's and the 确权 entries
    expect((await as(t, keys.county).get('/v1/stats/funds?within=370322')).distributedToVillages).toBe('0.00')

    // Once 和店村 opens its books the same revenue distributes — once.
    const hedian = await villageBooks(t, HEDIAN, 'MA3C4D7G')
    const run = await as(t, keys.township).post(url('/distributions'), {
      revenueId: revenue.id,
      policy: policy(),
      decisionRef: plan,
    })
    expect(run.lines.map((l: { recipient: string; amount: string }) => [l.recipient, l.amount])).toEqual([
      [`village:${QIUJIA}`, '9000.00'],
      [`village:${HEDIAN}`, '27000.00'],
    ])
    const twice = problem(await distribute(), 409, 'funds.revenue_distributed')
    expect(twice.context).toEqual({ runId: run.id })
    expect((await drafts(hedian)).items).toHaveLength(1)
    expect((await drafts(qiujia)).items).toHaveLength(1)
    expect((await drafts(limengde)).items).toHaveLength(2) // the disbursement and the 确权 entries

    // A run is read through its own project only.
    problem(
      await send('GET', `/v1/projects/${candidateId}/distributions/${run.id}`),
      404,
      'funds.run_not_found',
    )
    problem(await send('GET', url(`/distributions/${UNKNOWN}`)), 404, 'funds.run_not_found')
  })
})

describe('funds — a major project needs a 四议两公开 decision at county approval', () => {
  let projectId: string
  const approve = (body: object = {}) =>
    send(
      'POST',
      `/v1/projects/${projectId}/transitions`,
      { to: 'approved', note: '县审定', on: '2024-01-26', ...body },
      keys.county,
    )

  beforeAll(async () => {
    projectId = await reviewedProject(t, keys, { name: '大额项目', budget: '80000.00' })
  })

  it('refuses approval without a decisionRef, naming what is missing', async () => {
    const refused = problem(await approve(), 422, 'funds.decision_required')
    expect(fields(refused)).toEqual(['decisionRef'])
    expect(refused.context).toMatchObject({ majorMatterAmount: '50000.00', budget: '80000.00' })
    expect(refused.context!.missing).toEqual([expect.stringContaining('decisionRef')])
  })

  it('refuses a decisionRef that names no matter', async () => {
    const refused = problem(await approve({ decisionRef: UNKNOWN }), 422, 'funds.decision_not_found')
    expect(fields(refused)).toEqual(['decisionRef'])
  })

  it('follows the county’s major-matter amount, raised or lowered (no national figure exists)', async () => {
    const raise = await send('PUT', '/v1/governance/rules/370322', {
      effectiveFrom: '2024-01-01',
      majorMatterAmount: '100000.00',
    })
    expect(raise.statusCode, raise.body).toBe(200)
    // The county raised it to 100,000.00: the 80,000.00 project is approved without a decision.
    const approved = await approve()
    expect(approved.statusCode, approved.body).toBe(200)
    const steps = (await as(t, keys.county).get(`/v1/projects/${projectId}/transitions`)).items
    expect(steps.at(-1).gate).toMatchObject({ majorMatterFen: '10000000' })
    expect(steps.at(-1).gate.decision).toBeUndefined()
    // A lower amount takes effect too: a 40,000.00 project, below the default, now needs a decision.
    await send('PUT', '/v1/governance/rules/370322', {
      effectiveFrom: '2024-01-20',
      majorMatterAmount: '30000.00',
    })
    const small = await reviewedProject(t, keys, { name: '小额项目', budget: '40000.00' })
    const tightened = problem(
      await send(
        'POST',
        `/v1/projects/${small}/transitions`,
        { to: 'approved', note: '县审定', on: '2024-01-26' },
        keys.county,
      ),
      422,
      'funds.decision_required',
    )
    expect(tightened.context).toMatchObject({ majorMatterAmount: '30000.00', budget: '40000.00' })
    expect((await as(t, keys.county).get(`/v1/projects/${small}`)).status).toBe('reviewed')
    expect((await as(t, keys.county).get(`/v1/projects/${small}/transitions`)).items).toHaveLength(2)
  })
})
