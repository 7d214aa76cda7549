import { fixedClock, newId } from '@liancun/core'
import { createTestDatabase, expectDomainError, type TestDatabase } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createGovernanceService,
  type GovernanceService,
  type MatterMeetingInput,
  migrateGovernance,
  type Stage,
  type StageRoster,
} from '../src/index.js'

const VILLAGE = '370322104203'
const OTHER = '370322104201'

let database: TestDatabase
let governance: GovernanceService

/** Writes straight on the service (the root handle): a stage reads its rules inside its own transaction. */
const write = <T>(work: (service: GovernanceService) => Promise<T>): Promise<T> => work(governance)

const expectCode = expectDomainError

const people = (n: number) => Array.from({ length: n }, () => newId())
const committee = people(5)
const partyMembers = people(9)
const representatives = people(12)

const ROSTERS: Record<Stage, StageRoster> = {
  proposal: { kind: 'committee', members: committee },
  consultation: { kind: 'committee', members: committee },
  party_review: { kind: 'party_assembly', fullVoting: partyMembers, probationary: [] },
  resolution: { kind: 'representatives', members: representatives },
}

const HELD_ON: Record<Stage, string> = {
  proposal: '2024-03-01',
  consultation: '2024-03-02',
  party_review: '2024-03-05',
  resolution: '2024-03-08',
}

/** Everyone on the roster present and in favour. */
function unanimous(stage: Stage): MatterMeetingInput {
  const roster = ROSTERS[stage]
  const attendees =
    roster.kind === 'party_assembly' ? roster.fullVoting : roster.kind === 'villagers' ? [] : roster.members
  return {
    heldOn: HELD_ON[stage],
    attendees,
    votes: { yes: attendees.length, no: 0, abstain: 0 },
    minutes: `${stage} 会议记录`,
    ...(stage === 'resolution' ? { body: 'representatives_meeting' as const } : {}),
  }
}

async function holdStages(matterId: string, stages: readonly Stage[]) {
  for (const stage of stages) {
    const result = await write((g) => g.recordStage(matterId, stage, unanimous(stage), ROSTERS[stage]))
    expect(result.outcome).toBe('passed')
  }
}

const ALL_STAGES = ['proposal', 'consultation', 'party_review', 'resolution'] as const

const newMatter = (villageCode = VILLAGE) =>
  write((g) =>
    g.createMatter({
      villageCode,
      title: '村道硬化工程',
      category: 'public_welfare_project',
      amount: 8_000_000n,
      description: '硬化村内主干道 1.2 公里',
    }),
  )

/** Resolution disclosure 2024-03-09 … 2024-03-15 (the national 7 days). */
const disclose = (matterId: string) =>
  write((g) =>
    g.discloseMatter(matterId, {
      kind: 'resolution',
      channels: ['notice_board', 'online'],
      from: '2024-03-09',
      until: '2024-03-15',
    }),
  )

beforeEach(async () => {
  database = await createTestDatabase('governance', migrateGovernance)
  governance = createGovernanceService({ db: database.db, clock: fixedClock('2024-03-20T04:00:00Z') })
})
afterEach(() => database.close())

describe('decisionStanding of a village matter', () => {
  it('is not satisfied before the resolution, and says where the matter stands', async () => {
    const matter = await newMatter()
    await holdStages(matter.id, ['proposal', 'consultation'])
    const standing = await governance.decisionStanding({ matterId: matter.id }, '2024-04-01')
    expect(standing).toMatchObject({
      kind: 'matter',
      id: matter.id,
      title: '村道硬化工程',
      category: 'public_welfare_project',
      villageCodes: [VILLAGE],
      satisfied: false,
      parts: [
        {
          matterId: matter.id,
          villageCode: VILLAGE,
          state: 'party_review',
          resolutionDisclosureUntil: null,
          pendingObjections: 0,
        },
      ],
    })
    expect(standing.missing).toEqual([
      `matter ${matter.id} (${VILLAGE}) is at party_review, not resolved`,
      `no resolution disclosure for matter ${matter.id} (${VILLAGE})`,
    ])
  })

  it('is not satisfied by a rejected matter', async () => {
    const matter = await newMatter()
    await write((g) =>
      g.recordStage(
        matter.id,
        'proposal',
        { ...unanimous('proposal'), votes: { yes: 1, no: 4, abstain: 0 } },
        ROSTERS.proposal,
      ),
    )
    const standing = await governance.decisionStanding({ matterId: matter.id }, '2024-04-01')
    expect(standing.satisfied).toBe(false)
    expect(standing.missing[0]).toBe(`matter ${matter.id} (${VILLAGE}) was rejected`)
  })

  it('needs the resolution disclosed', async () => {
    const matter = await newMatter()
    await holdStages(matter.id, ALL_STAGES)
    const standing = await governance.decisionStanding({ matterId: matter.id }, '2024-04-01')
    expect(standing.satisfied).toBe(false)
    expect(standing.parts[0]).toMatchObject({ state: 'resolved', resolutionDisclosureUntil: null })
    expect(standing.missing).toEqual([`no resolution disclosure for matter ${matter.id} (${VILLAGE})`])
  })

  it('waits for the disclosure to end: its last day still runs, the day after is clear', async () => {
    const matter = await newMatter()
    await holdStages(matter.id, ALL_STAGES)
    await disclose(matter.id)
    for (const asOf of ['2024-03-10', '2024-03-15']) {
      const running = await governance.decisionStanding({ matterId: matter.id }, asOf)
      expect(running.satisfied).toBe(false)
      expect(running.missing).toEqual([
        `resolution disclosure of matter ${matter.id} (${VILLAGE}) runs until 2024-03-15`,
      ])
    }
    const ended = await governance.decisionStanding({ matterId: matter.id }, '2024-03-16')
    expect(ended).toMatchObject({ satisfied: true, missing: [] })
    expect(ended.parts[0]).toMatchObject({ resolutionDisclosureUntil: '2024-03-15', pendingObjections: 0 })
  })

  it('takes the latest resolution disclosure', async () => {
    const matter = await newMatter()
    await holdStages(matter.id, ALL_STAGES)
    await disclose(matter.id)
    await write((g) =>
      g.discloseMatter(matter.id, {
        kind: 'resolution',
        channels: ['broadcast'],
        from: '2024-03-12',
        until: '2024-03-20',
      }),
    )
    const standing = await governance.decisionStanding({ matterId: matter.id }, '2024-03-16')
    expect(standing.parts[0]!.resolutionDisclosureUntil).toBe('2024-03-20')
    expect(standing.satisfied).toBe(false)
  })

  it('is held up by a pending objection and freed by its dismissal', async () => {
    const matter = await newMatter()
    await holdStages(matter.id, ALL_STAGES)
    await disclose(matter.id)
    const objection = await write((g) =>
      g.objectTo(matter.id, { submittedOn: '2024-03-11', content: '造价偏高' }),
    )
    const pending = await governance.decisionStanding({ matterId: matter.id }, '2024-03-16')
    expect(pending.satisfied).toBe(false)
    expect(pending.parts[0]!.pendingObjections).toBe(1)
    expect(pending.missing).toEqual([`1 objection(s) pending on matter ${matter.id} (${VILLAGE})`])

    await write((g) =>
      g.respondToObjection(objection.id, {
        outcome: 'dismissed',
        respondedOn: '2024-03-13',
        response: '造价依据第三方评审',
      }),
    )
    const cleared = await governance.decisionStanding({ matterId: matter.id }, '2024-03-16')
    expect(cleared).toMatchObject({ satisfied: true, missing: [] })
    expect(cleared.parts[0]!.pendingObjections).toBe(0)
  })

  it('is not satisfied once an upheld objection sends the matter back to consultation', async () => {
    const matter = await newMatter()
    await holdStages(matter.id, ALL_STAGES)
    await disclose(matter.id)
    const objection = await write((g) =>
      g.objectTo(matter.id, { submittedOn: '2024-03-11', content: '线路不合理' }),
    )
    await write((g) =>
      g.respondToObjection(objection.id, {
        outcome: 'upheld',
        respondedOn: '2024-03-13',
        response: '重新商议线路',
      }),
    )
    const standing = await governance.decisionStanding({ matterId: matter.id }, '2024-03-16')
    expect(standing.satisfied).toBe(false)
    expect(standing.missing).toEqual([`matter ${matter.id} (${VILLAGE}) is at consultation, not resolved`])

    // Decided again: the disclosure of the first resolution does not cover the second one.
    for (const stage of ['consultation', 'party_review', 'resolution'] as const) {
      const input = { ...unanimous(stage), heldOn: stage === 'resolution' ? '2024-03-20' : '2024-03-18' }
      await write((g) => g.recordStage(matter.id, stage, input, ROSTERS[stage]))
    }
    const redecided = await governance.decisionStanding({ matterId: matter.id }, '2024-03-25')
    expect(redecided.satisfied).toBe(false)
    expect(redecided.missing).toEqual([`no resolution disclosure for matter ${matter.id} (${VILLAGE})`])
    await write((g) =>
      g.discloseMatter(matter.id, {
        kind: 'resolution',
        channels: ['notice_board'],
        from: '2024-03-21',
        until: '2024-03-27',
      }),
    )
    expect((await governance.decisionStanding({ matterId: matter.id }, '2024-03-27')).satisfied).toBe(false)
    expect((await governance.decisionStanding({ matterId: matter.id }, '2024-03-28')).satisfied).toBe(true)
  })

  it('accepts a closed matter', async () => {
    const matter = await newMatter()
    await holdStages(matter.id, ALL_STAGES)
    await disclose(matter.id)
    await write((g) => g.recordImplementation(matter.id, { status: 'started', on: '2024-03-16' }))
    await write((g) => g.recordImplementation(matter.id, { status: 'completed', on: '2024-05-30' }))
    await write((g) =>
      g.discloseMatter(matter.id, {
        kind: 'result',
        channels: ['notice_board'],
        from: '2024-06-01',
        until: '2024-06-07',
      }),
    )
    const standing = await governance.decisionStanding({ matterId: matter.id }, '2024-06-10')
    expect(standing.parts[0]!.state).toBe('closed')
    expect(standing).toMatchObject({ satisfied: true, missing: [] })
  })

  it('answers not_found for an unknown matter', async () => {
    const error = await expectCode(
      governance.decisionStanding({ matterId: newId() }, '2024-03-16'),
      'governance.matter_not_found',
    )
    expect(error.kind).toBe('not_found')
  })
})

describe('decisionStanding of an alliance matter', () => {
  it('needs every village; names the one that has not resolved', async () => {
    const alliance = await write((g) =>
      g.createAllianceMatter(
        {
          allianceId: newId(),
          title: '联村冷库建设',
          category: 'collective_project',
          villageCodes: [VILLAGE, OTHER],
        },
        '370322',
      ),
    )
    const byVillage = new Map(alliance.villages.map((v) => [v.villageCode, v.matterId]))
    const done = byVillage.get(VILLAGE)!
    const behind = byVillage.get(OTHER)!
    await holdStages(done, ALL_STAGES)
    await disclose(done)
    await holdStages(behind, ['proposal'])

    const standing = await governance.decisionStanding({ allianceMatterId: alliance.id }, '2024-03-16')
    expect(standing).toMatchObject({
      kind: 'alliance_matter',
      id: alliance.id,
      title: '联村冷库建设',
      category: 'collective_project',
      villageCodes: [OTHER, VILLAGE],
      satisfied: false,
    })
    expect(standing.parts.map((p) => [p.villageCode, p.state, p.resolutionDisclosureUntil])).toEqual([
      [OTHER, 'consultation', null],
      [VILLAGE, 'resolved', '2024-03-15'],
    ])
    expect(standing.missing).toEqual([
      `matter ${behind} (${OTHER}) is at consultation, not resolved`,
      `no resolution disclosure for matter ${behind} (${OTHER})`,
    ])

    await holdStages(behind, ['consultation', 'party_review', 'resolution'])
    await disclose(behind)
    const both = await governance.decisionStanding({ allianceMatterId: alliance.id }, '2024-03-16')
    expect(both).toMatchObject({ satisfied: true, missing: [] })
  })

  it('answers not_found for an unknown alliance matter', async () => {
    const error = await expectCode(
      governance.decisionStanding({ allianceMatterId: newId() }, '2024-03-16'),
      'governance.alliance_matter_not_found',
    )
    expect(error.kind).toBe('not_found')
  })
})
