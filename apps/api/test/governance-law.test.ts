import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'

/**
 * Issue 12 items 1–4 through the API: the 村民代表会议 is the 村委会 and the 村民代表; the
 * villagers' meeting counts recorded households and adults, after ten days' notice; land
 * matters need 2/3 of the members; 留党察看 has no vote; the reading of 半数以上 is recorded.
 */
let t: TestApp
const village = '370322104201'
const people: Record<string, string> = {}
beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  const person = async (key: string, extra: object = {}) => {
    const r = await t.call('POST', '/v1/people', {
      body: { name: key, villageCode: village, birthDate: '1970-01-01', ...extra },
    })
    expect(r.statusCode, r.body).toBe(201)
    people[key] = r.json().id
  }
  for (const key of ['chair', 'vice', 'sec', 'dep']) await person(key)
  for (let i = 1; i <= 12; i++) await person(`r${i}`, { gender: i <= 4 ? 'female' : 'male' })
  for (const key of ['v1', 'v2', 'v3', 'v4']) await person(key)
  await person('minor', { birthDate: '2010-01-01' })
  const post = (body: string, title: string, key: string) =>
    t.call('POST', `/v1/villages/${village}/posts`, {
      body: { body, title, personId: people[key], from: '2020-01-01' },
    })
  await post('party_branch', 'secretary', 'sec')
  await post('party_branch', 'deputy_secretary', 'dep')
  await post('village_committee', 'chair', 'chair')
  await post('village_committee', 'vice_chair', 'vice')
  for (const key of ['sec', 'dep', 'chair']) {
    await t.call('POST', `/v1/villages/${village}/party-members`, {
      body: { personId: people[key], status: 'full', from: '2010-01-01' },
    })
  }
  for (let i = 1; i <= 12; i++) {
    await t.call('POST', `/v1/villages/${village}/representatives`, {
      body: { personId: people[`r${i}`], from: '2021-01-01' },
    })
  }
})
afterAll(() => t.close())

const ids = (...keys: string[]) => keys.map((k) => people[k]!)
const reps = (n: number) => Array.from({ length: n }, (_, i) => `r${i + 1}`)
const stage = (matterId: string, path: string, body: object) =>
  t.call('POST', `/v1/matters/${matterId}/${path}`, { body: { minutes: '会议记录', ...body } })

/** A matter taken to the resolution stage (proposal, consultation, review all passed). */
async function atResolution(category: string) {
  const created = await t.call('POST', '/v1/matters', {
    body: { villageCode: village, title: '方案', category, description: '说明' },
  })
  expect(created.statusCode, created.body).toBe(201)
  const id = created.json().id as string
  const all = (keys: string[]) => ({
    attendees: ids(...keys),
    votes: { yes: keys.length, no: 0, abstain: 0 },
  })
  for (const [path, keys] of [
    ['proposal', ['sec', 'dep']],
    ['consultation', ['sec', 'dep', 'chair', 'vice']],
    ['party-review', ['sec', 'dep', 'chair']],
  ] as const) {
    const r = await stage(id, path, { heldOn: '2024-03-01', ...all([...keys]) })
    expect(r.statusCode, r.body).toBe(201)
  }
  return id
}

describe('村民代表会议 (组织法 Arts. 25–26)', () => {
  it('is the 村委会 and the 村民代表: a chair who is no representative attends and counts', async () => {
    const id = await atResolution('other')
    // 14 members (2 committee + 12 representatives): 2/3 is 10 (9.33 → 10); 9 reps and the chair make it.
    const r = await stage(id, 'resolution', {
      heldOn: '2024-03-10',
      body: 'representatives_meeting',
      attendees: ids('chair', ...reps(9)),
      votes: { yes: 6, no: 4, abstain: 0 },
    })
    expect(r.statusCode, r.body).toBe(201)
    const judgement = r.json().meetings.at(-1).judgement
    expect(judgement.quorum).toMatchObject({ base: 14, required: 10, count: 10, met: true })
    expect(judgement.quorum.rule.basis).toMatchObject({ article: '26', version: '2018' })
    // 4 women representatives of 14 members: below 1/3, reported, not refused.
    expect(judgement.composition.warnings).toHaveLength(1)
  })

  it('refuses a meeting one short of 2/3, with the numbers and the basis', async () => {
    const id = await atResolution('other')
    const body = problem(
      await stage(id, 'resolution', {
        heldOn: '2024-03-10',
        body: 'representatives_meeting',
        attendees: ids(...reps(9)),
        votes: { yes: 9, no: 0, abstain: 0 },
      }),
      422,
      'governance.quorum_not_met',
    )
    expect(body.context).toMatchObject({ base: 14, required: 10, present: 9 })
    expect((body.context!.basis as { law: string }).law).toBe('中华人民共和国村民委员会组织法')
  })

  it('reports its make-up on the roster: 4/5 representatives, women 1/3 of the members', async () => {
    const r = await t.call('GET', `/v1/villages/${village}/representatives-meeting?asOf=2024-03-10`)
    expect(r.statusCode, r.body).toBe(200)
    const out = r.json()
    expect(out.members).toHaveLength(14)
    // 12 of 14 ≥ 4/5 (11.2 → 12); 4 women of 14 < 1/3 (4.67 → 5): a warning, not a refusal.
    expect(out.composition.representatives).toMatchObject({ base: 14, required: 12, count: 12, met: true })
    expect(out.composition.womenRepresentatives).toMatchObject({
      base: 14,
      required: 5,
      count: 4,
      met: false,
    })
    expect(out.composition.warnings).toHaveLength(1)
  })
})

describe('special majorities (农村土地承包法 2018 Art. 19(3)): a 承包方案 needs 2/3 of the representatives', () => {
  it('refuses 5 yes of 8 present out of 12 representatives, the issue’s case', async () => {
    const id = await atResolution('land_contracting')
    // With the committee (14 members) 10 must attend; the 8 fail the quorum first.
    problem(
      await stage(id, 'resolution', {
        heldOn: '2024-03-10',
        body: 'representatives_meeting',
        attendees: ids(...reps(8)),
        votes: { yes: 5, no: 3, abstain: 0 },
      }),
      422,
      'governance.quorum_not_met',
    )
    // Quorate, 7 yes of 12 representatives passes "more than half present" but not the 2/3 of 8.
    const rejected = await stage(id, 'resolution', {
      heldOn: '2024-03-11',
      body: 'representatives_meeting',
      attendees: ids(...reps(10)),
      votes: reps(10).map((k, i) => ({ personId: people[k], option: i < 7 ? 'yes' : 'no' })),
    })
    expect(rejected.statusCode, rejected.body).toBe(201)
    expect(rejected.json().state).toBe('rejected')
    const judgement = rejected.json().meetings.at(-1).judgement
    expect(judgement.pass).toMatchObject({ base: 12, required: 8, count: 7, met: false })
    expect(judgement.pass.rule.basis).toMatchObject({ law: '中华人民共和国农村土地承包法', article: '19(3)' })
  })

  it('passes at exactly 2/3 of the representatives', async () => {
    const id = await atResolution('land_contracting')
    const passed = await stage(id, 'resolution', {
      heldOn: '2024-03-10',
      body: 'representatives_meeting',
      attendees: ids(...reps(10)),
      votes: reps(10).map((k, i) => ({ personId: people[k], option: i < 8 ? 'yes' : 'no' })),
    })
    expect(passed.json().state, passed.body).toBe('resolved')
  })
})

describe('村民会议 (组织法 Arts. 21–22): recorded households and adults, ten days’ notice', () => {
  it('refuses a typed household count, a missing notice and a notice one day short', async () => {
    const id = await atResolution('other')
    const meeting = {
      heldOn: '2024-03-20',
      body: 'villagers_meeting',
      attendees: ids('v1', 'v2', 'v3'),
      votes: { yes: 3, no: 0, abstain: 0 },
    }
    const typed = problem(await stage(id, 'resolution', { ...meeting, presentHouseholds: 80 }), 400)
    expect(typed.errors?.[0]?.field).toBe('body.presentHouseholds')
    const missing = problem(await stage(id, 'resolution', meeting), 422, 'governance.notice_required')
    expect(missing.context).toMatchObject({ required: 10 })
    const short = problem(
      await stage(id, 'resolution', { ...meeting, noticeSentOn: '2024-03-11' }),
      422,
      'governance.notice_too_short',
    )
    expect(short.context).toMatchObject({ days: 9, required: 10 })
    expect((short.context!.basis as { article: string }).article).toBe('21')
  })

  it('counts the households with a member present; minors are never on the roster', async () => {
    const household = (head: string, members: string[]) =>
      t.call('POST', `/v1/villages/${village}/households`, {
        body: {
          headPersonId: people[head],
          members: members.map((k) => ({ personId: people[k] })),
          from: '2000-01-01',
        },
      })
    expect((await household('v1', ['minor'])).statusCode).toBe(201)
    expect((await household('v2', [])).statusCode).toBe(201)
    expect((await household('v3', [])).statusCode).toBe(201)
    const roster = (await t.call('GET', `/v1/villages/${village}/villagers-roster?asOf=2024-03-20`)).json()
    expect(roster.adults).not.toContain(people.minor)
    expect(roster.counts).toMatchObject({ minors: 1, households: 3 })
    const id = await atResolution('other')
    const meeting = {
      heldOn: '2024-03-20',
      noticeSentOn: '2024-03-10',
      body: 'villagers_meeting',
      votes: { yes: 2, no: 0, abstain: 0 },
    }
    problem(
      await stage(id, 'resolution', { ...meeting, attendees: ids('minor', 'v1') }),
      422,
      'governance.attendee_not_on_roster',
    )
    // v1 and v2 represent 2 of 3 households: exactly 2/3, though 2 of 20 adults is far from half.
    const held = await stage(id, 'resolution', { ...meeting, attendees: ids('v1', 'v2') })
    expect(held.statusCode, held.body).toBe(201)
    const judgement = held.json().meetings.at(-1).judgement
    expect(judgement.quorum).toMatchObject({ base: 3, required: 2, count: 2, met: true })
    expect(judgement.alternatives[0]).toMatchObject({ met: false })
  })
})

describe('党员大会: 留党察看 has no vote; the reading of 半数以上 is recorded', () => {
  it('refuses the vote of a member under 留党察看 and records the reading applied', async () => {
    const sanction = await t.call('PATCH', `/v1/villages/${village}/party-members/${people.chair}`, {
      body: { sanction: { measure: 'probation_within_party', from: '2024-04-01', to: '2025-03-31' } },
    })
    expect(sanction.statusCode, sanction.body).toBeLessThan(300)
    const created = await t.call('POST', '/v1/matters', {
      body: { villageCode: village, title: '方案', category: 'other', description: '说明' },
    })
    const id = created.json().id
    const all = (keys: string[]) => ({
      attendees: ids(...keys),
      votes: { yes: keys.length, no: 0, abstain: 0 },
    })
    await stage(id, 'proposal', { heldOn: '2024-05-01', ...all(['sec', 'dep']) })
    await stage(id, 'consultation', { heldOn: '2024-05-02', ...all(['sec', 'dep', 'chair', 'vice']) })
    problem(
      await stage(id, 'party-review', {
        heldOn: '2024-05-03',
        attendees: ids('sec', 'chair'),
        votes: [
          { personId: people.sec, option: 'yes' },
          { personId: people.chair, option: 'yes' },
        ],
      }),
      422,
      'governance.voter_without_vote',
    )
    // Two who should attend with a vote; both present and yes.
    const review = await stage(id, 'party-review', { heldOn: '2024-05-03', ...all(['sec', 'dep']) })
    expect(review.statusCode, review.body).toBe(201)
    const judgement = review.json().meetings.at(-1).judgement
    expect(judgement.reading).toBe('exclusive')
    expect(judgement.quorum).toMatchObject({ base: 2, rule: { wording: '半数以上', reading: 'exclusive' } })
  })
})

describe('legal bases by the decision day', () => {
  it('cites the 2025 text of the 组织法 from 2026-01-01 (its new number marked unverified)', async () => {
    const before = (await t.call('GET', `/v1/governance/rules/${village}?asOf=2025-12-31`)).json()
    const after = (await t.call('GET', `/v1/governance/rules/${village}?asOf=2026-01-01`)).json()
    expect(before.rules.representativesMeetingQuorum.basis).toMatchObject({ version: '2018', article: '26' })
    expect(after.rules.representativesMeetingQuorum.basis).toMatchObject({ version: '2025', verified: false })
    expect(after.rules.matterCategoryRules.land_contracting.representativesMeeting[0].basis.article).toBe(
      '19(3)',
    )
  })
})

describe('户 routes: recorded, listed, refused', () => {
  it('adds and ends members; 404, 422, 401 and 403', async () => {
    const head = (
      await t.call('POST', '/v1/people', {
        body: { name: '新户主', villageCode: village, birthDate: '1980-01-01' },
      })
    ).json().id
    const spouse = (
      await t.call('POST', '/v1/people', {
        body: { name: '配偶', villageCode: village, birthDate: '1981-01-01' },
      })
    ).json().id
    const outsider = (
      await t.call('POST', '/v1/people', {
        body: { name: '外村人', villageCode: '370322104202', birthDate: '1981-01-01' },
      })
    ).json().id
    const created = await t.call('POST', `/v1/villages/${village}/households`, {
      body: { number: '0099', headPersonId: head, from: '2020-01-01' },
    })
    expect(created.statusCode, created.body).toBe(201)
    const household = created.json().id
    const added = await t.call('POST', `/v1/households/${household}/members`, {
      body: { personId: spouse, relation: 'spouse', from: '2021-01-01' },
    })
    expect(added.statusCode, added.body).toBe(201)
    const listed = (await t.call('GET', `/v1/villages/${village}/households?asOf=2021-06-01`)).json()
    expect(listed.items.find((h: { id: string }) => h.id === household).members).toEqual([head, spouse])
    const ended = await t.call('POST', `/v1/households/${household}/members/${spouse}/end`, {
      body: { to: '2023-12-31' },
    })
    expect(ended.statusCode, ended.body).toBe(200)
    problem(
      await t.call('POST', `/v1/households/${household}/members`, {
        body: { personId: outsider, from: '2024-01-01' },
      }),
      422,
      'organization.member_of_other_village',
    )
    problem(
      await t.call('POST', `/v1/households/${household}/members`, {
        body: { personId: head, from: '2024-01-01' },
      }),
      409,
      'organization.household_member_overlaps',
    )
    problem(
      await t.call('POST', '/v1/households/019a4c1e-7b2a-7c3d-8e4f-0123456789ab/members', {
        body: { personId: head, from: '2024-01-01' },
      }),
      404,
      'organization.household_not_found',
    )
    problem(
      await t.call('POST', `/v1/villages/${village}/households`, {
        key: null,
        body: { headPersonId: head, from: '2020-01-01' },
      }),
      401,
    )
    const clerk = await t.mintKey('clerk', village)
    problem(
      await t.call('POST', `/v1/villages/${village}/households`, {
        key: clerk,
        body: { headPersonId: head, from: '2020-01-01' },
      }),
      403,
    )
    const otherVillage = await t.mintKey('organizer', '370322104202')
    problem(
      await t.call('POST', `/v1/households/${household}/members`, {
        key: otherVillage,
        body: { personId: spouse, from: '2025-01-01' },
      }),
      403,
    )
    problem(await t.call('GET', `/v1/villages/${village}/villagers-roster`, { key: null }), 401)
  })
})

describe('乡村夜话 (local practice): reviewer, closures by the council, a major matter opened', () => {
  it('records the reviewer; refuses closures without a decision or at 0%; opens the 四议两公开 matter', async () => {
    const council = (
      await t.call('POST', '/v1/councils', {
        body: { villageCode: village, name: '议事会', establishedOn: '2021-01-01' },
      })
    ).json().id
    const members = ids('v1', 'v2', 'v3', 'v4')
    for (const [i, personId] of members.entries()) {
      await t.call('POST', `/v1/councils/${council}/members`, {
        body: { personId, category: 'villager_rep', post: i === 0 ? 'chair' : 'member', from: '2021-01-01' },
      })
    }
    const topic = (
      await t.call('POST', `/v1/councils/${council}/topics`, {
        body: { title: '修路', description: '村道破损', proposedBy: members[1] },
      })
    ).json().id
    const review = await t.call('POST', `/v1/topics/${topic}/review`, {
      body: { decision: 'accepted', reviewerId: people.sec },
    })
    expect(review.json().review).toMatchObject({ reviewerId: people.sec, recordedBy: expect.any(String) })
    const session = (
      await t.call('POST', `/v1/councils/${council}/sessions`, {
        body: { scheduledOn: '2024-06-20', venue: '村委会', topicIds: [topic], noticeSentOn: '2024-06-18' },
      })
    ).json().id
    const resolve = (extra: object) => ({
      heldOn: '2024-06-20',
      present: members,
      deliberations: [
        {
          topicId: topic,
          outcome: 'resolved',
          votes: { yes: 3, no: 1, abstain: 0 },
          resolution: {
            text: '硬化村道 2 公里',
            owner: '村委会主任',
            dueOn: '2024-12-31',
            amount: '50000.00',
            ...extra,
          },
        },
      ],
    })
    const major = problem(
      await t.call('POST', `/v1/sessions/${session}/minutes`, { body: resolve({}) }),
      422,
      'governance.major_matter_required',
    )
    expect(major.context).toMatchObject({ amount: '5000000', majorMatterFen: '5000000' })
    const held = await t.call('POST', `/v1/sessions/${session}/minutes`, {
      body: resolve({ matter: { category: 'public_welfare_project' } }),
    })
    expect(held.statusCode, held.body).toBe(201)
    const resolution = held.json().resolutions[0]
    expect(resolution).toMatchObject({ amount: '50000.00', matterId: expect.any(String) })
    const opened = (await t.call('GET', `/v1/matters/${resolution.matterId}`)).json()
    expect(opened).toMatchObject({
      state: 'proposal',
      category: 'public_welfare_project',
      villageCode: village,
    })

    const other = (
      await t.call('POST', `/v1/councils/${council}/topics`, {
        body: { title: '路灯', description: '照明', proposedBy: members[2] },
      })
    ).json().id
    await t.call('POST', `/v1/topics/${other}/review`, { body: { decision: 'accepted' } })
    const next = (
      await t.call('POST', `/v1/councils/${council}/sessions`, {
        body: { scheduledOn: '2024-07-20', venue: '村委会', topicIds: [other], noticeSentOn: '2024-07-18' },
      })
    ).json().id
    const minutes = (closure: object, percent = 0) => ({
      heldOn: '2024-07-20',
      present: members,
      progressReports: [{ resolutionId: resolution.id, note: '尚未开工', percent }],
      closures: [{ resolutionId: resolution.id, evidence: '会议记录', ...closure }],
    })
    const noDecision = problem(
      await t.call('POST', `/v1/sessions/${next}/minutes`, {
        body: minutes({ reason: 'not_actionable', explanation: '资金未落实' }),
      }),
      422,
      'governance.closure_needs_decision',
    )
    expect(noDecision.context).toMatchObject({ present: 4, required: 3, yes: 0 })
    problem(
      await t.call('POST', `/v1/sessions/${next}/minutes`, { body: minutes({ reason: 'solved' }) }),
      422,
      'governance.closure_not_complete',
    )
    const decided = await t.call('POST', `/v1/sessions/${next}/minutes`, {
      body: minutes({
        reason: 'not_actionable',
        explanation: '资金未落实',
        votes: { yes: 3, no: 1, abstain: 0 },
      }),
    })
    expect(decided.statusCode, decided.body).toBe(201)
    const closed = (await t.call('GET', `/v1/councils/${council}/resolutions?status=closed`)).json().items[0]
    expect(closed.closure).toMatchObject({
      explanation: '资金未落实',
      decision: { met: true, required: 3, count: 3 },
    })
  })
})

describe('people: the birth date the ID number carries', () => {
  it('records it and refuses a different stated one (400)', async () => {
    const p = await t.call('POST', '/v1/people', {
      body: { name: '身份证', villageCode: village, idNumber: '11010519491231002X' },
    })
    expect(p.json().birthDate, p.body).toBe('1949-12-31')
    problem(
      await t.call('POST', '/v1/people', {
        body: {
          name: '不符',
          villageCode: '370322104202',
          idNumber: '11010519491231002X',
          birthDate: '1950-01-01',
        },
      }),
      400,
      'organization.birth_date_mismatch',
    )
  })
})
