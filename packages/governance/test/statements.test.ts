// How many statements each governance operation sends (BEGIN and COMMIT included), counted at the
// driver on both engines. A budget is a ceiling: an operation may get cheaper (then lower it here)
// but never dearer. Counts, never timings.
import { fixedClock, isDistributed, markDistributed, newId } from '@liancun/core'
import { createStatementCounter, createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createGovernanceService,
  type GovernanceService,
  type MatterMeetingInput,
  migrateGovernance,
  SessionMinutesInput,
  type Stage,
  type StageRoster,
} from '../src/index.js'

const VILLAGE = '370322104203'
const counter = createStatementCounter()
let database: TestDatabase
let governance: GovernanceService

/** Per operation: the budget it is held to, and (beside it) what it took before the request-path work. */
const BUDGET = {
  createMatter: 1, // was 1
  recordStage: 6, // was 7
  getMatter: 1, // was 4
  listMatters: 1, // was 1
  discloseMatter: 4, // was 5
  objectTo: 5, // was 6
  respondToObjection: 4, // was 4
  recordImplementation: 5, // was 6
  decisionStanding: 1, // was 4
  createAllianceMatter: 4, // was 6
  getAllianceMatter: 1, // was 2
  publicDisclosures: 1, // was 2
  createCouncil: 1, // was 1
  addCouncilMember: 5, // was 5 for a chair, 4 for a member
  proposeTopic: 2, // was 3
  reviewTopic: 2, // was 2
  scheduleSession: 2, // was 4
  recordMinutes: 7, // was 10
  listResolutions: 1, // was 2
  councilPoints: 1, // was 5
  publicResolutions: 1, // was 1
}
const measured: Partial<Record<keyof typeof BUDGET, number>> = {}
/** Every query the service built, in full (the counter keeps 200 characters). */
const logged: string[] = []

async function count<T>(name: keyof typeof BUDGET, work: () => Promise<T>): Promise<T> {
  counter.reset()
  const result = await work()
  measured[name] = counter.count
  expect(counter.count, `${name}:\n${counter.statements.join('\n')}`).toBeLessThanOrEqual(BUDGET[name])
  return result
}

const people = (n: number) => Array.from({ length: n }, () => newId())
const committee = people(5)
const party = people(7)
const reps = people(9)
const ROSTERS: Record<Stage, StageRoster> = {
  proposal: { kind: 'committee', members: committee },
  consultation: { kind: 'committee', members: committee },
  party_review: { kind: 'party_assembly', fullVoting: party, probationary: [] },
  resolution: { kind: 'representatives', members: reps },
}
function unanimous(stage: Stage, heldOn: string): MatterMeetingInput {
  const roster = ROSTERS[stage]
  const attendees =
    roster.kind === 'party_assembly' ? roster.fullVoting : 'members' in roster ? roster.members : []
  return {
    heldOn,
    attendees,
    votes: { yes: attendees.length, no: 0, abstain: 0 },
    minutes: `${stage} 会议记录`,
    ...(stage === 'resolution' ? { body: 'representatives_meeting' as const } : {}),
  }
}

beforeAll(async () => {
  database = await createTestDatabase('governance', migrateGovernance, { counter })
  // The same connection through a logging drizzle: the locks' full SQL is checked below.
  const logger = { logQuery: (query: string) => void logged.push(query) }
  const client = (database.db as unknown as { $client: never }).$client
  const db = database.engine === 'pglite' ? drizzlePglite({ client, logger }) : drizzlePg({ client, logger })
  // On Citus the cross-county reads (the warm-up below) lift the multi-shard guard on this handle too.
  if (isDistributed(database.db)) markDistributed(db)
  governance = createGovernanceService({ db, clock: fixedClock('2024-03-20T04:00:00Z') })
  // Warm the engine (PGlite reads its types on the first query), so counts are the operations'.
  await governance.listMatters({ limit: 1, after: null })
})
afterAll(async () => {
  console.log('governance statements per operation:', measured)
  await database.close()
})

describe('statements per governance operation', () => {
  it('keeps the 四议两公开 path within its budget', async () => {
    const matter = await count('createMatter', () =>
      governance.createMatter({
        villageCode: VILLAGE,
        title: '村道硬化',
        category: 'public_welfare_project',
        description: '硬化主干道',
      }),
    )
    const days: Record<Stage, string> = {
      proposal: '2024-03-01',
      consultation: '2024-03-02',
      party_review: '2024-03-03',
      resolution: '2024-03-04',
    }
    for (const stage of ['proposal', 'consultation', 'party_review', 'resolution'] as const) {
      const result = await count('recordStage', () =>
        governance.recordStage(matter.id, stage, unanimous(stage, days[stage]), ROSTERS[stage]),
      )
      expect(result.outcome).toBe('passed')
    }
    const got = await count('getMatter', () => governance.getMatter(matter.id))
    expect(got.meetings).toHaveLength(4)
    for (let i = 0; i < 3; i++) {
      await governance.createMatter({
        villageCode: VILLAGE,
        title: `事项${i}`,
        category: 'other',
        description: 'd',
      })
    }
    const page = await count('listMatters', () =>
      governance.listMatters({ within: VILLAGE, limit: 50, after: null }),
    )
    expect(page.items).toHaveLength(4)
    await count('discloseMatter', () =>
      governance.discloseMatter(matter.id, {
        kind: 'resolution',
        channels: ['notice_board'],
        from: '2024-03-05',
        until: '2024-03-11',
      }),
    )
    const objection = await count('objectTo', () =>
      governance.objectTo(matter.id, { submittedOn: '2024-03-06', content: '补偿偏低' }),
    )
    await count('respondToObjection', () =>
      governance.respondToObjection(objection.id, {
        outcome: 'dismissed',
        respondedOn: '2024-03-07',
        response: '依据评估',
      }),
    )
    await count('recordImplementation', () =>
      governance.recordImplementation(matter.id, { status: 'started', on: '2024-03-12' }),
    )
    const standing = await count('decisionStanding', () =>
      governance.decisionStanding({ matterId: matter.id }, '2024-03-12'),
    )
    expect(standing.satisfied).toBe(true)
    const alliance = await count('createAllianceMatter', () =>
      governance.createAllianceMatter(
        {
          allianceId: newId(),
          title: '联村修路',
          category: 'other',
          villageCodes: [VILLAGE, '370322104204', '370322104205'],
        },
        '370322',
      ),
    )
    await count('getAllianceMatter', () => governance.getAllianceMatter(alliance.id))
    const disclosures = await count('publicDisclosures', () => governance.publicDisclosures(VILLAGE))
    expect(disclosures).toHaveLength(1)
  })

  it('keeps the 乡村夜话 path within its budget', async () => {
    const council = await count('createCouncil', () =>
      governance.createCouncil({ villageCode: VILLAGE, name: '议事会', establishedOn: '2024-01-01' }),
    )
    const members = people(6)
    for (const [i, personId] of members.entries()) {
      await count('addCouncilMember', () =>
        governance.addCouncilMember(council.id, {
          personId,
          category: 'villager_rep',
          post: i === 0 ? 'chair' : 'member',
          from: '2024-01-01',
        }),
      )
    }
    const topic = await count('proposeTopic', () =>
      governance.proposeTopic(council.id, {
        title: '路灯',
        description: '照明不足',
        proposedBy: members[1]!,
      }),
    )
    await count('reviewTopic', () => governance.reviewTopic(topic.id, { decision: 'accepted' }))
    const session = await count('scheduleSession', () =>
      governance.scheduleSession(council.id, {
        scheduledOn: '2024-03-10',
        venue: '党群服务中心',
        topicIds: [topic.id],
        noticeSentOn: '2024-03-07',
        invitees: [],
      }),
    )
    const minutes = await count('recordMinutes', () =>
      governance.recordMinutes(
        session.id,
        SessionMinutesInput.parse({
          heldOn: '2024-03-10',
          present: members.slice(0, 5),
          deliberations: [
            {
              topicId: topic.id,
              outcome: 'resolved',
              votes: { yes: 5, no: 0, abstain: 0 },
              resolution: { text: '安装路灯', owner: '村委会主任', dueOn: '2024-04-30' },
            },
          ],
        }),
      ),
    )
    expect(minutes.status).toBe('held')
    const open = await count('listResolutions', () => governance.listResolutions(council.id, 'open'))
    expect(open).toHaveLength(1)
    const points = await count('councilPoints', () => governance.councilPoints(council.id, '2024'))
    expect(points.members.length).toBeGreaterThan(0)
    await count('publicResolutions', () => governance.publicResolutions(VILLAGE))
  })

  // Every lock is taken by (county_code, id): on a distributed database a lock by id alone would
  // touch every shard. Checked over every query the operations above ran.
  it('takes every lock by (county_code, id)', () => {
    const locks = logged.filter((query) => /for update/i.test(query))
    expect(locks.length).toBeGreaterThan(0)
    expect(locks.filter((query) => !/"county_code" = \$\d+/.test(query))).toEqual([])
  })
})
