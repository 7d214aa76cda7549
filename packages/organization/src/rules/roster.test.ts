import { describe, expect, it } from 'vitest'
import {
  checkBecomeFull,
  checkEndMembership,
  checkExcusal,
  checkNewPartyMember,
  checkRepresentativeTerm,
  requireCurrentMembership,
  rosterCounts,
} from './roster.js'

describe('rosterCounts', () => {
  it('excludes the excused from who should attend, and probationary members from the electorate', () => {
    expect(
      rosterCounts([
        { status: 'full', excused: false },
        { status: 'full', excused: true },
        { status: 'probationary', excused: false },
        { status: 'probationary', excused: true },
      ]),
    ).toEqual({ full: 2, probationary: 2, excused: 2, shouldAttend: 2, sanctioned: 0, fullVoting: 1 })
  })
  it('is all zero for an empty branch', () => {
    expect(rosterCounts([])).toEqual({
      full: 0,
      probationary: 0,
      excused: 0,
      shouldAttend: 0,
      sanctioned: 0,
      fullVoting: 0,
    })
  })
})

describe('roster changes', () => {
  const code = (c: string) => expect.objectContaining({ code: c })
  it('opens one membership per person and changes only a current one', () => {
    expect(() => checkNewPartyMember([{}])).toThrow(code('organization.party_member_exists'))
    expect(() => requireCurrentMembership(undefined, 'p', '370322104201')).toThrow(
      code('organization.party_member_not_found'),
    )
  })
  it('turns probationary members full after their probation began', () => {
    expect(() => checkBecomeFull({ status: 'full', from: '2020-01-01' }, '2021-01-01')).toThrow(
      code('organization.already_full_member'),
    )
    expect(() => checkBecomeFull({ status: 'probationary', from: '2020-01-01' }, '2020-01-01')).toThrow(
      code('organization.end_before_start'),
    )
    expect(() => checkEndMembership({ from: '2020-01-01' }, '2019-12-31')).toThrow(
      code('organization.end_before_start'),
    )
  })
  it('keeps excusals and representative terms from overlapping', () => {
    expect(() => checkExcusal([{ from: '2024-01-01' }])).toThrow(code('organization.excusal_overlaps'))
    expect(() => checkExcusal([])).not.toThrow()
    expect(() => checkRepresentativeTerm([{}])).toThrow(code('organization.representative_term_overlaps'))
  })
})
