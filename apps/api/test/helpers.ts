import { fixedClock } from '@liancun/core'
import { createEmptyPostgresDatabase, createTestDatabase, type StatementCounter } from '@liancun/core/testing'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../src/app.js'
import { type AppConfig, testConfig } from '../src/config.js'
import { migrateAll, type OpenDatabase } from '../src/database.js'

export const ADMIN_KEY = 'lc_test_bootstrap_admin_key_0123456789'

export interface TestApp {
  app: FastifyInstance
  clock: ReturnType<typeof fixedClock>
  /** Calls the API as the given key (the bootstrap admin by default). */
  call(
    method: string,
    url: string,
    options?: { key?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>
  /** Mints a key with the role and scope and returns its secret. */
  mintKey(role: string, scope: string): Promise<string>
  close(): Promise<void>
}

/**
 * A whole app on a fresh database: in-memory PGlite, or a new database on the PostgreSQL server
 * named by LIANCUN_TEST_PG_URL (the second pass of `npm test`).
 */
export async function startTestApp(
  today = '2024-06-30',
  options: { counter?: StatementCounter; config?: Partial<AppConfig> } = {},
): Promise<TestApp> {
  const adminUrl = process.env.LIANCUN_TEST_PG_URL
  // A statement counter needs the driver in hand: then the test opens the database itself.
  const database = adminUrl && !options.counter ? await createEmptyPostgresDatabase(adminUrl) : null
  const clock = fixedClock(`${today}T04:00:00Z`)
  const app = await buildApp(
    testConfig({ bootstrapKey: ADMIN_KEY, databaseUrl: database?.url, ...options.config }),
    {
      clock,
      ...(database ? {} : { database: await migratedDatabase(options.counter) }),
    },
  )
  await app.ready()

  const call: TestApp['call'] = (method, url, options = {}) => {
    const key = options.key === undefined ? ADMIN_KEY : options.key
    return app.inject({
      method: method as 'GET',
      url,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...options.headers },
      ...(options.body === undefined ? {} : { payload: options.body as object }),
    })
  }
  return {
    app,
    clock,
    call,
    async mintKey(role, scope) {
      const response = await call('POST', '/v1/api-keys', { body: { name: `${role}@${scope}`, role, scope } })
      if (response.statusCode !== 201)
        throw new Error(`mintKey failed: ${response.statusCode} ${response.body}`)
      return response.json().secret as string
    },
    async close() {
      await app.close()
      await database?.drop()
    },
  }
}

/**
 * On PGlite, a clone of one migrated template per test worker: migrating every suite's fresh
 * database took most of the PGlite pass and timed out plugin start on a loaded machine. On
 * PostgreSQL (only with a counter), a fresh migrated database dropped on close.
 */
export async function migratedDatabase(counter?: StatementCounter): Promise<OpenDatabase> {
  const opened = await createTestDatabase('api-app', migrateAll, counter ? { counter } : {})
  return { db: opened.db, engine: opened.engine, close: opened.close }
}

/** The PGlite clone alone, for suites that build their own app. */
export const migratedPglite = () => migratedDatabase()

/** Asserts an RFC 9457 problem and returns its body. */
export function problem(response: LightMyRequestResponse, status: number, code?: string) {
  const body = response.json()
  if (response.statusCode !== status || (code && body.code !== code)) {
    throw new Error(`expected ${status} ${code ?? ''}, got ${response.statusCode}: ${response.body}`)
  }
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${response.headers['content-type']}`)
  }
  return body as {
    code: string
    detail: string
    errors?: { field: string; message: string }[]
    context?: Record<string, unknown>
  }
}

/** A small county → township → villages tree most tests start from. */
export async function seedDivisions(t: TestApp) {
  const put = async (code: string, body: object) => {
    const response = await t.call('PUT', `/v1/divisions/${code}`, { body })
    if (response.statusCode >= 300) throw new Error(`seed ${code}: ${response.body}`)
  }
  await put('370322', { name: '高青县', kind: 'county' })
  await put('370322104', { name: '唐坊镇', kind: 'township' })
  await put('370322104201', {
    name: '仇家村',
    kind: 'village',
    population: 820,
    households: 260,
    adults: 640,
  })
  await put('370322104202', {
    name: '和店村',
    kind: 'village',
    population: 430,
    households: 140,
    adults: 350,
  })
  await put('370322104203', {
    name: '李孟德村',
    kind: 'village',
    population: 610,
    households: 190,
    adults: 470,
  })
  await put('370322105', { name: '常家镇', kind: 'township' })
  await put('370322105201', { name: '蓑衣樊村', kind: 'village', population: 900 })
  await put('370323', { name: '沂源县', kind: 'county' })
  await put('370323107', { name: '燕崖镇', kind: 'township' })
  await put('370323107201', { name: '朱家户村', kind: 'village', population: 700 })
}
