import { describe, expect, it } from 'vitest'
import { isSingleHolderTitle, isValidPostTitle, secretaryIsChair } from './posts.js'

describe('post titles', () => {
  it('accepts each body’s own titles only', () => {
    expect(isValidPostTitle('party_branch', 'secretary')).toBe(true)
    expect(isValidPostTitle('party_branch', 'chair')).toBe(false)
    expect(isValidPostTitle('village_committee', 'vice_chair')).toBe(true)
    expect(isValidPostTitle('supervision_committee', 'vice_chair')).toBe(false)
  })
  it('knows secretary and chair have one holder', () => {
    expect(isSingleHolderTitle('secretary')).toBe(true)
    expect(isSingleHolderTitle('chair')).toBe(true)
    expect(isSingleHolderTitle('committee_member')).toBe(false)
  })
})

describe('secretaryIsChair (一肩挑)', () => {
  const secretary = { body: 'party_branch', title: 'secretary', personId: 'p1' }
  it('is true when the same person holds both', () => {
    expect(secretaryIsChair([secretary, { body: 'village_committee', title: 'chair', personId: 'p1' }])).toBe(
      true,
    )
  })
  it('is false for different people, a missing post, or the supervision chair', () => {
    expect(secretaryIsChair([secretary, { body: 'village_committee', title: 'chair', personId: 'p2' }])).toBe(
      false,
    )
    expect(secretaryIsChair([secretary])).toBe(false)
    expect(
      secretaryIsChair([secretary, { body: 'supervision_committee', title: 'chair', personId: 'p1' }]),
    ).toBe(false)
  })
})
