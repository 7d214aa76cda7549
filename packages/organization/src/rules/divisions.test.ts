import { describe, expect, it } from 'vitest'
import { checkDivisionUpsert, codeLengthOfKind, divisionParent, requireVillageRow } from './divisions.js'

describe('codeLengthOfKind', () => {
  it('maps kinds to code lengths', () => {
    expect([
      codeLengthOfKind('county'),
      codeLengthOfKind('township'),
      codeLengthOfKind('village'),
      codeLengthOfKind('community'),
    ]).toEqual([6, 9, 12, 12])
  })
})

describe('divisionParent', () => {
  it('hangs a township under its county and a village under its township', () => {
    expect(divisionParent('370322', 'county')).toBeNull()
    expect(divisionParent('370322104', 'township')).toEqual({ parentCode: '370322', parentKind: 'county' })
    expect(divisionParent('370322104203', 'community')).toEqual({
      parentCode: '370322104',
      parentKind: 'township',
    })
  })
  it('refuses a code whose length does not match the kind', () => {
    expect(() => divisionParent('370322104', 'village')).toThrow(
      expect.objectContaining({ code: 'organization.division_kind_mismatch', field: 'kind' }),
    )
  })
})

describe('checkDivisionUpsert', () => {
  const expected = { parentCode: '370322104', parentKind: 'township' }
  it('needs the parent, of the right kind', () => {
    expect(() =>
      checkDivisionUpsert('370322104201', 'village', { expected, found: undefined }, undefined),
    ).toThrow(expect.objectContaining({ code: 'organization.parent_division_missing' }))
    expect(() =>
      checkDivisionUpsert('370322104201', 'village', { expected, found: { kind: 'county' } }, undefined),
    ).toThrow(expect.objectContaining({ code: 'organization.parent_division_missing' }))
  })
  it('keeps the kind of a recorded division', () => {
    const found = { kind: 'township' }
    expect(() =>
      checkDivisionUpsert('370322104201', 'community', { expected, found }, { kind: 'village' }),
    ).toThrow(expect.objectContaining({ code: 'organization.division_kind_change', kind: 'conflict' }))
    expect(() =>
      checkDivisionUpsert('370322104201', 'village', { expected, found }, { kind: 'village' }),
    ).not.toThrow()
  })
})

describe('requireVillageRow', () => {
  it('accepts villages and communities only', () => {
    expect(requireVillageRow('370322104201', { kind: 'community' }).kind).toBe('community')
    expect(() => requireVillageRow('370322104', { kind: 'township' }, 'code')).toThrow(
      expect.objectContaining({ code: 'organization.division_not_found', field: 'code', kind: 'not_found' }),
    )
  })
})
