import { createHash } from 'node:crypto'
import { newId } from '@liancun/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { insertJob } from '../src/imports/job-store.js'
import { ADMIN_KEY, problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { csv, job, upload, XLSX, xlsx } from './imports-helpers.js'

/** Imports of people and rosters (POST /v1/imports/{people,party-members,…}), and restarts. */

const VILLAGE = '370322104203'
const OTHER = '370322104201'
let t: TestApp
let organizer: string

/** An 18-character ID number with its GB 11643 check character. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0)
  return first17 + '10X98765432'[sum % 11]
}

beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  organizer = await t.mintKey('organizer', VILLAGE)
}, 300_000)
afterAll(() => t?.close())

const people = async (village = VILLAGE) =>
  (await t.call('GET', `/v1/people?villageCode=${village}&limit=200`)).json().items as {
    id: string
    name: string
    idNumberMasked: string | null
    phoneMasked: string | null
  }[]

describe('people', () => {
  it('imports a clean file through createPerson: masked, hashed, listed', async () => {
    const id = idNumber('37032219800101123')
    const file = csv([
      ['序号', '姓名', '性别', '手机', '身份证号'],
      [1, '赵大', '男', '13812345678', id],
      [2, '钱二', '女', null, null],
      [3, '孙三', null, '0533-1234567', null],
    ])
    const response = await upload(t, `/v1/imports/people?villageCode=${VILLAGE}`, file, { key: organizer })
    expect(response.statusCode, response.body).toBe(202)
    const done = await job(t, response.json().id, organizer)
    expect(done).toMatchObject({
      status: 'succeeded',
      target: 'people',
      villageCode: VILLAGE,
      result: { imported: 3 },
    })
    const listed = await people()
    expect(listed.map((p) => p.name)).toEqual(expect.arrayContaining(['赵大', '钱二', '孙三']))
    const zhao = listed.find((p) => p.name === '赵大')!
    expect(zhao).toMatchObject({
      idNumberMasked: `**************${id.slice(-4)}`,
      phoneMasked: '138****5678',
    })
    expect(done.result.items.find((i: { row: number }) => i.row === 2).id).toBe(zhao.id)
    // The job never keeps the ID number or phone, in errors or result.
    expect(JSON.stringify(done)).not.toContain(id)
  })

  it('reports every bad row — check character, duplicates in the file and in the county, an Excel number — and writes none', async () => {
    const before = (await people()).length
    const good = idNumber('37032219900202123')
    const taken = idNumber('37032219800101123')
    const file = await xlsx([
      ['姓名', '性别', '手机', '身份证号'],
      ['周四', '男', '13900000000', good],
      ['吴五', '男', null, `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`],
      ['郑六', '女', null, good],
      ['王七', '未知', '12345', null],
      // What Excel keeps of 370322199002021234 typed into a number cell: its last digits are gone.
      ['冯八', null, null, 370322199002021250],
      ['陈九', null, null, taken],
      [null, '女', null, null],
    ])
    const response = await upload(t, `/v1/imports/people?villageCode=${VILLAGE}`, file, {
      key: organizer,
      type: XLSX,
    })
    const done = await job(t, response.json().id)
    expect(done.status).toBe('rejected')
    expect(
      done.errors.map((e: { row: number; column: string; rule: string }) => [e.row, e.column, e.rule]),
    ).toEqual([
      [3, '身份证号', 'id_number'],
      [4, '身份证号', 'duplicate_in_file'],
      [5, '性别', 'gender'],
      [5, '手机', 'phone_format'],
      [6, '身份证号', 'id_number_as_number'],
      [7, '身份证号', 'organization.person_duplicate'],
      [8, '姓名', 'name'],
    ])
    expect(done.problem).toMatchObject({
      status: 422,
      code: 'imports.rows_invalid',
      context: { errorCount: 7 },
    })
    expect((await people()).length).toBe(before)
  })

  it('401, 403 (a clerk; another village’s organizer), 400 and 404', async () => {
    const file = csv([['姓名'], ['甲']])
    problem(await upload(t, `/v1/imports/people?villageCode=${VILLAGE}`, file, { key: null }), 401)
    const clerk = await t.mintKey('clerk', VILLAGE)
    problem(
      await upload(t, `/v1/imports/people?villageCode=${VILLAGE}`, file, { key: clerk }),
      403,
      'auth.forbidden',
    )
    const elsewhere = await t.mintKey('organizer', OTHER)
    problem(await upload(t, `/v1/imports/people?villageCode=${VILLAGE}`, file, { key: elsewhere }), 403)
    problem(await upload(t, '/v1/imports/people?villageCode=3703', file), 400, 'request.invalid')
    problem(await upload(t, '/v1/imports/people?villageCode=370322104299', file), 404)
    problem(
      await upload(t, `/v1/imports/people?villageCode=${VILLAGE}`, file, { type: 'application/pdf' }),
      415,
    )
  })
})

describe('rosters', () => {
  beforeAll(async () => {
    const file = csv([['姓名'], ['党员甲'], ['党员乙'], ['代表丙'], ['同名'], ['同名']])
    const response = await upload(t, `/v1/imports/people?villageCode=${VILLAGE}`, file, { key: organizer })
    expect((await job(t, response.json().id)).status).toBe('succeeded')
  })

  it('Party members by name, into the branch roster', async () => {
    const file = csv([
      ['姓名', '党员类别', '起始日期'],
      ['党员甲', '正式党员', '2010-07-01'],
      ['党员乙', '预备党员', '2024-03-01'],
    ])
    const response = await upload(t, `/v1/imports/party-members?villageCode=${VILLAGE}`, file, {
      key: organizer,
    })
    expect((await job(t, response.json().id)).status).toBe('succeeded')
    const roster = (await t.call('GET', `/v1/villages/${VILLAGE}/party-members?asOf=2024-06-30`)).json()
    expect(roster.members.map((m: { name: string; status: string }) => [m.name, m.status])).toEqual(
      expect.arrayContaining([
        ['党员甲', 'full'],
        ['党员乙', 'probationary'],
      ]),
    )
  })

  it('村民代表 and the posts of the village bodies', async () => {
    const reps = csv([
      ['姓名', '联系户数', '任期开始', '任期结束'],
      ['代表丙', 12, '2021-01-01', '2025-12-31'],
    ])
    const r = await upload(t, `/v1/imports/representatives?villageCode=${VILLAGE}`, reps, { key: organizer })
    expect((await job(t, r.json().id)).status).toBe('succeeded')
    const listed = (await t.call('GET', `/v1/villages/${VILLAGE}/representatives?asOf=2024-06-30`)).json()
    expect(listed.representatives).toEqual([expect.objectContaining({ name: '代表丙', households: 12 })])

    const posts = csv([
      ['姓名', '组织', '职务', '任职开始'],
      ['党员甲', '党支部', '书记', '2021-01-01'],
      ['党员甲', '村委会', '主任', '2021-01-01'],
    ])
    const p = await upload(t, `/v1/imports/village-posts?villageCode=${VILLAGE}`, posts, { key: organizer })
    expect((await job(t, p.json().id)).status).toBe('succeeded')
    const held = (await t.call('GET', `/v1/villages/${VILLAGE}/posts?asOf=2024-06-30`)).json()
    expect(held.secretaryIsChair).toBe(true)
  })

  it('refuses unknown and ambiguous names, a second 书记, and bad cells — each by row', async () => {
    const file = csv([
      ['姓名', '人员ID', '组织', '职务', '任职开始', '任职结束'],
      ['无此人', null, '党支部', '委员', '2022-01-01', null],
      ['同名', null, '党支部', '委员', '2022-01-01', null],
      ['代表丙', null, '党支部', '书记', '2022-01-01', null],
      ['党员乙', null, '团支部', '委员', '2022-01-01', null],
      ['党员乙', 'not-an-id', '村委会', '委员', '2022-01-01', '2021-01-01'],
    ])
    const done = await job(
      t,
      (await upload(t, `/v1/imports/village-posts?villageCode=${VILLAGE}`, file, { key: organizer })).json()
        .id,
    )
    expect(done.status).toBe('rejected')
    expect(
      done.errors.map((e: { row: number; column: string; rule: string }) => [e.row, e.column, e.rule]),
    ).toEqual([
      [2, '姓名', 'person_not_found'],
      [3, '人员ID', 'person_ambiguous'],
      [4, '任职开始', expect.stringMatching(/^organization\./)],
      [5, '组织', 'post_body'],
      [6, '人员ID', 'person_id'],
      [6, '任职结束', 'date_order'],
    ])
  })
})

describe('a restart', () => {
  it('marks a job left unfinished failed, at start-up and when read', async () => {
    const retried = csv([['姓名'], ['重传']])
    const base = {
      countyCode: '370322',
      target: 'people',
      scope: VILLAGE,
      villageCode: VILLAGE,
      contentType: 'text/csv',
      sizeBytes: 10,
      createdBy: 'k',
      requestId: 'r',
      heartbeatAt: new Date('2024-06-30T03:00:00Z'),
    }
    const atStart = await insertJob(t.app.db, {
      ...base,
      id: newId('370322'),
      fileSha256: 'a'.repeat(64),
      status: 'writing',
    })
    const whenRead = newId('370322')
    expect(atStart).toBeDefined()
    // Another process on the same database starting up, as after a restart.
    const restarted = await buildApp(testConfig({ bootstrapKey: ADMIN_KEY }), {
      database: { db: t.app.db, engine: t.app.engine, close: async () => {} },
      clock: t.clock,
    })
    await restarted.ready()
    await insertJob(t.app.db, { ...base, id: whenRead, fileSha256: 'b'.repeat(64), status: 'checking' })
    try {
      const first = await restarted.inject({
        method: 'GET',
        url: `/v1/villages/${VILLAGE}/imports/${atStart!.id}`,
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      })
      expect(first.json()).toMatchObject({
        status: 'failed',
        failure: expect.stringContaining('server stopped'),
      })
      const second = await restarted.inject({
        method: 'GET',
        url: `/v1/villages/${VILLAGE}/imports/${whenRead}`,
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      })
      expect(second.json()).toMatchObject({ status: 'failed' })
      // The same file again is not answered by the interrupted job: it is imported afresh.
      const stuck = await insertJob(t.app.db, {
        ...base,
        id: newId('370322'),
        fileSha256: createHash('sha256').update(retried).digest('hex'),
        status: 'queued',
      })
      const again = await upload(t, `/v1/imports/people?villageCode=${VILLAGE}`, retried, { key: organizer })
      expect(again.statusCode, again.body).toBe(202)
      expect(again.json().id).not.toBe(stuck!.id)
      expect(await job(t, stuck!.id)).toMatchObject({ status: 'failed' })
      expect(await job(t, again.json().id)).toMatchObject({ status: 'succeeded' })
    } finally {
      await restarted.close()
    }
  })
})
