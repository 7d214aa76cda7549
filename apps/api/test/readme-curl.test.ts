import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { demoIds } from '../src/demo/demo-ids.js'
import { demoShellLines } from '../src/demo/demo-keys.js'
import { migratedPglite } from './helpers.js'

/**
 * The README's "Calling the API" examples, run verbatim against the demo as `npm start` serves it
 * (demo keys, demo ids, the system clock): each ```sh block in order, in one bash, after the lines
 * the banner prints. The only help they get is a `curl` function that points
 * http://127.0.0.1:3000 at the test's port and fails on any 4xx/5xx, so an example that answers
 * with an error fails here instead of in front of a reader.
 */
const README = new URL('../../../README.md', import.meta.url)

function readmeExamples(): string[] {
  const text = readFileSync(README, 'utf8')
  const start = text.indexOf('\n## Calling the API')
  const end = text.indexOf('\n## ', start + 1)
  const section = text.slice(start, end)
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!)
}

let app: FastifyInstance
let drop: (() => Promise<void>) | undefined
let base: string
let shellLines: string[]

beforeAll(async () => {
  const adminUrl = process.env.LIANCUN_TEST_PG_URL
  const database = adminUrl ? await createEmptyPostgresDatabase(adminUrl) : null
  drop = database?.drop
  app = await buildApp(testConfig({ demo: true, databaseUrl: database?.url }), {
    ...(database ? {} : { database: await migratedPglite() }),
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const keys = app.demoKeys!
  shellLines = demoShellLines({ ...keys, ...(await demoIds(app, keys.ADMIN_KEY!)) })
}, 300_000)
afterAll(async () => {
  await app?.close()
  await drop?.()
})

function bash(script: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { timeout: 120_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) || 1 : 0, output: `${stdout}\n${stderr}` }),
    )
  })
}

describe('README: Calling the API', () => {
  it('has examples to run', () => {
    expect(readmeExamples().length).toBeGreaterThan(0)
  })

  it('runs every example verbatim on the demo, each answering 2xx', async () => {
    const preamble = [
      'set -euo pipefail',
      ...shellLines,
      `curl() { command curl --fail-with-body --show-error "\${@//http:\\/\\/127.0.0.1:3000/${base.replace(/\//g, '\\/')}}"; echo; }`,
    ]
    const result = await bash([...preamble, ...readmeExamples()].join('\n'))
    expect(result.code, result.output).toBe(0)
  }, 180_000)

  it('prints an id for every variable the examples use', () => {
    const used = new Set(
      readmeExamples().flatMap((block) => [...block.matchAll(/\$([A-Z_]+)/g)].map((m) => m[1]!)),
    )
    const defined = new Set(shellLines.map((line) => /^export ([A-Z_]+)=/.exec(line)![1]!))
    const assignedInExamples = new Set(
      readmeExamples().flatMap((block) => [...block.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]!)),
    )
    const missing = [...used].filter((name) => !defined.has(name) && !assignedInExamples.has(name))
    expect(missing).toEqual([])
  })
})
