import { GovernanceError } from '../errors.js'
import type { MatterMeetingInput } from '../inputs.js'
import { type Bases, type Judgement, judge, judgeAll, judgePartyAssembly } from './judgement.js'
import type { CountRule, GovernanceRuleSet } from './rule-set.js'

/** 四议两公开 meetings judged against the day's roster and the rules in force. Pure. */

export const STAGES = ['proposal', 'consultation', 'party_review', 'resolution'] as const
export type Stage = (typeof STAGES)[number]

/** Who may attend and vote at a stage on the meeting day, read by the app from the organisation records. */
export type StageRoster =
  | { kind: 'committee'; members: string[]; secretaryIsChair?: boolean }
  | {
      kind: 'party_assembly'
      fullVoting: string[]
      probationary: string[]
      /** Full members under 留党察看 that day: they attend, without a vote (党章 Art. 40). */
      sanctioned?: string[]
    }
  | {
      kind: 'representatives'
      /** The 村民代表会议's members (组织法 Art. 25): 村委会 members and 村民代表, each person once. */
      members: string[]
      /** Which members are 村民代表 (default: all); the rest are committee members only. */
      representatives?: string[]
      /** Women among the 村民代表, and members whose gender is not recorded (for the make-up report). */
      womenRepresentatives?: string[]
      unknownGender?: number
    }
  | {
      kind: 'villagers'
      /** Villagers aged 18+ on the day (organisation records: birth dates), minors never. */
      villagers: string[]
      /** People of the village without a recorded birth date: off the roster, yet counted in the base. */
      unknownAge?: number
      /** Households on record that day with the adults who may represent each. */
      households: { id: string; adults: string[] }[]
    }

/** Committees decide by more than half of their members (支部工作条例 Art. 12: 少数服从多数). */
const COMMITTEE_PASS: CountRule = {
  denominator: 'members',
  threshold: { comparator: 'gt', num: 1, den: 2 },
  basis: { law: '中国共产党支部工作条例（试行）', version: '2018', article: '12' },
}

/** The make-up of a 村民代表会议 the law asks for (Art. 25): reported on the decision, not a refusal. */
export interface CompositionReport {
  representatives: Judgement
  womenRepresentatives: Judgement
  unknownGender: number
  warnings: string[]
}

export interface MeetingOutcome {
  outcome: 'passed' | 'rejected' | 'quorum_not_met'
  quorum: Judgement
  pass: Judgement
  /** Every pass rule applied (the body's, then the category's special majorities). */
  passes: Judgement[]
  /** The villagers' meeting: both quorum alternatives (18+ villagers, households), as judged. */
  alternatives?: Judgement[]
  composition?: CompositionReport
  tally: { yes: number; no: number; abstain: number; written: number }
}

/** What a meeting is about: the matter's category picks its special majorities. */
export interface MeetingMatter {
  category: string
}

/** Counts the vote against the roster; refuses strangers, double votes and votes without a right to one. */
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
  /** Who voted yes, by name; null when the vote was recorded as totals. */
  let yesBy: string[] | null = null
  if (Array.isArray(input.votes)) {
    const named: string[] = []
    yesBy = named
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
          'this person attends without a vote (预备党员, or under 留党察看)',
          { field },
        )
      }
      if (seen.has(vote.personId))
        throw new GovernanceError('governance.double_vote', 'one vote per person', { field })
      seen.add(vote.personId)
      tally[vote.option]++
      if (vote.option === 'yes') named.push(vote.personId)
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
    if (opinion.option === 'yes') yesBy?.push(opinion.personId)
  })
  return { attendees, tally, yesBy }
}

/**
 * Judges one meeting under `rules` against the day's roster. A resolution also meets the special
 * majorities of the matter's category (农村土地承包法: 2/3 of the villagers' meeting's members or of
 * the 村民代表), on top of the body's own pass rule. Pure.
 */
export function judgeMeeting(
  input: MatterMeetingInput,
  roster: StageRoster,
  rules: GovernanceRuleSet,
  matter?: MeetingMatter,
): MeetingOutcome {
  if (roster.kind === 'committee') {
    const members = new Set(roster.members)
    const { attendees, tally } = tallyVotes(input, members, members)
    const quorum = judge(rules.branchCommitteeQuorum, members.size, attendees.size)
    const pass = judge(COMMITTEE_PASS, members.size, tally.yes)
    return { outcome: outcomeOf(quorum, pass), quorum, pass, passes: [pass], tally }
  }
  if (roster.kind === 'party_assembly') {
    const sanctioned = new Set(roster.sanctioned ?? [])
    const full = new Set(roster.fullVoting.filter((id) => !sanctioned.has(id)))
    const all = new Set([...roster.fullVoting, ...roster.probationary, ...sanctioned])
    const { attendees, tally } = tallyVotes(input, all, full)
    const presentVoting = [...attendees].filter((id) => full.has(id)).length
    const result = judgePartyAssembly(
      { shouldAttend: full.size, presentVoting, yes: tally.yes },
      rules.partyAssemblyQuorum,
      rules.partyAssemblyPass,
    )
    const { quorum, pass } = result
    return { outcome: outcomeOf(quorum, pass), quorum, pass, passes: [pass], tally }
  }
  const special = matter ? rules.matterCategoryRules[matter.category] : undefined
  if (roster.kind === 'representatives') {
    const members = new Set(roster.members)
    const reps = new Set(roster.representatives ?? roster.members)
    const { attendees, tally, yesBy } = tallyVotes(input, members, members)
    const quorum = judge(rules.representativesMeetingQuorum, members.size, attendees.size)
    const nonRepsPresent = [...attendees].filter((id) => !reps.has(id)).length
    // Yes of 村民代表 themselves: by name when voted by name; from totals, a lower bound that
    // assumes every committee member present who is not a representative voted yes.
    const repsYes = yesBy
      ? yesBy.filter((id) => reps.has(id)).length
      : Math.max(0, tally.yes - nonRepsPresent)
    const bases: Bases = {
      present: attendees.size,
      representatives: members.size,
      village_representatives: reps.size,
    }
    const { pass, passes } = judgeAll(
      [rules.representativesMeetingPass, ...(special?.representativesMeeting ?? [])],
      bases,
      (rule) => (rule.denominator === 'village_representatives' ? repsYes : tally.yes),
    )
    return {
      outcome: outcomeOf(quorum, pass),
      quorum,
      pass,
      passes,
      composition: representativesComposition(roster, rules),
      tally,
    }
  }
  const villagers = new Set(roster.villagers)
  const { attendees, tally } = tallyVotes(input, villagers, villagers)
  const adults = villagers.size + (roster.unknownAge ?? 0)
  const represented = roster.households.filter((h) => h.adults.some((id) => attendees.has(id))).length
  const byAdults = judge(rules.villagersMeetingQuorumAdults, adults, attendees.size)
  const byHouseholds = judge(rules.villagersMeetingQuorumHouseholds, roster.households.length, represented)
  const quorum = byAdults.met ? byAdults : byHouseholds
  const { pass, passes } = judgeAll(
    [rules.villagersMeetingPass, ...(special?.villagersMeeting ?? [])],
    { present: attendees.size, adults, households: roster.households.length },
    () => tally.yes,
  )
  return {
    outcome: outcomeOf(quorum, pass),
    quorum,
    pass,
    passes,
    alternatives: [byAdults, byHouseholds],
    tally,
  }
}

/**
 * The 村民代表会议's make-up (组织法 Art. 25: 村民代表 at least 4/5 of its members, women
 * representatives at least 1/3 of its members — "组成人员" in the law's words). The law says
 * 应当 of how the meeting is formed, not of a decision's validity: reported, never refused.
 */
export function representativesComposition(
  roster: Extract<StageRoster, { kind: 'representatives' }>,
  rules: Pick<GovernanceRuleSet, 'representativesShare' | 'womenRepresentativesShare'>,
): CompositionReport {
  const members = new Set(roster.members).size
  const reps = new Set(roster.representatives ?? roster.members).size
  const women = new Set(roster.womenRepresentatives ?? []).size
  const representatives = judge(rules.representativesShare, members, reps)
  const womenRepresentatives = judge(rules.womenRepresentativesShare, members, women)
  const warnings: string[] = []
  if (!representatives.met)
    warnings.push(`村民代表 are ${reps} of ${members} members; at least ${representatives.required} expected`)
  if (!womenRepresentatives.met)
    warnings.push(
      `women representatives are ${women} of ${members} members; at least ${womenRepresentatives.required} expected` +
        (roster.unknownGender ? ` (${roster.unknownGender} without a recorded gender)` : ''),
    )
  return { representatives, womenRepresentatives, unknownGender: roster.unknownGender ?? 0, warnings }
}

function outcomeOf(quorum: Judgement, pass: Judgement): MeetingOutcome['outcome'] {
  if (!quorum.met) return 'quorum_not_met'
  return pass.met ? 'passed' : 'rejected'
}
