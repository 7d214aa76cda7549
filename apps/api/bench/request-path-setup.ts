/**
 * Set-up for the request-path benchmark, all through the HTTP API of a listening server: a
 * county, a township and its villages, a township bookkeeper key and a township reviewer key,
 * one ledger per village, an alliance with members and a secretary. Only `fetch` — what a real
 * client does.
 */
import { fixedClock, organizationCodeCheckCharacter, usccCheckCharacter } from '@liancun/core'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'

export const ADMIN_KEY = 'lc_bench_request_path_admin_key_0000000'
export const COUNTY = '370322'
export const TOWNSHIP = '370322104'
/** "Today" of every benchmark app: vouchers are dated 2024-01 … 2024-06, none in the future. */
export const TODAY = '2024-06-30'

export interface Http {
  base: string
  /** Calls the API; throws unless the status is the expected one. */
  call(
    method: string,
    path: string,
    options?: { key?: string; body?: unknown; headers?: Record<string, string>; expect?: number },
    // biome-ignore lint/suspicious/noExplicitAny: response bodies of many shapes, read by the bench only
  ): Promise<any>
}

export function http(base: string): Http {
  return {
    base,
    async call(method, path, options = {}) {
      const response = await fetch(base + path, {
        method,
        headers: {
          authorization: `Bearer ${options.key ?? ADMIN_KEY}`,
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      })
      const text = await response.text()
      const ok = options.expect === undefined ? response.ok : response.status === options.expect
      if (!ok) {
        throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 400)}`)
      }
      return text ? JSON.parse(text) : null
    },
  }
}

/** A valid village-collective USCC (N2…) for an 8-character body. */
export function collectiveUscc(body: string, county = COUNTY): string {
  const first16 = `N2${county}${body}`
  const first17 = first16 + organizationCodeCheckCharacter(first16.slice(8, 16))
  return first17 + usccCheckCharacter(first17)
}

export const villageCode = (i: number) => `${TOWNSHIP}${String(201 + i).padStart(3, '0')}`

/** Four lines, two debits and two credits, all distinct per `i`; the bank balance only grows. */
export function voucherBody(i: number, salt: string) {
  const a = 100 + (i % 900)
  const b = 50 + (i % 400)
  const month = 1 + (i % 6)
  return {
    date: `2024-${String(month).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    summary: `${salt} 业务 ${i}`,
    attachments: 1,
    lines: [
      { account: '102', debit: `${a + b}.00` },
      { account: '501', credit: `${a + b}.00` },
      { account: '513', debit: `${a}.00` },
      { account: '102', credit: `${a}.00` },
    ],
  }
}

/** A voucher as another system reviewed it, for the import route (source reference unique per `salt`). */
export function importedBody(i: number, salt: string) {
  return { ...voucherBody(i, salt), source: { ref: `${salt}-${i}`, preparer: '王会计', reviewer: '李站长' } }
}

export interface Bench {
  app: FastifyInstance
  api: Http
  engine: string
  bookkeeper: string
  reviewer: string
  /** One ledger per village, in village order. */
  ledgers: string[]
  alliance: string
  close(): Promise<void>
}

/** Builds the app (PostgreSQL when `databaseUrl` is given, else PGlite in its worker), listens, seeds. */
export async function startBench(databaseUrl: string | undefined, villages: number): Promise<Bench> {
  const app = await buildApp(testConfig({ bootstrapKey: ADMIN_KEY, databaseUrl }), {
    clock: fixedClock(`${TODAY}T04:00:00Z`),
  })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const api = http(address)
  await api.call('PUT', `/v1/divisions/${COUNTY}`, { body: { name: '高青县', kind: 'county' } })
  await api.call('PUT', `/v1/divisions/${TOWNSHIP}`, { body: { name: '唐坊镇', kind: 'township' } })
  for (let i = 0; i < villages; i++) {
    await api.call('PUT', `/v1/divisions/${villageCode(i)}`, {
      body: { name: `村${i}`, kind: 'village', population: 500 + i },
    })
  }
  const mint = async (role: string) =>
    (
      await api.call('POST', '/v1/api-keys', {
        body: { name: `bench ${role}`, role, scope: TOWNSHIP },
        expect: 201,
      })
    ).secret as string
  const bookkeeper = await mint('bookkeeper')
  const reviewer = await mint('reviewer')
  const ledgers: string[] = []
  for (let i = 0; i < villages; i++) {
    const ledger = await api.call('POST', '/v1/ledgers', {
      key: bookkeeper,
      expect: 201,
      body: {
        villageCode: villageCode(i),
        collective: { name: `村${i} 股份经济合作社`, uscc: collectiveUscc(String(i + 1).padStart(8, '0')) },
        firstPeriod: '2024-01',
        chart: 'rcea-2023',
      },
    })
    ledgers.push(ledger.id)
  }
  const alliance = (
    await api.call('POST', '/v1/alliances', {
      expect: 201,
      body: {
        name: '黑牛盒马',
        townshipCode: TOWNSHIP,
        mode: 'mutual_aid',
        level: 'party_committee',
        establishedOn: '2019-01-01',
      },
    })
  ).id as string
  for (let i = 0; i < Math.min(4, villages); i++) {
    await api.call('POST', `/v1/alliances/${alliance}/members`, {
      expect: 201,
      body: { villageCode: villageCode(i), role: i === 0 ? 'lead' : 'member', from: '2019-01-01' },
    })
  }
  const person = await api.call('POST', '/v1/people', {
    expect: 201,
    body: { name: '王建国', villageCode: villageCode(0) },
  })
  await api.call('POST', `/v1/alliances/${alliance}/posts`, {
    expect: 201,
    body: { personId: person.id, title: 'secretary', source: 'member_village_secretary', from: '2019-01-01' },
  })
  return {
    app,
    api,
    engine: app.engine,
    bookkeeper,
    reviewer,
    ledgers,
    alliance,
    close: () => app.close(),
  }
}

/** Drafts then posts one voucher through the API, as two keys; returns the posted voucher's id. */
export async function draftAndPost(
  b: Pick<Bench, 'api' | 'bookkeeper' | 'reviewer'>,
  ledgerId: string,
  i: number,
  salt: string,
): Promise<string> {
  const draft = await b.api.call('POST', `/v1/ledgers/${ledgerId}/vouchers`, {
    key: b.bookkeeper,
    expect: 201,
    body: voucherBody(i, salt),
    headers: { 'idempotency-key': `${salt}-${i}` },
  })
  await b.api.call('POST', `/v1/ledgers/${ledgerId}/vouchers/${draft.id}/post`, {
    key: b.reviewer,
    expect: 200,
  })
  return draft.id as string
}

/** `n` posted vouchers in one ledger through the batch routes (set-up for the trial balance). */
export async function fillLedger(b: Bench, ledgerId: string, n: number, salt: string): Promise<void> {
  for (let done = 0; done < n; done += 500) {
    const vouchers = Array.from({ length: Math.min(500, n - done) }, (_, k) => voucherBody(done + k, salt))
    const drafts = await b.api.call('POST', `/v1/ledgers/${ledgerId}/vouchers:batch`, {
      key: b.bookkeeper,
      expect: 201,
      body: { vouchers },
    })
    await b.api.call('POST', `/v1/ledgers/${ledgerId}/vouchers:post-batch`, {
      key: b.reviewer,
      expect: 200,
      body: { voucherIds: drafts.items.map((v: { id: string }) => v.id) },
    })
  }
}
