import { expectDomainError } from '@liancun/core/testing'
import { describe, expect, it } from 'vitest'
import type { FundsError } from '../errors.js'
import { checkDistributable, checkEarning, distributionDate, monitoredPayables } from './revenue.js'

const code = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    return (error as FundsError).code
  }
  return null
}

describe('revenue and its distribution', () => {
  it('comes from accepted or operating projects', () => {
    expect(code(() => checkEarning('accepted'))).toBeNull()
    expect(code(() => checkEarning('operating'))).toBeNull()
    expect(code(() => checkEarning('started'))).toBe('funds.not_operating')
  })

  it('is distributed once, by the shares set at acceptance, on or after the day it was received', () => {
    expect(code(() => checkDistributable('r1', 'run1', [{}]))).toBe('funds.revenue_distributed')
    expect(code(() => checkDistributable('r1', null, []))).toBe('funds.no_shares')
    expect(code(() => checkDistributable('r1', null, [{}]))).toBeNull()
    const revenue = { receivedOn: '2024-12-01' }
    expect(distributionDate(revenue, undefined)).toBe('2024-12-01')
    expect(distributionDate(revenue, '2024-12-02')).toBe('2024-12-02')
    expect(code(() => distributionDate(revenue, '2024-11-30'))).toBe('funds.distributed_before_received')
  })
})

describe('the monitored households’ part is owed to named households (防返贫监测对象)', () => {
  it('splits the part by units exactly, and refuses a part owed to no one', async () => {
    expect(monitoredPayables(100n, [{ ref: 'A' }, { ref: 'B', units: 2 }])).toEqual([
      { ref: 'A', amount: 33n },
      { ref: 'B', amount: 67n },
    ])
    expect(monitoredPayables(0n, undefined)).toEqual([])
    await expectDomainError(
      Promise.resolve().then(() => monitoredPayables(1n, [])),
      'funds.monitored_households_required',
    )
  })
})
