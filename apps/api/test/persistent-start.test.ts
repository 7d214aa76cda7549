import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'

/**
 * What `npm start` does by default: PGlite in a directory, the demo, and a state file for the demo
 * keys. Two starts on the same directory: the data entered in the first is there in the second,
 * the demo is not loaded twice, and the keys the first banner printed still work. PGlite only —
 * this is the embedded default, the other passes would test nothing new.
 */
const dir = mkdtempSync(join(tmpdir(), 'liancun-start-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const config = testConfig({ demo: true, dataDir: join(dir, 'pglite'), demoStateFile: join(dir, 'demo.env') })

async function start() {
  const app = await buildApp(config)
  await app.ready()
  return app
}

describe.skipIf(Boolean(process.env.LIANCUN_TEST_PG_URL))('npm start: a persistent demo', () => {
  it('keeps data, demo keys and loads the demo only once across a restart', async () => {
    const first = await start()
    const keys = first.demoKeys!
    expect(Object.keys(keys)).toEqual([
      'ADMIN_KEY',
      'COUNTY_KEY',
      'CLERK_KEY',
      'BOOKKEEPER_KEY',
      'REVIEWER_KEY',
      'FUND_MANAGER_KEY',
      'AUDITOR_KEY',
    ])
    const { writeDemoState } = await import('../src/demo/demo-keys.js')
    writeDemoState(config.demoStateFile!, keys)
    expect(statSync(config.demoStateFile!).mode & 0o777).toBe(0o600)
    const auth = { authorization: `Bearer ${keys.ADMIN_KEY}` }
    const created = await first.inject({
      method: 'POST',
      url: '/v1/partners',
      headers: auth,
      payload: { name: '重启后仍在的合作社', kind: 'cooperative', countyCode: '370322' },
    })
    expect(created.statusCode, created.body).toBe(201)
    const count = async (app: typeof first) =>
      (
        await app.inject({
          method: 'GET',
          url: '/v1/stats/alliances?within=3703&asOf=2024-06-30',
          headers: auth,
        })
      ).json().alliances.total as number
    const alliances = await count(first)
    await first.close()

    const second = await start()
    expect(second.demoKeys).toEqual(keys)
    expect(readFileSync(config.demoStateFile!, 'utf8')).toContain(`export ADMIN_KEY='${keys.ADMIN_KEY}'`)
    const partner = await second.inject({
      method: 'GET',
      url: `/v1/partners/${created.json().id}`,
      headers: auth,
    })
    expect(partner.statusCode, partner.body).toBe(200)
    expect(partner.json().name).toBe('重启后仍在的合作社')
    for (const key of Object.values(keys)) {
      const me = await second.inject({
        method: 'GET',
        url: '/v1/stats/alliances?within=3703&asOf=2024-06-30',
        headers: { authorization: `Bearer ${key}` },
      })
      expect(me.statusCode, me.body).not.toBe(401)
    }
    expect(await count(second)).toBe(alliances)
    await second.close()
  }, 300_000)
})
