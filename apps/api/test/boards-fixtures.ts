import { seedDivisions, type TestApp } from './helpers.js'
import { villageBooks, voucher } from './ledger-helpers.js'

/** Text a villager could type, which a board must print and never run. */
export const HOSTILE = `<script>document.title="pwned"</script><b onmouseover="x">王五&"赵六"</b>`

export const VILLAGE = '370322104203' // 李孟德村, 唐坊镇 (seedDivisions)

/**
 * One published disclosure of each kind in 李孟德村: 晒财务 of January 2024 (rent received, an
 * expense whose summary is hostile markup) and 晒村务 of a 四议两公开 matter whose title is hostile
 * markup, disclosed for resolution with one objection. Built through the API, as users would.
 */
export async function boardWorld(t: TestApp) {
  await seedDivisions(t)
  const ok = async (method: string, url: string, body?: unknown, key?: string) => {
    const response = await t.call(method, url, {
      ...(body === undefined ? {} : { body }),
      ...(key ? { key } : {}),
    })
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`)
    return response.json()
  }

  const { bookkeeper, reviewer, ledgerId } = await villageBooks(t, VILLAGE, 'MA3C4D5E')
  const vouchers = `/v1/ledgers/${ledgerId}/vouchers`
  for (const v of [
    voucher('2024-01-10', '102', '501', '12000.00', '收到土地租金'),
    voucher('2024-01-20', '513', '102', '345.67', HOSTILE),
  ]) {
    const drafted = await ok('POST', vouchers, v, bookkeeper)
    await ok('POST', `${vouchers}/${drafted.id}/post`, undefined, reviewer)
  }
  await ok('POST', `/v1/ledgers/${ledgerId}/periods/2024-01/close`)
  const financial = await ok('POST', `/v1/ledgers/${ledgerId}/disclosures`, { period: '2024-01' })

  const people: Record<string, string> = {}
  for (const key of ['sec', 'dep', 'com', 'vice', 'm1', 'r1', 'r2']) {
    people[key] = (await ok('POST', '/v1/people', { name: `Villager-${key}`, villageCode: VILLAGE })).id
  }
  const villagePost = (body: string, title: string, key: string) =>
    ok('POST', `/v1/villages/${VILLAGE}/posts`, { body, title, personId: people[key], from: '2020-01-01' })
  await villagePost('party_branch', 'secretary', 'sec')
  await villagePost('party_branch', 'deputy_secretary', 'dep')
  await villagePost('party_branch', 'committee_member', 'com')
  await villagePost('village_committee', 'chair', 'sec')
  await villagePost('village_committee', 'vice_chair', 'vice')
  for (const key of ['sec', 'dep', 'com', 'm1']) {
    await ok('POST', `/v1/villages/${VILLAGE}/party-members`, {
      personId: people[key],
      status: 'full',
      from: '2010-01-01',
    })
  }
  for (const key of ['r1', 'r2']) {
    await ok('POST', `/v1/villages/${VILLAGE}/representatives`, { personId: people[key], from: '2021-01-01' })
  }
  const ids = (...keys: string[]) => keys.map((k) => people[k]!)
  const matter = await ok('POST', '/v1/matters', {
    villageCode: VILLAGE,
    title: `土地集中流转方案${HOSTILE}`,
    category: 'land_contracting',
    description: '160户、80亩',
  })
  const stage = (path: string, attendees: string[], extra: object = {}) =>
    ok('POST', `/v1/matters/${matter.id}/${path}`, {
      heldOn: '2024-03-01',
      minutes: '会议记录',
      attendees,
      votes: { yes: attendees.length, no: 0, abstain: 0 },
      ...extra,
    })
  await stage('proposal', ids('sec', 'dep'))
  await stage('consultation', ids('sec', 'dep', 'vice'))
  await stage('party-review', ids('sec', 'dep', 'com', 'm1'))
  // 村民代表会议: the representatives and the 村委会 members (组织法 Art. 26), all present.
  await stage('resolution', ids('r1', 'r2', 'sec', 'vice'), { body: 'representatives_meeting' })
  const affairs = await ok('POST', `/v1/matters/${matter.id}/disclosures`, {
    kind: 'resolution',
    channels: ['notice_board', 'online'],
    from: '2024-03-10',
    until: '2024-03-16',
  })
  await ok('POST', `/v1/matters/${matter.id}/objections`, { submittedOn: '2024-03-12', content: '价格偏低' })
  return {
    ledgerId,
    financial: financial as { id: string; period: string; sha256: string },
    matterId: matter.id as string,
    affairs: affairs as { id: string; from: string; until: string },
    personIds: Object.values(people),
  }
}
