import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'

let t: TestApp
const village = '370322105201'
let councilId: string
const members: string[] = []
beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  councilId = (
    await t.call('POST', '/v1/councils', {
      body: { villageCode: village, name: '蓑衣樊村群众议事会', establishedOn: '2021-05-01' },
    })
  ).json().id
  for (let i = 0; i < 6; i++) {
    const id = (
      await t.call('POST', '/v1/people', { body: { name: `议事会成员${i}`, villageCode: village } })
    ).json().id
    members.push(id)
    const post = i === 0 ? 'chair' : 'member'
    await t.call('POST', `/v1/councils/${councilId}/members`, {
      body: { personId: id, category: 'villager_rep', post, from: '2021-05-01' },
    })
  }
})
afterAll(() => t.close())

const post = (url: string, body: object, key?: string) =>
  t.call('POST', url, { body, ...(key ? { key } : {}) })

async function acceptedTopic(title: string) {
  const topic = (
    await post(`/v1/councils/${councilId}/topics`, { title, description: '说明', proposedBy: members[1] })
  ).json()
  await post(`/v1/topics/${topic.id}/review`, { decision: 'accepted' })
  return topic.id as string
}

describe('乡村夜话 councils', () => {
  it('keeps one chair, refuses a rejection without reason, and checks the notice window', async () => {
    problem(
      await post(`/v1/councils/${councilId}/members`, {
        personId: members[2],
        category: 'other',
        post: 'chair',
        from: '2022-01-01',
      }),
      422,
      'governance.chair_taken',
    )
    const topic = (
      await post(`/v1/councils/${councilId}/topics`, {
        title: '路灯',
        description: '照明',
        proposedBy: members[1],
      })
    ).json()
    problem(await post(`/v1/topics/${topic.id}/review`, { decision: 'rejected' }), 400)
    await post(`/v1/topics/${topic.id}/review`, { decision: 'rejected', reason: 'not_prepared' })
    problem(
      await post(`/v1/councils/${councilId}/sessions`, {
        scheduledOn: '2024-06-20',
        venue: '党群服务中心',
        topicIds: [topic.id],
        noticeSentOn: '2024-06-18',
      }),
      422,
      'governance.topic_not_accepted',
    )
    const accepted = await acceptedTopic('蟹塘道路')
    const late = problem(
      await post(`/v1/councils/${councilId}/sessions`, {
        scheduledOn: '2024-06-20',
        venue: '党群服务中心',
        topicIds: [accepted],
        noticeSentOn: '2024-06-12',
      }),
      422,
      'governance.notice_outside_window',
    )
    expect(late.context).toMatchObject({ days: 8, min: 1, max: 7 })
  })

  it('fails below 2/3, resolves by vote, demands progress reports, and closes resolutions one by one', async () => {
    const topic = await acceptedTopic('稻田蟹塘旁增设路灯')
    const session = (
      await post(`/v1/councils/${councilId}/sessions`, {
        scheduledOn: '2024-06-20',
        venue: '党群服务中心',
        topicIds: [topic],
        noticeSentOn: '2024-06-17',
      })
    ).json()
    const failed = problem(
      await post(`/v1/sessions/${session.id}/minutes`, {
        heldOn: '2024-06-20',
        present: members.slice(0, 3),
      }),
      422,
      'governance.quorum_not_met',
    )
    expect(failed.context).toMatchObject({ base: 6, required: 4, present: 3 })

    const second = (
      await post(`/v1/councils/${councilId}/sessions`, {
        scheduledOn: '2024-06-27',
        venue: '党群服务中心',
        topicIds: [topic],
        noticeSentOn: '2024-06-24',
      })
    ).json()
    problem(
      await post(`/v1/sessions/${second.id}/minutes`, {
        heldOn: '2024-06-27',
        present: members.slice(0, 4),
        deliberations: [
          {
            topicId: topic,
            outcome: 'resolved',
            votes: { yes: 2, no: 2, abstain: 0 },
            resolution: { text: '装路灯', owner: '村委会主任', dueOn: '2024-07-31' },
          },
        ],
      }),
      422,
      'governance.resolution_needs_majority',
    )
    const held = await post(`/v1/sessions/${second.id}/minutes`, {
      heldOn: '2024-06-27',
      present: members.slice(0, 4),
      deliberations: [
        {
          topicId: topic,
          outcome: 'resolved',
          votes: { yes: 3, no: 1, abstain: 0 },
          resolution: { text: '装路灯', owner: '村委会主任', dueOn: '2024-07-31' },
        },
      ],
    })
    expect(held.statusCode, held.body).toBe(201)
    const resolutionId = held.json().resolutions[0].id

    const other = await acceptedTopic('垃圾清运')
    const third = (
      await post(`/v1/councils/${councilId}/sessions`, {
        scheduledOn: '2024-07-04',
        venue: '党群服务中心',
        topicIds: [other],
        noticeSentOn: '2024-07-01',
      })
    ).json()
    const missing = problem(
      await post(`/v1/sessions/${third.id}/minutes`, { heldOn: '2024-07-04', present: members.slice(0, 5) }),
      422,
      'governance.progress_report_missing',
    )
    expect(missing.context?.missing).toEqual([resolutionId])
    const closed = await post(`/v1/sessions/${third.id}/minutes`, {
      heldOn: '2024-07-04',
      present: members.slice(0, 5),
      progressReports: [{ resolutionId, note: '路灯已安装', percent: 100 }],
      deliberations: [{ topicId: other, outcome: 'deferred' }],
      closures: [{ resolutionId, reason: 'solved', evidence: '现场照片 3 张' }],
    })
    expect(closed.statusCode, closed.body).toBe(201)
    const list = (await t.call('GET', `/v1/councils/${councilId}/resolutions?status=closed`)).json()
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([resolutionId])

    const points = (await t.call('GET', `/v1/councils/${councilId}/points?year=2024`)).json()
    expect(points.schedule.version).toBe('2024-v1')
    const proposer = points.members.find((m: { personId: string }) => m.personId === members[1])
    // members[1] proposed 4 topics (3 accepted, 1 resolved) and attended both held sessions.
    expect(proposer.events).toMatchObject({
      topicSubmitted: 4,
      topicAccepted: 3,
      resolutionFromOwnTopic: 1,
      attended: 2,
    })
    const absentee = points.members.find((m: { personId: string }) => m.personId === members[5])
    expect(absentee.events).toEqual({ absent: 2 })
    expect(absentee.points).toBe(-2)

    const published = (
      await t.call('GET', `/v1/public/villages/${village}/disclosures`, { key: null })
    ).json()
    expect(published.councilResolutions).toEqual([
      expect.objectContaining({ text: '装路灯', owner: '村委会主任', status: 'closed', overdue: false }),
    ])
  })

  it('keeps clerks of other villages out', async () => {
    const clerk = await t.mintKey('clerk', '370322104201')
    problem(
      await post(
        `/v1/councils/${councilId}/topics`,
        { title: 'x', description: 'y', proposedBy: members[1] },
        clerk,
      ),
      403,
    )
    problem(await t.call('GET', `/v1/councils/${councilId}/resolutions`, { key: clerk }), 403)
    problem(await t.call('POST', '/v1/councils', { key: null, body: {} }), 401)
  })
})
