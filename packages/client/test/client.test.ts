/**
 * @liancun/client against the real app on a real listening socket (port 0): the test app of
 * apps/api on PGlite, or on PostgreSQL under LIANCUN_TEST_PG_URL. The client is used as an
 * integrator would: mint keys, write, list and page, retry writes, read problems.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type LiancunClient, newIdempotencyKey, ProblemError } from '../src/index.js'
import { type Server, startServer } from './server.js'

let server: Server
let baseUrl: string
let ADMIN_KEY: string
let admin: LiancunClient
let organizer: LiancunClient

const alliance = (name: string, establishedOn = '2024-01-10') =>
  ({ name, townshipCode: '370322104', mode: 'mutual_aid', level: 'branch', establishedOn }) as const

beforeAll(async () => {
  server = await startServer()
  baseUrl = server.baseUrl
  ADMIN_KEY = server.adminKey
  admin = createClient({ baseUrl, key: ADMIN_KEY })
  for (const [code, name, kind] of [
    ['370322', '高青县', 'county'],
    ['370322104', '唐坊镇', 'township'],
    ['370322104201', '仇家村', 'village'],
    ['370322104203', '李孟德村', 'village'],
  ] as const) {
    await admin.put('/v1/divisions/{code}', { params: { path: { code } }, body: { name, kind } })
  }
})

afterAll(async () => {
  await server?.close()
})

describe('@liancun/client', () => {
  it('mints a key (sending no Idempotency-Key, which that operation refuses) and calls as it', async () => {
    const minted = await admin.post('/v1/api-keys', {
      body: { name: '高青县委组织部', role: 'organizer', scope: '370322' },
    })
    expect(minted).toMatchObject({ role: 'organizer', scope: '370322' })
    expect(minted.secret).toMatch(/^lc_/)
    organizer = createClient({ baseUrl, key: minted.secret })
    const created = await organizer.post('/v1/alliances', { body: alliance('唐坊镇第一联村党支部') })
    expect(created).toMatchObject({ name: '唐坊镇第一联村党支部', townshipCode: '370322104' })
  })

  it('creates, lists and pages: the iterator follows nextCursor to the end', async () => {
    for (const n of ['二', '三', '四', '五']) {
      await organizer.post('/v1/alliances', { body: alliance(`唐坊镇第${n}联村党支部`) })
    }
    const query = { within: '370322', limit: 2 }
    const first = await organizer.get('/v1/alliances', { params: { query } })
    expect(first.items).toHaveLength(2)
    expect(first.nextCursor).toEqual(expect.any(String))

    const pages = []
    for await (const page of organizer.pages('/v1/alliances', { params: { query } })) pages.push(page)
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1])
    expect(pages.at(-1)?.nextCursor).toBeNull()

    const names: string[] = []
    for await (const a of organizer.paginate('/v1/alliances', { params: { query } })) names.push(a.name)
    expect(names).toHaveLength(5)
    expect(new Set(names).size).toBe(5)
    expect(names).toEqual(pages.flatMap((p) => p.items.map((a) => a.name)))
  })

  it('replays a write retried with the same Idempotency-Key: one alliance, the same answer', async () => {
    const key = newIdempotencyKey()
    const body = alliance('唐坊镇重试联村党支部')
    const once = await organizer.post('/v1/alliances', { body, idempotencyKey: key })
    const again = await organizer.post('/v1/alliances', { body, idempotencyKey: key })
    expect(again).toEqual(once)
    // The raw client shows the replay header.
    const raw = await organizer.raw.POST('/v1/alliances', {
      body,
      params: { header: { 'Idempotency-Key': key } },
    })
    expect(raw.response.status).toBe(201)
    expect(raw.response.headers.get('idempotent-replayed')).toBe('true')
    expect(raw.data).toEqual(once)
    const named = []
    for await (const a of organizer.paginate('/v1/alliances', { params: { query: { within: '370322' } } })) {
      if (a.name === body.name) named.push(a)
    }
    expect(named).toHaveLength(1)

    // Same key, another body: 409, never a second write.
    const reused = await organizer
      .post('/v1/alliances', { body: alliance('另一个名字'), idempotencyKey: key })
      .catch((e) => e)
    expect(reused).toBeInstanceOf(ProblemError)
    expect(reused).toMatchObject({
      status: 409,
      code: 'idempotency.key_reused',
      field: 'headers.idempotency-key',
    })
  })

  it('retries a write whose answer was lost with the key it generated: the write happens once', async () => {
    const sent: (string | null)[] = []
    let lose = true
    const flaky = createClient({
      baseUrl,
      key: ADMIN_KEY,
      retryDelayMs: 1,
      fetch: async (request) => {
        sent.push(request.headers.get('idempotency-key'))
        const response = await fetch(request)
        if (lose) {
          lose = false
          // The server committed; the answer never arrives.
          throw new TypeError('fetch failed (connection reset after the request was handled)')
        }
        return response
      },
    })
    const body = alliance('唐坊镇断线联村党支部')
    const created = await flaky.post('/v1/alliances', { body })
    expect(sent).toHaveLength(2)
    expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(sent[1]).toBe(sent[0])
    const all = []
    for await (const a of admin.paginate('/v1/alliances', { params: { query: { within: '370322' } } })) {
      if (a.name === body.name) all.push(a)
    }
    expect(all).toEqual([expect.objectContaining({ id: created.id })])

    // A write without a key is never retried: the error reaches the caller.
    lose = true
    sent.length = 0
    const unkeyed = await flaky
      .post('/v1/alliances', { body: alliance('唐坊镇无键联村党支部'), idempotencyKey: false })
      .catch((e) => e)
    expect(unkeyed).toBeInstanceOf(TypeError)
    expect(sent).toEqual([null])
  })

  it('turns a 422 rule refusal into a ProblemError with its code and context', async () => {
    const [first] = (
      await organizer.get('/v1/alliances', { params: { query: { within: '370322', limit: 1 } } })
    ).items
    const refused = await organizer
      .post('/v1/alliances/{id}/members', {
        params: { path: { id: first!.id } },
        // Before the alliance was established.
        body: { villageCode: '370322104203', role: 'member', from: '2023-12-31' },
      })
      .catch((e) => e)
    expect(ProblemError.is(refused)).toBe(true)
    expect(ProblemError.is(refused, 'organization.member_before_establishment')).toBe(true)
    expect(refused).toMatchObject({ status: 422, code: 'organization.member_before_establishment' })
    expect((refused as ProblemError).requestId).toEqual(expect.any(String))
    expect((refused as ProblemError).response.headers.get('content-type')).toMatch(
      /^application\/problem\+json/,
    )
  })

  it('turns a 400 into a ProblemError naming the field, and a 404 into one with its code', async () => {
    const invalid = await organizer
      .post('/v1/alliances', { body: { ...alliance('x'), name: '' } })
      .catch((e) => e)
    expect(invalid).toMatchObject({ status: 400, code: 'request.invalid', field: 'body.name' })
    expect((invalid as ProblemError).errors[0]).toMatchObject({ field: 'body.name' })

    const missing = await organizer
      .get('/v1/alliances/{id}', { params: { path: { id: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab' } } })
      .catch((e) => e)
    expect(missing).toBeInstanceOf(ProblemError)
    expect(missing).toMatchObject({ status: 404 })
    expect((missing as ProblemError).code).toMatch(/not_found/)
  })

  it('answers 401 as a ProblemError: no key, an unknown key', async () => {
    const anonymous = createClient({ baseUrl })
    const noKey = await anonymous.get('/v1/alliances').catch((e) => e)
    expect(noKey).toMatchObject({ status: 401, code: 'auth.missing_key' })
    const wrong = createClient({ baseUrl, key: 'lc_not_a_key_of_this_server_000000000000' })
    const unknown = await wrong.get('/v1/alliances').catch((e) => e)
    expect(unknown).toMatchObject({ status: 401, code: 'auth.invalid_key' })
    expect((unknown as ProblemError).message).toContain('401 auth.invalid_key')
    // The public pages need no key.
    const projects = await anonymous.get('/v1/public/projects')
    expect(projects).toMatchObject({ items: [], nextCursor: null })
  })

  it('keeps money a decimal string in 元 both ways', async () => {
    const bookkeeper = createClient({
      baseUrl,
      key: await server.mintKey('bookkeeper', '370322104203'),
    })
    const reviewer = createClient({ baseUrl, key: await server.mintKey('reviewer', '370322104203') })
    const ledger = await bookkeeper.post('/v1/ledgers', {
      body: {
        villageCode: '370322104203',
        collective: { name: '李孟德村股份经济合作社', uscc: server.collectiveUscc('CL000001') },
        firstPeriod: '2024-01',
        chart: 'rcea-2023',
      },
    })
    const draft = await bookkeeper.post('/v1/ledgers/{id}/vouchers', {
      params: { path: { id: ledger.id } },
      body: {
        date: '2024-03-15',
        summary: '收到土地租金',
        attachments: 1,
        lines: [
          { account: '102', debit: '12000.10' },
          { account: '501', credit: '12000.10' },
        ],
      },
    })
    expect(draft.lines.map((l) => [l.debit, l.credit])).toEqual([
      ['12000.10', null],
      [null, '12000.10'],
    ])
    await reviewer.post('/v1/ledgers/{id}/vouchers/{voucherId}/post', {
      params: { path: { id: ledger.id, voucherId: draft.id } },
    })
    const tb = await reviewer.get('/v1/ledgers/{id}/trial-balance', {
      params: { path: { id: ledger.id }, query: { from: '2024-01', to: '2024-12' } },
    })
    expect(tb.totals.closingDebit).toBe('12000.10')
    expect(typeof tb.totals.closingCredit).toBe('string')
  })
})
