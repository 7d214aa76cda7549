import { countyOfId, DomainError, fixedClock, newId } from '@liancun/core'
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
  type ProjectRef,
  RecordResultInput,
  RevenueInput,
  type SourceRef,
  TransitionInput,
} from '../src/index.js'
import { projects } from '../src/schema.js'

const TOWNSHIP = '370323107'
const V1 = '370323107201'
const V2 = '370323107202'
const MANAGER = 'key-fund-manager'
let database: TestDatabase
let funds: FundsService

const expectCode = expectDomainError

/** A guard that refuses, as the API's scope check does, and remembers what it was shown. */
function refusing<R>() {
  const seen: R[] = []
  return {
    seen,
    guard: (ref: R) => {
      seen.push(ref)
      throw new DomainError('auth.forbidden', 'out of scope', { kind: 'forbidden' })
    },
  }
}

const projectInput = () =>
  CreateProjectInput.parse({
    name: '香菇产业园',
    category: 'industry',
    townshipCode: TOWNSHIP,
    implementer: { villageCode: V1 },
    budget: '3000000.00',
    location: '朱家户村东',
    startOn: '2024-04-01',
    endOn: '2024-10-31',
    beneficiaries: [
      { villageCode: V2, units: 90 },
      { villageCode: V1, units: 160 },
    ],
    targets: [{ level1: 'output', indicator: '新建香菇大棚', unit: '个', target: '49' }],
    benefitMechanism: '按出资比例分红',
    proposedBy: 'alliance',
  })
const sourceInput = () =>
  CreateFundSourceInput.parse({
    name: '扶持资金',
    kind: 'collective_economy_support',
    level: 'provincial',
    documentNo: '鲁财农指〔2024〕8号',
    fiscalYear: 2024,
    amount: '1000000.00',
    receivedOn: '2024-02-20',
    holder: { kind: 'township', code: TOWNSHIP },
    allowedCategories: ['industry'],
    directFund: false,
  })
const step = (id: string, to: string, on: string) =>
  funds.transition(id, TransitionInput.parse({ to, note: to, on }), MANAGER)

/** A started project with a source allocated and a one-tranche plan. */
async function fundedProject() {
  const source = await funds.createFundSource(sourceInput(), TOWNSHIP, MANAGER)
  const project = await funds.createProject(projectInput(), MANAGER)
  await step(project.id, 'submitted', '2024-03-01')
  await funds.addNotice(
    project.id,
    CreateNoticeInput.parse({ stage: 'approval', from: '2024-03-02', channels: ['公开栏'] }),
  )
  await step(project.id, 'reviewed', '2024-03-05')
  await step(project.id, 'approved', '2024-03-12')
  await funds.allocate(
    project.id,
    AllocationInput.parse({ fundSourceId: source.id, amount: '400000.00' }),
    MANAGER,
  )
  const [tranche] = await funds.setPaymentPlan(
    project.id,
    PaymentPlanInput.parse({ tranches: [{ label: '开工预拨', trigger: 'start', percent: '100.00' }] }),
  )
  return { source, project, tranche: tranche! }
}

beforeEach(async () => {
  database = await createTestDatabase('funds', migrateFunds)
  funds = createFundsService({ db: database.db, clock: fixedClock('2024-12-31T04:00:00Z') })
})
afterEach(() => database.close())

describe('records by id', () => {
  it('makes ids that carry their county, and still finds rows made before ids did', async () => {
    const project = await funds.createProject(projectInput(), MANAGER)
    expect(countyOfId(project.id)).toBe('370323')
    const source = await funds.createFundSource(sourceInput(), TOWNSHIP, MANAGER)
    expect(countyOfId(source.id)).toBe('370323')
    // A project made before ids carried their county (a UUIDv7): found by id alone, and its
    // steps lock it all the same.
    const legacy = newId()
    await database.db.insert(projects).values({
      countyCode: '370323',
      id: legacy,
      name: '旧项目',
      category: 'industry',
      townshipCode: TOWNSHIP,
      implementerVillageCode: V1,
      budget: 1_000_00n,
      location: '村东',
      startOn: '2024-04-01',
      endOn: '2024-10-31',
      benefitMechanism: '分红',
      proposedBy: 'village',
      status: 'candidate',
      createdBy: MANAGER,
    })
    expect((await funds.getProject(legacy)).name).toBe('旧项目')
    expect((await step(legacy, 'submitted', '2024-03-01')).status).toBe('submitted')
  })

  it('answers not_found for an unknown run, and refuses payments to a project not yet fundable', async () => {
    await expectCode(funds.getRun(newId('370323')), 'funds.run_not_found')
    await expectCode(funds.projectOfRun(newId('370323')), 'funds.run_not_found')
    await expectCode(funds.attachDistributionVouchers(newId('370323'), []), 'funds.run_not_found')
    const source = await funds.createFundSource(sourceInput(), TOWNSHIP, MANAGER)
    const project = await funds.createProject(projectInput(), MANAGER)
    await expectCode(
      funds.disburse(
        project.id,
        DisbursementInput.parse({
          trancheId: newId(),
          fundSourceId: source.id,
          amount: '1.00',
          ledgerId: newId(),
          date: '2024-04-02',
        }),
        MANAGER,
      ),
      'funds.project_not_fundable',
    )
  })
})

describe('guards: authorise what is loaded, once', () => {
  it('shows the project it loaded, with its beneficiaries, and writes nothing when refused', async () => {
    const project = await funds.createProject(projectInput(), MANAGER)
    const expected: ProjectRef = {
      countyCode: '370323',
      id: project.id,
      townshipCode: TOWNSHIP,
      implementerVillageCode: V1,
      beneficiaryVillageCodes: [V1, V2],
      allianceId: null,
      status: 'candidate',
      budget: 300_000_000n,
      category: 'industry',
      name: '香菇产业园',
    }
    const refuse = refusing<ProjectRef>()
    let gateRead = false
    await expectCode(
      funds.transition(
        project.id,
        TransitionInput.parse({ to: 'submitted', note: '申报', on: '2024-03-01' }),
        MANAGER,
        () => {
          gateRead = true
          return {}
        },
        refuse,
      ),
      'auth.forbidden',
    )
    expect(refuse.seen).toEqual([expected])
    // The cross-domain gate is read only once the project is authorised, and nothing was written.
    expect(gateRead).toBe(false)
    expect((await funds.getProject(project.id)).status).toBe('candidate')
    expect(await funds.listTransitions(project.id)).toEqual([])

    // One call at a time: a refused promise left waiting for its turn is an unhandled rejection.
    for (const call of [
      () => funds.getProject(project.id, refusing<ProjectRef>()),
      () => funds.projectScope(project.id, refusing<ProjectRef>()),
      () => funds.listTransitions(project.id, refusing<ProjectRef>()),
      () => funds.listDisbursements(project.id, refusing<ProjectRef>()),
      () => funds.traceProject(project.id, refusing<ProjectRef>()),
      () =>
        funds.addNotice(
          project.id,
          CreateNoticeInput.parse({ stage: 'approval', from: '2024-03-02', channels: ['公开栏'] }),
          refusing<ProjectRef>(),
        ),
      () =>
        funds.recordResult(
          project.id,
          RecordResultInput.parse({ indicator: '新建香菇大棚', period: '2024', actual: '10' }),
          refusing<ProjectRef>(),
        ),
      () =>
        funds.recordRevenue(
          project.id,
          RevenueInput.parse({ period: '2024', amount: '1.00', receivedOn: '2024-12-01' }),
          MANAGER,
          refusing<ProjectRef>(),
        ),
    ]) {
      await expectCode(call(), 'auth.forbidden')
    }
    expect((await funds.getProject(project.id)).notices).toEqual([])
  })

  it('checks the project and the source of an allocation and a payment, each where it is read', async () => {
    const { source, project, tranche } = await fundedProject()
    const sourceRef: SourceRef = {
      countyCode: '370323',
      id: source.id,
      holder: { kind: 'township', code: TOWNSHIP },
      divisionCode: TOWNSHIP,
    }
    const onSource = refusing<SourceRef>()
    await expectCode(
      funds.allocate(
        project.id,
        AllocationInput.parse({ fundSourceId: source.id, amount: '1.00' }),
        MANAGER,
        {
          sourceGuard: onSource.guard,
        },
      ),
      'auth.forbidden',
    )
    expect(onSource.seen).toEqual([sourceRef])
    expect((await funds.getFundSource(source.id)).allocated).toBe(40_000_000n)
    await expectCode(funds.getFundSource(source.id, refusing<SourceRef>()), 'auth.forbidden')
    await expectCode(funds.traceSource(source.id, refusing<SourceRef>()), 'auth.forbidden')

    await step(project.id, 'started', '2024-04-01')
    const payment = DisbursementInput.parse({
      trancheId: tranche.id,
      fundSourceId: source.id,
      amount: '1000.00',
      ledgerId: newId(),
      date: '2024-04-02',
    })
    const onPaidSource = refusing<SourceRef>()
    await expectCode(
      funds.disburse(project.id, payment, MANAGER, { sourceGuard: onPaidSource.guard }),
      'auth.forbidden',
    )
    expect(onPaidSource.seen).toEqual([sourceRef])
    await expectCode(funds.disburse(project.id, payment, MANAGER, refusing<ProjectRef>()), 'auth.forbidden')
    await expectCode(
      funds.setPaymentPlan(
        project.id,
        PaymentPlanInput.parse({ tranches: [{ label: '全部', trigger: 'start', percent: '100.00' }] }),
        refusing<ProjectRef>(),
      ),
      'auth.forbidden',
    )
    expect(await funds.listDisbursements(project.id)).toEqual([])
    const paid = await funds.disburse(project.id, payment, MANAGER, {
      guard: (ref) => expect(ref.status).toBe('started'),
      sourceGuard: (ref) => expect(ref.id).toBe(source.id),
    })
    expect(paid.amount).toBe(100_000n)
  })
})
