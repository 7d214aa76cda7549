import { fixedClock } from '@liancun/core'
import { createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createGovernanceService,
  type GovernanceService,
  migrateGovernance,
  SessionMinutesInput,
} from '../src/index.js'

/** 乡村夜话 (local practice): a resolution on a major matter opens its 四议两公开 matter; closures by the council. */
const VILLAGE = '370322104203'
let database: TestDatabase
let governance: GovernanceService
const people = [
  '019a4c1e-7b2a-7c3d-8e4f-000000000001',
  '019a4c1e-7b2a-7c3d-8e4f-000000000002',
  '019a4c1e-7b2a-7c3d-8e4f-000000000003',
]

beforeEach(async () => {
  database = await createTestDatabase('governance', migrateGovernance)
  governance = createGovernanceService({ db: database.db, clock: fixedClock('2024-06-30T04:00:00Z') })
})
afterEach(() => database.close())

describe('a resolution on a major matter', () => {
  it('opens the matter at its first stage and links it; the review names its reviewer', async () => {
    const council = await governance.createCouncil({
      villageCode: VILLAGE,
      name: '议事会',
      establishedOn: '2021-01-01',
    })
    for (const [i, personId] of people.entries()) {
      await governance.addCouncilMember(council.id, {
        personId,
        category: 'other',
        post: i === 0 ? 'chair' : 'member',
        from: '2021-01-01',
      })
    }
    const topic = await governance.proposeTopic(council.id, {
      title: '修路',
      description: '村道',
      proposedBy: people[1]!,
    })
    const reviewed = await governance.reviewTopic(
      topic.id,
      { decision: 'accepted', reviewerId: people[0]! },
      { recordedBy: 'key-1' },
    )
    expect(reviewed.review).toMatchObject({
      reviewerId: people[0],
      recordedBy: 'key-1',
      reviewedOn: '2024-06-30',
    })
    const session = await governance.scheduleSession(council.id, {
      scheduledOn: '2024-06-20',
      venue: '村委会',
      topicIds: [topic.id],
      noticeSentOn: '2024-06-18',
      invitees: [],
    })
    const held = await governance.recordMinutes(
      session.id,
      SessionMinutesInput.parse({
        heldOn: '2024-06-20',
        present: people,
        deliberations: [
          {
            topicId: topic.id,
            outcome: 'resolved',
            votes: { yes: 2, no: 1, abstain: 0 },
            resolution: {
              text: '硬化村道',
              owner: '村委会主任',
              dueOn: '2024-12-31',
              amount: '50000.00',
              matter: { category: 'public_welfare_project' },
            },
          },
        ],
      }),
    )
    const resolution = held.resolutions[0]!
    expect(resolution.amount).toBe(5_000_000n)
    const matter = await governance.getMatter(resolution.matterId!)
    expect(matter).toMatchObject({
      state: 'proposal',
      category: 'public_welfare_project',
      amount: 5_000_000n,
    })
    expect((await governance.listResolutions(council.id))[0]).toMatchObject({
      matterId: matter.id,
      amount: 5_000_000n,
    })
  })
})
