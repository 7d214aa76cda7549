import { GovernanceError } from '../errors.js'
import type { MatterMeetingInput } from '../inputs.js'
import {
  type Judgement,
  judge,
  judgePartyAssembly,
  judgeRepresentativesMeeting,
  judgeVillagersMeeting,
} from './judgement.js'
import type { CountRule, GovernanceRuleSet } from './rule-set.js'

/** 四议两公开 meetings judged against the day's roster and the rules in force. Pure. */

export const STAGES = ['proposal', 'consultation', 'party_review', 'resolution'] as const
export type Stage = (typeof STAGES)[number]

/** Who may attend and vote at a stage on the meeting day, read by the app from the organisation records. */
export type StageRoster =
  | { kind: 'committee'; members: string[]; secretaryIsChair?: boolean }
  | { kind: 'party_assembly'; fullVoting: string[]; probationary: string[] }
  | { kind: 'representatives'; members: string[] }
  | { kind: 'villagers'; villagers: string[]; adults: number; households: number }

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
        { field: `attendees.${i}`, context: { personId: id } },
      )
    }
    if (attendees.has(id)) {
      throw new GovernanceError('governance.attendee_twice', 'a person attends once', {
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
          field,
        })
      }
      if (!voters.has(vote.personId)) {
        throw new GovernanceError(
          'governance.voter_without_vote',
          'this person attends without a vote (预备党员)',
          { field },
        )
      }
      if (seen.has(vote.personId))
        throw new GovernanceError('governance.double_vote', 'one vote per person', { field })
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
        { field },
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
