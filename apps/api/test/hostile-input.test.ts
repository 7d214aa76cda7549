import { encodeCursor } from '@liancun/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks, voucher } from './ledger-helpers.js'

/**
 * Malformed and hostile input found by an attack run (issue 11 item 6): every one a 4xx problem
 * naming the field, never a 500, never silently stored differently from what was sent.
 */
let t: TestApp
let ledgerId: string
let bookkeeper: string
const VILLAGE = '370322104201'

beforeAll(async () => {
  t = await startTestApp()
  await seedDivisions(t)
  ;({ ledgerId, bookkeeper } = await villageBooks(t, VILLAGE, '12345678'))
})
afterAll(async () => {
  await t?.close()
})

/** Sends `text` as the JSON body, as is: lone surrogates survive only in JSON escapes. */
const raw = (method: string, url: string, text: string, key?: string) =>
  t.call(method, url, {
    body: text,
    headers: { 'content-type': 'application/json' },
    ...(key ? { key } : {}),
  })

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field)

describe('text PostgreSQL cannot store as sent', () => {
  it('refuses NUL in any body string, naming its path, before any handler runs', async () => {
    const body = problem(
      await t.call('PUT', '/v1/divisions/370322104299', { body: { name: 'a\u0000b', kind: 'village' } }),
      400,
      'request.invalid_text',
    )
    expect(fields(body)).toEqual(['body.name'])
    expect(body.errors?.[0]?.message).toMatch(/NUL/)
    // Nothing was written.
    problem(await t.call('GET', '/v1/divisions/370322104299'), 404)
  })

  it('names nested paths: a voucher line summary', async () => {
    const draft = voucher('2024-03-01', '101', '501', '10.00')
    const lines = [{ ...draft.lines[0], summary: 'x\u0000' }, draft.lines[1]]
    const response = await t.call('POST', `/v1/ledgers/${ledgerId}/vouchers`, {
      key: bookkeeper,
      body: { ...draft, lines },
    })
    expect(fields(problem(response, 400, 'request.invalid_text'))).toEqual(['body.lines.0.summary'])
  })

  it('refuses an unpaired UTF-16 surrogate instead of storing U+FFFD, and keeps real pairs', async () => {
    for (const text of ['\\ud800', 'a\\udfffb', '\\udc00\\ud800']) {
      const response = await raw('PUT', '/v1/divisions/370322104299', `{"name":"${text}","kind":"village"}`)
      const body = problem(response, 400, 'request.invalid_text')
      expect(fields(body)).toEqual(['body.name'])
      expect(body.errors?.[0]?.message).toMatch(/surrogate/)
    }
    const emoji = await raw(
      'PUT',
      '/v1/divisions/370322104299',
      '{"name":"\\ud83d\\ude00村","kind":"village"}',
    )
    expect(emoji.statusCode, emoji.body).toBe(201)
    expect(emoji.json().name).toBe('😀村')
  })

  it('checks object keys too, without echoing the bad characters', async () => {
    const body = problem(
      await raw('POST', '/v1/people', '{"name":"王","villageCode":"370322104201","a\\u0000":1}'),
      400,
    )
    expect(body.code).toBe('request.invalid_text')
    expect(fields(body)).toEqual(['body.a\ufffd'])
  })

  it('refuses NUL and lone surrogates in query and path values', async () => {
    expect(
      fields(problem(await t.call('GET', '/v1/matters?state=%00'), 400, 'request.invalid_text')),
    ).toEqual(['querystring.state'])
    expect(fields(problem(await t.call('GET', '/v1/divisions/37%00'), 400, 'request.invalid_text'))).toEqual([
      'params.code',
    ])
    const surrogate = problem(await t.call('GET', '/v1/divisions?within=%ED%A0%80'), 400)
    expect(fields(surrogate)).toEqual(['querystring.within'])
  })
})

describe('query enums and numbers', () => {
  it('validates the matter state against the states a matter has', async () => {
    const body = problem(await t.call('GET', '/v1/matters?state=%F0%9F%98%80'), 400, 'request.invalid')
    expect(fields(body)).toEqual(['querystring.state'])
    for (const state of ['proposal', 'party_review', 'resolved', 'rejected', 'closed']) {
      expect((await t.call('GET', `/v1/matters?state=${state}`)).statusCode).toBe(200)
    }
  })

  it('refuses huge, negative, fractional, repeated and non-numeric limits', async () => {
    for (const limit of ['1e309', '-1', '0', '1.5', '501', 'abc', '1&limit=2', '']) {
      const body = problem(await t.call('GET', `/v1/divisions?limit=${limit}`), 400, 'request.invalid')
      expect(fields(body)).toEqual(['querystring.limit'])
    }
  })

  it('refuses arrays where one value is expected', async () => {
    const query = problem(await t.call('GET', '/v1/divisions?kind=county&kind=village'), 400)
    expect(fields(query)).toEqual(['querystring.kind'])
    const body = problem(
      await t.call('POST', '/v1/people', { body: { name: ['王'], villageCode: VILLAGE } }),
      400,
    )
    expect(fields(body)).toEqual(['body.name'])
  })
})

describe('cursors', () => {
  it('refuses cursors that decode to something no list pages by, naming querystring.cursor', async () => {
    const forged = [
      encodeCursor('\u0000'),
      encodeCursor("' or 1=1 --"),
      encodeCursor('😀'),
      '%%%',
      'AA==',
      'x'.repeat(100),
    ]
    for (const cursor of forged) {
      const response = await t.call('GET', `/v1/divisions?cursor=${encodeURIComponent(cursor)}`)
      expect(fields(problem(response, 400, 'request.invalid')), cursor).toEqual(['querystring.cursor'])
    }
  })

  it('still pages with the cursors the API returns', async () => {
    const first = (await t.call('GET', '/v1/divisions?within=370322&limit=2')).json()
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = await t.call('GET', `/v1/divisions?within=370322&limit=2&cursor=${first.nextCursor}`)
    expect(second.statusCode, second.body).toBe(200)
    // A well-formed key of another list only pages past nothing.
    const other = await t.call('GET', `/v1/people?villageCode=${VILLAGE}&cursor=${encodeCursor('370322')}`)
    expect(other.statusCode, other.body).toBe(200)
  })
})

describe('dates and periods', () => {
  it('keeps business dates within 1900-01-01 … 2099-12-31', async () => {
    for (const asOf of ['0000-01-01', '0001-01-01', '1899-12-31', '2100-01-01', '9999-12-31']) {
      const body = problem(
        await t.call('GET', `/v1/villages/${VILLAGE}/posts?asOf=${asOf}`),
        400,
        'request.invalid',
      )
      expect(fields(body)).toEqual(['querystring.asOf'])
      expect(body.detail).toMatch(/1900-01-01 and 2099-12-31/)
    }
    for (const asOf of ['1900-01-01', '2099-12-31']) {
      expect((await t.call('GET', `/v1/villages/${VILLAGE}/posts?asOf=${asOf}`)).statusCode).toBe(200)
    }
  })

  it('refuses a birth date out of range but takes an old villager’s', async () => {
    const old = await t.call('POST', '/v1/people', {
      body: { name: '老人', villageCode: VILLAGE, birthDate: '1921-07-01' },
    })
    expect(old.statusCode, old.body).toBe(201)
    const body = problem(
      await t.call('POST', '/v1/people', {
        body: { name: '误', villageCode: VILLAGE, birthDate: '0000-01-01' },
      }),
      400,
    )
    expect(fields(body)).toEqual(['body.birthDate'])
  })

  it('keeps accounting periods within the same years', async () => {
    const body = problem(
      await t.call('GET', `/v1/ledgers/${ledgerId}/trial-balance?from=0000-01&to=9999-12`),
      400,
    )
    expect(fields(body)).toEqual(['querystring.from', 'querystring.to'])
  })
})

describe('malformed requests', () => {
  it('answers a malformed %-escape in the path with a problem, not Fastify’s JSON', async () => {
    const response = await t.call('GET', '/v1/ledgers/%E0%A4%A')
    expect(fields(problem(response, 400, 'request.bad_url'))).toEqual(['url'])
  })

  it('refuses a path parameter longer than the router allows', async () => {
    problem(await t.call('GET', `/v1/divisions/${'1'.repeat(5000)}`), 414, 'request.max_param_length')
  })

  it('refuses deeply nested JSON before anything walks it', async () => {
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`
    const body = problem(await raw('POST', '/v1/people', `{"name":${deep}}`), 400, 'request.too_deep')
    expect(fields(body)[0]).toMatch(/^body\.name\.0\.0/)
  })

  it('refuses a body on GET and DELETE', async () => {
    expect(
      fields(
        problem(await t.call('GET', '/v1/divisions', { body: { a: 1 } }), 400, 'request.body_not_allowed'),
      ),
    ).toEqual(['body'])
    const url = `/v1/ledgers/${ledgerId}/vouchers/019a4c1e-7b2a-7c3d-8e4f-0123456789ab`
    problem(await t.call('DELETE', url, { body: { a: 1 } }), 400, 'request.body_not_allowed')
  })

  it('refuses wrong content types, empty and malformed bodies with problems naming the body', async () => {
    const xml = await t.call('POST', '/v1/people', {
      body: '<a/>',
      headers: { 'content-type': 'application/xml' },
    })
    problem(xml, 415, 'request.ctp_invalid_media_type')
    const text = await t.call('POST', '/v1/people', { body: 'x', headers: { 'content-type': 'text/plain' } })
    expect(fields(problem(text, 400, 'request.invalid'))).toEqual(['body'])
    expect(fields(problem(await raw('POST', '/v1/people', ''), 400, 'request.ctp_empty_json_body'))).toEqual([
      'body',
    ])
    expect(
      fields(problem(await raw('POST', '/v1/people', '{"name":'), 400, 'request.ctp_invalid_json_body')),
    ).toEqual(['body'])
    expect(fields(problem(await t.call('POST', '/v1/people'), 400, 'request.invalid'))).toEqual(['body'])
  })

  it('refuses a body over the limit', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(2_000_000), villageCode: VILLAGE })
    problem(await raw('POST', '/v1/people', huge), 413, 'request.ctp_body_too_large')
  })
})
