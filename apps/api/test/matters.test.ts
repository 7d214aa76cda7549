import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'

let t: TestApp
const village = '370322104203'
const people: Record<string, string> = {}
beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  const person = async (key: string) => {
    people[key] = (
      await t.call('POST', '/v1/people', { body: { name: key, villageCode: village } })
    ).json().id
  }
  for (const key of ['sec', 'dep', 'com', 'chair', 'vice', 'm1', 'm2', 'm3', 'prob', 'r1', 'r2', 'r3'])
    await person(key)
  const post = (body: string, title: string, key: string) =>
    t.call('POST', `/v1/villages/${village}/posts`, {
      body: { body, title, personId: people[key], from: '2020-01-01' },
    })
  await post('party_branch', 'secretary', 'sec')
  await post('party_branch', 'deputy_secretary', 'dep')
  await post('party_branch', 'committee_member', 'com')
  await post('village_committee', 'chair', 'sec') // 一肩挑: in both committees, counted once
  await post('village_committee', 'vice_chair', 'vice')
  for (const key of ['sec', 'dep', 'com', 'm1', 'm2', 'm3']) {
    await t.call('POST', `/v1/villages/${village}/party-members`, {
      body: { personId: people[key], status: 'full', from: '2010-01-01' },
    })
  }
  await t.call('POST', `/v1/villages/${village}/party-members`, {
    body: { personId: people.prob, status: 'probationary', from: '2024-01-01' },
  })
  for (const key of ['r1', 'r2', 'r3']) {
    await t.call('POST', `/v1/villages/${village}/representatives`, {
      body: { personId: people[key], from: '2021-01-01' },
    })
  }
})
afterAll(() => t.close())

const ids = (...keys: string[]) => keys.map((k) => people[k]!)
const stage = (matterId: string, path: string, body: object, key?: string) =>
  t.call('POST', `/v1/matters/${matterId}/${path}`, {
    ...(key ? { key } : {}),
    body: { heldOn: '2024-03-01', minutes: '会议记录', ...body },
  })

async function newMatter(category = 'land_contracting') {
  const created = await t.call('POST', '/v1/matters', {
    body: { villageCode: village, title: '土地集中流转方案', category, description: '160户、80亩' },
  })
  expect(created.statusCode, created.body).toBe(201)
  return created.json().id as string
}

describe('四议两公开 matters', () => {
  it('runs the four stages in order against the rosters of the day', async () => {
    const id = await newMatter()
    problem(
      await stage(id, 'consultation', { attendees: ids('sec'), votes: { yes: 1, no: 0, abstain: 0 } }),
      422,
      'governance.stage_out_of_order',
    )
    expect(
      (await stage(id, 'proposal', { attendees: ids('sec', 'dep'), votes: { yes: 2, no: 0, abstain: 0 } }))
        .statusCode,
    ).toBe(201)
    // 两委 = sec, dep, com, vice (sec counted once): 3 of 4 present, 3 yes.
    const consulted = await stage(id, 'consultation', {
      attendees: ids('sec', 'dep', 'vice'),
      votes: { yes: 3, no: 0, abstain: 0 },
    })
    expect(consulted.json().state).toBe('party_review')
    const reviewed = await stage(id, 'party-review', {
      attendees: ids('sec', 'dep', 'com', 'm1', 'prob'),
      votes: ids('sec', 'dep', 'com', 'm1').map((personId) => ({ personId, option: 'yes' })),
    })
    expect(reviewed.statusCode, reviewed.body).toBe(201)
    const resolved = await stage(id, 'resolution', {
      body: 'representatives_meeting',
      // The 村民代表会议 is the 村委会 (sec, vice) and r1–r3 (组织法 Art. 25): 4 of 5 attend.
      attendees: ids('r1', 'r2', 'r3', 'vice'),
      votes: { yes: 4, no: 0, abstain: 0 },
    })
    expect(resolved.json().state, resolved.body).toBe('resolved')
    const timeline = (await t.call('GET', `/v1/matters/${id}`)).json()
    expect(timeline.meetings.map((m: { stage: string }) => m.stage)).toEqual([
      'proposal',
      'consultation',
      'party_review',
      'resolution',
    ])
    expect(timeline.meetings[2].judgement.pass).toMatchObject({ base: 6, required: 4, count: 4, met: true })
    expect(timeline.meetings[2].judgement.pass.rule.basis).toMatchObject({ article: '11' })
  })

  it('discloses, takes objections, implements after the disclosure and closes with the result (两公开)', async () => {
    const id = await newMatter()
    await stage(id, 'proposal', { attendees: ids('sec', 'dep'), votes: { yes: 2, no: 0, abstain: 0 } })
    await stage(id, 'consultation', {
      attendees: ids('sec', 'dep', 'vice'),
      votes: { yes: 3, no: 0, abstain: 0 },
    })
    await stage(id, 'party-review', {
      attendees: ids('sec', 'dep', 'com', 'm1'),
      votes: { yes: 4, no: 0, abstain: 0 },
    })
    await stage(id, 'resolution', {
      body: 'representatives_meeting',
      // The 村民代表会议 is the 村委会 (sec, vice) and r1–r3 (组织法 Art. 25): 4 of 5 attend.
      attendees: ids('r1', 'r2', 'r3', 'vice'),
      votes: { yes: 4, no: 0, abstain: 0 },
    })
    const disclose = (body: object) => t.call('POST', `/v1/matters/${id}/disclosures`, { body })
    const short = problem(
      await disclose({
        kind: 'resolution',
        channels: ['notice_board'],
        from: '2024-03-10',
        until: '2024-03-15',
      }),
      422,
      'governance.disclosure_too_short',
    )
    expect(short.context).toMatchObject({ days: 6, required: 7 })
    expect(
      (
        await disclose({
          kind: 'resolution',
          channels: ['notice_board', 'online'],
          from: '2024-03-10',
          until: '2024-03-16',
        })
      ).statusCode,
    ).toBe(201)
    const objection = (
      await t.call('POST', `/v1/matters/${id}/objections`, {
        body: { submittedOn: '2024-03-12', content: '流转价格偏低' },
      })
    ).json()
    expect(objection).toMatchObject({ dueOn: '2024-03-15', outcome: null, overdue: true })
    const implement = (body: object) => t.call('POST', `/v1/matters/${id}/implementation`, { body })
    problem(await implement({ status: 'started', on: '2024-03-16' }), 422, 'governance.disclosure_running')
    problem(await implement({ status: 'started', on: '2024-03-17' }), 422, 'governance.objection_pending')
    const answered = await t.call('POST', `/v1/objections/${objection.id}/response`, {
      body: { outcome: 'dismissed', respondedOn: '2024-03-14', response: '价格依据评估报告' },
    })
    expect(answered.json()).toMatchObject({ outcome: 'dismissed', overdue: false })
    problem(
      await disclose({ kind: 'result', channels: ['notice_board'], from: '2024-05-01', until: '2024-05-07' }),
      422,
      'governance.not_implemented',
    )
    expect((await implement({ status: 'started', on: '2024-03-17' })).statusCode).toBe(200)
    expect((await implement({ status: 'completed', on: '2024-04-30' })).statusCode).toBe(200)
    expect(
      (
        await disclose({
          kind: 'result',
          channels: ['notice_board'],
          from: '2024-05-01',
          until: '2024-05-07',
        })
      ).statusCode,
    ).toBe(201)
    expect((await t.call('GET', `/v1/matters/${id}`)).json()).toMatchObject({
      state: 'closed',
      implementation: 'completed',
    })
    const published = await t.call('GET', `/v1/public/villages/${village}/disclosures`, { key: null })
    expect(published.statusCode).toBe(200)
    const items = published.json().items.filter((d: { matterId: string }) => d.matterId === id)
    expect(items.map((d: { kind: string }) => d.kind)).toEqual(['result', 'resolution'])
    expect(published.body).not.toContain('流转价格偏低')
    expect(published.body).not.toContain(people.sec)
  })

  it('sends an upheld objection back to 两委商议', async () => {
    const id = await newMatter()
    await stage(id, 'proposal', { attendees: ids('sec', 'dep'), votes: { yes: 2, no: 0, abstain: 0 } })
    await stage(id, 'consultation', {
      attendees: ids('sec', 'dep', 'vice'),
      votes: { yes: 3, no: 0, abstain: 0 },
    })
    await stage(id, 'party-review', {
      attendees: ids('sec', 'dep', 'com', 'm1'),
      votes: { yes: 4, no: 0, abstain: 0 },
    })
    await stage(id, 'resolution', {
      body: 'representatives_meeting',
      // The 村民代表会议 is the 村委会 (sec, vice) and r1–r3 (组织法 Art. 25): 4 of 5 attend.
      attendees: ids('r1', 'r2', 'r3', 'vice'),
      votes: { yes: 4, no: 0, abstain: 0 },
    })
    await t.call('POST', `/v1/matters/${id}/disclosures`, {
      body: { kind: 'resolution', channels: ['meeting'], from: '2024-03-10', until: '2024-03-20' },
    })
    const objection = (
      await t.call('POST', `/v1/matters/${id}/objections`, {
        body: { submittedOn: '2024-03-11', content: '不同意' },
      })
    ).json()
    await t.call('POST', `/v1/objections/${objection.id}/response`, {
      body: { outcome: 'upheld', respondedOn: '2024-03-12', response: '重新商议' },
    })
    expect((await t.call('GET', `/v1/matters/${id}`)).json().state).toBe('consultation')
    problem(
      await t.call('POST', `/v1/objections/${objection.id}/response`, {
        body: { outcome: 'dismissed', respondedOn: '2024-03-13', response: 'x' },
      }),
      409,
      'governance.objection_answered',
    )
  })

  it('fans an alliance matter out to its member villages, each deciding for itself', async () => {
    const alliance = (
      await t.call('POST', '/v1/alliances', {
        body: {
          name: '黑牛盒马联村党委',
          townshipCode: '370322104',
          mode: 'mutual_aid',
          level: 'party_committee',
          establishedOn: '2020-01-01',
        },
      })
    ).json()
    for (const code of [village, '370322104201']) {
      await t.call('POST', `/v1/alliances/${alliance.id}/members`, {
        body: { villageCode: code, role: 'member', from: '2020-01-01' },
      })
    }
    const body = {
      allianceId: alliance.id,
      title: '联村统一流转土地',
      category: 'land_contracting',
      villageCodes: [village, '370322104201'],
    }
    problem(
      await t.call('POST', '/v1/alliance-matters', {
        body: { ...body, villageCodes: [village, '370322104202'] },
      }),
      422,
      'governance.village_not_member',
    )
    const created = await t.call('POST', '/v1/alliance-matters', { body })
    expect(created.statusCode, created.body).toBe(201)
    const am = created.json()
    expect(am).toMatchObject({ state: 'in_progress' })
    const ours = am.villages.find((v: { villageCode: string }) => v.villageCode === village).matterId
    await stage(ours, 'proposal', { attendees: ids('sec', 'dep'), votes: { yes: 0, no: 2, abstain: 0 } })
    expect((await t.call('GET', `/v1/alliance-matters/${am.id}`)).json().state).toBe('rejected_by_a_village')
  })

  it('records a meeting without quorum and answers 422 with the numbers', async () => {
    const id = await newMatter()
    const failed = problem(
      await stage(id, 'proposal', { attendees: ids('sec'), votes: { yes: 1, no: 0, abstain: 0 } }),
      422,
      'governance.quorum_not_met',
    )
    expect(failed.context).toMatchObject({ base: 3, required: 2, present: 1 })
    const matter = (await t.call('GET', `/v1/matters/${id}`)).json()
    expect(matter.state).toBe('proposal')
    expect(matter.meetings).toHaveLength(1)
    expect(matter.meetings[0].outcome).toBe('quorum_not_met')
  })

  it('ends a matter as rejected when the vote fails, and refuses strangers and probationary votes', async () => {
    const id = await newMatter()
    problem(
      await stage(id, 'proposal', { attendees: ids('r1', 'sec'), votes: { yes: 1, no: 0, abstain: 0 } }),
      422,
      'governance.attendee_not_on_roster',
    )
    await stage(id, 'proposal', { attendees: ids('sec', 'dep'), votes: { yes: 2, no: 0, abstain: 0 } })
    await stage(id, 'consultation', {
      attendees: ids('sec', 'dep', 'vice'),
      votes: { yes: 3, no: 0, abstain: 0 },
    })
    problem(
      await stage(id, 'party-review', {
        attendees: ids('sec', 'dep', 'com', 'm1', 'prob'),
        votes: [{ personId: people.prob, option: 'yes' }],
      }),
      422,
      'governance.voter_without_vote',
    )
    // 4 of 6 present, 3 yes: exactly half of those who should attend is not enough.
    const rejected = await stage(id, 'party-review', {
      attendees: ids('sec', 'dep', 'com', 'm1'),
      votes: { yes: 3, no: 1, abstain: 0 },
    })
    expect(rejected.json().state).toBe('rejected')
    problem(
      await stage(id, 'resolution', {
        body: 'villagers_meeting',
        attendees: [],
        votes: { yes: 0, no: 0, abstain: 0 },
      }),
      422,
      'governance.stage_out_of_order',
    )
  })

  it('merges 提议 and 商议 into one meeting only where the secretary is also the chair (一肩挑)', async () => {
    const id = await newMatter()
    const merged = await stage(id, 'consultation', {
      mergedWithProposal: true,
      attendees: ids('sec', 'dep', 'vice'),
      votes: { yes: 3, no: 0, abstain: 0 },
    })
    expect(merged.statusCode, merged.body).toBe(201)
    expect(merged.json().state).toBe('party_review')
    // Before 2018 the secretary was not yet the chair: no merging then.
    const early = await newMatter()
    problem(
      await stage(early, 'consultation', {
        heldOn: '2017-06-01',
        mergedWithProposal: true,
        attendees: ids('sec', 'dep'),
        votes: { yes: 2, no: 0, abstain: 0 },
      }),
      422,
      'governance.merge_not_allowed',
    )
  })

  it('keeps village rules for the villagers’ meeting itself', async () => {
    const id = await newMatter('village_rules')
    await stage(id, 'proposal', { attendees: ids('sec', 'dep'), votes: { yes: 2, no: 0, abstain: 0 } })
    await stage(id, 'consultation', {
      attendees: ids('sec', 'dep', 'vice'),
      votes: { yes: 3, no: 0, abstain: 0 },
    })
    await stage(id, 'party-review', {
      attendees: ids('sec', 'dep', 'com', 'm1'),
      votes: { yes: 4, no: 0, abstain: 0 },
    })
    problem(
      await stage(id, 'resolution', {
        body: 'representatives_meeting',
        attendees: ids('r1', 'r2'),
        votes: { yes: 2, no: 0, abstain: 0 },
      }),
      422,
      'governance.villagers_meeting_required',
    )
  })

  it('keeps a clerk of another village out (403) and needs a key (401)', async () => {
    const id = await newMatter()
    const otherClerk = await t.mintKey('clerk', '370322104201')
    problem(
      await stage(
        id,
        'proposal',
        { attendees: ids('sec', 'dep'), votes: { yes: 2, no: 0, abstain: 0 } },
        otherClerk,
      ),
      403,
    )
    problem(await t.call('GET', `/v1/matters/${id}`, { key: otherClerk }), 403)
    problem(await t.call('POST', '/v1/matters', { key: null, body: {} }), 401)
    const clerk = await t.mintKey('clerk', village)
    expect(
      (
        await stage(
          id,
          'proposal',
          { attendees: ids('sec', 'dep'), votes: { yes: 2, no: 0, abstain: 0 } },
          clerk,
        )
      ).statusCode,
    ).toBe(201)
    const listed = (await t.call('GET', '/v1/matters?state=consultation', { key: clerk })).json()
    expect(listed.items.map((m: { id: string }) => m.id)).toContain(id)
  })
})
