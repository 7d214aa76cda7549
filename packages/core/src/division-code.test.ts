import { describe, expect, it } from 'vitest'
import {
  CountyCode,
  countyOf,
  DivisionCode,
  divisionCodeProblem,
  divisionLevel,
  isDivisionCode,
  isWithinDivision,
  parentDivisionCode,
  parseDivisionCode,
  TownshipCode,
  townshipOf,
  VillageCode,
} from './division-code.js'
import type { DomainError } from './domain-error.js'

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

describe('division codes: the structure, stated as a table', () => {
  it.each([
    ['37', null],
    ['3703', null],
    ['370302', null],
    ['370302104', null],
    ['370302104201', null],
    ['', 'a division code has digits only'],
    ['37a302', 'a division code has digits only'],
    ['３７', 'a division code has digits only'],
    ['3', 'a division code has 2, 4, 6, 9 or 12 digits (province, city, county, township, village)'],
    ['370', 'a division code has 2, 4, 6, 9 or 12 digits (province, city, county, township, village)'],
    [
      '3703021042011',
      'a division code has 2, 4, 6, 9 or 12 digits (province, city, county, township, village)',
    ],
    ['00', 'the province part (digits 1–2) must not be 00'],
    ['000302104201', 'the province part (digits 1–2) must not be 00'],
    ['3700', 'the city part (digits 3–4) must not be 00'],
    ['370002', 'the city part (digits 3–4) must not be 00'],
    ['370300', 'the county part (digits 5–6) must not be 00'],
    ['370300104', 'the county part (digits 5–6) must not be 00'],
    ['370302000', 'the township part (digits 7–9) must not be 000'],
    ['370302000201', 'the township part (digits 7–9) must not be 000'],
    ['370302104000', 'the village part (digits 10–12) must not be 000'],
    ['370302100', null], // a township 100 is real, only 000 is filler
    ['370302104100', null],
    ['370302104001', null],
  ])('%j → %s', (code, problem) => {
    expect(divisionCodeProblem(code)).toBe(problem)
    expect(isDivisionCode(code)).toBe(problem === null)
  })

  it.each([
    ['37', { level: 'province', province: '37', city: null, county: null, township: null, village: null }],
    ['3703', { level: 'city', province: '37', city: '3703', county: null, township: null, village: null }],
    [
      '370302',
      { level: 'county', province: '37', city: '3703', county: '370302', township: null, village: null },
    ],
    [
      '370302104',
      {
        level: 'township',
        province: '37',
        city: '3703',
        county: '370302',
        township: '370302104',
        village: null,
      },
    ],
  ])('splits %s into its levels', (code, parts) => {
    expect(parseDivisionCode(code)).toEqual({ code, ...parts })
    expect(divisionLevel(code)).toBe(parts.level)
  })

  it('throws core.invalid_division_code with the code, and the field only when given', () => {
    const caught = (f: () => unknown) => {
      try {
        f()
      } catch (error) {
        const { code, kind, field, context, message } = error as DomainError
        return { code, kind, field, context, message }
      }
      return null
    }
    expect(caught(() => parseDivisionCode('3700', 'villageCode'))).toEqual({
      code: 'core.invalid_division_code',
      kind: 'invalid',
      field: 'villageCode',
      context: { code: '3700' },
      message: '"3700": the city part (digits 3–4) must not be 00',
    })
    expect(caught(() => parseDivisionCode('3700'))?.field).toBeUndefined()
    expect(caught(() => countyOf('3703'))).toMatchObject({
      code: 'core.invalid_division_code',
      kind: 'invalid',
      context: { code: '3703' },
    })
    expect(caught(() => townshipOf('370302'))).toMatchObject({
      code: 'core.invalid_division_code',
      kind: 'invalid',
      context: { code: '370302' },
    })
    expect(townshipOf('370302104')).toBe('370302104')
    expect(countyOf('370302')).toBe('370302')
  })

  it.each([
    ['37', null],
    ['3703', '37'],
    ['370302', '3703'],
    ['370302104', '370302'],
    ['370302104201', '370302104'],
    ['370', null],
  ])('the parent of %j is %j', (code, parent) => {
    expect(parentDivisionCode(code)).toBe(parent)
  })

  it('has level schemas that name the expected length, then the structure', () => {
    const message = (schema: typeof CountyCode, value: string) =>
      schema.safeParse(value).error?.issues[0]?.message
    expect(message(CountyCode, '370302104')).toBe('a county code has 6 digits')
    expect(message(TownshipCode, '370302')).toBe('a township code has 9 digits')
    expect(message(VillageCode, '370302104')).toBe('a village code has 12 digits')
    expect(message(CountyCode, '370300')).toBe('the county part (digits 5–6) must not be 00')
    expect(CountyCode.parse('370302')).toBe('370302')
    expect(TownshipCode.parse('370302104')).toBe('370302104')
    expect(DivisionCode.safeParse('3700').error?.issues[0]?.message).toBe(
      'the city part (digits 3–4) must not be 00',
    )
    expect(DivisionCode.parse('3703')).toBe('3703')
  })
})

describe('division code schemas: issue code and documentation', () => {
  it('reports custom issues and documents each level', () => {
    expect(DivisionCode.safeParse('3700').error?.issues[0]?.code).toBe('custom')
    expect(CountyCode.safeParse('3700').error?.issues[0]?.code).toBe('custom')
    expect(CountyCode.meta()).toEqual({ description: 'county 统计用区划代码 (6 digits)', example: '370303' })
    expect(TownshipCode.meta()).toEqual({
      description: 'township 统计用区划代码 (9 digits)',
      example: '370303104',
    })
    expect(VillageCode.meta()).toEqual({
      description: 'village 统计用区划代码 (12 digits)',
      example: '370303104201',
    })
    expect(DivisionCode.meta()?.description).toBe(
      '统计用区划代码: 2 (省), 4 (市), 6 (县), 9 (乡镇) or 12 (村/社区) digits',
    )
  })
})
