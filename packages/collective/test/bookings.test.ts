import { fixedClock, newId } from '@liancun/core'
import { createTestDatabase, expectDomainError, type TestDatabase } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type CollectiveService,
  CreateAssetInput,
  CreateContractInput,
  CreateResourceInput,
  createCollectiveService,
  type MonitoredRun,
  migrateCollective,
} from '../src/index.js'

/** The registers' bookings (parts/bookings.ts) on PGlite, PostgreSQL and Citus (LIANCUN_TEST_PG_URL). */
const TODAY = '2025-01-20T04:00:00Z'
const VILLAGE = '370322104203' // 李孟德村
const ACTOR = 'key-bookkeeper'

let database: TestDatabase
let service: CollectiveService
let collectiveId: string
let ledgerId: string

beforeEach(async () => {
  database = await createTestDatabase('collective', migrateCollective)
  service = createCollectiveService({ db: database.db, clock: fixedClock(TODAY) })
  ledgerId = newId('370322')
  collectiveId = (
    await service.openRegisters(
      { id: ledgerId, villageCode: VILLAGE, name: '李孟德村股份经济合作社', uscc: 'N2370322LMD000015Y' },
      ACTOR,
    )
  ).id
})
afterEach(() => database.close())

const card = (over: Record<string, unknown>) =>
  service.createAsset(
    collectiveId,
    CreateAssetInput.parse({
      name: '冷库',
      category: 'fixed',
      assetClass: 'operating',
      cost: '1200.00',
      acquiredOn: '2024-06-15',
      depreciation: { usefulLifeMonths: 12 },
      ...over,
    }),
    ACTOR,
  )

const line = (key: string, amount: bigint) => ({ key, label: key, amount, account: '511', householdId: null })

describe('bookings: once per subject and period', () => {
  it('records a booking, reads it back, lists it by kind, and finds it at the next begin', async () => {
    const seen: string[] = []
    const begun = await service.beginBooking(
      collectiveId,
      { kinds: ['depreciation'], period: '2024-12' },
      { guard: (ref) => void seen.push(ref.villageCode) },
    )
    expect(seen).toEqual([VILLAGE])
    expect(begun).toMatchObject({ collective: { id: collectiveId, ledgerId }, booked: [] })
    const booking = await service.recordBooking(
      collectiveId,
      {
        kind: 'depreciation',
        subjectId: ledgerId,
        period: '2024-12',
        voucherDate: '2024-12-31',
        voucherIds: ['v1'],
        lines: [line('a', 100n), line('b', 23n)],
      },
      ACTOR,
    )
    expect(booking).toMatchObject({ amount: 123n, voucherIds: ['v1'], kind: 'depreciation' })
    expect(booking.lines[1]).toEqual(line('b', 23n))
    expect(booking.basis).toContain('152')
    expect(await service.getBooking(collectiveId, booking.id)).toEqual(booking)
    await expectDomainError(service.getBooking(collectiveId, newId('370322')), 'collective.booking_not_found')
    const again = await service.beginBooking(collectiveId, { kinds: ['depreciation'], period: '2024-12' })
    expect(again.booked.map((b) => b.id)).toEqual([booking.id])
    expect(
      (await service.listBookings(collectiveId, { kind: 'rent_transfer', limit: 10, after: null })).items,
    ).toEqual([])
    const page = await service.listBookings(collectiveId, { limit: 10, after: null })
    expect(page.items.map((b) => b.id)).toEqual([booking.id])
  })

  it('refuses a second booking of the same subject and period in the database', async () => {
    const values = {
      kind: 'rent_transfer' as const,
      subjectId: 'contract-1',
      period: '2025',
      voucherDate: '2025-01-20',
      voucherIds: ['v1'],
      lines: [line('1', 5n)],
    }
    await service.recordBooking(collectiveId, values, ACTOR)
    await expect(service.recordBooking(collectiveId, values, ACTOR)).rejects.toThrow()
  })
})

describe('depreciation due', () => {
  it('lists the month’s charge per card and per class, dated the month’s last day', async () => {
    const a = await card({})
    await card({ name: '广场', assetClass: 'public_welfare', cost: '2400.00' })
    await card({ name: '入股', category: 'investment', depreciation: { method: 'none' } })
    const due = await service.depreciationDue(collectiveId, '2024-12')
    expect(due.voucherDate).toBe('2024-12-31')
    expect(due.charges.find((c) => c.id === a.id)).toMatchObject({ charge: 10_000n, assetClass: 'operating' })
    expect(due.byClass).toEqual([
      { assetClass: 'operating', amount: 10_000n },
      { assetClass: 'public_welfare', amount: 20_000n },
    ])
  })

  it('refuses a month nothing depreciates in, and one not ended', async () => {
    await card({})
    const e = await expectDomainError(
      service.depreciationDue(collectiveId, '2024-06'),
      'collective.nothing_to_book',
    )
    expect(e.field).toBe('period')
    await expectDomainError(service.depreciationDue(collectiveId, '2025-01'), 'collective.period_not_begun')
  })
})

describe('contracts for the year-end transfer', () => {
  it('lists every contract with its instalments and due vouchers', async () => {
    const land = await service.createResource(
      collectiveId,
      CreateResourceInput.parse({ name: '村北地', kind: 'farmland', areaMu: '80' }),
      ACTOR,
    )
    const contract = await service.createContract(
      collectiveId,
      CreateContractInput.parse({
        number: 'LMD-2024-009',
        kind: 'lease',
        party: { kind: 'enterprise', name: '黑牛养殖' },
        signedOn: '2024-01-05',
        startsOn: '2024-01-01',
        endsOn: '2028-12-31',
        amount: '5000.00',
        items: [{ kind: 'resource', id: land.id }],
        schedule: [
          { dueOn: '2024-01-10', amount: '5000.00', coversFrom: '2024-01-01', coversTo: '2028-12-31' },
        ],
      }),
      ACTOR,
    )
    expect(await service.contractsForDeferral(collectiveId)).toEqual([
      {
        id: contract.id,
        number: 'LMD-2024-009',
        kind: 'lease',
        direction: 'outbound',
        partyName: '黑牛养殖',
        instalments: [
          {
            seq: 1,
            amount: 500_000n,
            coversFrom: '2024-01-01',
            coversTo: '2028-12-31',
            receivableVoucherId: null,
          },
        ],
      },
    ])
  })
})

describe('monitored households’ payout plan', () => {
  const run = (over: Partial<MonitoredRun> = {}): MonitoredRun => ({
    id: 'run-1',
    date: '2025-01-10',
    lines: [{ recipient: 'monitored_households', ledgerId, voucherId: 'payable-1', amount: 12_600n }],
    monitoredHouseholds: [
      { ref: '003', amount: 4_200n },
      { ref: '王五', amount: 4_200n },
      { ref: '监测户C', amount: 4_200n },
    ],
    ...over,
  })

  it('matches each ref to a household of the register by 户号, id or a unique head', async () => {
    const h3 = await service.addHousehold(collectiveId, { number: '003', headName: '张三' }, ACTOR)
    const h7 = await service.addHousehold(collectiveId, { number: '007', headName: '王五' }, ACTOR)
    const plan = await service.monitoredPayoutPlan(collectiveId, run(), '2025-01-20')
    expect(plan.payableVoucherId).toBe('payable-1')
    expect(plan.households).toEqual([
      { ref: '003', amount: 4_200n, householdId: h3.id, label: '003 张三' },
      { ref: '王五', amount: 4_200n, householdId: h7.id, label: '007 王五' },
      { ref: '监测户C', amount: 4_200n, householdId: null, label: '监测户C' },
    ])
    const byId = await service.monitoredPayoutPlan(
      collectiveId,
      run({ monitoredHouseholds: [{ ref: h7.id, amount: 1n }] }),
      '2025-01-10',
    )
    expect(byId.households[0]!.householdId).toBe(h7.id)
  })

  it('refuses a run without monitored households, one booked in another ledger, and bad pay days', async () => {
    await expectDomainError(
      service.monitoredPayoutPlan(collectiveId, run({ lines: [], monitoredHouseholds: [] }), '2025-01-20'),
      'collective.nothing_to_book',
    )
    const elsewhere = await expectDomainError(
      service.monitoredPayoutPlan(
        collectiveId,
        run({
          lines: [{ recipient: 'monitored_households', ledgerId: 'other', voucherId: 'v', amount: 1n }],
        }),
        '2025-01-20',
      ),
      'collective.run_booked_elsewhere',
    )
    expect(elsewhere.context).toMatchObject({ bookedIn: 'other', ledgerId })
    await expectDomainError(
      service.monitoredPayoutPlan(collectiveId, run(), '2025-01-09'),
      'collective.pay_before_record',
    )
    await expectDomainError(
      service.monitoredPayoutPlan(collectiveId, run(), '2025-01-21'),
      'collective.future_date',
    )
  })
})
