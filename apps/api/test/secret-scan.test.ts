import { Writable } from 'node:stream'
import { acrossCounties } from '@liancun/core'
import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { collectiveUscc } from './ledger-helpers.js'

/**
 * Where secrets and personal data end up. A representative workload runs through the API with
 * every log line captured; then every row of every table and every log line is searched for the
 * key secrets, phone numbers and ID numbers the workload used. None may appear, except a phone in
 * its one home (`organization.people.phone`: kept for contact, always answered masked).
 */

const ADMIN_KEY = 'lc_scan_bootstrap_admin_key_0123456789'
const PERSONAL_DATA_KEY = 'scan-personal-data-key-0123456789'
const VILLAGE = '370322104201'
const LEDGER_VILLAGE = '370322104203'

/** An 18-character 居民身份证号码 with a correct ISO 7064 MOD 11-2 check character. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0)
  return first17 + '10X98765432'[sum % 11]
}
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0')

const secrets = new Map<string, string>([
  ['bootstrap admin key', ADMIN_KEY],
  ['personal-data key', PERSONAL_DATA_KEY],
  ['a key nobody minted', 'lc_never_minted_but_presented_0123456789'],
])
const phones = new Set<string>()
const idNumbers = new Set<string>()
/** Notes a phone (or an ID number) as used, so the scan looks for it. */
function phone(value: string) {
  phones.add(value)
  return value
}
function id(value: string) {
  idNumbers.add(value)
  return value
}

const logLines: string[] = []
const responses: { what: string; status: number; body: string; minted: boolean }[] = []
let app: FastifyInstance
let dropDatabase: () => Promise<void> = async () => {}

async function call(
  what: string,
  method: string,
  url: string,
  options: { key?: string | null; body?: unknown; headers?: Record<string, string>; minted?: boolean } = {},
) {
  const key = options.key === undefined ? ADMIN_KEY : options.key
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...options.headers },
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  })
  responses.push({ what, status: response.statusCode, body: response.body, minted: !!options.minted })
  return response
}

async function mint(name: string, role: string, scope: string, headers?: Record<string, string>) {
  const response = await call(`mint ${name}`, 'POST', '/v1/api-keys', {
    body: { name, role, scope },
    minted: true,
    ...(headers ? { headers } : {}),
  })
  if (response.statusCode === 201) secrets.set(name, response.json().secret)
  return response
}

async function workload() {
  for (const [code, body] of [
    ['370322', { name: '高青县', kind: 'county' }],
    ['370322104', { name: '唐坊镇', kind: 'township' }],
    [VILLAGE, { name: '仇家村', kind: 'village' }],
    [LEDGER_VILLAGE, { name: '李孟德村', kind: 'village' }],
  ] as const) {
    const response = await call(`division ${code}`, 'PUT', `/v1/divisions/${code}`, { body })
    expect(response.statusCode, response.body).toBeLessThan(300)
  }
  await mint('organizer', 'organizer', '370322')
  await mint('bookkeeper', 'bookkeeper', LEDGER_VILLAGE)
  await mint('reviewer', 'reviewer', LEDGER_VILLAGE)
  await mint('auditor', 'auditor', '370322')
  // A key minted with an Idempotency-Key: refused, or its record would hold the secret.
  const idem = { 'idempotency-key': 'scan-mint-1' }
  await mint('idempotent mint', 'auditor', '370322', idem)
  await mint('idempotent mint', 'auditor', '370322', idem)
  const organizer = secrets.get('organizer')!
  const person = (what: string, body: object, options: { key?: string | null; headers?: object } = {}) =>
    call(what, 'POST', '/v1/people', {
      key: options.key === undefined ? organizer : options.key,
      body: { villageCode: VILLAGE, ...body },
      ...(options.headers ? { headers: options.headers as Record<string, string> } : {}),
    })

  // Idempotent person writes: the stored response must be the masked one.
  const first = { name: '张三', phone: phone('13812345678'), idNumber: id(idNumber('37032219800101123')) }
  const personKey = { 'idempotency-key': 'scan-person-1' }
  expect((await person('person with key', first, { headers: personKey })).statusCode).toBe(201)
  expect((await person('person replay', first, { headers: personKey })).statusCode).toBe(201)
  const landline = { name: '李四', phone: phone('0533-6812345'), idNumber: id(idNumber('37032219751231004')) }
  expect((await person('person, landline', landline)).statusCode).toBe(201)
  const woman = { name: '王芳', gender: 'female', birthDate: '1990-05-06', phone: phone('15966667777') }
  const born = { ...woman, idNumber: id(idNumber('37032219900506002')) }
  expect((await person('person with birth date', born)).statusCode).toBe(201)

  // Failing requests that carry personal data.
  const duplicate = { name: '张三二', phone: phone('13700001111'), idNumber: first.idNumber }
  expect((await person('duplicate ID number', duplicate)).statusCode).toBe(409)
  const badCheck = id(wrongCheck(idNumber('37032219820202301')))
  expect(
    (await person('bad check character', { name: '赵五', phone: phone('13911112222'), idNumber: badCheck }))
      .statusCode,
  ).toBe(400)
  phone('13899998888')
  expect((await person('bad phone', { name: '钱六', phone: '13899998888x' })).statusCode).toBe(400)
  expect(
    (
      await person(
        'wrong role',
        { name: '孙七', phone: phone('13622223333') },
        { key: secrets.get('bookkeeper')! },
      )
    ).statusCode,
  ).toBe(403)
  expect(
    (await person('no key', { name: '周八', phone: phone('13533334444') }, { key: null })).statusCode,
  ).toBe(401)
  // Values PostgreSQL itself would reject in the INSERT (a 500 with every bound parameter in the
  // error) unless the API refuses them first.
  const nul = { name: '吴\u0000九', phone: phone('13444445555'), idNumber: id(idNumber('37032219850303405')) }
  expect((await person('NUL in name', nul)).statusCode).not.toBe(201)
  const yearZero = { name: '郑十', birthDate: '0000-01-01', phone: phone('13355556666') }
  expect((await person('year 0 birth date', yearZero)).statusCode).not.toBe(201)
  // A statement that does fail in the database, with a phone and an ID hash among its parameters:
  // a constraint the INSERT breaks, standing in for any unforeseen database error.
  await app.db.execute(
    sql.raw(`alter table organization.people add constraint scan_probe check (name <> '探针')`),
  )
  const probe = { name: '探针', phone: phone('13266667777'), idNumber: id(idNumber('37032219700707707')) }
  const failed = await person('failing INSERT', probe, {
    headers: { 'idempotency-key': 'scan-person-probe' },
  })
  await app.db.execute(sql.raw('alter table organization.people drop constraint scan_probe'))
  expect(failed.statusCode, failed.body).toBe(500)

  // A ledger and an idempotent voucher: the bookkeeper's and reviewer's keys at work.
  const bookkeeper = secrets.get('bookkeeper')!
  const ledger = await call('open ledger', 'POST', '/v1/ledgers', {
    key: bookkeeper,
    body: {
      villageCode: LEDGER_VILLAGE,
      collective: { name: '李孟德村股份经济合作社', uscc: collectiveUscc('MA3C4D5E') },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    },
  })
  expect(ledger.statusCode, ledger.body).toBe(201)
  const voucher = {
    date: '2024-03-15',
    summary: '收到土地租金',
    attachments: 1,
    lines: [
      { account: '102', debit: '1200.00' },
      { account: '501', credit: '1200.00' },
    ],
  }
  const vouchers = `/v1/ledgers/${ledger.json().id}/vouchers`
  const voucherKey = { 'idempotency-key': 'scan-voucher-1' }
  const draft = await call('voucher', 'POST', vouchers, {
    key: bookkeeper,
    body: voucher,
    headers: voucherKey,
  })
  await call('voucher replay', 'POST', vouchers, { key: bookkeeper, body: voucher, headers: voucherKey })
  if (draft.statusCode === 201) {
    await call('post', 'POST', `${vouchers}/${draft.json().id}/post`, { key: secrets.get('reviewer')! })
  }

  // Reads, revocation, and keys that no longer (or never did) work.
  await call('list people', 'GET', `/v1/people?villageCode=${VILLAGE}`, { key: organizer })
  await call('list keys', 'GET', '/v1/api-keys')
  const keys = (await call('list keys', 'GET', '/v1/api-keys?limit=100')).json().items as {
    id: string
    name: string
  }[]
  const auditor = keys.find((k) => k.name === 'auditor')!
  expect((await call('revoke', 'POST', `/v1/api-keys/${auditor.id}/revoke`)).statusCode).toBe(200)
  expect(
    (await call('revoked key', 'GET', '/v1/divisions', { key: secrets.get('auditor')! })).statusCode,
  ).toBe(401)
  expect(
    (await call('unknown key', 'GET', '/v1/divisions', { key: secrets.get('a key nobody minted')! }))
      .statusCode,
  ).toBe(401)
}

/** Rows of a raw query, on either engine (node-postgres and PGlite both answer `{ rows }`). */
async function rowsOf<T>(query: string): Promise<T[]> {
  // The scan reads every table whole: on Citus, the listed cross-county read.
  const result = await acrossCounties(app.db, 'ops.whole-database', (db) => db.execute(sql.raw(query)))
  return (result as unknown as { rows: T[] }).rows
}

/** Every needle found in the texts, as "what — where". */
function leaks(texts: { where: string; text: string }[]) {
  const needles = [
    ...[...secrets].map(([name, value]) => ({ what: `secret of ${name}`, value })),
    ...[...phones].map((value) => ({ what: `phone ${value}`, value })),
    ...[...idNumbers].map((value) => ({ what: `ID number ${value}`, value })),
  ]
  const found: string[] = []
  for (const { what, value } of needles) {
    const where = [...new Set(texts.filter((t) => t.text.includes(value)).map((t) => t.where))]
    if (where.length > 0) found.push(`${what} — ${where.join('; ')}`)
  }
  return found
}

beforeAll(async () => {
  const adminUrl = process.env.LIANCUN_TEST_PG_URL
  const database = adminUrl ? await createEmptyPostgresDatabase(adminUrl) : null
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  app = await buildApp(
    testConfig({
      logLevel: 'trace',
      bootstrapKey: ADMIN_KEY,
      personalDataKey: PERSONAL_DATA_KEY,
      databaseUrl: database?.url,
    }),
    { logStream: sink },
  )
  await app.ready()
  dropDatabase = async () => database?.drop()
  await workload()
}, 120_000)

afterAll(async () => {
  await app?.close()
  await dropDatabase()
})

describe('secrets and personal data at rest and in logs', () => {
  it('no table holds a key secret, a phone number (but people.phone) or an ID number', async () => {
    const tables = await rowsOf<{ schema: string; name: string }>(
      `select table_schema as schema, table_name as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
        order by 1, 2`,
    )
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual(
      expect.arrayContaining([
        'api.api_keys',
        'api.audit_log',
        'api.idempotency_records',
        'organization.people',
      ]),
    )
    const texts: { where: string; text: string }[] = []
    for (const { schema, name } of tables) {
      const table = `"${schema}"."${name}"`
      // The phone's one home is exempt; every other column of people is searched.
      const row = schema === 'organization' && name === 'people' ? `(to_jsonb(t) - 'phone')::text` : 't::text'
      const rows = await rowsOf<{ row: string }>(`select ${row} as row from ${table} t`)
      for (const r of rows) texts.push({ where: `${schema}.${name}`, text: r.row })
    }
    expect(texts.length).toBeGreaterThan(50)
    expect(leaks(texts)).toEqual([])
  })

  it('no log line carries one', () => {
    expect(logLines.some((line) => line.includes('"statusCode":500'))).toBe(true)
    const texts = logLines.map((line, i) => {
      let entry: { msg?: string; req?: { url?: string } } = {}
      try {
        entry = JSON.parse(line)
      } catch {}
      return {
        where: `log line ${i} "${entry.msg ?? line.slice(0, 60)}" ${entry.req?.url ?? ''}`.trim(),
        text: line,
      }
    })
    expect(leaks(texts)).toEqual([])
  })

  it('no response carries a phone or an ID number, nor a secret but where one was minted', () => {
    const texts = responses
      .filter((r) => !(r.minted && r.status === 201))
      .map((r) => ({ where: `response to ${r.what} (${r.status})`, text: r.body }))
    expect(leaks(texts)).toEqual([])
  })
})
