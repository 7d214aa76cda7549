import { describe, expect, it } from 'vitest'
import {
  countyOf,
  divisionCodeProblem,
  isWithinDivision,
  parentDivisionCode,
  parseDivisionCode,
  townshipOf,
  VillageCode,
} from './division-code.js'

describe('division codes', () => {
  it('splits a village code into its levels', () => {
    expect(parseDivisionCode('370322104203')).toEqual({
      code: '370322104203',
      level: 'village',
      province: '37',
      city: '3703',
      county: '370322',
      township: '370322104',
      village: '370322104203',
    })
    expect(parseDivisionCode('370322').level).toBe('county')
    expect(parseDivisionCode('370322104').level).toBe('township')
  })

  it('derives county, township and parent', () => {
    expect(countyOf('370322104203')).toBe('370322')
    expect(townshipOf('370322104203')).toBe('370322104')
    expect(parentDivisionCode('370322104203')).toBe('370322104')
    expect(parentDivisionCode('370322104')).toBe('370322')
    expect(parentDivisionCode('37')).toBeNull()
    expect(() => countyOf('3703')).toThrow(/above county/)
    expect(() => townshipOf('370322')).toThrow(/above township/)
  })

  it('tests containment by prefix', () => {
    expect(isWithinDivision('370322104203', '370322')).toBe(true)
    expect(isWithinDivision('370323104203', '370322')).toBe(false)
  })

  it.each([
    ['37032A104203', /digits only/],
    ['37032210420', /2, 4, 6, 9 or 12/],
    ['370300', /county part/],
    ['370322000', /township part/],
    ['370322104000', /village part/],
    ['000322', /province part/],
  ])('refuses %s', (code, problem) => {
    expect(divisionCodeProblem(code)).toMatch(problem)
    expect(() => parseDivisionCode(code)).toThrow()
  })

  it('has a zod schema per level', () => {
    expect(VillageCode.safeParse('370322104203').success).toBe(true)
    expect(VillageCode.safeParse('370322104').success).toBe(false)
  })
})
