import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller, registersWithShares } from './collective-fixtures.js'
import { seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'

let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>
let registers: Awaited<ReturnType<typeof registersWithShares>>
beforeAll(async () => {
  t = await startTestApp('2024-12-31')
  await seedDivisions(t)
  books = await villageBooks(t, '370322104203', 'MA3C4D5E')
  registers = await registersWithShares(t, books.bookkeeper, books.ledgerId)
}, 300_000)
afterAll(() => t?.close())

describe('三资 registers — members and shares', () => {
  it('reads the registers, households and members of a day', async () => {
    const bk = caller(t, books.bookkeeper)
    expect(await bk.get(registers.base)).toMatchObject({
      ledgerId: books.ledgerId,
      villageCode: '370322104203',
    })
    expect((await bk.get('/v1/collectives?within=370322104203')).items).toHaveLength(1)
    expect((await bk.get(`${registers.base}/households`)).items).toHaveLength(2)
    const clerk = caller(t, await t.mintKey('clerk', '370322104203'))
    const leaving = registers.members[1]
    expect(
      await clerk.post(
        `${registers.base}/members/${leaving.id}/end`,
        { leftOn: '2024-03-01', reason: 'death' },
        200,
      ),
    ).toMatchObject({
      leftOn: '2024-03-01',
      leaveReason: 'death',
    })
    expect((await bk.get(`${registers.base}/members?asOf=2024-02-29`)).items).toHaveLength(4)
    expect((await bk.get(`${registers.base}/members?asOf=2024-03-01`)).items).toHaveLength(3)
  })

  it('keeps history through an inheritance: the register of each day', async () => {
    const bk = caller(t, books.bookkeeper)
    const [, widow, , son] = registers.members
    // 王秀英's shares pass to 朱小义 (another household) on 2024-04-01.
    const change = await bk.post(
      `${registers.base}/holdings/${registers.holdings[1].id}/transfer`,
      {
        to: { holderKind: 'member', holderId: son.id },
        units: '10',
        on: '2024-04-01',
        reason: 'inheritance',
      },
      200,
    )
    expect(change.opened).toMatchObject([{ holderId: son.id, units: '20', reason: 'inheritance' }])
    const before = await bk.get(`${registers.base}/share-register?asOf=2024-03-31`)
    expect(before.households.map((h: { units: string }) => h.units)).toEqual(['20', '20'])
    const after = await bk.get(`${registers.base}/share-register?asOf=2024-04-01`)
    expect(after).toMatchObject({ totalUnits: '60', collectiveUnits: '20' })
    expect(after.households.map((h: { units: string }) => h.units)).toEqual(['10', '30'])
    const history = await bk.get(`${registers.base}/holdings?holderId=${widow.id}`)
    expect(history.items).toMatchObject([{ validTo: '2024-04-01' }])
    expect((await bk.get(`${registers.base}/share-kinds`)).items).toHaveLength(2)
  })

  it('pays the members’ part to households and drafts balanced vouchers in the ledger', async () => {
    const bk = caller(t, books.bookkeeper)
    // 600.01 over 60 units: 10 → 100.00, 30 → 300.01 (largest remainder), 集体股 20 → 200.00 kept.
    const payout = await bk.post(`${registers.base}/payouts`, {
      amount: '600.01',
      recordDate: '2024-12-20',
      payDate: '2024-12-31',
      summary: '2024年度股份分红',
    })
    expect(payout).toMatchObject({ amount: '600.01', paid: '400.01', retained: '200.00' })
    expect(payout.lines.map((l: { number: string; amount: string }) => [l.number, l.amount])).toEqual([
      ['001', '100.00'],
      ['002', '300.01'],
    ])
    const due = await bk.get(`/v1/ledgers/${books.ledgerId}/vouchers/${payout.payableVoucherIds[0]}`)
    expect(due).toMatchObject({ status: 'draft', totals: { debit: '400.01', credit: '400.01' } })
    expect(due.lines.map((l: { account: string }) => l.account)).toEqual(['322', '211', '211'])
    const paid = await bk.get(`/v1/ledgers/${books.ledgerId}/vouchers/${payout.paymentVoucherIds[0]}`)
    expect(paid.lines.map((l: { account: string }) => l.account)).toEqual(['211', '211', '102'])
    expect(await bk.get(`${registers.base}/payouts/${payout.id}`)).toMatchObject({
      id: payout.id,
      lines: payout.lines,
    })
    expect((await bk.get(`${registers.base}/payouts`)).items).toHaveLength(1)
  })
})

describe('三资 registers — assets, resources and contracts', () => {
  it('depreciates a card, reconciles it with the ledger and disposes of a small one', async () => {
    const bk = caller(t, books.bookkeeper)
    const card = await bk.post(`${registers.base}/assets`, {
      name: '冷库',
      category: 'fixed',
      assetClass: 'operating',
      cost: '120000.00',
      acquiredOn: '2023-12-15',
      location: '村东',
      manager: '朱明礼',
      depreciation: { usefulLifeMonths: 120 },
    })
    expect(card).toMatchObject({
      cost: '120000.00',
      accumulatedDepreciation: '12000.00',
      netBookValue: '108000.00',
    })
    expect(
      (await bk.get(`${registers.base}/assets/${card.id}?asOf=2024-06-30`)).accumulatedDepreciation,
    ).toBe('6000.00')
    // The books hold the cost but not a year of depreciation: 152 differs by 12000.00.
    await bk.post(
      `/v1/ledgers/${books.ledgerId}/opening-balances`,
      {
        lines: [
          { account: '151', debit: '120000.00' },
          { account: '301', credit: '120000.00' },
        ],
      },
      200,
    )
    const check = await bk.get(`${registers.base}/asset-reconciliation?period=2024-12`)
    expect(check.agrees).toBe(false)
    expect(check.rows.map((r: { account: string; difference: string }) => [r.account, r.difference])).toEqual(
      [
        ['151', '0.00'],
        ['152', '12000.00'],
        ['141', '0.00'],
      ],
    )
    const tool = await bk.post(`${registers.base}/assets`, {
      name: '旧农机',
      category: 'fixed',
      assetClass: 'operating',
      cost: '3000.00',
      acquiredOn: '2010-01-01',
      depreciation: { usefulLifeMonths: 60 },
    })
    const disposed = await bk.post(
      `${registers.base}/assets/${tool.id}/disposal`,
      { disposedOn: '2024-12-30', kind: 'scrap', proceeds: '100.00' },
      200,
    )
    expect(disposed.disposal).toMatchObject({
      bookValue: '0.00',
      proceeds: '100.00',
      matterId: null,
      majorMatterAmount: '50000.00',
    })
    expect((await bk.get(`${registers.base}/assets`)).items).toHaveLength(2)
  })

  it('lets land by contract, lists what is overdue and expiring, and drafts the rent vouchers', async () => {
    const bk = caller(t, books.bookkeeper)
    const land = await bk.post(`${registers.base}/resources`, {
      name: '村北地',
      kind: 'farmland',
      areaMu: '80',
      location: '村北',
    })
    expect(land).toMatchObject({ areaMu: '80', status: 'idle' })
    expect((await bk.get(`${registers.base}/resources?status=idle`)).items).toHaveLength(1)
    const contract = await bk.post(`${registers.base}/contracts`, {
      number: 'ZJH-2024-001',
      kind: 'transfer',
      party: { kind: 'household', id: registers.households[0].id, name: '朱明礼' },
      signedOn: '2024-01-05',
      startsOn: '2024-01-01',
      endsOn: '2028-12-31',
      amount: '5000.00',
      items: [{ kind: 'resource', id: land.id, areaMu: '0.5' }],
      schedule: [
        { dueOn: '2024-01-10', amount: '5000.00', coversFrom: '2024-01-01', coversTo: '2028-12-31' },
      ],
    })
    expect(contract.schedule[0].spread.map((y: { amount: string }) => y.amount)).toEqual([
      '1000.00',
      '1000.00',
      '1000.00',
      '1000.00',
      '1000.00',
    ])
    expect((await bk.get(`${registers.base}/resources?status=contracted`)).items).toHaveLength(1)
    expect((await bk.get(`${registers.base}/overdue-instalments`)).items).toMatchObject([
      { number: 'ZJH-2024-001', seq: 1, overdue: true },
    ])
    await bk.post(`${registers.base}/contracts`, {
      number: 'ZJH-2024-002',
      kind: 'lease',
      party: { kind: 'enterprise', name: '淄博黑牛养殖有限公司' },
      signedOn: '2024-03-01',
      startsOn: '2024-03-01',
      endsOn: '2025-02-28',
      amount: '1200.00',
      items: [{ kind: 'resource', id: land.id, areaMu: '10' }],
      schedule: [
        { dueOn: '2025-01-15', amount: '1200.00', coversFrom: '2024-03-01', coversTo: '2025-02-28' },
      ],
    })
    expect(
      (await bk.get(`${registers.base}/contracts?expiringWithin=90`)).items.map(
        (c: { number: string }) => c.number,
      ),
    ).toEqual(['ZJH-2024-002'])
    const receivable = await bk.post(`${registers.base}/contracts/${contract.id}/instalments/1/due`, {})
    const voucher = await bk.get(`/v1/ledgers/${books.ledgerId}/vouchers/${receivable.voucherId}`)
    expect(
      voucher.lines.map((l: { account: string; debit: string; credit: string }) => [
        l.account,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['112', '5000.00', null],
      ['501', null, '1000.00'],
      ['211', null, '4000.00'],
    ])
    const receipt = await bk.post(`${registers.base}/contracts/${contract.id}/instalments/1/settlement`, {
      date: '2024-12-31',
    })
    expect(receipt.instalment).toMatchObject({ receivedOn: '2024-12-31', overdue: false })
    expect((await bk.get(`${registers.base}/overdue-instalments`)).items).toEqual([])
    expect(await bk.get(`${registers.base}/contracts/${contract.id}`)).toMatchObject({
      number: 'ZJH-2024-001',
    })
    expect(
      (await bk.put(`${registers.base}/resources/${land.id}/status`, { status: 'self_operated' })).status,
    ).toBe('self_operated')
  })

  it('takes a household’s land in (统一流转入) and drafts what the collective owes: this year to 511, later years to 171', async () => {
    const bk = caller(t, books.bookkeeper)
    const pooled = await bk.post(`${registers.base}/resources`, {
      name: '产业园流转地',
      kind: 'farmland',
      areaMu: '1',
      status: 'self_operated',
    })
    const inbound = await bk.post(`${registers.base}/contracts`, {
      number: 'ZJH-IN-001',
      kind: 'transfer',
      direction: 'inbound',
      party: { kind: 'household', id: registers.households[1].id, name: '朱明义' },
      signedOn: '2024-03-01',
      startsOn: '2024-01-01',
      endsOn: '2026-12-31',
      amount: '1500.00',
      items: [{ kind: 'resource', id: pooled.id, areaMu: '0.5' }],
      schedule: [
        { dueOn: '2024-03-10', amount: '1500.00', coversFrom: '2024-01-01', coversTo: '2026-12-31' },
      ],
    })
    expect(inbound.direction).toBe('inbound')
    // Taking land in does not change what the collective does with it.
    expect(
      (await bk.get(`${registers.base}/resources?status=self_operated`)).items.map(
        (r: { id: string }) => r.id,
      ),
    ).toContain(pooled.id)
    const due = await bk.post(`${registers.base}/contracts/${inbound.id}/instalments/1/due`, {})
    const voucher = await bk.get(`/v1/ledgers/${books.ledgerId}/vouchers/${due.voucherId}`)
    expect(
      voucher.lines.map((l: { account: string; debit: string; credit: string }) => [
        l.account,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['511', '500.00', null],
      ['171', '1000.00', null],
      ['211', null, '1500.00'],
    ])
    const paid = await bk.post(`${registers.base}/contracts/${inbound.id}/instalments/1/settlement`, {})
    const payment = await bk.get(`/v1/ledgers/${books.ledgerId}/vouchers/${paid.voucherId}`)
    expect(payment.lines.map((l: { account: string }) => l.account)).toEqual(['211', '102'])
  })
})
