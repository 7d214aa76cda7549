import { expectDomainError } from '@liancun/core/testing'
import { describe, expect, it } from 'vitest'
import type { TitledAsset } from '../inputs.js'
import {
  afterTitleEntries,
  checkAssetTitle,
  checkTitleRequired,
  costBasis,
  titleEntries,
} from './asset-title.js'

const V1 = '370323107201'
const V2 = '370323107202'
const facts = { villages: [V1, V2], disbursed: 600n, planned: 1000n }
const asset = (
  cost: bigint,
  owners: TitledAsset['owners'],
  assetClass: TitledAsset['assetClass'] = 'operating',
) => ({
  name: '大棚',
  assetClass,
  cost,
  owners,
})
const run = (assets: TitledAsset[], f = facts) => Promise.resolve().then(() => checkAssetTitle(assets, f))

describe('资产确权 (国办函〔2021〕51号): values, owners and classes', () => {
  it('takes the plan total as the cost basis, else what was disbursed', () => {
    expect(costBasis(facts)).toBe(1000n)
    expect(costBasis({ ...facts, planned: null })).toBe(600n)
  })

  it('accepts costs exactly at the basis and refuses one fen over or under', async () => {
    expect(checkAssetTitle([asset(1000n, [{ villageCode: V1, value: 1000n }])], facts)).toHaveLength(1)
    await expectDomainError(
      run([asset(1001n, [{ villageCode: V1, value: 1001n }])]),
      'funds.asset_cost_mismatch',
    )
    await expectDomainError(
      run([asset(999n, [{ villageCode: V1, value: 999n }])]),
      'funds.asset_cost_mismatch',
    )
  })

  it('refuses owners whose values miss the cost by one fen', async () => {
    await expectDomainError(
      run([
        asset(1000n, [
          { villageCode: V1, value: 500n },
          { villageCode: V2, value: 499n },
        ]),
      ]),
      'funds.asset_value_mismatch',
    )
  })

  it('gives 到户类 to households and 公益性 to collectives only', async () => {
    const hh = { household: { villageCode: V1, ref: '1组' }, value: 1000n }
    await expectDomainError(
      run([asset(1000n, [{ villageCode: V1, value: 1000n }], 'household')]),
      'funds.asset_owner_class',
    )
    await expectDomainError(run([asset(1000n, [hh], 'public_welfare')]), 'funds.asset_owner_class')
    expect(checkAssetTitle([asset(1000n, [hh], 'household')], facts)[0]).toMatchObject({
      owner: `household:${V1}:1组`,
      household: '1组',
    })
    expect(checkAssetTitle([asset(1000n, [hh], 'operating')], facts)).toHaveLength(1)
  })

  it('refuses an owner outside the project’s villages', async () => {
    await expectDomainError(
      run([asset(1000n, [{ villageCode: '370323107299', value: 1000n }])]),
      'funds.asset_owner_unknown',
    )
  })

  it('requires a title once money was spent or planned, not before', async () => {
    expect(() =>
      checkTitleRequired(undefined, { villages: [V1], disbursed: 0n, planned: null }),
    ).not.toThrow()
    await expectDomainError(
      Promise.resolve().then(() =>
        checkTitleRequired(undefined, { villages: [V1], disbursed: 1n, planned: null }),
      ),
      'funds.asset_title_required',
    )
  })

  it('books what a ledger owns against 311 and what it received out of 241 (balanced)', () => {
    expect(titleEntries(5n, 3n)).toEqual([
      { code: '151', debit: 5n },
      { code: '241', debit: 3n },
      { code: '153', credit: 3n },
      { code: '311', credit: 5n },
    ])
    expect(titleEntries(0n, 3n)).toEqual([
      { code: '241', debit: 3n },
      { code: '153', credit: 3n },
    ])
    expect(titleEntries(0n, 0n)).toEqual([])
  })
})

describe('afterTitleEntries — 先建后补 money after 确权 leaves 241 (issue 12 item 8; inferred)', () => {
  it('moves what arrived out of 241 against the works, never crediting 311 again', () => {
    expect(afterTitleEntries(95_000_000n)).toEqual([
      { code: '241', debit: 95_000_000n },
      { code: '153', credit: 95_000_000n },
    ])
  })
  it('books nothing for nothing received', () => {
    expect(afterTitleEntries(0n)).toEqual([])
  })
})
