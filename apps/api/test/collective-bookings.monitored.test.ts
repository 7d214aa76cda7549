import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { ADMIN_KEY, migratedPglite } from './helpers.js'

/**
 * 防返贫监测户 paid to the named households (issue 13, Payouts), on the demo dataset: 黑牛's 2024
 * distribution set 12,600.00 aside for three monitored households, booked as payables (Cr 211 per
 * household) in 李孟德村's ledger (demo/funds.ts); its registers pay them — Dr 211 per household /
 * Cr 102 — once, with the payout list; 仇家村's registers cannot.
 */
const LIMENGDE = '370322104203'
const QIUJIA = '370322104201'
let app: FastifyInstance
let drop: (() => Promise<void>) | undefined
beforeAll(async () => {
  const adminUrl = process.env.LIANCUN_TEST_PG_URL
  const database = adminUrl ? await createEmptyPostgresDatabase(adminUrl) : null
  drop = database?.drop
  app = await buildApp(testConfig({ demo: true, bootstrapKey: ADMIN_KEY, databaseUrl: database?.url }), {
    ...(database ? {} : { database: await migratedPglite() }),
  })
}, 600_000)
afterAll(async () => {
  await app?.close()
  await drop?.()
})

const call = (method: 'GET' | 'POST', url: string, body?: object, key: string | null = ADMIN_KEY) =>
  app.inject({
    method,
    url,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    ...(body ? { payload: body } : {}),
  })
const ok = async (method: 'GET' | 'POST', url: string, body?: object, status = 200) => {
  const response = await call(method, url, body)
  expect(response.statusCode, response.body).toBe(status)
  return response.json()
}

async function registersOf(village: string) {
  const page = await ok('GET', `/v1/collectives?within=${village}`)
  return page.items[0] as { id: string; ledgerId: string }
}

describe('the monitored households’ part of a distribution, paid', () => {
  it('drafts Dr 211 per household / Cr 102 in the booking village, once, with the payout list', async () => {
    const limengde = await registersOf(LIMENGDE)
    const drafts = await ok('GET', `/v1/ledgers/${limengde.ledgerId}/vouchers?status=draft&limit=200`)
    const payable = drafts.items.find((v: { summary: string }) => v.summary.includes('监测户'))
    expect(payable, 'the demo books the monitored households’ payables').toBeDefined()
    const runId = payable.origin.refs.runId as string
    const owed = payable.lines.filter((l: { account: string; credit: string | null }) => l.account === '211')
    expect(owed.map((l: { counterparty: string; credit: string }) => [l.counterparty, l.credit])).toEqual([
      ['李孟德村1组监测户A', '4200.00'],
      ['李孟德村3组监测户B', '4200.00'],
      ['李孟德村5组监测户C', '4200.00'],
    ])

    const url = `/v1/collectives/${limengde.id}/bookings/monitored-payouts`
    const early = await call('POST', url, { distributionRunId: runId, payDate: '2025-01-09' })
    expect(early.statusCode, early.body).toBe(422)
    expect(early.json()).toMatchObject({
      code: 'collective.pay_before_record',
      context: { runDate: '2025-01-10' },
    })

    const paid = await ok('POST', url, { distributionRunId: runId, payDate: '2025-01-20' }, 201)
    expect(paid.replayed).toBe(false)
    expect(paid.booking).toMatchObject({
      kind: 'monitored_payout',
      subjectId: runId,
      period: '',
      voucherDate: '2025-01-20',
      amount: '12600.00',
      vouchers: [{ voucherStatus: 'draft' }],
    })
    expect(
      paid.booking.lines.map((l: { key: string; amount: string; account: string }) => [
        l.key,
        l.amount,
        l.account,
      ]),
    ).toEqual([
      ['李孟德村1组监测户A', '4200.00', '211'],
      ['李孟德村3组监测户B', '4200.00', '211'],
      ['李孟德村5组监测户C', '4200.00', '211'],
    ])
    const payment = await ok(
      'GET',
      `/v1/ledgers/${limengde.ledgerId}/vouchers/${paid.booking.vouchers[0].voucherId}`,
    )
    expect(
      payment.lines.map(
        (l: {
          account: string
          debit: string | null
          credit: string | null
          counterparty: string | null
        }) => [l.account, l.debit, l.credit, l.counterparty],
      ),
    ).toEqual([
      ['211', '4200.00', null, '李孟德村1组监测户A'],
      ['211', '4200.00', null, '李孟德村3组监测户B'],
      ['211', '4200.00', null, '李孟德村5组监测户C'],
      ['10201', null, '12600.00', null],
    ])
    expect(payment.origin).toMatchObject({ kind: 'collective.monitored_payout', refs: { runId } })

    const replay = await ok('POST', url, { distributionRunId: runId, payDate: '2025-01-25' })
    expect(replay).toMatchObject({
      replayed: true,
      booking: { id: paid.booking.id, voucherDate: '2025-01-20' },
    })
    const list = await ok('GET', `/v1/collectives/${limengde.id}/bookings?kind=monitored_payout`)
    expect(list.items.map((b: { id: string }) => b.id)).toEqual([paid.booking.id])

    // 仇家村 received its share by shares; the monitored households are 李孟德村's to pay.
    const qiujia = await registersOf(QIUJIA)
    const elsewhere = await call('POST', `/v1/collectives/${qiujia.id}/bookings/monitored-payouts`, {
      distributionRunId: runId,
      payDate: '2025-01-20',
    })
    expect(elsewhere.statusCode, elsewhere.body).toBe(422)
    expect(elsewhere.json()).toMatchObject({
      code: 'collective.run_booked_elsewhere',
      context: { bookedIn: limengde.ledgerId, ledgerId: qiujia.ledgerId },
    })
  })

  it('404 for an unknown run, 400 for a malformed body, 401 without a key', async () => {
    const limengde = await registersOf(LIMENGDE)
    const url = `/v1/collectives/${limengde.id}/bookings/monitored-payouts`
    const unknown = await call('POST', url, {
      distributionRunId: '01935c1e-0000-7000-8000-000000000000',
      payDate: '2025-01-20',
    })
    expect(unknown.statusCode, unknown.body).toBe(404)
    expect((await call('POST', url, { distributionRunId: 'x', payDate: '2025-01-20' })).statusCode).toBe(400)
    expect((await call('POST', url, { payDate: '2025-01-20' })).statusCode).toBe(400)
    expect(
      (await call('POST', url, { distributionRunId: limengde.id, payDate: '2025-01-20' }, null)).statusCode,
    ).toBe(401)
  })
})
