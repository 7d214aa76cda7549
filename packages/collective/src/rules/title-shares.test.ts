import { describe, expect, it } from 'vitest'
import { ownerUnits } from './title-shares.js'

describe('ownerUnits — 确权 shares from actual contributions (国办函〔2021〕51号)', () => {
  it('reduces values to their smallest whole ratio', () => {
    expect(ownerUnits([75_000_000n, 25_000_000n])).toEqual([3n, 1n])
    expect(ownerUnits([2_000_000n, 1_000_000n])).toEqual([2n, 1n])
  })
  it('keeps a sole owner at one unit', () => {
    expect(ownerUnits([4_000_000n])).toEqual([1n])
  })
  it('stays exact when the values share only one fen', () => {
    expect(ownerUnits([3_333_334n, 3_333_333n, 3_333_333n])).toEqual([3_333_334n, 3_333_333n, 3_333_333n])
  })
})
