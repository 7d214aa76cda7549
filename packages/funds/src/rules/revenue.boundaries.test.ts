import { DomainError } from '@liancun/core'
import { describe, expect, it } from 'vitest'
import { monitoredPayables } from './revenue.js'

// 防返贫监测对象's part of a distribution is paid to named households (funds-and-platforms.md):
// a refusal names the field to fill and the amount owed to no one.

describe('monitored households’ part', () => {
  it('refuses a part with nobody named, naming monitoredHouseholds and the amount in 元', () => {
    for (const households of [undefined, []]) {
      let caught: unknown
      try {
        monitoredPayables(12_345n, households)
      } catch (error) {
        caught = error
      }
      expect(DomainError.isInstance(caught)).toBe(true)
      const e = caught as DomainError
      expect(e.code).toBe('funds.monitored_households_required')
      expect(e.field).toBe('monitoredHouseholds')
      expect(e.context).toEqual({ amount: '123.45' })
    }
  })

  it('one fen is still a part: it goes to exactly one household, never lost', () => {
    expect(monitoredPayables(1n, [{ ref: '2户' }, { ref: '1户' }])).toEqual([
      { ref: '2户', amount: 0n },
      { ref: '1户', amount: 1n },
    ])
  })
})
