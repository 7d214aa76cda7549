// Latencies in milliseconds only: no money passes through toFixed here.
/**
 * Is the embedded default responsive while a long write runs? A 500-voucher batch is drafted
 * and posted on PGlite while `/healthz` is asked every few milliseconds; the health latencies
 * during the batch are reported (each counted from when it fell due), PGlite in its worker thread (the default) against PGlite on the
 * main thread, alternated A B A B A B, medians of the rounds' p50 and p99.
 * Run: pnpm --filter @liancun/api exec tsx --conditions=@liancun/source bench/healthz-during-batch.ts [rounds]
 */
import { fixedClock, organizationCodeCheckCharacter, usccCheckCharacter } from '@liancun/core'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { openDatabase } from '../src/database.js'

const ROUNDS = Number(process.argv[2] ?? 3)
const KEY = 'lc_bench_admin_key_000000000000000000'
const BATCH = 500

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}
const median = (values: number[]) => percentile(values, 50)

/** A valid village-collective USCC (N2…) for an 8-character body. */
function uscc(body: string): string {
  const first16 = `N2370322${body}`
  const first17 = first16 + organizationCodeCheckCharacter(first16.slice(8, 16))
  return first17 + usccCheckCharacter(first17)
}

async function round(inProcess: boolean) {
  const app = await buildApp(testConfig({ bootstrapKey: KEY }), {
    clock: fixedClock('2024-06-30T04:00:00Z'),
    database: await openDatabase({ inProcess }),
  })
  const call = (method: string, url: string, body?: unknown) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${KEY}` },
      ...(body ? { payload: body as object } : {}),
    })
  for (const [code, body] of [
    ['370322', { name: '高青县', kind: 'county' }],
    ['370322104', { name: '唐坊镇', kind: 'township' }],
    ['370322104201', { name: '仇家村', kind: 'village' }],
  ] as const) {
    await call('PUT', `/v1/divisions/${code}`, body)
  }
  const ledger = (
    await call('POST', '/v1/ledgers', {
      villageCode: '370322104201',
      collective: { name: '仇家村股份经济合作社', uscc: uscc('00000001') },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    })
  ).json()
  if (!ledger.id) throw new Error(`ledger: ${JSON.stringify(ledger)}`)
  const vouchers = Array.from({ length: BATCH }, (_, i) => ({
    date: `2024-05-${String((i % 28) + 1).padStart(2, '0')}`,
    summary: `租金 ${i}`,
    attachments: 1,
    lines: [
      { account: '101', debit: `${i + 1}.00` },
      { account: '501', credit: `${i + 1}.00` },
    ],
  }))
  const latencies: number[] = []
  let running = true
  const batch = call('POST', `/v1/ledgers/${ledger.id}/vouchers:batch`, { vouchers }).finally(() => {
    running = false
  })
  // Health checks are due every 5 ms; a check's latency counts from when it was due, so a
  // blocked event loop shows as the wait it causes (no coordinated omission).
  const start = performance.now()
  for (let due = start; running; due += 5) {
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    if (running) await app.inject({ method: 'GET', url: '/healthz' })
    // A check that could not even be sent (the loop was blocked until the batch ended) counts
    // with the wait it suffered; so does every check that fell due meanwhile.
    latencies.push(performance.now() - due)
    while (due + 5 < performance.now() - 5) {
      due += 5
      latencies.push(performance.now() - due)
    }
  }
  const response = await batch
  if (response.statusCode !== 201) throw new Error(`batch: ${response.body}`)
  await app.close()
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples: latencies.length }
}

const results = {
  thread: [] as Awaited<ReturnType<typeof round>>[],
  main: [] as Awaited<ReturnType<typeof round>>[],
}
for (let i = 0; i < ROUNDS; i++) {
  results.thread.push(await round(false))
  results.main.push(await round(true))
}
for (const [name, rows] of Object.entries(results)) {
  console.log(
    `${name.padEnd(7)} /healthz during a ${BATCH}-voucher batch: p50 ${median(rows.map((r) => r.p50)).toFixed(1)} ms, ` +
      `p99 ${median(rows.map((r) => r.p99)).toFixed(1)} ms, samples ${rows.map((r) => r.samples).join('/')}`,
  )
}
