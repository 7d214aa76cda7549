import { fixedClock, newId } from '@liancun/core'
import { createTestDatabase, expectDomainError, type TestDatabase } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  AllocationInput,
  CreateFundSourceInput,
  CreateNoticeInput,
  CreateProjectInput,
  createFundsService,
  DisbursementInput,
  type FundsService,
  migrateFunds,
  PaymentPlanInput,
  TransitionInput,
} from '../src/index.js'

/** Issue 12 items 5 and 8 in the funds domain: authorisations recorded, 资产确权 at acceptance. */
const TODAY = '2024-12-31T04:00:00Z'
const TOWNSHIP = '370323107'
const V1 = '370323107201'
const V2 = '370323107202'
const OUTSIDER = '370323107209'
const CLERK = 'key-clerk'
const LEDGER_1 = newId('370323')
const LEDGER_2 = newId('370323')

let database: TestDatabase
let funds: FundsService

beforeEach(async () => {
  database = await createTestDatabase('funds', migrateFunds)
  funds = createFundsService({ db: database.db, clock: fixedClock(TODAY) })
})
afterEach(() => database.close())

const project = (name = '朱家户香菇产业园') =>
  funds.createProject(
    CreateProjectInput.parse({
      name,
      category: 'industry',
      townshipCode: TOWNSHIP,
      implementer: { villageCode: V1 },
      budget: '3000000.00',
      location: '燕崖镇朱家户村东',
      startOn: '2024-04-01',
      endOn: '2024-10-31',
      beneficiaries: [
        { villageCode: V1, units: 160 },
        { villageCode: V2, units: 90 },
      ],
      targets: [{ level1: 'output', indicator: '香菇大棚', unit: '个', target: '49' }],
      benefitMechanism: '大棚出租，租金按股分红',
      proposedBy: 'village',
    }),
    CLERK,
  )

const step = (id: string, to: string, on: string, extra: Record<string, unknown> = {}, gate = {}) =>
  funds.transition(id, TransitionInput.parse({ to, note: `${to}: 记录`, on, ...extra }), CLERK, gate)

const notice = (id: string, stage: 'approval' | 'completion', from: string) =>
  funds.addNotice(id, CreateNoticeInput.parse({ stage, from, channels: ['村务公开栏'] }))

/** Up to approval, the gate authorising it with `slot` under `ref`. */
async function approved(id: string, ref: string, slot: string) {
  await step(id, 'submitted', '2024-03-01')
  await notice(id, 'approval', '2024-03-02')
  await step(id, 'reviewed', '2024-03-05')
  return step(
    id,
    'approved',
    '2024-03-12',
    { decisionRef: ref },
    (_p: unknown, reads: { authorisedBy: (r: string) => Promise<unknown[]> }) =>
      reads.authorisedBy(ref).then((already) => ({
        decision: { ref, kind: 'matter', satisfied: true, missing: [] },
        authorisation: { ref, kind: 'matter', slot, seen: already.length },
      })),
  )
}

describe('which decision authorised which project (issue 12 item 5)', () => {
  it('records the authorisation and refuses a second project in the single slot of a matter', async () => {
    const matter = newId('370323')
    const first = await project('一期')
    await approved(first.id, matter, 'single')
    const steps = await funds.listTransitions(first.id)
    expect(steps[2]!.gate).toMatchObject({ authorisation: { ref: matter, slot: 'single' } })
    const second = await project('二期')
    await expectDomainError(approved(second.id, matter, 'single'), 'funds.decision_already_used')
    expect((await funds.getProject(second.id)).status).toBe('reviewed')
    // A matter listing several projects takes one slot per project.
    const listed = newId('370323')
    const third = await project('三期')
    const fourth = await project('四期')
    await approved(third.id, listed, third.id)
    await approved(fourth.id, listed, fourth.id)
  })
})

describe('资产确权 at acceptance (国办函〔2021〕51号; issue 12 item 8)', () => {
  /** Approved, 900,000 allocated on a 40/55/5 plan, started, 360,000 paid into 朱家户村's ledger. */
  async function started() {
    const source = await funds.createFundSource(
      CreateFundSourceInput.parse({
        name: '2024年扶持壮大村级集体经济资金',
        kind: 'collective_economy_support',
        level: 'provincial',
        documentNo: '鲁财农指〔2024〕8号',
        fiscalYear: 2024,
        amount: '1000000.00',
        receivedOn: '2024-02-20',
        holder: { kind: 'township', code: TOWNSHIP },
        allowedCategories: ['industry'],
        directFund: false,
      }),
      TOWNSHIP,
      'key-manager',
    )
    const p = await project()
    await approved(p.id, newId('370323'), 'single')
    await funds.allocate(p.id, AllocationInput.parse({ fundSourceId: source.id, amount: '900000.00' }), 'm')
    const [start] = await funds.setPaymentPlan(
      p.id,
      PaymentPlanInput.parse({
        tranches: [
          { label: '开工预拨', trigger: 'start', percent: '40.00' },
          { label: '完工', trigger: 'acceptance', percent: '60.00' },
        ],
      }),
    )
    await step(p.id, 'started', '2024-04-01')
    await funds.disburse(
      p.id,
      DisbursementInput.parse({
        trancheId: start!.id,
        fundSourceId: source.id,
        amount: '360000.00',
        ledgerId: LEDGER_1,
        date: '2024-04-10',
      }),
      'm',
    )
    await notice(p.id, 'completion', '2024-10-01')
    return p.id
  }

  const shares = [{ holder: { villageCode: V1 }, contribution: 'money', valuation: '900000.00' }]
  const greenhouse = (owners: unknown[], cost = '600000.00') => ({
    name: '香菇大棚（20座）',
    assetClass: 'operating',
    cost,
    owners,
  })
  const household = (owners: unknown[]) => ({
    name: '到户菌棒',
    assetClass: 'household',
    cost: '300000.00',
    owners,
  })
  const ledgers = { ownerLedgers: { [V1]: LEDGER_1, [V2]: LEDGER_2 } }
  const accept = (id: string, assets: unknown[] | undefined) =>
    step(
      id,
      'accepted',
      '2024-10-11',
      { acceptance: { assetClass: 'operating', shares, ...(assets ? { assets } : {}) } },
      ledgers,
    )
  const goodAssets = [
    greenhouse([
      { villageCode: V1, value: '400000.00' },
      { villageCode: V2, value: '200000.00' },
    ]),
    household([{ household: { villageCode: V1, ref: '3组王某户' }, value: '300000.00' }]),
  ]

  it('refuses each wrong title, naming the numbers, and records a right one with its entries', async () => {
    const id = await started()
    const required = await expectDomainError(accept(id, undefined), 'funds.asset_title_required')
    expect(required.context).toMatchObject({ disbursed: '360000.00', planned: '900000.00' })

    const short = await expectDomainError(
      accept(id, [greenhouse([{ villageCode: V1, value: '599999.99' }]), goodAssets[1]]),
      'funds.asset_value_mismatch',
    )
    expect(short.context).toMatchObject({ cost: '600000.00', owners: '599999.99' })
    const over = await expectDomainError(
      accept(id, [greenhouse([{ villageCode: V1, value: '600000.01' }], '600000.01'), goodAssets[1]]),
      'funds.asset_cost_mismatch',
    )
    expect(over.context).toMatchObject({ assets: '900000.01', planned: '900000.00' })
    await expectDomainError(
      accept(id, [greenhouse([{ villageCode: OUTSIDER, value: '600000.00' }]), goodAssets[1]]),
      'funds.asset_owner_unknown',
    )
    await expectDomainError(
      accept(id, [goodAssets[0], household([{ villageCode: V1, value: '300000.00' }])]),
      'funds.asset_owner_class',
    )
    await expectDomainError(
      accept(id, [
        greenhouse([
          { villageCode: V1, value: '300000.00' },
          { villageCode: V1, value: '300000.00' },
        ]),
        goodAssets[1],
      ]),
      'funds.duplicate_asset_owner',
    )
    // A village owner without a ledger the app found is refused too.
    await expectDomainError(
      funds.transition(
        id,
        TransitionInput.parse({
          to: 'accepted',
          note: '验收',
          on: '2024-10-11',
          acceptance: { assetClass: 'operating', shares, assets: goodAssets },
        }),
        CLERK,
        { ownerLedgers: { [V1]: LEDGER_1 } },
      ),
      'funds.asset_owner_unknown',
    )
    expect((await funds.getProject(id)).status).toBe('started')

    await accept(id, goodAssets)
    const titles = await funds.assetTitles(id)
    expect(titles.assets).toEqual([
      {
        position: 1,
        name: '香菇大棚（20座）',
        assetClass: 'operating',
        cost: 60_000_000n,
        titledOn: '2024-10-11',
        owners: [
          {
            owner: `village:${V1}`,
            villageCode: V1,
            household: null,
            value: 40_000_000n,
            sharePercent: '66.66',
            ledgerId: LEDGER_1,
          },
          {
            owner: `village:${V2}`,
            villageCode: V2,
            household: null,
            value: 20_000_000n,
            sharePercent: '33.33',
            ledgerId: LEDGER_2,
          },
        ],
      },
      {
        position: 2,
        name: '到户菌棒',
        assetClass: 'household',
        cost: 30_000_000n,
        titledOn: '2024-10-11',
        owners: [
          {
            owner: `household:${V1}:3组王某户`,
            villageCode: V1,
            household: '3组王某户',
            value: 30_000_000n,
            sharePercent: '100.00',
            ledgerId: null,
          },
        ],
      },
    ])
    const entries = Object.fromEntries(titles.entries.map((e) => [e.ledgerId, e]))
    // 朱家户村 owns 400,000 and received 360,000; 石井河村 owns 200,000 and received nothing.
    expect(entries[LEDGER_1]!.lines).toEqual([
      { code: '151', debit: 40_000_000n },
      { code: '241', debit: 36_000_000n },
      { code: '153', credit: 36_000_000n },
      { code: '311', credit: 40_000_000n },
    ])
    expect(entries[LEDGER_2]!.lines).toEqual([
      { code: '151', debit: 20_000_000n },
      { code: '311', credit: 20_000_000n },
    ])
    const voucher = newId('370323')
    await funds.attachTitleVouchers(id, [{ ledgerId: LEDGER_2, voucherId: voucher }])
    const again = await funds.assetTitles(id)
    expect(again.entries.find((e) => e.ledgerId === LEDGER_2)!.voucherId).toBe(voucher)
    expect(again.entries.find((e) => e.ledgerId === LEDGER_1)!.voucherId).toBeNull()
  })

  it('accepts a project that spent nothing without assets', async () => {
    const p = await project()
    await approved(p.id, newId('370323'), 'single')
    await step(p.id, 'started', '2024-04-01')
    await notice(p.id, 'completion', '2024-10-01')
    await accept(p.id, undefined)
    expect((await funds.assetTitles(p.id)).assets).toEqual([])
  })
})
