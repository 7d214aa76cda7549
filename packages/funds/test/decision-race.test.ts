import { DomainError, fixedClock, formatMoney, newId } from '@liancun/core'
import { createTestDatabase, type TestDatabase, testEngine } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  CreateNoticeInput,
  CreateProjectInput,
  createFundsService,
  type FundsService,
  type GateReads,
  migrateFunds,
  TransitionInput,
} from '../src/index.js'

/**
 * Issue 12 item 5, the race: a matter listing several projects caps their SUM, but each approval
 * locks only its own project row and slot. Two approvals under one matter fired together must be
 * counted one after the other — the second waits for the first and is refused over the cap.
 * Not timing-based: on PostgreSQL both gates are held at a barrier until both transactions
 * have locked their projects, then both read; the assertion is on the results only.
 */
const TODAY = '2024-12-31T04:00:00Z'
const TOWNSHIP = '370323107'
const V1 = '370323107201'
const CAP = 500_000_000n

let database: TestDatabase
let funds: FundsService

beforeEach(async () => {
  database = await createTestDatabase('funds', migrateFunds)
  funds = createFundsService({ db: database.db, clock: fixedClock(TODAY) })
})
afterEach(() => database.close())

async function reviewed(name: string) {
  const p = await funds.createProject(
    CreateProjectInput.parse({
      name,
      category: 'industry',
      townshipCode: TOWNSHIP,
      implementer: { villageCode: V1 },
      budget: '3000000.00',
      location: '燕崖镇朱家户村东',
      startOn: '2024-04-01',
      endOn: '2024-10-31',
      beneficiaries: [{ villageCode: V1, units: 1 }],
      targets: [{ level1: 'output', indicator: '香菇大棚', unit: '个', target: '49' }],
      benefitMechanism: '大棚出租，租金按股分红',
      proposedBy: 'village',
    }),
    'key-clerk',
  )
  const step = (to: string, on: string) =>
    funds.transition(p.id, TransitionInput.parse({ to, note: to, on }), 'key-clerk')
  await step('submitted', '2024-03-01')
  await funds.addNotice(
    p.id,
    CreateNoticeInput.parse({ stage: 'approval', from: '2024-03-02', channels: ['村务公开栏'] }),
  )
  await step('reviewed', '2024-03-05')
  return p
}

/** Both parties arrive before either goes on (PostgreSQL only: PGlite runs one transaction at a time). */
function barrier(parties: number) {
  let arrived = 0
  let release!: () => void
  const all = new Promise<void>((resolve) => {
    release = resolve
  })
  return () => {
    arrived++
    if (arrived === parties) release()
    return all
  }
}

/** The app's cap rule in small: Σ already authorised + this budget ≤ the matter's amount. */
const capGate =
  (ref: string, arrive: (() => Promise<void>) | null) =>
  async (project: { id: string; budget: bigint }, reads: GateReads) => {
    if (arrive) await arrive()
    const already = await reads.authorisedBy(ref)
    const total = already.reduce((sum, a) => sum + a.amount, 0n) + project.budget
    if (total > CAP) {
      throw new DomainError('funds.decision_does_not_cover', `over the cap: ${formatMoney(total)}`, {
        kind: 'rule',
        field: 'decisionRef',
        context: { total: formatMoney(total), alreadyAuthorised: already.length },
      })
    }
    return {
      decision: { ref, kind: 'matter', satisfied: true, missing: [] },
      authorisation: { ref, kind: 'matter', slot: project.id },
    }
  }

describe('two approvals under one listing matter, at once (issue 12 item 5)', () => {
  it('lets exactly one pass the cap and refuses the other once it has waited', async () => {
    const a = await reviewed('一号大棚')
    const b = await reviewed('二号大棚')
    const matter = newId('370323')
    const arrive = testEngine() === 'postgres' ? barrier(2) : null
    const approve = (id: string) =>
      funds.transition(
        id,
        TransitionInput.parse({ to: 'approved', note: '县审定', on: '2024-03-12', decisionRef: matter }),
        'key-county',
        capGate(matter, arrive),
      )
    const results = await Promise.allSettled([approve(a.id), approve(b.id)])
    const passed = results.filter((r) => r.status === 'fulfilled')
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
    expect(passed).toHaveLength(1)
    expect(refused).toHaveLength(1)
    expect(DomainError.isInstance(refused[0]) && refused[0].code).toBe('funds.decision_does_not_cover')
    // The refused one saw the other's authorisation: it waited for it, then counted it.
    expect((refused[0] as DomainError).context).toMatchObject({ total: '6000000.00', alreadyAuthorised: 1 })
    const statuses = [(await funds.getProject(a.id)).status, (await funds.getProject(b.id)).status].sort()
    expect(statuses).toEqual(['approved', 'reviewed'])
  })

  it('does not hold back approvals under different matters or counties', async () => {
    const a = await reviewed('三号大棚')
    const b = await reviewed('四号大棚')
    const arrive = testEngine() === 'postgres' ? barrier(2) : null
    const approve = (id: string) => {
      const matter = newId('370323')
      return funds.transition(
        id,
        TransitionInput.parse({ to: 'approved', note: '县审定', on: '2024-03-12', decisionRef: matter }),
        'key-county',
        capGate(matter, arrive),
      )
    }
    const results = await Promise.allSettled([approve(a.id), approve(b.id)])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled'])
  })
})
