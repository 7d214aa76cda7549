import { acrossCounties } from '@liancun/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrationSets } from '../src/database.js'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
  await seedDivisions(t)
})
afterAll(() => t.close())

const partner = { name: '纽澜地公司', kind: 'enterprise', countyCode: '370322' }

async function rows<T>(query: string): Promise<T[]> {
  // Inspections of the whole database: on Citus, the listed cross-county read.
  const result = await acrossCounties(t.app.db, 'ops.whole-database', (db) => db.execute(query))
  return (result as unknown as { rows: T[] }).rows
}

describe('idempotency', () => {
  it('replays the stored response for the same key and body', async () => {
    const headers = { 'idempotency-key': 'partner-create-1' }
    const first = await t.call('POST', '/v1/partners', { body: partner, headers })
    expect(first.statusCode).toBe(201)
    const second = await t.call('POST', '/v1/partners', { body: { ...partner }, headers })
    expect(second.statusCode).toBe(201)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.json()).toEqual(first.json())
    const stored = await rows<{ n: number }>(
      `select count(*)::int as n from organization.partners where name = '纽澜地公司'`,
    )
    expect(stored[0]?.n).toBe(1)
  })

  it('answers 409 idempotency.key_reused for the same key with another body', async () => {
    const headers = { 'idempotency-key': 'partner-create-2' }
    expect(
      (await t.call('POST', '/v1/partners', { body: { ...partner, name: 'A公司' }, headers })).statusCode,
    ).toBe(201)
    problem(
      await t.call('POST', '/v1/partners', { body: { ...partner, name: 'B公司' }, headers }),
      409,
      'idempotency.key_reused',
    )
  })

  it('keeps keys per API key', async () => {
    const other = await t.mintKey('organizer', '370322')
    const headers = { 'idempotency-key': 'partner-create-3' }
    expect(
      (await t.call('POST', '/v1/partners', { body: { ...partner, name: 'C公司' }, headers })).statusCode,
    ).toBe(201)
    const theirs = await t.call('POST', '/v1/partners', {
      key: other,
      body: { ...partner, name: 'D公司' },
      headers,
    })
    expect(theirs.statusCode).toBe(201)
    expect(theirs.headers['idempotent-replayed']).toBeUndefined()
  })

  it('releases the key after a failed request so a corrected retry can use it', async () => {
    const headers = { 'idempotency-key': 'partner-create-4' }
    problem(
      await t.call('POST', '/v1/partners', { body: { ...partner, countyCode: '379999' }, headers }),
      404,
    )
    expect(
      (await t.call('POST', '/v1/partners', { body: { ...partner, name: 'E公司' }, headers })).statusCode,
    ).toBe(201)
  })
})

describe('audit log', () => {
  it('records who, when, which request, the operation, target and after-state of every write', async () => {
    const response = await t.call('POST', '/v1/partners', { body: { ...partner, name: '审计公司' } })
    const created = response.json()
    const [entry] = await rows<Record<string, unknown>>(
      `select * from api.audit_log where target_id = '${created.id}'`,
    )
    expect(entry).toMatchObject({
      county_code: '370322',
      operation: 'createPartner',
      target_type: 'partner',
      request_id: response.headers['x-request-id'],
    })
    expect(entry?.api_key_id).toEqual(expect.any(String))
    expect((entry?.after as { name: string } | undefined)?.name).toBe('审计公司')
  })

  it('records the state before and after an update', async () => {
    await t.call('PUT', '/v1/divisions/370322104202', {
      body: { name: '和店村', kind: 'village', population: 431 },
    })
    const entries = await rows<{ before: { population: number } | null; after: { population: number } }>(
      `select before, after from api.audit_log where target_id = '370322104202' order by id`,
    )
    const last = entries[entries.length - 1]
    expect(last?.before?.population).toBe(430)
    expect(last?.after.population).toBe(431)
  })

  it('records nothing for a refused write', async () => {
    const before = await rows<{ n: number }>('select count(*)::int as n from api.audit_log')
    problem(await t.call('POST', '/v1/partners', { body: { ...partner, kind: 'bank' } }), 400)
    const after = await rows<{ n: number }>('select count(*)::int as n from api.audit_log')
    expect(after[0]?.n).toBe(before[0]?.n)
  })
})

describe('schema (Citus readiness)', () => {
  it('has county_code in the primary key of every table the app and the packages own', async () => {
    const tables = await rows<{ schema: string; table: string; pk: string[] | null }>(`
      select n.nspname as schema, c.relname as table,
        (select array_agg(a.attname::text) from pg_index i
           join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
          where i.indrelid = c.oid and i.indisprimary) as pk
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and not c.relispartition
        and n.nspname in (${migrationSets.flatMap((set) => set.schemas.map((schema) => `'${schema}'`)).join(', ')})`)
    expect(new Set(tables.map((t) => t.schema))).toEqual(
      new Set(['api', 'organization', 'ledger', 'governance', 'funds', 'collective']),
    )
    const offenders = tables
      .filter((t) => !t.pk?.includes('county_code'))
      .map((t) => `${t.schema}.${t.table}`)
    expect(offenders).toEqual([])
  })
})
