import { describe, expect, it } from 'vitest'
import { fromStored, ruleHolders, toStored } from './overrides.js'

describe('stored overrides', () => {
  it('stores rules without the effective date, money as a decimal string of fen', () => {
    const text = toStored({ effectiveFrom: '2024-01-01', disclosureDays: 10, majorMatterAmount: 5_000_000n })
    expect(JSON.parse(text)).toEqual({ disclosureDays: 10, majorMatterFen: '5000000' })
    expect(fromStored(text)).toEqual({ disclosureDays: 10, majorMatterFen: 5_000_000n })
  })

  it('leaves the amount out when none was set, and reads it back absent', () => {
    const text = toStored({ effectiveFrom: '2024-01-01', objectionResponseDays: 2 })
    expect(JSON.parse(text)).toEqual({ objectionResponseDays: 2 })
    const read = fromStored(text)
    expect(read).toEqual({ objectionResponseDays: 2 })
    expect('majorMatterFen' in read).toBe(false)
    // an amount of zero is an amount
    expect(fromStored(toStored({ effectiveFrom: '2024-01-01', majorMatterAmount: 0n }))).toEqual({
      majorMatterFen: 0n,
    })
  })
})

describe('ruleHolders', () => {
  it('names the county and the township of a village, once each', () => {
    expect(ruleHolders('370302104201')).toEqual(['370302', '370302104'])
    expect(ruleHolders('370302104')).toEqual(['370302', '370302104'])
    expect(ruleHolders('370302')).toEqual(['370302'])
  })
})
