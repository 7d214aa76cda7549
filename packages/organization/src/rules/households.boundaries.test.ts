import { describe, expect, it } from 'vitest'
import { OrganizationError } from '../errors.js'
import {
  checkEndHouseholdMember,
  checkHouseholdMembership,
  checkMemberVillage,
  isAdultOn,
  recordedBirthDate,
} from './households.js'

/** The refusal `fn` throws, so its code, field and context can be asserted together. */
function refusal(fn: () => void): OrganizationError {
  try {
    fn()
  } catch (error) {
    if (error instanceof OrganizationError) return error
    throw error
  }
  throw new Error('expected a refusal, but the call passed')
}

// GB 11643 sample number (birth date 1949-12-31 in characters 7–14).
const ID = '11010519491231002X'

describe('recordedBirthDate: one birth date per person (GB 11643 characters 7–14)', () => {
  it('accepts a stated birth date equal to the one the ID number carries', () => {
    expect(recordedBirthDate({ idNumber: ID, birthDate: '1949-12-31' })).toBe('1949-12-31')
  })

  it('refuses a different one, naming the field and both dates', () => {
    expect(refusal(() => recordedBirthDate({ idNumber: ID, birthDate: '1949-12-30' }))).toMatchObject({
      code: 'organization.birth_date_mismatch',
      field: 'birthDate',
      context: { carried: '1949-12-31', given: '1949-12-30' },
    })
  })

  it('keeps the stated date when the ID number carries no real date', () => {
    expect(recordedBirthDate({ idNumber: '110105194902300021', birthDate: '1949-02-28' })).toBe('1949-02-28')
  })
})

describe('isAdultOn (组织法 Art. 21, 年满十八周岁): dates compare with four-digit years', () => {
  it('pads a year under 1000 so that the 18th birthday compares as a date', () => {
    expect(isAdultOn('0900-05-01', '0918-05-01')).toBe(true)
    expect(isAdultOn('0900-05-01', '0918-04-30')).toBe(false)
  })
})

describe('household memberships', () => {
  it('refuses a second household sharing a day, naming the field and the other household', () => {
    expect(
      refusal(() => checkHouseholdMembership([{ householdId: 'h-7', from: '2020-01-01' }])),
    ).toMatchObject({
      code: 'organization.household_member_overlaps',
      field: 'personId',
      context: { householdId: 'h-7' },
    })
  })

  it('accepts a member of the household’s own village, and refuses another village’s with its code', () => {
    expect(() =>
      checkMemberVillage({ id: 'p', villageCode: '370302104201' }, '370302104201', 'headPersonId'),
    ).not.toThrow()
    expect(
      refusal(() =>
        checkMemberVillage({ id: 'p', villageCode: '370302104202' }, '370302104201', 'headPersonId'),
      ),
    ).toMatchObject({
      code: 'organization.member_of_other_village',
      field: 'headPersonId',
      context: { personVillageCode: '370302104202' },
    })
  })

  it('ends a membership on its first day or later, never before it began', () => {
    const current = { from: '2020-01-01', to: null }
    expect(() => checkEndHouseholdMember(current, '2020-01-01')).not.toThrow()
    expect(() => checkEndHouseholdMember(current, '2020-01-02')).not.toThrow()
    expect(refusal(() => checkEndHouseholdMember(current, '2019-12-31'))).toMatchObject({
      code: 'organization.end_before_start',
      field: 'to',
    })
  })
})
