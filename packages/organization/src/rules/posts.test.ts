import { describe, expect, it } from 'vitest'
import {
  checkAlliancePostClash,
  checkAlliancePostDate,
  checkPostEnd,
  checkVillagePostClash,
  checkVillagePostTitle,
  isSingleHolderTitle,
  isValidPostTitle,
  secretaryIsChair,
} from './posts.js'

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

describe('village post rules', () => {
  const code = (c: string) => expect.objectContaining({ code: c })
  const secretary = { id: 's', title: 'secretary', personId: 'p1', from: '2020-01-01', to: null }
  it('refuses another body’s title', () => {
    expect(() => checkVillagePostTitle('party_branch', 'chair')).toThrow(
      code('organization.invalid_post_title'),
    )
    expect(() => checkVillagePostTitle('party_branch', 'secretary')).not.toThrow()
  })
  it('keeps one secretary and one post per person in a body', () => {
    const v = '370322104201'
    expect(() =>
      checkVillagePostClash(v, { body: 'party_branch', title: 'secretary', personId: 'p2' }, [secretary]),
    ).toThrow(code('organization.post_already_held'))
    expect(() =>
      checkVillagePostClash(v, { body: 'party_branch', title: 'committee_member', personId: 'p1' }, [
        secretary,
      ]),
    ).toThrow(code('organization.person_already_in_body'))
    expect(() =>
      checkVillagePostClash(v, { body: 'party_branch', title: 'committee_member', personId: 'p2' }, [
        secretary,
      ]),
    ).not.toThrow()
  })
  it('ends a post once, not before it began', () => {
    expect(() => checkPostEnd({ from: '2020-01-01', to: '2021-01-01' }, '2022-01-01')).toThrow(
      code('organization.post_already_ended'),
    )
    expect(() => checkPostEnd({ from: '2020-01-01', to: null }, '2019-01-01')).toThrow(
      code('organization.end_before_start'),
    )
  })
})

describe('alliance post rules', () => {
  const code = (c: string) => expect.objectContaining({ code: c })
  it('starts posts on or after the founding date', () => {
    expect(() => checkAlliancePostDate({ establishedOn: '2019-03-01' }, '2019-02-28')).toThrow(
      code('organization.post_before_establishment'),
    )
  })
  it('keeps one secretary and one post per person', () => {
    const existing = [{ title: 'secretary', personId: 'p1' }]
    expect(() => checkAlliancePostClash({ title: 'secretary', personId: 'p2' }, existing)).toThrow(
      code('organization.post_already_held'),
    )
    expect(() => checkAlliancePostClash({ title: 'committee_member', personId: 'p1' }, existing)).toThrow(
      code('organization.person_already_in_body'),
    )
    expect(() =>
      checkAlliancePostClash({ title: 'committee_member', personId: 'p2' }, existing),
    ).not.toThrow()
  })
})
