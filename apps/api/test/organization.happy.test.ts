import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDivisions, startTestApp, type TestApp } from './helpers.js'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
})
afterAll(() => t.close())

async function ok(method: string, url: string, body?: unknown, status = 200) {
  const response = await t.call(method, url, body === undefined ? {} : { body })
  if (response.statusCode !== status)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`)
  return response.json()
}

describe('divisions', () => {
  it('upserts: 201 on create, 200 on update, and lists by parent and kind', async () => {
    const created = await t.call('PUT', '/v1/divisions/370322104204', {
      body: { name: '新村', kind: 'village', population: 300 },
    })
    expect(created.statusCode).toBe(201)
    const updated = await ok('PUT', '/v1/divisions/370322104204', {
      name: '新村',
      kind: 'village',
      population: 320,
    })
    expect(updated).toMatchObject({
      code: '370322104204',
      population: 320,
      parentCode: '370322104',
      countyCode: '370322',
    })
    const listed = await ok('GET', '/v1/divisions?parent=370322104&kind=village')
    expect(listed.items.map((d: { code: string }) => d.code)).toEqual([
      '370322104201',
      '370322104202',
      '370322104203',
      '370322104204',
    ])
  })

  it('pages with a cursor', async () => {
    const first = await ok('GET', '/v1/divisions?within=370322&limit=2')
    expect(first.items).toHaveLength(2)
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = await ok('GET', `/v1/divisions?within=370322&limit=2&cursor=${first.nextCursor}`)
    expect(second.items[0].code > first.items[1].code).toBe(true)
  })
})

describe('people, posts and rosters', () => {
  it('masks phone and ID number in every response', async () => {
    const person = await ok(
      'POST',
      '/v1/people',
      { name: '张三', villageCode: '370322104201', phone: '13812345678', idNumber: '11010519491231002X' },
      201,
    )
    expect(person.phoneMasked).toBe('138****5678')
    expect(person.idNumberMasked).toMatch(/\*+002X$/)
    const read = await ok('GET', `/v1/people/${person.id}`)
    expect(JSON.stringify(read)).not.toContain('13812345678')
    expect(JSON.stringify(read)).not.toContain('11010519491231002X')
  })

  it('records a cross-village secretary (跨村任职) and 一肩挑', async () => {
    const strong = await ok('POST', '/v1/people', { name: '王书记', villageCode: '370322104201' }, 201)
    await ok(
      'POST',
      '/v1/villages/370322104201/posts',
      { body: 'party_branch', title: 'secretary', personId: strong.id, from: '2015-01-01' },
      201,
    )
    await ok(
      'POST',
      '/v1/villages/370322104201/posts',
      { body: 'village_committee', title: 'chair', personId: strong.id, from: '2018-01-01' },
      201,
    )
    const served = await ok(
      'POST',
      '/v1/villages/370322104202/posts',
      { body: 'party_branch', title: 'secretary', personId: strong.id, from: '2019-05-01' },
      201,
    )
    expect(served.crossVillage).toBe(true)
    const home = await ok('GET', '/v1/villages/370322104201/posts?asOf=2024-01-01')
    expect(home.secretaryIsChair).toBe(true)
    const weak = await ok('GET', '/v1/villages/370322104202/posts?asOf=2024-01-01')
    expect(weak.posts).toHaveLength(1)
    expect(weak.posts[0]).toMatchObject({
      personName: '王书记',
      personVillageCode: '370322104201',
      crossVillage: true,
    })
    expect(weak.secretaryIsChair).toBe(false)
    const before = await ok('GET', '/v1/villages/370322104202/posts?asOf=2019-04-30')
    expect(before.posts).toHaveLength(0)
  })

  it('keeps the Party roster by date: probationary, 转正, excused', async () => {
    const people = []
    for (const name of ['甲', '乙', '丙'])
      people.push(await ok('POST', '/v1/people', { name, villageCode: '370322104203' }, 201))
    const [a, b, c] = people
    await ok(
      'POST',
      '/v1/villages/370322104203/party-members',
      { personId: a.id, status: 'full', from: '2010-01-01' },
      201,
    )
    await ok(
      'POST',
      '/v1/villages/370322104203/party-members',
      { personId: b.id, status: 'probationary', from: '2023-07-01' },
      201,
    )
    await ok(
      'POST',
      '/v1/villages/370322104203/party-members',
      { personId: c.id, status: 'full', from: '2012-01-01' },
      201,
    )
    await ok('PATCH', `/v1/villages/370322104203/party-members/${b.id}`, {
      status: 'full',
      from: '2024-07-01',
    })
    await ok('PATCH', `/v1/villages/370322104203/party-members/${c.id}`, {
      excusal: { reason: 'abroad_over_six_months', from: '2024-01-01', to: '2024-12-31' },
    })
    const june = await ok('GET', '/v1/villages/370322104203/party-members?asOf=2024-06-30')
    expect(june.counts).toMatchObject({
      full: 2,
      probationary: 1,
      excused: 1,
      shouldAttend: 2,
      fullVoting: 1,
    })
    const august = await ok('GET', '/v1/villages/370322104203/party-members?asOf=2024-08-01')
    expect(august.counts).toMatchObject({ full: 3, probationary: 0, fullVoting: 2 })
    const rep = await ok(
      'POST',
      '/v1/villages/370322104203/representatives',
      { personId: a.id, from: '2021-01-01' },
      201,
    )
    expect(rep.count).toBe(1)
  })
})

describe('partners and alliances', () => {
  it('builds a 村企联建 alliance and reads it on a day', async () => {
    const partner = await ok(
      'POST',
      '/v1/partners',
      { name: '纽澜地公司', kind: 'enterprise', countyCode: '370322' },
      201,
    )
    const alliance = await ok(
      'POST',
      '/v1/alliances',
      {
        name: '黑牛盒马联村党委',
        townshipCode: '370322104',
        mode: 'village_enterprise',
        level: 'party_committee',
        establishedOn: '2019-03-01',
      },
      201,
    )
    expect(alliance).toMatchObject({
      countyCode: '370322',
      mode: 'village_enterprise',
      form: null,
      members: [],
    })
    const lead = await ok(
      'POST',
      `/v1/alliances/${alliance.id}/members`,
      { villageCode: '370322104201', role: 'lead', from: '2019-03-01' },
      201,
    )
    await ok(
      'POST',
      `/v1/alliances/${alliance.id}/members`,
      { villageCode: '370322104203', role: 'member', from: '2019-03-01' },
      201,
    )
    await ok(
      'POST',
      `/v1/alliances/${alliance.id}/members`,
      { partnerId: partner.id, role: 'member', from: '2019-03-01' },
      201,
    )
    const secretary = await ok('POST', '/v1/people', { name: '镇党委书记', villageCode: '370322104201' }, 201)
    await ok(
      'POST',
      `/v1/alliances/${alliance.id}/posts`,
      { personId: secretary.id, title: 'secretary', source: 'township_cadre', from: '2019-03-01' },
      201,
    )

    const read = await ok('GET', `/v1/alliances/${alliance.id}?asOf=2024-01-01`)
    expect(read.villageCount).toBe(2)
    expect(read.members).toHaveLength(3)
    expect(read.posts).toHaveLength(1)

    await ok('POST', `/v1/alliances/${alliance.id}/members/${lead.id}/leave`, {
      to: '2023-12-31',
      reason: '调整',
    })
    const later = await ok('GET', `/v1/alliances/${alliance.id}?asOf=2024-01-01`)
    expect(later.villageCount).toBe(1)
    const earlier = await ok('GET', `/v1/alliances/${alliance.id}?asOf=2023-12-31`)
    expect(earlier.villageCount).toBe(2)

    const village = await ok('GET', '/v1/villages/370322104203/alliance?asOf=2024-01-01')
    expect(village.alliance.id).toBe(alliance.id)
    const none = await ok('GET', '/v1/villages/370322104202/alliance?asOf=2024-01-01')
    expect(none.alliance).toBeNull()

    const list = await ok('GET', '/v1/alliances?within=370322&mode=village_enterprise&asOf=2024-01-01')
    expect(list.items.map((a: { id: string }) => a.id)).toContain(alliance.id)

    const stats = await ok('GET', '/v1/stats/alliances?within=370322&asOf=2024-01-01')
    expect(stats.alliances.byMode.village_enterprise).toBeGreaterThanOrEqual(1)
    expect(stats.villages.covered).toBeGreaterThanOrEqual(1)
  })

  it('never changes the village when it joins or leaves (三不变)', async () => {
    const before = await ok('GET', '/v1/divisions/370322105201')
    const posts = await ok('GET', '/v1/villages/370322105201/posts?asOf=2024-06-30')
    const alliance = await ok(
      'POST',
      '/v1/alliances',
      {
        name: '蓑衣樊联村党委',
        townshipCode: '370322105',
        mode: 'mutual_aid',
        level: 'party_committee',
        establishedOn: '2020-01-01',
      },
      201,
    )
    const member = await ok(
      'POST',
      `/v1/alliances/${alliance.id}/members`,
      { villageCode: '370322105201', role: 'lead', from: '2020-01-01' },
      201,
    )
    await ok('POST', `/v1/alliances/${alliance.id}/members/${member.id}/leave`, {
      to: '2024-01-31',
      reason: '撤并',
    })
    expect(await ok('GET', '/v1/divisions/370322105201')).toEqual(before)
    expect(await ok('GET', '/v1/villages/370322105201/posts?asOf=2024-06-30')).toEqual(posts)
  })
})
