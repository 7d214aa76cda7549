import { Writable } from 'node:stream'
import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { ADMIN_KEY, migratedPglite } from './helpers.js'

const lines: string[] = []
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(String(chunk))
    done()
  },
})
let close: () => Promise<void>
let inject: (opts: object) => Promise<{ statusCode: number }>

beforeAll(async () => {
  const adminUrl = process.env.LIANCUN_TEST_PG_URL
  const database = adminUrl ? await createEmptyPostgresDatabase(adminUrl) : null
  const app = await buildApp(
    testConfig({ logLevel: 'trace', bootstrapKey: ADMIN_KEY, databaseUrl: database?.url }),
    {
      logStream: sink,
      ...(database ? {} : { database: await migratedPglite() }),
    },
  )
  inject = (opts) => app.inject(opts as never)
  close = async () => {
    await app.close()
    await database?.drop()
  }
})
afterAll(() => close())

describe('logs', () => {
  it('carry request ids but never keys, phone numbers or ID numbers', async () => {
    const auth = { authorization: `Bearer ${ADMIN_KEY}` }
    await inject({
      method: 'PUT',
      url: '/v1/divisions/370322',
      headers: auth,
      payload: { name: '高青县', kind: 'county' },
    })
    await inject({
      method: 'PUT',
      url: '/v1/divisions/370322104',
      headers: auth,
      payload: { name: '唐坊镇', kind: 'township' },
    })
    await inject({
      method: 'PUT',
      url: '/v1/divisions/370322104201',
      headers: auth,
      payload: { name: '仇家村', kind: 'village' },
    })
    const created = await inject({
      method: 'POST',
      url: '/v1/people',
      headers: auth,
      payload: {
        name: '张三',
        villageCode: '370322104201',
        phone: '13812345678',
        idNumber: '11010519491231002X',
      },
    })
    expect(created.statusCode).toBe(201)
    await inject({
      method: 'POST',
      url: '/v1/people',
      headers: auth,
      payload: { name: 'x', villageCode: '370322104201', phone: '13899998888x' },
    })
    const log = lines.join('')
    expect(log).toContain('"requestId"')
    expect(log).toContain('/v1/people')
    expect(log).not.toContain(ADMIN_KEY)
    expect(log).not.toContain('13812345678')
    expect(log).not.toContain('11010519491231002X')
    expect(log).not.toContain('13899998888')
  })
})
