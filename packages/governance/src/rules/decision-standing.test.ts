import { describe, expect, it } from 'vitest'
import { type DecisionPart, decisionGaps } from './decision-standing.js'

const part = (extra: Partial<DecisionPart> = {}): DecisionPart => ({
  matterId: 'm1',
  villageCode: '370322104203',
  state: 'resolved',
  resolutionDisclosureUntil: '2024-03-17',
  pendingObjections: 0,
  ...extra,
})

describe('decisionGaps', () => {
  it('is empty for a resolved matter whose disclosure has ended with no objection pending', () => {
    expect(decisionGaps(part(), '2024-03-18')).toEqual([])
  })

  it('accepts a closed matter (resolved, result disclosed)', () => {
    expect(decisionGaps(part({ state: 'closed' }), '2024-06-01')).toEqual([])
  })

  it('names a matter still at a stage', () => {
    expect(decisionGaps(part({ state: 'party_review' }), '2024-03-18')).toEqual([
      'matter m1 (370322104203) is at party_review, not resolved',
    ])
  })

  it('names a rejected matter', () => {
    expect(decisionGaps(part({ state: 'rejected' }), '2024-03-18')).toEqual([
      'matter m1 (370322104203) was rejected',
    ])
  })

  it('needs a resolution disclosure', () => {
    expect(decisionGaps(part({ resolutionDisclosureUntil: null }), '2024-03-18')).toEqual([
      'no resolution disclosure for matter m1 (370322104203)',
    ])
  })

  it('counts the last day of the disclosure as running, and the day after as ended', () => {
    expect(decisionGaps(part(), '2024-03-16')).toEqual([
      'resolution disclosure of matter m1 (370322104203) runs until 2024-03-17',
    ])
    expect(decisionGaps(part(), '2024-03-17')).toEqual([
      'resolution disclosure of matter m1 (370322104203) runs until 2024-03-17',
    ])
    expect(decisionGaps(part(), '2024-03-18')).toEqual([])
  })

  it('needs every objection answered', () => {
    expect(decisionGaps(part({ pendingObjections: 2 }), '2024-03-18')).toEqual([
      '2 objection(s) pending on matter m1 (370322104203)',
    ])
  })

  it('lists every gap at once', () => {
    expect(decisionGaps(part({ state: 'proposal', resolutionDisclosureUntil: null }), '2024-03-18')).toEqual([
      'matter m1 (370322104203) is at proposal, not resolved',
      'no resolution disclosure for matter m1 (370322104203)',
    ])
  })
})
