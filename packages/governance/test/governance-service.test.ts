import { countyOfId, DomainError, fixedClock, newId } from '@liancun/core'
import { createTestDatabase, expectDomainError, type TestDatabase } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type CouncilRef,
  createGovernanceService,
  type GovernanceService,
  type MatterMeetingInput,
  type MatterRef,
  migrateGovernance,
  SessionMinutesInput,
} from '../src/index.js'
import { matters } from '../src/schema.js'

const VILLAGE = '370322104203'
let database: TestDatabase
let governance: GovernanceService

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

const committee = Array.from({ length: 3 }, () => newId())
const proposal = (heldOn = '2024-03-01'): MatterMeetingInput => ({
  heldOn,
  attendees: committee,
  votes: { yes: 3, no: 0, abstain: 0 },
  minutes: '提议',
})
const roster = { kind: 'committee' as const, members: committee }

const newMatter = () =>
  governance.createMatter({ villageCode: VILLAGE, title: '村道硬化', category: 'other', description: '说明' })

beforeEach(async () => {
  database = await createTestDatabase('governance', migrateGovernance)
  governance = createGovernanceService({ db: database.db, clock: fixedClock('2024-03-20T04:00:00Z') })
})
afterEach(() => database.close())

describe('records by id', () => {
  it('makes ids that carry their county, and still finds rows made before ids did', async () => {
    const matter = await newMatter()
    expect(countyOfId(matter.id)).toBe('370322')
    const council = await governance.createCouncil({
      villageCode: VILLAGE,
      name: '议事会',
      establishedOn: '2024-01-01',
    })
    expect(countyOfId(council.id)).toBe('370322')

    // A matter made before ids carried their county (a UUIDv7): found by id alone.
    const legacy = newId()
    expect(countyOfId(legacy)).toBeNull()
    await database.db.insert(matters).values({
      countyCode: '370322',
      id: legacy,
      villageCode: VILLAGE,
      title: '旧事项',
      category: 'other',
      description: '迁移前',
      state: 'proposal',
    })
    expect((await governance.getMatter(legacy)).title).toBe('旧事项')
    const recorded = await governance.recordStage(legacy, 'proposal', proposal(), roster)
    expect(recorded.matter.state).toBe('consultation')
  })

  it('answers not_found for every kind of record it is asked about', async () => {
    const unknown = newId('370322')
    await expectCode(governance.getMatter(unknown), 'governance.matter_not_found')
    await expectCode(governance.getAllianceMatter(unknown), 'governance.alliance_matter_not_found')
    await expectCode(governance.objectionMatter(unknown), 'governance.objection_not_found')
    await expectCode(
      governance.respondToObjection(unknown, {
        outcome: 'dismissed',
        respondedOn: '2024-03-01',
        response: 'r',
      }),
      'governance.objection_not_found',
    )
    await expectCode(governance.councilVillage(unknown), 'governance.council_not_found')
    await expectCode(
      governance.addCouncilMember(unknown, {
        personId: newId(),
        category: 'other',
        post: 'member',
        from: '2024-01-01',
      }),
      'governance.council_not_found',
    )
    await expectCode(governance.topicCouncil(unknown), 'governance.topic_not_found')
    await expectCode(governance.reviewTopic(unknown, { decision: 'accepted' }), 'governance.topic_not_found')
    await expectCode(governance.sessionCouncil(unknown), 'governance.session_not_found')
    await expectCode(
      governance.recordMinutes(unknown, SessionMinutesInput.parse({ heldOn: '2024-03-10', present: [] })),
      'governance.session_not_found',
    )
  })
})

describe('guards: authorise what is loaded, once', () => {
  it('shows the matter it loaded and writes nothing when the guard refuses', async () => {
    const matter = await newMatter()
    const refuse = refusing<MatterRef>()
    await expectCode(
      governance.recordStage(matter.id, 'proposal', proposal(), roster, refuse),
      'auth.forbidden',
    )
    expect(refuse.seen).toEqual([{ countyCode: '370322', id: matter.id, villageCode: VILLAGE }])
    const after = await governance.getMatter(matter.id)
    expect(after.meetings).toEqual([])
    expect(after.state).toBe('proposal')

    // The roster is read only once the matter is authorised.
    let rosterRead = false
    await expectCode(
      governance.recordStage(
        matter.id,
        'proposal',
        proposal(),
        () => {
          rosterRead = true
          return roster
        },
        refusing<MatterRef>(),
      ),
      'auth.forbidden',
    )
    expect(rosterRead).toBe(false)
    const passed = await governance.recordStage(matter.id, 'proposal', proposal(), (ref) => {
      expect(ref.villageCode).toBe(VILLAGE)
      return roster
    })
    expect(passed.outcome).toBe('passed')

    // One call at a time: a refused promise left waiting for its turn is an unhandled rejection.
    for (const read of [
      () => governance.getMatter(matter.id, refusing<MatterRef>()),
      () => governance.matterVillage(matter.id, refusing<MatterRef>()),
      () => governance.listObjections(matter.id, refusing<MatterRef>()),
      () =>
        governance.recordImplementation(
          matter.id,
          { status: 'started', on: '2024-03-20' },
          refusing<MatterRef>(),
        ),
      () =>
        governance.discloseMatter(
          matter.id,
          { kind: 'resolution', channels: ['online'], from: '2024-03-01', until: '2024-03-07' },
          refusing<MatterRef>(),
        ),
      () =>
        governance.objectTo(matter.id, { submittedOn: '2024-03-02', content: '异议' }, refusing<MatterRef>()),
    ]) {
      await expectCode(read(), 'auth.forbidden')
    }
  })

  it('shows the council of a topic or session, and adds no member when the guard refuses', async () => {
    const council = await governance.createCouncil({
      villageCode: VILLAGE,
      name: '议事会',
      establishedOn: '2024-01-01',
    })
    const ref: CouncilRef = { countyCode: '370322', id: council.id, villageCode: VILLAGE }
    const person = newId()
    const refuse = refusing<CouncilRef>()
    await expectCode(
      governance.addCouncilMember(
        council.id,
        { personId: person, category: 'other', post: 'chair', from: '2024-01-01' },
        refuse,
      ),
      'auth.forbidden',
    )
    expect(refuse.seen).toEqual([ref])
    // Nobody was added: the person cannot propose a topic.
    await expectCode(
      governance.proposeTopic(council.id, { title: '路灯', description: '照明', proposedBy: person }),
      'governance.not_a_member',
    )
    await governance.addCouncilMember(council.id, {
      personId: person,
      category: 'other',
      post: 'chair',
      from: '2024-01-01',
    })
    await expectCode(
      governance.addCouncilMember(council.id, {
        personId: newId(),
        category: 'other',
        post: 'chair',
        from: '2024-02-01',
      }),
      'governance.chair_taken',
    )
    const topic = await governance.proposeTopic(council.id, {
      title: '路灯',
      description: '照明',
      proposedBy: person,
    })
    const onTopic = refusing<CouncilRef>()
    await expectCode(governance.reviewTopic(topic.id, { decision: 'accepted' }, onTopic), 'auth.forbidden')
    expect(onTopic.seen).toEqual([ref])
    await governance.reviewTopic(topic.id, { decision: 'accepted' })
    await expectCode(governance.reviewTopic(topic.id, { decision: 'accepted' }), 'governance.topic_reviewed')
    const session = await governance.scheduleSession(council.id, {
      scheduledOn: '2024-03-10',
      venue: '党群服务中心',
      topicIds: [topic.id],
      noticeSentOn: '2024-03-07',
      invitees: [],
    })
    const minutes = SessionMinutesInput.parse({ heldOn: '2024-03-10', present: [person] })
    const onSession = refusing<CouncilRef>()
    await expectCode(governance.recordMinutes(session.id, minutes, onSession), 'auth.forbidden')
    expect(onSession.seen).toEqual([ref])
    // One call at a time: a refused promise left waiting for its turn is an unhandled rejection.
    for (const read of [
      () => governance.councilVillage(council.id, refusing<CouncilRef>()),
      () => governance.listResolutions(council.id, undefined, refusing<CouncilRef>()),
      () => governance.councilPoints(council.id, '2024', refusing<CouncilRef>()),
      () =>
        governance.scheduleSession(
          council.id,
          {
            scheduledOn: '2024-03-10',
            venue: 'v',
            topicIds: [topic.id],
            noticeSentOn: '2024-03-07',
            invitees: [],
          },
          refusing<CouncilRef>(),
        ),
    ]) {
      await expectCode(read(), 'auth.forbidden')
    }
    // One member of one: the quorum holds; then the session has its minutes.
    expect((await governance.recordMinutes(session.id, minutes)).status).toBe('held')
    await expectCode(governance.recordMinutes(session.id, minutes), 'governance.session_recorded')
  })

  it('shows the matter of an objection it answers', async () => {
    const matter = await newMatter()
    const reps = Array.from({ length: 3 }, () => newId())
    const party = Array.from({ length: 3 }, () => newId())
    await governance.recordStage(matter.id, 'proposal', proposal('2024-03-01'), roster)
    await governance.recordStage(matter.id, 'consultation', proposal('2024-03-02'), roster)
    await governance.recordStage(
      matter.id,
      'party_review',
      { ...proposal('2024-03-03'), attendees: party },
      { kind: 'party_assembly', fullVoting: party, probationary: [] },
    )
    await governance.recordStage(
      matter.id,
      'resolution',
      { ...proposal('2024-03-04'), attendees: reps, body: 'representatives_meeting' },
      { kind: 'representatives', members: reps },
    )
    await governance.discloseMatter(matter.id, {
      kind: 'resolution',
      channels: ['online'],
      from: '2024-03-05',
      until: '2024-03-11',
    })
    const objection = await governance.objectTo(matter.id, { submittedOn: '2024-03-06', content: '补偿偏低' })
    const refuse = refusing<MatterRef>()
    await expectCode(
      governance.respondToObjection(
        objection.id,
        { outcome: 'upheld', respondedOn: '2024-03-07', response: 'r' },
        refuse,
      ),
      'auth.forbidden',
    )
    expect(refuse.seen).toEqual([{ countyCode: '370322', id: matter.id, villageCode: VILLAGE }])
    // Refused: neither the objection nor the matter changed.
    expect((await governance.listObjections(matter.id))[0]!.outcome).toBeNull()
    expect((await governance.getMatter(matter.id)).state).toBe('resolved')
  })
})
