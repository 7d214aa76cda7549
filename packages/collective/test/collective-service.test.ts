import { fixedClock, newId } from '@liancun/core'
import { createTestDatabase, expectDomainError, type TestDatabase } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  type CollectiveService,
  CreateAssetInput,
  CreateContractInput,
  CreateHoldingInput,
  CreateResourceInput,
  createCollectiveService,
  DisposeAssetInput,
  migrateCollective,
  PayoutInput,
  TransferHoldingInput,
} from '../src/index.js'

const TODAY = '2024-12-31T04:00:00Z'
const VILLAGE = '370323107201' // 朱家户村
const ACTOR = 'key-clerk'

let database: TestDatabase
let service: CollectiveService
let collectiveId: string

beforeEach(async () => {
  database = await createTestDatabase('collective', migrateCollective)
  service = createCollectiveService({ db: database.db, clock: fixedClock(TODAY) })
  collectiveId = (
    await service.openRegisters(
      {
        id: newId('370323'),
        villageCode: VILLAGE,
        name: '朱家户村股份经济合作社',
        uscc: 'N2370323MF0000000X',
      },
      ACTOR,
    )
  ).id
})
afterEach(() => database.close())

async function household(number: string, headName = `户主${number}`) {
  return service.addHousehold(collectiveId, { number, headName }, ACTOR)
}
async function member(householdId: string, name: string, joinedOn = '2020-06-30') {
  return service.addMember(collectiveId, { householdId, name, joinedOn, joinReason: 'founding' }, ACTOR)
}
const holdingInput = (over: Partial<z.input<typeof CreateHoldingInput>>) =>
  CreateHoldingInput.parse({ holderKind: 'member', units: '1', validFrom: '2020-06-30', ...over })

describe('registers', () => {
  it('opens one set per ledger and reads it back, guarded', async () => {
    const c = await service.getCollective(collectiveId)
    expect(c).toMatchObject({ villageCode: VILLAGE, name: '朱家户村股份经济合作社' })
    await expectDomainError(
      service.openRegisters({ id: c.ledgerId, villageCode: VILLAGE, name: 'x', uscc: 'y' }, ACTOR),
      'collective.collective_exists',
    )
    await expectDomainError(service.getCollective(newId('370323')), 'collective.collective_not_found')
    const seen: string[] = []
    await service.getCollective(collectiveId, { guard: (ref) => void seen.push(ref.villageCode) })
    expect(seen).toEqual([VILLAGE])
    const page = await service.listCollectives({ within: '370323107', limit: 10, after: null })
    expect(page.items.map((i) => i.id)).toEqual([collectiveId])
  })
})

describe('members (成员) with dated membership', () => {
  it('records households and members, and the loss of membership with its reason', async () => {
    const h = await household('001', '朱明礼')
    await expectDomainError(household('001'), 'collective.household_number_taken')
    const m = await member(h.id, '朱明礼')
    await expectDomainError(member(newId('370323'), 'x'), 'collective.household_not_found')
    await expectDomainError(member(h.id, 'x', '2025-01-01'), 'collective.future_date')
    await expectDomainError(
      service.endMembership(collectiveId, m.id, { leftOn: '2020-06-29', reason: 'death' }),
      'collective.leave_before_join',
    )
    const ended = await service.endMembership(collectiveId, m.id, { leftOn: '2024-03-01', reason: 'death' })
    expect(ended).toMatchObject({ leftOn: '2024-03-01', leaveReason: 'death' })
    await expectDomainError(
      service.endMembership(collectiveId, m.id, { leftOn: '2024-03-02', reason: 'death' }),
      'collective.member_left',
    )
    await expectDomainError(
      service.endMembership(collectiveId, newId('370323'), { leftOn: '2024-03-02', reason: 'death' }),
      'collective.member_not_found',
    )
    const page = (asOf: string) => service.listMembers(collectiveId, { asOf, limit: 10, after: null })
    expect((await page('2024-02-29')).items).toHaveLength(1)
    expect((await page('2024-03-01')).items).toHaveLength(0)
    expect((await service.listHouseholds(collectiveId, { limit: 10, after: null })).items).toHaveLength(1)
  })
})

describe('shares (折股量化): holdings, changes and the register as of a day', () => {
  it('keeps history through an inheritance and answers the register of any day', async () => {
    const h1 = await household('001')
    const h2 = await household('002')
    const father = await member(h1.id, '朱父')
    const son = await member(h1.id, '朱子')
    const other = await member(h2.id, '李某')
    const population = await service.addShareKind(collectiveId, { name: '人口股', holder: 'member' })
    const collectiveKind = await service.addShareKind(collectiveId, { name: '集体股', holder: 'collective' })
    await expectDomainError(
      service.addShareKind(collectiveId, { name: '人口股', holder: 'member' }),
      'collective.share_kind_taken',
    )
    const fathers = await service.addHolding(
      collectiveId,
      holdingInput({ kindId: population.id, holderId: father.id, units: '10' }),
      ACTOR,
    )
    await service.addHolding(
      collectiveId,
      holdingInput({ kindId: population.id, holderId: other.id, units: '5' }),
      ACTOR,
    )
    await service.addHolding(
      collectiveId,
      holdingInput({
        kindId: collectiveKind.id,
        holderKind: 'collective',
        holderId: collectiveId,
        units: '5',
      }),
      ACTOR,
    )
    await expectDomainError(
      service.addHolding(collectiveId, holdingInput({ kindId: population.id, holderId: father.id }), ACTOR),
      'collective.holding_exists',
    )
    await expectDomainError(
      service.addHolding(
        collectiveId,
        holdingInput({ kindId: population.id, holderKind: 'household', holderId: h1.id }),
        ACTOR,
      ),
      'collective.holder_mismatch',
    )
    await expectDomainError(
      service.addHolding(
        collectiveId,
        holdingInput({ kindId: population.id, holderId: newId('370323') }),
        ACTOR,
      ),
      'collective.holder_not_in_collective',
    )
    await expectDomainError(
      service.addHolding(collectiveId, holdingInput({ kindId: newId('370323'), holderId: son.id }), ACTOR),
      'collective.share_kind_not_found',
    )
    const inherit = TransferHoldingInput.parse({
      to: { holderKind: 'member', holderId: son.id },
      units: '10',
      on: '2024-04-01',
      reason: 'inheritance',
    })
    await expectDomainError(
      service.transferHolding(collectiveId, newId('370323'), inherit, ACTOR),
      'collective.holding_not_found',
    )
    const change = await service.transferHolding(collectiveId, fathers.id, inherit, ACTOR)
    expect(change.opened).toMatchObject([
      { holderId: son.id, units: 10n, previousId: fathers.id, reason: 'inheritance' },
    ])
    await expectDomainError(
      service.transferHolding(collectiveId, fathers.id, inherit, ACTOR),
      'collective.holding_not_active',
    )

    const before = await service.shareRegister(collectiveId, '2024-03-31')
    expect(before.holdings.find((h) => h.holderId === father.id)?.units).toBe(10n)
    const after = await service.shareRegister(collectiveId, '2024-04-01')
    expect(after.holdings.some((h) => h.holderId === father.id)).toBe(false)
    expect(after).toMatchObject({ totalUnits: 20n, collectiveUnits: 5n })
    expect(after.households.map((h) => [h.number, h.units])).toEqual([
      ['001', 10n],
      ['002', 5n],
    ])
    expect(await service.holdingHistory(collectiveId, { holderId: father.id })).toMatchObject([
      { validFrom: '2020-06-30', validTo: '2024-04-01' },
    ])
    expect(await service.listShareKinds(collectiveId)).toHaveLength(2)
  })
})

describe('payouts (分红到户)', () => {
  it('splits the members’ part to households on the record day and keeps the 集体股 part', async () => {
    const h1 = await household('001')
    const h2 = await household('002')
    const kind = await service.addShareKind(collectiveId, { name: '户股', holder: 'household' })
    const ck = await service.addShareKind(collectiveId, { name: '集体股', holder: 'collective' })
    await service.addHolding(
      collectiveId,
      holdingInput({ kindId: kind.id, holderKind: 'household', holderId: h1.id, units: '3' }),
      ACTOR,
    )
    await service.addHolding(
      collectiveId,
      holdingInput({ kindId: kind.id, holderKind: 'household', holderId: h2.id, units: '3' }),
      ACTOR,
    )
    await service.addHolding(
      collectiveId,
      holdingInput({ kindId: ck.id, holderKind: 'collective', holderId: collectiveId, units: '4' }),
      ACTOR,
    )
    const input = PayoutInput.parse({
      amount: '10.01',
      recordDate: '2024-12-20',
      payDate: '2024-12-31',
      summary: '2024年度分红',
    })
    const payout = await service.recordPayout(collectiveId, input, ACTOR)
    expect(payout).toMatchObject({ amount: 1001n, retained: 401n, paid: 600n })
    expect(payout.lines.map((l) => [l.number, l.amount])).toEqual([
      ['001', 300n],
      ['002', 300n],
    ])
    await service.attachPayoutVouchers(collectiveId, payout.id, { payable: ['v1'], payment: ['v2'] })
    expect(await service.getPayout(collectiveId, payout.id)).toMatchObject({
      payableVoucherIds: ['v1'],
      paymentVoucherIds: ['v2'],
    })
    expect((await service.listPayouts(collectiveId, { limit: 10, after: null })).items).toHaveLength(1)
    await expectDomainError(service.getPayout(collectiveId, newId('370323')), 'collective.payout_not_found')
    await expectDomainError(
      service.recordPayout(collectiveId, { ...input, payDate: '2024-12-19' }, ACTOR),
      'collective.pay_before_record',
    )
    await expectDomainError(
      service.recordPayout(
        collectiveId,
        { ...input, recordDate: '2020-01-01', payDate: '2020-01-01' },
        ACTOR,
      ),
      'collective.no_holdings',
    )
  })
})

const assetInput = (over: Partial<z.input<typeof CreateAssetInput>> = {}) =>
  CreateAssetInput.parse({
    name: '冷库',
    category: 'fixed',
    assetClass: 'operating',
    cost: '120000.00',
    acquiredOn: '2023-12-15',
    depreciation: { usefulLifeMonths: 120 },
    ...over,
  })

describe('assets (资产卡片)', () => {
  it('depreciates, reconciles with the ledger balances, and disposes of once with its matter', async () => {
    const card = await service.createAsset(collectiveId, assetInput(), ACTOR)
    // 12 months of 2024 at 1000.00 a month.
    expect(card).toMatchObject({
      accumulatedDepreciation: 1_200_000n,
      netBookValue: 10_800_000n,
      monthsDepreciated: 12,
    })
    expect(card.owners).toMatchObject([{ holderKind: 'collective', holderId: collectiveId, units: 1n }])
    expect((await service.getAsset(collectiveId, card.id, '2024-06-30')).accumulatedDepreciation).toBe(
      600_000n,
    )
    await service.createAsset(
      collectiveId,
      assetInput({
        name: '黑牛股权',
        category: 'investment',
        cost: '50000.00',
        depreciation: { method: 'none' },
      }),
      ACTOR,
    )
    await expectDomainError(
      service.createAsset(
        collectiveId,
        assetInput({
          owners: [
            { holderKind: 'village', holderId: VILLAGE, holderName: '朱家户村', units: '1' },
            { holderKind: 'village', holderId: VILLAGE, holderName: '朱家户村', units: '1' },
          ],
        }),
        ACTOR,
      ),
      'collective.duplicate_owner',
    )
    const balances = { '151': 12_000_000n, '152': 1_200_000n, '141': 5_000_000n }
    expect((await service.reconcileAssets(collectiveId, '2024-12', balances)).agrees).toBe(true)
    const off = await service.reconcileAssets(collectiveId, '2024-12', { ...balances, '152': 1_100_000n })
    expect(off.rows.find((r) => r.account === '152')).toMatchObject({
      difference: 100_000n,
      cardIds: [card.id],
    })

    const dispose = (over: Partial<z.input<typeof DisposeAssetInput>> = {}) =>
      DisposeAssetInput.parse({ disposedOn: '2024-12-31', kind: 'sale', proceeds: '100000.00', ...over })
    await expectDomainError(
      service.disposeAsset(collectiveId, card.id, dispose(), ACTOR),
      'collective.matter_required',
    )
    await expectDomainError(
      service.disposeAsset(collectiveId, card.id, dispose({ disposedOn: '2023-12-14' }), ACTOR),
      'collective.disposal_before_acquisition',
    )
    const checked: string[] = []
    const matterId = newId('370323')
    const disposed = await service.disposeAsset(collectiveId, card.id, dispose({ matterId }), ACTOR, {
      majorMatterAmount: async () => 5_000_000n,
      checkMatter: async (id) => void checked.push(id),
    })
    expect(checked).toEqual([matterId])
    expect(disposed.disposal).toMatchObject({
      bookValue: 10_800_000n,
      matterId,
      majorMatterAmount: 5_000_000n,
    })
    await expectDomainError(
      service.disposeAsset(collectiveId, card.id, dispose({ matterId }), ACTOR),
      'collective.asset_disposed',
    )
    await expectDomainError(service.getAsset(collectiveId, newId('370323')), 'collective.asset_not_found')
    expect((await service.reconcileAssets(collectiveId, '2025-01', balances)).rows[0]).toMatchObject({
      register: 0n,
    })
    expect((await service.listAssets(collectiveId, { limit: 10, after: null })).items).toHaveLength(2)
  })
})

describe('resources and contracts (资源, 合同)', () => {
  it('lets land within its area, spreads a one-time rent by year and lists what is overdue and expiring', async () => {
    const land = await service.createResource(
      collectiveId,
      CreateResourceInput.parse({ name: '村北地', kind: 'farmland', areaMu: '80' }),
      ACTOR,
    )
    expect(land).toMatchObject({ areaMu: '80', status: 'idle' })
    const contract = (over: Partial<z.input<typeof CreateContractInput>> = {}) =>
      CreateContractInput.parse({
        number: 'ZJH-001',
        kind: 'transfer',
        party: { kind: 'household', name: '朱明礼' },
        signedOn: '2024-01-05',
        startsOn: '2024-01-01',
        endsOn: '2028-12-31',
        amount: '5000.00',
        items: [{ kind: 'resource', id: land.id, areaMu: '50.5' }],
        schedule: [
          { dueOn: '2024-01-10', amount: '5000.00', coversFrom: '2024-01-01', coversTo: '2028-12-31' },
        ],
        ...over,
      })
    const created = await service.createContract(collectiveId, contract(), ACTOR)
    expect(created.schedule[0]!.spread.map((y) => y.amount)).toEqual([
      100_000n,
      100_000n,
      100_000n,
      100_000n,
      100_000n,
    ])
    expect(
      (await service.listResources(collectiveId, { status: 'contracted', limit: 10, after: null })).items,
    ).toHaveLength(1)
    await expectDomainError(
      service.createContract(collectiveId, contract(), ACTOR),
      'collective.area_exceeds',
    )
    await expectDomainError(
      service.createContract(
        collectiveId,
        contract({ items: [{ kind: 'resource', id: land.id, areaMu: '29.5' }] }),
        ACTOR,
      ),
      'collective.contract_number_taken',
    )
    await expectDomainError(
      service.createContract(collectiveId, contract({ items: [] }), ACTOR),
      'collective.nothing_covered',
    )
    await expectDomainError(
      service.createContract(
        collectiveId,
        contract({
          items: [
            { kind: 'resource', id: land.id },
            { kind: 'resource', id: land.id },
          ],
        }),
        ACTOR,
      ),
      'collective.duplicate_item',
    )
    await expectDomainError(
      service.createContract(
        collectiveId,
        contract({ items: [{ kind: 'asset', id: newId('370323') }] }),
        ACTOR,
      ),
      'collective.item_not_found',
    )
    await expectDomainError(
      service.createContract(
        collectiveId,
        contract({
          number: 'ZJH-BIG',
          amount: '60000.00',
          items: [{ kind: 'resource', id: land.id, areaMu: '29.5' }],
          schedule: [
            { dueOn: '2025-01-10', amount: '60000.00', coversFrom: '2024-01-01', coversTo: '2028-12-31' },
          ],
        }),
        ACTOR,
      ),
      'collective.matter_required',
    )
    // Overdue: an instalment due in 2024 without its receipt; expiring: ends within the window.
    await service.createContract(
      collectiveId,
      contract({
        number: 'ZJH-002',
        kind: 'lease',
        endsOn: '2025-03-31',
        amount: '100.00',
        items: [{ kind: 'resource', id: land.id, areaMu: '29.5' }],
        schedule: [
          { dueOn: '2024-06-30', amount: '60.00', coversFrom: '2024-01-01', coversTo: '2024-12-31' },
          { dueOn: '2025-01-10', amount: '40.00', coversFrom: '2025-01-01', coversTo: '2025-03-31' },
        ],
      }),
      ACTOR,
    )
    const overdue = await service.overdueInstalments(collectiveId)
    expect(overdue.map((o) => [o.number, o.seq])).toEqual([
      ['ZJH-001', 1],
      ['ZJH-002', 1],
    ])
    const expiring = await service.listContracts(collectiveId, { expiringWithin: 90, limit: 10, after: null })
    expect(expiring.items.map((k) => k.number)).toEqual(['ZJH-002'])

    await expectDomainError(
      service.beginInstalment(collectiveId, created.id, 1, 'receipt'),
      'collective.payment_not_due',
    )
    await expectDomainError(
      service.beginInstalment(collectiveId, created.id, 9, 'receivable'),
      'collective.payment_not_found',
    )
    await expectDomainError(
      service.getContract(collectiveId, newId('370323')),
      'collective.contract_not_found',
    )
    await service.beginInstalment(collectiveId, created.id, 1, 'receivable')
    await service.finishInstalment(collectiveId, created.id, 1, 'receivable', {
      id: 'v1',
      date: '2024-01-10',
    })
    await expectDomainError(
      service.beginInstalment(collectiveId, created.id, 1, 'receivable'),
      'collective.payment_drafted',
    )
    await service.finishInstalment(collectiveId, created.id, 1, 'receipt', { id: 'v2', date: '2024-01-12' })
    expect((await service.overdueInstalments(collectiveId)).map((o) => o.number)).toEqual(['ZJH-002'])
    await expectDomainError(
      service.setResourceStatus(collectiveId, newId('370323'), 'idle'),
      'collective.resource_not_found',
    )
    expect((await service.setResourceStatus(collectiveId, land.id, 'self_operated')).status).toBe(
      'self_operated',
    )
  })
})
