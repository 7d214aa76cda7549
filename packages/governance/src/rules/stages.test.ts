import { describe, expect, it } from 'vitest'
import { GovernanceError } from '../errors.js'
import type { MatterMeetingInput } from '../inputs.js'
import { judge } from './judgement.js'
import { NATIONAL_RULES } from './rule-set.js'
import { checkStage, quorumNotMet, stateAfter } from './stages.js'

const meeting = (extra: Partial<MatterMeetingInput> = {}): MatterMeetingInput => ({
  heldOn: '2024-03-01',
  attendees: [],
  votes: { yes: 0, no: 0, abstain: 0 },
  minutes: 'm',
  ...extra,
})
const committee = { kind: 'committee' as const, members: ['a', 'b', 'c'] }
const code = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    return (error as GovernanceError).code
  }
  return null
}

describe('checkStage', () => {
  it('holds the four stages strictly in order, and none after the end', () => {
    const proposal = { state: 'proposal', category: 'other' }
    expect(checkStage(proposal, 'proposal', meeting(), committee)).toEqual({ merged: false })
    expect(code(() => checkStage(proposal, 'party_review', meeting(), committee))).toBe(
      'governance.stage_out_of_order',
    )
    for (const state of ['resolved', 'rejected']) {
      expect(code(() => checkStage({ state, category: 'other' }, 'resolution', meeting(), committee))).toBe(
        'governance.stage_out_of_order',
      )
    }
  })

  it('merges 提议 and 商议 only where the branch secretary chairs the committee', () => {
    const proposal = { state: 'proposal', category: 'other' }
    const merged = meeting({ mergedWithProposal: true })
    expect(code(() => checkStage(proposal, 'consultation', merged, committee))).toBe(
      'governance.merge_not_allowed',
    )
    expect(checkStage(proposal, 'consultation', merged, { ...committee, secretaryIsChair: true })).toEqual({
      merged: true,
    })
  })

  it('names the body that resolved; village rules go to the villagers’ meeting itself', () => {
    const atResolution = (category: string) => ({ state: 'resolution', category })
    const reps = { kind: 'representatives' as const, members: ['a'] }
    expect(code(() => checkStage(atResolution('other'), 'resolution', meeting(), reps))).toBe(
      'governance.body_required',
    )
    expect(
      code(() =>
        checkStage(
          atResolution('village_rules'),
          'resolution',
          meeting({ body: 'representatives_meeting' }),
          reps,
        ),
      ),
    ).toBe('governance.villagers_meeting_required')
    expect(
      checkStage(atResolution('other'), 'resolution', meeting({ body: 'representatives_meeting' }), reps),
    ).toEqual({ merged: false })
  })
})

describe('stateAfter and quorumNotMet', () => {
  it('stays on a failed quorum, ends on a failed vote, moves on otherwise', () => {
    expect(stateAfter('consultation', 'consultation', 'quorum_not_met')).toBe('consultation')
    expect(stateAfter('consultation', 'consultation', 'rejected')).toBe('rejected')
    expect(stateAfter('consultation', 'consultation', 'passed')).toBe('party_review')
    expect(stateAfter('resolution', 'resolution', 'passed')).toBe('resolved')
  })

  it('answers a failed quorum with the numbers and the rule’s legal basis', () => {
    const quorum = judge(NATIONAL_RULES.branchCommitteeQuorum, 5, 2)
    const error = quorumNotMet(quorum, 'meeting')
    expect(error).toBeInstanceOf(GovernanceError)
    expect(error.code).toBe('governance.quorum_not_met')
    expect(error.kind).toBe('rule')
    expect(error.context).toEqual({
      base: 5,
      required: 3,
      present: 2,
      basis: NATIONAL_RULES.branchCommitteeQuorum.basis,
    })
    expect(quorumNotMet(quorum, 'session').message).toBe('2 of 5 members present, 3 required')
  })
})

describe('checkStage: refusals as a client sees them', () => {
  const refusal = (f: () => unknown) => {
    try {
      f()
    } catch (error) {
      const { code, field, context } = error as GovernanceError
      return { code, field, context }
    }
    return null
  }

  it('names what was expected and what came', () => {
    expect(
      refusal(() =>
        checkStage({ state: 'consultation', category: 'other' }, 'resolution', meeting(), committee),
      ),
    ).toEqual({
      code: 'governance.stage_out_of_order',
      field: undefined,
      context: { expected: 'consultation', got: 'resolution' },
    })
    expect(
      refusal(() => checkStage({ state: 'resolved', category: 'other' }, 'resolution', meeting(), committee)),
    ).toEqual({
      code: 'governance.stage_out_of_order',
      field: undefined,
      context: { expected: 'resolved', got: 'resolution' },
    })
  })

  it('merges only a consultation held while the matter is at its proposal, when asked to', () => {
    const chaired = { ...committee, secretaryIsChair: true }
    const merged = meeting({ mergedWithProposal: true })
    expect(
      refusal(() => checkStage({ state: 'proposal', category: 'other' }, 'consultation', merged, committee)),
    ).toEqual({
      code: 'governance.merge_not_allowed',
      field: 'mergedWithProposal',
      context: {},
    })
    // at its consultation already, a consultation is simply held, not merged
    expect(checkStage({ state: 'consultation', category: 'other' }, 'consultation', merged, chaired)).toEqual(
      {
        merged: false,
      },
    )
    // a merge of any other stage is out of order
    expect(
      refusal(() => checkStage({ state: 'proposal', category: 'other' }, 'party_review', merged, chaired))
        ?.code,
    ).toBe('governance.stage_out_of_order')
    // without the request, a consultation at the proposal stage is out of order
    expect(
      refusal(() => checkStage({ state: 'proposal', category: 'other' }, 'consultation', meeting(), chaired))
        ?.code,
    ).toBe('governance.stage_out_of_order')
    // a representatives' roster cannot merge, even with the flag
    const reps = { kind: 'representatives' as const, members: ['a'] }
    expect(
      refusal(() => checkStage({ state: 'proposal', category: 'other' }, 'consultation', merged, reps))?.code,
    ).toBe('governance.merge_not_allowed')
  })

  it('names the body field, and lets the villagers’ meeting decide village rules', () => {
    const atResolution = (category: string) => ({ state: 'resolution', category })
    const villagers = {
      kind: 'villagers' as const,
      villagers: ['a'],
      households: [{ id: 'h', adults: ['a'] }],
    }
    expect(refusal(() => checkStage(atResolution('other'), 'resolution', meeting(), villagers))).toEqual({
      code: 'governance.body_required',
      field: 'body',
      context: {},
    })
    expect(
      refusal(() =>
        checkStage(
          atResolution('village_rules'),
          'resolution',
          meeting({ body: 'representatives_meeting' }),
          villagers,
        ),
      ),
    ).toEqual({ code: 'governance.villagers_meeting_required', field: 'body', context: {} })
    expect(
      checkStage(
        atResolution('village_rules'),
        'resolution',
        meeting({ body: 'villagers_meeting' }),
        villagers,
      ),
    ).toEqual({ merged: false })
  })

  it('moves each passed stage to the next one', () => {
    expect(stateAfter('proposal', 'proposal', 'passed')).toBe('consultation')
    expect(stateAfter('party_review', 'party_review', 'passed')).toBe('resolution')
    expect(stateAfter('proposal', 'consultation', 'passed')).toBe('party_review') // merged
    expect(stateAfter('resolution', 'resolution', 'rejected')).toBe('rejected')
    expect(stateAfter('resolution', 'resolution', 'quorum_not_met')).toBe('resolution')
  })

  it('says the numbers of a meeting whose quorum failed', () => {
    const quorum = judge(NATIONAL_RULES.representativesMeetingQuorum, 30, 19)
    expect(quorumNotMet(quorum, 'meeting').message).toBe('quorum not met: 19 of 30, 20 required')
  })
})
