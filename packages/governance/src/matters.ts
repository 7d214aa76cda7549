import { countyOf, type Database, DomainError, newId, type Page, toPage } from '@liancun/core'
import { and, asc, eq, gt, like } from 'drizzle-orm'
import {
  type CreateAllianceMatterInput,
  type CreateMatterInput,
  type MATTER_CATEGORIES,
  type MatterMeetingInput,
  VILLAGERS_MEETING_ONLY,
} from './inputs.js'
import {
  type Judgement,
  judge,
  judgePartyAssembly,
  judgeRepresentativesMeeting,
  judgeVillagersMeeting,
} from './rules/judgement.js'
import type { CountRule, GovernanceRuleSet } from './rules/rule-set.js'
import { allianceMatters, matterMeetings, matters } from './schema.js'

export const STAGES = ['proposal', 'consultation', 'party_review', 'resolution'] as const
export type Stage = (typeof STAGES)[number]

/** Who may attend and vote at a stage on the meeting day, read by the app from the organisation records. */
export type StageRoster =
  | { kind: 'committee'; members: string[]; secretaryIsChair?: boolean }
  | { kind: 'party_assembly'; fullVoting: string[]; probationary: string[] }
  | { kind: 'representatives'; members: string[] }
  | { kind: 'villagers'; villagers: string[]; adults: number; households: number }

export class GovernanceError extends DomainError {
  constructor(
    code: `governance.${string}`,
    message: string,
    options: { kind?: DomainError['kind']; field?: string; context?: Record<string, unknown> } = {},
  ) {
    super(code, message, options)
    this.name = 'GovernanceError'
  }
}

/** Committees decide by more than half of their members (支部工作条例 Art. 12: 少数服从多数). */
const COMMITTEE_PASS: CountRule = {
  denominator: 'members',
  threshold: { comparator: 'gt', num: 1, den: 2 },
  basis: { law: '中国共产党支部工作条例（试行）', version: '2018', article: '12' },
}

export interface MeetingOutcome {
  outcome: 'passed' | 'rejected' | 'quorum_not_met'
  quorum: Judgement
  pass: Judgement
  tally: { yes: number; no: number; abstain: number; written: number }
}

/** Counts the vote against the roster; refuses strangers, double votes and probationary votes. */
export function tallyVotes(
  input: MatterMeetingInput,
  eligible: ReadonlySet<string>,
  voters: ReadonlySet<string>,
) {
  const attendees = new Set<string>()
  input.attendees.forEach((id, i) => {
    if (!eligible.has(id)) {
      throw new GovernanceError(
        'governance.attendee_not_on_roster',
        'this person is not on the roster for the meeting day',
        {
          kind: 'rule',
          field: `attendees.${i}`,
          context: { personId: id },
        },
      )
    }
    if (attendees.has(id)) {
      throw new GovernanceError('governance.attendee_twice', 'a person attends once', {
        kind: 'invalid',
        field: `attendees.${i}`,
      })
    }
    attendees.add(id)
  })
  const tally = { yes: 0, no: 0, abstain: 0, written: 0 }
  if (Array.isArray(input.votes)) {
    const seen = new Set<string>()
    input.votes.forEach((vote, i) => {
      const field = `votes.${i}.personId`
      if (!attendees.has(vote.personId)) {
        throw new GovernanceError('governance.voter_not_present', 'only those present vote in the meeting', {
          kind: 'rule',
          field,
        })
      }
      if (!voters.has(vote.personId)) {
        throw new GovernanceError(
          'governance.voter_without_vote',
          'this person attends without a vote (预备党员)',
          { kind: 'rule', field },
        )
      }
      if (seen.has(vote.personId))
        throw new GovernanceError('governance.double_vote', 'one vote per person', { kind: 'invalid', field })
      seen.add(vote.personId)
      tally[vote.option]++
    })
  } else {
    const presentVoters = [...attendees].filter((id) => voters.has(id)).length
    const cast = input.votes.yes + input.votes.no + input.votes.abstain
    if (cast > presentVoters) {
      throw new GovernanceError(
        'governance.more_votes_than_voters',
        `${cast} votes from ${presentVoters} voters present`,
        {
          kind: 'rule',
          field: 'votes',
          context: { cast, presentVoters },
        },
      )
    }
    tally.yes += input.votes.yes
    tally.no += input.votes.no
    tally.abstain += input.votes.abstain
  }
  ;(input.writtenOpinions ?? []).forEach((opinion, i) => {
    const field = `writtenOpinions.${i}.personId`
    if (!voters.has(opinion.personId) || attendees.has(opinion.personId)) {
      throw new GovernanceError(
        'governance.invalid_written_opinion',
        'written opinions come from absent voters',
        { kind: 'rule', field },
      )
    }
    tally[opinion.option]++
    tally.written++
  })
  return { attendees, tally }
}

/** Judges one meeting under `rules` against the day's roster. Pure. */
export function judgeMeeting(
  input: MatterMeetingInput,
  roster: StageRoster,
  rules: GovernanceRuleSet,
): MeetingOutcome {
  if (roster.kind === 'committee') {
    const members = new Set(roster.members)
    const { attendees, tally } = tallyVotes(input, members, members)
    const quorum = judge(rules.branchCommitteeQuorum, members.size, attendees.size)
    const pass = judge(COMMITTEE_PASS, members.size, tally.yes)
    return { outcome: outcomeOf(quorum, pass), quorum, pass, tally }
  }
  if (roster.kind === 'party_assembly') {
    const full = new Set(roster.fullVoting)
    const all = new Set([...roster.fullVoting, ...roster.probationary])
    const { attendees, tally } = tallyVotes(input, all, full)
    const presentVoting = [...attendees].filter((id) => full.has(id)).length
    const result = judgePartyAssembly(
      { shouldAttend: full.size, presentVoting, yes: tally.yes },
      rules.partyAssemblyQuorum,
      rules.partyAssemblyPass,
    )
    return { outcome: outcomeOf(result.quorum, result.pass), quorum: result.quorum, pass: result.pass, tally }
  }
  if (roster.kind === 'representatives') {
    const members = new Set(roster.members)
    const { attendees, tally } = tallyVotes(input, members, members)
    const result = judgeRepresentativesMeeting(
      { members: members.size, present: attendees.size, yes: tally.yes },
      { quorum: rules.representativesMeetingQuorum, pass: rules.representativesMeetingPass },
    )
    return { outcome: outcomeOf(result.quorum, result.pass), quorum: result.quorum, pass: result.pass, tally }
  }
  const villagers = new Set(roster.villagers)
  const { attendees, tally } = tallyVotes(input, villagers, villagers)
  const result = judgeVillagersMeeting(
    {
      adults: roster.adults,
      households: roster.households,
      presentAdults: attendees.size,
      presentHouseholds: input.presentHouseholds ?? 0,
      yes: tally.yes,
    },
    {
      byAdults: rules.villagersMeetingQuorumAdults,
      byHouseholds: rules.villagersMeetingQuorumHouseholds,
      pass: rules.villagersMeetingPass,
    },
  )
  return { outcome: outcomeOf(result.quorum, result.pass), quorum: result.quorum, pass: result.pass, tally }
}

function outcomeOf(quorum: Judgement, pass: Judgement): MeetingOutcome['outcome'] {
  if (!quorum.met) return 'quorum_not_met'
  return pass.met ? 'passed' : 'rejected'
}

type MatterRow = typeof matters.$inferSelect

function toMatter(row: MatterRow) {
  return {
    id: row.id,
    villageCode: row.villageCode,
    title: row.title,
    category: row.category as (typeof MATTER_CATEGORIES)[number],
    amount: row.amount,
    description: row.description,
    state: row.state,
    implementation: row.implementation as 'none' | 'started' | 'completed',
    createdAt: row.createdAt.toISOString(),
  }
}

export type Matter = ReturnType<typeof toMatter>

/** The matter part of the governance service. */
export function matterMethods(
  db: Database,
  now: () => Date,
  /** Reads through `q` (the caller's transaction) so PGlite's one connection never waits on itself. */
  rulesFor: (village: string, day: string, q?: Database) => Promise<GovernanceRuleSet>,
) {
  async function requireMatter(q: Database, id: string, lock = false): Promise<MatterRow> {
    const query = q.select().from(matters).where(eq(matters.id, id))
    const [row] = lock ? await query.for('update') : await query
    if (!row)
      throw new GovernanceError('governance.matter_not_found', `no matter ${id}`, { kind: 'not_found' })
    return row
  }

  async function timeline(q: Database, row: MatterRow) {
    const meetings = await q
      .select()
      .from(matterMeetings)
      .where(and(eq(matterMeetings.countyCode, row.countyCode), eq(matterMeetings.matterId, row.id)))
      .orderBy(asc(matterMeetings.createdAt), asc(matterMeetings.id))
    return {
      ...toMatter(row),
      meetings: meetings.map((m) => ({
        id: m.id,
        stage: m.stage,
        heldOn: m.heldOn,
        outcome: m.outcome as 'passed' | 'rejected' | 'quorum_not_met',
        record: JSON.parse(m.record) as Record<string, unknown>,
        judgement: JSON.parse(m.judgement) as Record<string, unknown>,
      })),
    }
  }

  /** Resolved only when every village's matter is resolved (or closed); a rejection shows. */
  async function allianceMatterOut(q: Database, id: string) {
    const [row] = await q.select().from(allianceMatters).where(eq(allianceMatters.id, id))
    if (!row)
      throw new GovernanceError('governance.alliance_matter_not_found', `no alliance matter ${id}`, {
        kind: 'not_found',
      })
    const parts = await q
      .select()
      .from(matters)
      .where(eq(matters.allianceMatterId, id))
      .orderBy(asc(matters.villageCode))
    const done = (state: string) => state === 'resolved' || state === 'closed'
    const state: 'in_progress' | 'resolved' | 'rejected_by_a_village' = parts.some(
      (p) => p.state === 'rejected',
    )
      ? 'rejected_by_a_village'
      : parts.every((p) => done(p.state))
        ? 'resolved'
        : 'in_progress'
    return {
      id: row.id,
      allianceId: row.allianceId,
      title: row.title,
      category: row.category,
      state,
      villages: parts.map((p) => ({ villageCode: p.villageCode, matterId: p.id, state: p.state })),
      createdAt: row.createdAt.toISOString(),
    }
  }

  return {
    async createMatter(input: CreateMatterInput): Promise<Matter> {
      const [row] = await db
        .insert(matters)
        .values({
          countyCode: countyOf(input.villageCode),
          id: newId(),
          villageCode: input.villageCode,
          title: input.title,
          category: input.category,
          amount: input.amount ?? null,
          description: input.description,
          state: 'proposal',
          createdAt: now(),
        })
        .returning()
      return toMatter(row!)
    },

    /** Fans out one village matter per listed village; the app has checked they are members. */
    async createAllianceMatter(input: CreateAllianceMatterInput, countyCode: string) {
      return db.transaction(async (tx) => {
        const id = newId()
        await tx.insert(allianceMatters).values({
          countyCode,
          id,
          allianceId: input.allianceId,
          title: input.title,
          category: input.category,
          createdAt: now(),
        })
        await tx.insert(matters).values(
          input.villageCodes.map((villageCode) => ({
            countyCode: countyOf(villageCode),
            id: newId(),
            villageCode,
            title: input.title,
            category: input.category,
            amount: null,
            description: input.description ?? input.title,
            state: 'proposal',
            allianceMatterId: id,
            createdAt: now(),
          })),
        )
        return allianceMatterOut(tx, id)
      })
    },

    async getAllianceMatter(id: string) {
      return allianceMatterOut(db, id)
    },

    async getMatter(id: string) {
      return db.transaction(async (tx) => timeline(tx, await requireMatter(tx, id)))
    },

    async matterVillage(id: string): Promise<{ villageCode: string; state: string; category: string }> {
      const row = await requireMatter(db, id)
      return { villageCode: row.villageCode, state: row.state, category: row.category }
    },

    async listMatters(query: {
      within?: string
      state?: string
      category?: string
      limit: number
      after: string | null
    }): Promise<Page<Matter>> {
      const rows = await db
        .select()
        .from(matters)
        .where(
          and(
            query.within ? like(matters.villageCode, `${query.within}%`) : undefined,
            query.state ? eq(matters.state, query.state) : undefined,
            query.category ? eq(matters.category, query.category) : undefined,
            query.after ? gt(matters.id, query.after) : undefined,
          ),
        )
        .orderBy(asc(matters.id))
        .limit(query.limit + 1)
      return toPage(rows.map(toMatter), query.limit, (m) => m.id)
    },

    /**
     * Records one of the four meetings, strictly in order, judged against the day's roster and
     * the rules in force. The meeting is always recorded; a failed quorum leaves the matter at
     * this stage, a failed vote ends it as `rejected`.
     */
    async recordStage(matterId: string, stage: Stage, input: MatterMeetingInput, roster: StageRoster) {
      return db.transaction(async (tx) => {
        const matter = await requireMatter(tx, matterId, true)
        const merged =
          stage === 'consultation' && input.mergedWithProposal === true && matter.state === 'proposal'
        if (merged && !(roster.kind === 'committee' && roster.secretaryIsChair)) {
          throw new GovernanceError(
            'governance.merge_not_allowed',
            '提议 and 商议 merge only where the branch secretary is also the committee chair',
            {
              kind: 'rule',
              field: 'mergedWithProposal',
            },
          )
        }
        if (matter.state !== stage && !merged) {
          throw new GovernanceError(
            'governance.stage_out_of_order',
            matter.state === 'resolved' || matter.state === 'rejected'
              ? `the matter is already ${matter.state}`
              : `the next stage is ${matter.state}, not ${stage}`,
            { kind: 'rule', context: { expected: matter.state, got: stage } },
          )
        }
        if (stage === 'resolution') {
          if (!input.body)
            throw new GovernanceError('governance.body_required', 'say which body resolved', {
              kind: 'invalid',
              field: 'body',
            })
          if (input.body === 'representatives_meeting' && VILLAGERS_MEETING_ONLY.has(matter.category)) {
            throw new GovernanceError(
              'governance.villagers_meeting_required',
              `${matter.category} is decided by the villagers’ meeting itself`,
              {
                kind: 'rule',
                field: 'body',
              },
            )
          }
        }
        const rules = await rulesFor(matter.villageCode, input.heldOn, tx)
        const result = judgeMeeting(input, roster, rules)
        const nextState =
          result.outcome === 'quorum_not_met'
            ? matter.state
            : result.outcome === 'rejected'
              ? 'rejected'
              : stage === 'resolution'
                ? 'resolved'
                : STAGES[STAGES.indexOf(stage) + 1]!
        await tx.insert(matterMeetings).values({
          countyCode: matter.countyCode,
          id: newId(),
          matterId,
          stage,
          heldOn: input.heldOn,
          record: JSON.stringify(input),
          judgement: JSON.stringify({ quorum: result.quorum, pass: result.pass, tally: result.tally }),
          outcome: result.outcome,
          createdAt: now(),
        })
        await tx
          .update(matters)
          .set({ state: nextState })
          .where(and(eq(matters.countyCode, matter.countyCode), eq(matters.id, matterId)))
        return { ...result, matter: await timeline(tx, { ...matter, state: nextState }) }
      })
    },
  }
}
