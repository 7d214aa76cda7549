import { DomainError } from '@liancun/core'
import { describe, expect, it } from 'vitest'
import type { TitledAsset } from '../inputs.js'
import { ASSET_TITLE_BASIS, checkAssetTitle, checkTitleRequired } from './asset-title.js'

// 资产确权 (国办函〔2021〕51号 二, funds-and-platforms.md §1.5): what a refusal names — the field
// of the offending owner or asset, and the numbers — and the lines stored for an accepted title.

const V1 = '370323107201'
const V2 = '370323107202'
const facts = { villages: [V1, V2], disbursed: 600n, planned: 1000n }
type Owner = TitledAsset['owners'][number]
const asset = (
  cost: bigint,
  owners: Owner[],
  assetClass: TitledAsset['assetClass'] = 'operating',
  name = '大棚',
): TitledAsset => ({ name, assetClass, cost, owners })
const village = (villageCode: string, value: bigint) => ({ villageCode, value })
const household = (villageCode: string, ref: string, value: bigint) => ({
  household: { villageCode, ref },
  value,
})

/** The DomainError a call throws (fails the test when it does not throw one). */
function refusal(call: () => unknown): DomainError {
  try {
    call()
  } catch (error) {
    if (DomainError.isInstance(error)) return error
    throw error
  }
  throw new Error('expected a refusal, but the call succeeded')
}

describe('资产确权 refusals name the owner or asset at fault (国办函〔2021〕51号 二)', () => {
  // Two assets, the fault in the second asset's second owner: index 1.1, never 0.0.
  const first = asset(400n, [village(V1, 400n)])

  it('an owner of the wrong class: the owner’s field, the asset’s class and the basis', () => {
    const e = refusal(() =>
      checkAssetTitle(
        [first, asset(600n, [household(V1, '1组', 300n), village(V2, 300n)], 'household')],
        facts,
      ),
    )
    expect(e.code).toBe('funds.asset_owner_class')
    expect(e.field).toBe('acceptance.assets.1.owners.1')
    expect(e.context).toEqual({ assetClass: 'household', basis: ASSET_TITLE_BASIS })

    const p = refusal(() =>
      checkAssetTitle(
        [first, asset(600n, [village(V1, 300n), household(V2, '2组', 300n)], 'public_welfare')],
        facts,
      ),
    )
    expect(p.code).toBe('funds.asset_owner_class')
    expect(p.field).toBe('acceptance.assets.1.owners.1')
    expect(p.context).toEqual({ assetClass: 'public_welfare', basis: ASSET_TITLE_BASIS })
  })

  it('a village outside the project: the village code’s field, the project’s villages and the basis', () => {
    const outside = '370323107299'
    const v = refusal(() =>
      checkAssetTitle([first, asset(600n, [village(V2, 300n), village(outside, 300n)])], facts),
    )
    expect(v.code).toBe('funds.asset_owner_unknown')
    expect(v.field).toBe('acceptance.assets.1.owners.1.villageCode')
    expect(v.context).toEqual({ villageCode: outside, projectVillages: [V1, V2], basis: ASSET_TITLE_BASIS })

    const h = refusal(() =>
      checkAssetTitle([first, asset(600n, [village(V2, 300n), household(outside, '3组', 300n)])], facts),
    )
    expect(h.code).toBe('funds.asset_owner_unknown')
    expect(h.field).toBe('acceptance.assets.1.owners.1.household.villageCode')
    expect(h.context).toMatchObject({ villageCode: outside })
  })

  it('an owner listed twice in one asset is refused at the repeat; the same owner in two assets is not', () => {
    const d = refusal(() =>
      checkAssetTitle([first, asset(600n, [village(V2, 300n), village(V2, 300n)])], facts),
    )
    expect(d.code).toBe('funds.duplicate_asset_owner')
    expect(d.field).toBe('acceptance.assets.1.owners.1')

    const hh = refusal(() =>
      checkAssetTitle(
        [first, asset(600n, [household(V1, '1组', 300n), household(V1, '1组', 300n)], 'household')],
        facts,
      ),
    )
    expect(hh.code).toBe('funds.duplicate_asset_owner')
    // Same 户号 in another village, and the village itself beside its household: different owners.
    expect(
      checkAssetTitle(
        [first, asset(600n, [household(V1, '1组', 200n), household(V2, '1组', 200n), village(V1, 200n)])],
        facts,
      ),
    ).toHaveLength(4)
    expect(checkAssetTitle([first, asset(600n, [village(V1, 600n)])], facts)).toHaveLength(2)
  })

  it('owners missing an asset’s cost: the asset’s owners field, cost and owners’ sum in 元', () => {
    const e = refusal(() =>
      checkAssetTitle([first, asset(600n, [village(V1, 300n), village(V2, 299n)])], facts),
    )
    expect(e.code).toBe('funds.asset_value_mismatch')
    expect(e.field).toBe('acceptance.assets.1.owners')
    expect(e.context).toEqual({ cost: '6.00', owners: '5.99', basis: ASSET_TITLE_BASIS })
  })

  it('costs missing the money spent: the assets field, both sums in 元, planned null without a plan', () => {
    const planned = refusal(() => checkAssetTitle([asset(999n, [village(V1, 999n)])], facts))
    expect(planned.code).toBe('funds.asset_cost_mismatch')
    expect(planned.field).toBe('acceptance.assets')
    expect(planned.context).toEqual({
      assets: '9.99',
      disbursed: '6.00',
      planned: '10.00',
      basis: ASSET_TITLE_BASIS,
    })

    const unplanned = refusal(() =>
      checkAssetTitle([asset(601n, [village(V1, 601n)])], { ...facts, planned: null }),
    )
    expect(unplanned.context).toEqual({
      assets: '6.01',
      disbursed: '6.00',
      planned: null,
      basis: ASSET_TITLE_BASIS,
    })
  })
})

describe('资产确权 lines as stored', () => {
  it('numbers assets from 1 in the order given and keeps each owner’s key, village and value', () => {
    const lines = checkAssetTitle(
      [
        asset(400n, [village(V1, 400n)], 'public_welfare', '道路'),
        asset(600n, [household(V2, '7组', 250n), village(V2, 350n)], 'operating', '大棚'),
      ],
      facts,
    )
    expect(lines).toEqual([
      { position: 1, owner: `village:${V1}`, villageCode: V1, household: null, value: 400n },
      { position: 2, owner: `household:${V2}:7组`, villageCode: V2, household: '7组', value: 250n },
      { position: 2, owner: `village:${V2}`, villageCode: V2, household: null, value: 350n },
    ])
  })
})

describe('资产确权 is required once money formed assets', () => {
  it('is satisfied by a title given; without one a plan or a disbursement requires it, with the numbers', () => {
    expect(() => checkTitleRequired([asset(1000n, [village(V1, 1000n)])], facts)).not.toThrow()
    const e = refusal(() => checkTitleRequired(undefined, { villages: [V1], disbursed: 0n, planned: 1n }))
    expect(e.code).toBe('funds.asset_title_required')
    expect(e.field).toBe('acceptance.assets')
    expect(e.context).toEqual({ disbursed: '0.00', planned: '0.01', basis: ASSET_TITLE_BASIS })
    const d = refusal(() => checkTitleRequired(undefined, { villages: [V1], disbursed: 5n, planned: null }))
    expect(d.context).toEqual({ disbursed: '0.05', planned: null, basis: ASSET_TITLE_BASIS })
  })

  it('is not required when the plan is zero even if something was disbursed (the plan is the basis)', () => {
    expect(() => checkTitleRequired(undefined, { villages: [V1], disbursed: 5n, planned: 0n })).not.toThrow()
  })
})
