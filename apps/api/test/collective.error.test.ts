import { newId } from '@liancun/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller, registersWithShares } from './collective-fixtures.js'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'

let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>
let registers: Awaited<ReturnType<typeof registersWithShares>>
let landId: string
beforeAll(async () => {
  t = await startTestApp('2024-12-31')
  await seedDivisions(t)
  books = await villageBooks(t, '370322104203', 'MA3C4D5E')
  registers = await registersWithShares(t, books.bookkeeper, books.ledgerId)
  landId = (
    await caller(t, books.bookkeeper).post(`${registers.base}/resources`, {
      name: '村北地',
      kind: 'farmland',
      areaMu: '80',
    })
  ).id
}, 300_000)
afterAll(() => t?.close())

const call = (method: string, url: string, body?: unknown) =>
  t.call(method, url, { key: books.bookkeeper, ...(body === undefined ? {} : { body }) })

const contract = (over: object = {}) => ({
  number: 'E-001',
  kind: 'lease',
  party: { kind: 'enterprise', name: '淄博黑牛养殖有限公司' },
  signedOn: '2024-01-05',
  startsOn: '2024-01-01',
  endsOn: '2028-12-31',
  amount: '60000.00',
  items: [{ kind: 'resource', id: landId, areaMu: '10' }],
  schedule: [{ dueOn: '2024-01-10', amount: '60000.00', coversFrom: '2024-01-01', coversTo: '2028-12-31' }],
  ...over,
})

describe('三资 routes — bad input is a 400 naming the field', () => {
  it('refuses an area as a float, an unknown field and a malformed amount', async () => {
    const area = problem(
      await call('POST', `${registers.base}/resources`, { name: 'x', kind: 'forest', areaMu: 1.5 }),
      400,
    )
    expect(area.errors?.map((e) => e.field)).toContain('body.areaMu')
    const tooFine = problem(
      await call('POST', `${registers.base}/resources`, { name: 'x', kind: 'forest', areaMu: '0.00001' }),
      400,
    )
    expect(tooFine.errors?.[0]?.field).toBe('body.areaMu')
    problem(await call('POST', `${registers.base}/households`, { number: '9', headName: 'x', extra: 1 }), 400)
    problem(
      await call('POST', `${registers.base}/payouts`, {
        amount: '1.001',
        recordDate: '2024-12-20',
        payDate: '2024-12-31',
        summary: 'x',
      }),
      400,
    )
    problem(await call('GET', `${registers.base}/share-register?asOf=2024-02-30`), 400)
  })
})

describe('三资 routes — 404 and 409', () => {
  it('answers unknown registers and records with 404', async () => {
    problem(await call('GET', `/v1/collectives/${newId('370322')}`), 404, 'collective.collective_not_found')
    problem(
      await call('GET', `${registers.base}/assets/${newId('370322')}`),
      404,
      'collective.asset_not_found',
    )
    problem(
      await call('GET', `${registers.base}/contracts/${newId('370322')}`),
      404,
      'collective.contract_not_found',
    )
    problem(
      await call('POST', '/v1/collectives', { ledgerId: newId('370322') }),
      404,
      'ledger.ledger_not_found',
    )
  })

  it('answers a second set of registers, a 户号 taken and a second disposal with 409', async () => {
    problem(
      await call('POST', '/v1/collectives', { ledgerId: books.ledgerId }),
      409,
      'collective.collective_exists',
    )
    problem(
      await call('POST', `${registers.base}/households`, { number: '001', headName: 'x' }),
      409,
      'collective.household_number_taken',
    )
    const tool = (
      await call('POST', `${registers.base}/assets`, {
        name: '旧农机',
        category: 'fixed',
        assetClass: 'operating',
        cost: '3000.00',
        acquiredOn: '2010-01-01',
        depreciation: { usefulLifeMonths: 60 },
      })
    ).json()
    expect(
      (
        await call('POST', `${registers.base}/assets/${tool.id}/disposal`, {
          disposedOn: '2024-12-30',
          kind: 'scrap',
        })
      ).statusCode,
    ).toBe(200)
    problem(
      await call('POST', `${registers.base}/assets/${tool.id}/disposal`, {
        disposedOn: '2024-12-30',
        kind: 'scrap',
      }),
      409,
      'collective.asset_disposed',
    )
  })
})

describe('三资 routes — rule refusals are 422 with the numbers and the basis', () => {
  it('needs a matter for a contract at the major-matter amount, and a resolved one', async () => {
    const required = problem(
      await call('POST', `${registers.base}/contracts`, contract()),
      422,
      'collective.matter_required',
    )
    expect(required.context).toMatchObject({ amount: '60000.00', majorMatterAmount: '50000.00' })
    expect(String(required.context?.basis)).toContain('四议两公开')
    const unresolved = problem(
      await call('POST', `${registers.base}/contracts`, contract({ matterId: newId('370322') })),
      422,
      'collective.matter_not_resolved',
    )
    expect(unresolved.context?.missing).toHaveLength(1)
  })

  it('refuses a schedule that does not pay the amount, land let twice and a payout before its record day', async () => {
    const whole = problem(
      await call(
        'POST',
        `${registers.base}/contracts`,
        contract({
          amount: '1000.00',
          schedule: [
            { dueOn: '2024-01-10', amount: '900.00', coversFrom: '2024-01-01', coversTo: '2028-12-31' },
          ],
        }),
      ),
      422,
      'collective.schedule_not_whole',
    )
    expect(whole.context).toMatchObject({ scheduled: '900.00', amount: '1000.00' })
    problem(
      await call(
        'POST',
        `${registers.base}/contracts`,
        contract({
          amount: '1000.00',
          items: [{ kind: 'resource', id: landId, areaMu: '80.0001' }],
          schedule: [
            { dueOn: '2024-01-10', amount: '1000.00', coversFrom: '2024-01-01', coversTo: '2028-12-31' },
          ],
        }),
      ),
      422,
      'collective.area_exceeds',
    )
    problem(
      await call('POST', `${registers.base}/payouts`, {
        amount: '10.00',
        recordDate: '2024-12-20',
        payDate: '2024-12-19',
        summary: 'x',
      }),
      422,
      'collective.pay_before_record',
    )
  })

  it('refuses to guess the bank account among several 102 sub-accounts', async () => {
    const bk = caller(t, books.bookkeeper)
    await bk.post(`/v1/ledgers/${books.ledgerId}/accounts`, {
      parentCode: '102',
      code: '10201',
      name: '农商银行',
    })
    await bk.post(`/v1/ledgers/${books.ledgerId}/accounts`, {
      parentCode: '102',
      code: '10202',
      name: '邮储银行',
    })
    const body = { amount: '10.00', recordDate: '2024-12-20', payDate: '2024-12-31', summary: '分红' }
    const refused = problem(
      await call('POST', `${registers.base}/payouts`, body),
      422,
      'collective.posting_account',
    )
    expect(refused.context).toMatchObject({ leaves: ['10201', '10202'] })
    // Nothing of the refused payout stays behind: the payout and its vouchers are one transaction.
    expect((await bk.get(`${registers.base}/payouts`)).items).toHaveLength(0)
    expect(
      (await call('POST', `${registers.base}/payouts`, { ...body, bankAccount: '10202' })).statusCode,
    ).toBe(201)
  })
})
