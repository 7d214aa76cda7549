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

/**
 * The cross-domain gate of a major project: 县审定 needs a 四议两公开 matter of the implementing
 * village that is resolved, whose resolution disclosure has ended, with no objection pending.
 */
let t: TestApp
const keys = { village: '', township: '', county: '' }
const people: Record<string, string> = {}

async function rosters(village: string, prefix: string) {
  const person = async (key: string) => {
    people[`${prefix}${key}`] = (
      await t.call('POST', '/v1/people', { body: { name: key, villageCode: village } })
    ).json().id
  }
  for (const key of ['sec', 'dep', 'com', 'vice', 'm1', 'r1', 'r2', 'r3']) await person(key)
  const post = (body: string, title: string, key: string) =>
    t.call('POST', `/v1/villages/${village}/posts`, {
      body: { body, title, personId: people[`${prefix}${key}`], from: '2020-01-01' },
    })
  await post('party_branch', 'secretary', 'sec')
  await post('party_branch', 'deputy_secretary', 'dep')
  await post('party_branch', 'committee_member', 'com')
  await post('village_committee', 'chair', 'sec')
  await post('village_committee', 'vice_chair', 'vice')
  for (const key of ['sec', 'dep', 'com', 'm1']) {
    await t.call('POST', `/v1/villages/${village}/party-members`, {
      body: { personId: people[`${prefix}${key}`], status: 'full', from: '2010-01-01' },
    })
  }
  for (const key of ['r1', 'r2', 'r3']) {
    await t.call('POST', `/v1/villages/${village}/representatives`, {
      body: { personId: people[`${prefix}${key}`], from: '2021-01-01' },
    })
  }
}

/** A collective-project matter of the village, resolved by its representatives on 2024-03-01. */
async function resolvedMatter(village: string, prefix: string, amount = '80000.00') {
  const ids = (...keys: string[]) => keys.map((k) => people[`${prefix}${k}`]!)
  const matter = await as(t).post('/v1/matters', {
    villageCode: village,
    title: '黑牛养殖项目入股',
    category: 'collective_project',
    description: '以土地入股黑牛养殖项目',
    amount,
  })
  const stage = (path: string, body: object) =>
    as(t).post(`/v1/matters/${matter.id}/${path}`, { heldOn: '2024-03-01', minutes: '会议记录', ...body })
  await stage('proposal', { attendees: ids('sec', 'dep'), votes: { yes: 2, no: 0, abstain: 0 } })
  await stage('consultation', { attendees: ids('sec', 'dep', 'vice'), votes: { yes: 3, no: 0, abstain: 0 } })
  await stage('party-review', { attendees: ids('sec', 'dep', 'com'), votes: { yes: 3, no: 0, abstain: 0 } })
  return {
    id: matter.id as string,
    resolve: () =>
      stage('resolution', {
        body: 'representatives_meeting',
        // The 村民代表会议 is the 村委会 and the 村民代表 (组织法 Art. 25): all five attend.
        attendees: ids('sec', 'vice', 'r1', 'r2', 'r3'),
        votes: { yes: 5, no: 0, abstain: 0 },
      }),
    /** 决议公开 from 2024-03-10 to 2024-03-16: approval can follow from 2024-03-17. */
    disclose: () =>
      as(t).post(`/v1/matters/${matter.id}/disclosures`, {
        kind: 'resolution',
        channels: ['notice_board'],
        from: '2024-03-10',
        until: '2024-03-16',
      }),
  }
}

beforeAll(async () => {
  t = await startTestApp('2024-12-31')
  await seedDivisions(t)
  keys.village = await t.mintKey('clerk', LIMENGDE)
  keys.township = await t.mintKey('fund_manager', TOWNSHIP)
  keys.county = await t.mintKey('fund_manager', '370322')
  await rosters(LIMENGDE, 'l.')
  await rosters(QIUJIA, 'q.')
})
afterAll(() => t.close())

describe('approval of a major project needs a 四议两公开 decision (cross-domain gate)', () => {
  it('refuses until the matter is resolved, disclosed to its end and free of objections, then approves', async () => {
    const major = { budget: '80000.00' }
    const noDecision = problem(
      await t.call('POST', '/v1/projects/00000000-0000-7000-8000-000000000000/transitions', {
        key: keys.county,
        body: { to: 'approved', note: '县审定' },
      }),
      404,
    )
    expect(noDecision.code).toBe('funds.project_not_found')

    // Reviewed with an approval notice that has run: only the county's approval is left.
    const projectId = await reviewedProject(t, keys, major)
    const step = (key: string, body: object) =>
      t.call('POST', `/v1/projects/${projectId}/transitions`, { key, body })
    const approve = (on: string, decisionRef?: string) =>
      step(keys.county, { to: 'approved', note: '县审定', on, ...(decisionRef ? { decisionRef } : {}) })

    const without = problem(await approve('2024-02-01'), 422, 'funds.decision_required')
    expect(without.context).toMatchObject({ majorMatterAmount: '50000.00', budget: '80000.00' })
    expect(String((without.context!.missing as string[])[0])).toContain('decisionRef')

    const matter = await resolvedMatter(LIMENGDE, 'l.')
    const unresolved = problem(await approve('2024-03-02', matter.id), 422, 'funds.decision_required')
    expect((unresolved.context!.missing as string[]).join(' ')).toContain('not resolved')

    await matter.resolve()
    const undisclosed = problem(await approve('2024-03-02', matter.id), 422, 'funds.decision_required')
    expect((undisclosed.context!.missing as string[]).join(' ')).toContain('no resolution disclosure')

    await matter.disclose()
    const running = problem(await approve('2024-03-16', matter.id), 422, 'funds.decision_required')
    expect((running.context!.missing as string[]).join(' ')).toContain('2024-03-16')

    const objection = await as(t).post(`/v1/matters/${matter.id}/objections`, {
      submittedOn: '2024-03-12',
      content: '入股估值偏低',
    })
    const objected = problem(await approve('2024-03-17', matter.id), 422, 'funds.decision_required')
    expect((objected.context!.missing as string[]).join(' ')).toContain('objection')

    // A matter of another village does not authorise this village's project.
    const other = await resolvedMatter(QIUJIA, 'q.')
    await other.resolve()
    await other.disclose()
    const foreign = problem(await approve('2024-03-17', other.id), 422, 'funds.decision_required')
    expect((foreign.context!.missing as string[]).join(' ')).toContain('implementing village')

    await as(t).post(
      `/v1/objections/${objection.id}/response`,
      {
        outcome: 'dismissed',
        respondedOn: '2024-03-14',
        response: '估值经第三方评估',
      },
      200,
    )
    const approved = await approve('2024-03-18', matter.id)
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json().status).toBe('approved')
    const transitions = (await as(t, keys.county).get(`/v1/projects/${projectId}/transitions`)).items
    expect(transitions.at(-1)).toMatchObject({
      to: 'approved',
      decisionRef: matter.id,
      gate: { decision: { ref: matter.id, kind: 'matter', satisfied: true }, majorMatterFen: '5000000' },
    })
  })

  it('lets a project just below the major-matter amount through without a decision', async () => {
    const small = await approvedProject(t, keys, { budget: '49999.99' })
    expect((await as(t, keys.village).get(`/v1/projects/${small}`)).status).toBe('approved')
    const steps = (await as(t, keys.county).get(`/v1/projects/${small}/transitions`)).items
    expect(steps.at(-1).gate.decision).toBeUndefined()
    expect(steps.at(-1).gate.majorMatterFen).toBe('5000000')
  })
})

describe('cancellation and who may read a project', () => {
  it('releases the allocations of a cancelled project, and refuses to cancel once money is paid', async () => {
    const source = await as(t, keys.township).post('/v1/fund-sources', sourceBody({ amount: '100000.00' }))
    const first = await approvedProject(t, keys, { name: '取消的项目', budget: '30000.00' })
    await as(t, keys.township).post(`/v1/projects/${first}/allocations`, {
      fundSourceId: source.id,
      amount: '30000.00',
    })
    expect((await as(t, keys.township).get(`/v1/fund-sources/${source.id}`)).available).toBe('70000.00')
    await as(t, keys.township).post(
      `/v1/projects/${first}/transitions`,
      { to: 'cancelled', note: '选址调整' },
      200,
    )
    const after = await as(t, keys.township).get(`/v1/fund-sources/${source.id}`)
    expect(after).toMatchObject({ allocated: '0.00', available: '100000.00' })
    const trace = await as(t, keys.township).get(`/v1/fund-sources/${source.id}/trace`)
    expect(trace.allocations).toMatchObject([{ projectId: first, amount: '30000.00', released: true }])
    expect(trace.totals.reconciles).toBe(true)

    // A project paid from a date tranche before it started is carried out, not cancelled.
    const paid = await approvedProject(t, keys, { name: '已拨付的项目', budget: '20000.00' })
    await as(t, keys.township).post(`/v1/projects/${paid}/allocations`, {
      fundSourceId: source.id,
      amount: '20000.00',
    })
    const plan = await as(t, keys.township).post(`/v1/projects/${paid}/payment-plan`, {
      tranches: [{ label: '预拨', trigger: 'date', amount: '20000.00', dueOn: '2024-02-01' }],
    })
    const ledger = await villageBooks(t, LIMENGDE, 'MA3C4D7G')
    await as(t, keys.township).post(`/v1/projects/${paid}/disbursements`, {
      trancheId: plan.tranches[0].id,
      fundSourceId: source.id,
      amount: '5000.00',
      ledgerId: ledger.ledgerId,
      date: '2024-02-02',
    })
    const refused = problem(
      await t.call('POST', `/v1/projects/${paid}/transitions`, {
        key: keys.township,
        body: { to: 'cancelled', note: '取消' },
      }),
      422,
      'funds.paid_cannot_cancel',
    )
    expect(refused.detail).toContain('paid')
    expect((await as(t, keys.township).get(`/v1/projects/${paid}`)).status).toBe('approved')
  })

  it('lets a beneficiary village read the project but not act on it', async () => {
    const id = await approvedProject(t, keys, { name: '受益村可查', budget: '10000.00' })
    const qiujiaClerk = await t.mintKey('clerk', QIUJIA)
    expect((await t.call('GET', `/v1/projects/${id}`, { key: qiujiaClerk })).statusCode).toBe(200)
    expect((await t.call('GET', `/v1/projects/${id}/trace`, { key: qiujiaClerk })).statusCode).toBe(200)
    problem(
      await t.call('POST', `/v1/projects/${id}/notices`, {
        key: qiujiaClerk,
        body: { stage: 'completion', from: '2024-05-01', channels: ['村务公开栏'] },
      }),
      403,
      'auth.forbidden',
    )
    const stranger = await t.mintKey('clerk', '370322104202')
    problem(await t.call('GET', `/v1/projects/${id}`, { key: stranger }), 403, 'auth.forbidden')
  })
})

describe('money added after the first payment', () => {
  it('replans the unpaid rest in amounts, keeping the tranche already paid from', async () => {
    const source = await as(t, keys.township).post('/v1/fund-sources', sourceBody({ amount: '100000.00' }))
    const id = await approvedProject(t, keys, { name: '追加资金的项目', budget: '30000.00' })
    await as(t, keys.township).post(`/v1/projects/${id}/allocations`, {
      fundSourceId: source.id,
      amount: '10000.00',
    })
    const plan = await as(t, keys.township).post(`/v1/projects/${id}/payment-plan`, {
      tranches: [{ label: '预拨', trigger: 'date', percent: '100.00', dueOn: '2024-02-01' }],
    })
    const ledger = await villageBooks(t, LIMENGDE, 'MA3C4D8H')
    const pay = (trancheId: string, amount: string, date = '2024-02-02') =>
      t.call('POST', `/v1/projects/${id}/disbursements`, {
        key: keys.township,
        body: { trancheId, fundSourceId: source.id, amount, ledgerId: ledger.ledgerId, date },
      })
    expect((await pay(plan.tranches[0].id, '4000.00')).statusCode).toBe(201)
    problem(await pay(plan.tranches[0].id, '1000.00', '2025-01-01'), 422, 'funds.future_date')

    await as(t, keys.township).post(`/v1/projects/${id}/allocations`, {
      fundSourceId: source.id,
      amount: '20000.00',
    })
    problem(await pay(plan.tranches[0].id, '1000.00'), 422, 'funds.plan_outdated')
    const percent = problem(
      await t.call('POST', `/v1/projects/${id}/payment-plan`, {
        key: keys.township,
        body: { tranches: [{ label: '追加', trigger: 'date', percent: '100.00', dueOn: '2024-03-01' }] },
      }),
      409,
      'funds.plan_in_use',
    )
    expect(percent.detail).toContain('20000.00')
    const replanned = await as(t, keys.township).post(`/v1/projects/${id}/payment-plan`, {
      tranches: [{ label: '追加拨付', trigger: 'date', amount: '20000.00', dueOn: '2024-03-01' }],
    })
    expect(
      replanned.tranches.map((x: { id: string; amount: string }) => [x.id === plan.tranches[0].id, x.amount]),
    ).toEqual([
      [true, '10000.00'],
      [false, '20000.00'],
    ])
    expect((await pay(plan.tranches[0].id, '6000.00')).statusCode).toBe(201)
    expect((await pay(replanned.tranches[1].id, '20000.00', '2024-03-02')).statusCode).toBe(201)
    expect((await as(t, keys.township).get(`/v1/projects/${id}`)).disbursed).toBe('30000.00')
  })
})

describe('a project implemented by a partner enterprise', () => {
  it('must be registered in the project’s county', async () => {
    const elsewhere = await as(t).post('/v1/partners', {
      name: '沂源果业公司',
      kind: 'enterprise',
      countyCode: '370323',
    })
    const outside = problem(
      await t.call('POST', '/v1/projects', {
        key: keys.township,
        body: projectBody({ implementer: { partnerId: elsewhere.id } }),
      }),
      422,
      'funds.partner_outside_county',
    )
    expect(outside.errors).toEqual([{ field: 'implementer.partnerId', message: expect.any(String) }])
  })

  it('needs the decision of one of its beneficiary villages', async () => {
    const partner = await as(t).post('/v1/partners', {
      name: '纽澜地公司',
      kind: 'enterprise',
      countyCode: '370322',
    })
    const projectId = await reviewedProject(
      t,
      { village: keys.township, township: keys.township },
      {
        name: '村企联建冷库',
        budget: '90000.00',
        implementer: { partnerId: partner.id },
        beneficiaries: [{ villageCode: LIMENGDE, units: 100 }],
      },
    )
    const step = (key: string, body: object) =>
      t.call('POST', `/v1/projects/${projectId}/transitions`, { key, body })
    const foreign = await resolvedMatter(QIUJIA, 'q.', '90000.00')
    await foreign.resolve()
    await foreign.disclose()
    const refused = problem(
      await step(keys.county, { to: 'approved', note: '县审定', on: '2024-03-20', decisionRef: foreign.id }),
      422,
      'funds.decision_required',
    )
    expect((refused.context!.missing as string[]).join(' ')).toContain('none of the beneficiary villages')
    const own = await resolvedMatter(LIMENGDE, 'l.', '90000.00')
    await own.resolve()
    await own.disclose()
    const approved = await step(keys.county, {
      to: 'approved',
      note: '县审定',
      on: '2024-03-20',
      decisionRef: own.id,
    })
    expect(approved.statusCode, approved.body).toBe(200)
  })
})

describe('an alliance matter as the decision', () => {
  it('authorises the project once every member village has resolved and disclosed it', async () => {
    const alliance = await as(t).post('/v1/alliances', {
      name: '黑牛盒马联村党委',
      townshipCode: TOWNSHIP,
      mode: 'mutual_aid',
      level: 'party_committee',
      establishedOn: '2020-01-01',
    })
    for (const villageCode of [LIMENGDE, QIUJIA]) {
      await as(t).post(`/v1/alliances/${alliance.id}/members`, {
        villageCode,
        role: 'member',
        from: '2020-01-01',
      })
    }
    const am = await as(t).post('/v1/alliance-matters', {
      allianceId: alliance.id,
      title: '联村共建黑牛养殖园区',
      category: 'collective_project',
      amount: '120000.00',
      villageCodes: [LIMENGDE, QIUJIA],
    })
    const projectId = await reviewedProject(t, keys, {
      name: '联村黑牛园区',
      budget: '120000.00',
      allianceId: alliance.id,
    })
    const step = (key: string, body: object) =>
      t.call('POST', `/v1/projects/${projectId}/transitions`, { key, body })
    const approve = () =>
      step(keys.county, { to: 'approved', note: '县审定', on: '2024-03-20', decisionRef: am.id })

    const decide = async (villageCode: string, prefix: string) => {
      const matterId = am.villages.find(
        (v: { villageCode: string }) => v.villageCode === villageCode,
      ).matterId
      const ids = (...k: string[]) => k.map((x) => people[`${prefix}${x}`]!)
      const stage = (path: string, body: object) =>
        as(t).post(`/v1/matters/${matterId}/${path}`, { heldOn: '2024-03-01', minutes: '会议记录', ...body })
      await stage('proposal', { attendees: ids('sec', 'dep'), votes: { yes: 2, no: 0, abstain: 0 } })
      await stage('consultation', {
        attendees: ids('sec', 'dep', 'vice'),
        votes: { yes: 3, no: 0, abstain: 0 },
      })
      await stage('party-review', {
        attendees: ids('sec', 'dep', 'com'),
        votes: { yes: 3, no: 0, abstain: 0 },
      })
      await stage('resolution', {
        body: 'representatives_meeting',
        // The 村民代表会议 is the 村委会 and the 村民代表 (组织法 Art. 25): all five attend.
        attendees: ids('sec', 'vice', 'r1', 'r2', 'r3'),
        votes: { yes: 5, no: 0, abstain: 0 },
      })
      await as(t).post(`/v1/matters/${matterId}/disclosures`, {
        kind: 'resolution',
        channels: ['notice_board'],
        from: '2024-03-10',
        until: '2024-03-16',
      })
    }
    await decide(LIMENGDE, 'l.')
    const half = problem(await approve(), 422, 'funds.decision_required')
    expect((half.context!.missing as string[]).join(' ')).toContain(QIUJIA)
    await decide(QIUJIA, 'q.')
    const approved = await approve()
    expect(approved.statusCode, approved.body).toBe(200)
    const transitions = (await as(t, keys.county).get(`/v1/projects/${projectId}/transitions`)).items
    expect(transitions.at(-1).gate.decision).toMatchObject({ ref: am.id, kind: 'alliance_matter' })
  })
})
