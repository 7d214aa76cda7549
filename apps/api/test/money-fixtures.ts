import { addDays } from '@liancun/core'
import { as } from './funds-fixtures.js'
import type { TestApp } from './helpers.js'

/**
 * A village's roster for 四议两公开 (once per village and test app): a branch committee of three,
 * the secretary chairing the village committee (一肩挑) with a vice chair, four Party members,
 * and five 村民代表 — the two committee members among them, so the representatives' meeting is
 * the same set however the roster is read (representatives alone, or with the committee).
 */
const rostered = new WeakMap<TestApp, Map<string, Record<string, string>>>()

async function roster(t: TestApp, village: string): Promise<Record<string, string>> {
  const known = rostered.get(t) ?? new Map<string, Record<string, string>>()
  rostered.set(t, known)
  const found = known.get(village)
  if (found) return found
  const people: Record<string, string> = {}
  for (const key of ['sec', 'dep', 'com', 'vice', 'm1', 'r1', 'r2', 'r3'])
    people[key] = (await as(t).post('/v1/people', { name: `${village}${key}`, villageCode: village })).id
  const post = (body: string, title: string, key: string) =>
    as(t).post(`/v1/villages/${village}/posts`, { body, title, personId: people[key], from: '2020-01-01' })
  await post('party_branch', 'secretary', 'sec')
  await post('party_branch', 'deputy_secretary', 'dep')
  await post('party_branch', 'committee_member', 'com')
  await post('village_committee', 'chair', 'sec')
  await post('village_committee', 'vice_chair', 'vice')
  for (const key of ['sec', 'dep', 'com', 'm1'])
    await as(t).post(`/v1/villages/${village}/party-members`, {
      personId: people[key],
      status: 'full',
      from: '2010-01-01',
    })
  for (const key of ['sec', 'vice', 'r1', 'r2', 'r3'])
    await as(t).post(`/v1/villages/${village}/representatives`, { personId: people[key], from: '2020-01-01' })
  known.set(village, people)
  return people
}

/**
 * A matter of `village` taken through its four meetings on `heldOn` (all in favour) and its
 * resolution disclosure from the next day for 7 days: it authorises spending from `heldOn` + 8.
 */
export async function decidedMatter(
  t: TestApp,
  village: string,
  body: { title?: string; category: string; amount?: string; object?: string; projects?: string[] },
  heldOn = '2024-03-01',
): Promise<string> {
  const people = await roster(t, village)
  const matter = await as(t).post('/v1/matters', {
    villageCode: village,
    title: body.title ?? `${body.category} 事项`,
    description: '会议决定事项',
    ...body,
  })
  const ids = (...keys: string[]) => keys.map((k) => people[k]!)
  const stage = (path: string, attendees: string[], extra: object = {}) =>
    as(t).post(`/v1/matters/${matter.id}/${path}`, {
      heldOn,
      minutes: '会议记录',
      attendees,
      votes: { yes: attendees.length, no: 0, abstain: 0 },
      ...extra,
    })
  await stage('proposal', ids('sec', 'dep', 'com'))
  await stage('consultation', ids('sec', 'dep', 'com', 'vice'))
  await stage('party-review', ids('sec', 'dep', 'com', 'm1'))
  await stage('resolution', ids('sec', 'vice', 'r1', 'r2', 'r3'), { body: 'representatives_meeting' })
  await as(t).post(`/v1/matters/${matter.id}/disclosures`, {
    kind: 'resolution',
    channels: ['notice_board'],
    from: addDays(heldOn, 1),
    until: addDays(heldOn, 7),
  })
  return matter.id as string
}
