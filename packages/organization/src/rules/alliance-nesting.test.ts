import { describe, expect, it } from 'vitest'
import { checkParentAlliance, sameTier } from './alliance-nesting.js'

const township = {
  id: 'p',
  tier: 'township_area',
  countyCode: '510722',
  townshipCode: '510722101',
  establishedOn: '2021-01-01',
}
/** The refusal's code, field and context, as a partial match. */
const refused = (context: Record<string, unknown> = {}) =>
  expect.objectContaining({
    code: 'organization.parent_alliance_invalid',
    field: 'parentAllianceId',
    context: expect.objectContaining({ parentAllianceId: 'p', ...context }),
  })
const village = {
  tier: 'village_area',
  countyCode: '510722',
  townshipCode: '510722101',
  establishedOn: '2021-01-01',
}

describe('alliance nesting (seed 004: 镇域片区联合党委 above 村级片区联合党组织)', () => {
  it('a village-area alliance sits under a township-area alliance of its township, founded the same day or earlier', () => {
    expect(() => checkParentAlliance(village, township)).not.toThrow()
    expect(() => checkParentAlliance({ ...village, establishedOn: '2021-01-02' }, township)).not.toThrow()
  })

  it('refuses a parent founded one day after the child', () => {
    expect(() => checkParentAlliance({ ...village, establishedOn: '2020-12-31' }, township)).toThrow(
      refused({ parentEstablishedOn: '2021-01-01', establishedOn: '2020-12-31' }),
    )
  })

  it('refuses a parent of the village tier, and a township-area child', () => {
    expect(() => checkParentAlliance(village, { ...township, tier: 'village_area' })).toThrow(
      refused({ parentTier: 'village_area', tier: 'village_area' }),
    )
    expect(() => checkParentAlliance({ ...village, tier: 'township_area' }, township)).toThrow(
      refused({ tier: 'township_area' }),
    )
  })

  it('refuses a parent of another township or county', () => {
    expect(() => checkParentAlliance(village, { ...township, townshipCode: '510722102' })).toThrow(
      refused({ parentTownshipCode: '510722102', townshipCode: '510722101' }),
    )
    expect(() => checkParentAlliance(village, { ...township, countyCode: '510723' })).toThrow(refused())
  })

  it('keeps only the memberships of the same tier', () => {
    const rows = [
      { id: 1, allianceTier: 'village_area' },
      { id: 2, allianceTier: 'township_area' },
    ]
    expect(sameTier(rows, 'village_area').map((r) => r.id)).toEqual([1])
    expect(sameTier(rows, 'township_area').map((r) => r.id)).toEqual([2])
  })
})
