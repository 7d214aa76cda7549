import { describe, expect, it } from 'vitest'
import {
  birthDateOfIdNumber,
  checkHouseholdMembership,
  checkMemberVillage,
  isAdultOn,
  recordedBirthDate,
  villagersRoster,
} from './households.js'

describe('组织法 Art. 21 (2018): the villagers’ meeting is of villagers aged 18 or over', () => {
  it('turns 18 on the 18th birthday itself, not a day before', () => {
    expect(isAdultOn('2006-06-30', '2024-06-30')).toBe(true)
    expect(isAdultOn('2006-07-01', '2024-06-30')).toBe(false)
    expect(isAdultOn('1960-01-01', '2024-06-30')).toBe(true)
  })

  it('reaches a 29 February birthday on 1 March of a common year', () => {
    expect(isAdultOn('2008-02-29', '2026-02-28')).toBe(false)
    expect(isAdultOn('2008-02-29', '2026-03-01')).toBe(true)
  })

  it('keeps minors and people of unknown age off the roster; households count their adults', () => {
    const roster = villagersRoster(
      [
        { id: 'a', birthDate: '1970-01-01' },
        { id: 'b', birthDate: '2010-05-01' },
        { id: 'c', birthDate: null },
      ],
      [
        { id: 'h1', number: '001', headPersonId: 'a', members: ['a', 'b'] },
        { id: 'h2', number: null, headPersonId: 'b', members: [] },
      ],
      '2024-06-30',
    )
    expect(roster).toEqual({
      adults: ['a'],
      unknownAge: ['c'],
      minors: 1,
      households: [{ id: 'h1', number: '001', headPersonId: 'a', members: ['a', 'b'], adults: ['a'] }],
    })
  })
})

describe('GB 11643: the ID number carries the birth date', () => {
  it('reads characters 7–14 and refuses impossible dates', () => {
    expect(birthDateOfIdNumber('11010519491231002X')).toBe('1949-12-31')
    expect(birthDateOfIdNumber('110105194902300021')).toBeNull()
  })

  it('records the carried date; a stated one must match', () => {
    expect(recordedBirthDate({ idNumber: '11010519491231002X' })).toBe('1949-12-31')
    expect(recordedBirthDate({ birthDate: '1980-01-01' })).toBe('1980-01-01')
    expect(recordedBirthDate({})).toBeNull()
    expect(() => recordedBirthDate({ idNumber: '11010519491231002X', birthDate: '1950-01-01' })).toThrow(
      expect.objectContaining({ code: 'organization.birth_date_mismatch' }),
    )
  })
})

describe('households', () => {
  it('one household per person at a time; members of the village only', () => {
    expect(() => checkHouseholdMembership([])).not.toThrow()
    expect(() => checkHouseholdMembership([{ householdId: 'h', from: '2020-01-01' }])).toThrow(
      expect.objectContaining({ code: 'organization.household_member_overlaps' }),
    )
    expect(() => checkMemberVillage({ id: 'p', villageCode: 'x' }, 'y', 'members.0')).toThrow(
      expect.objectContaining({ code: 'organization.member_of_other_village', field: 'members.0' }),
    )
  })
})
