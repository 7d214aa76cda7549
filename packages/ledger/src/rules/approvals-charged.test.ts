import { describe, expect, it } from 'vitest'
import { matterChargedProblem } from './approvals.js'

/**
 * 四议两公开: a matter authorises the amount it decided, summed over every payment charged to it
 * (issue 12 item 6), not that amount again for each voucher.
 */
describe('a matter covers what it decided, over all its payments', () => {
  const payment = (amount: bigint) => ({ kind: 'payment' as const, amount })

  it('passes when what is charged plus this payment is exactly what was decided', () => {
    expect(matterChargedProblem('m', 20_000_000n, 12_000_000n, payment(8_000_000n))).toBeNull()
    expect(matterChargedProblem('m', 20_000_000n, 0n, payment(20_000_000n))).toBeNull()
  })

  it('refuses one fen more, naming what was decided, charged and asked', () => {
    const problem = matterChargedProblem('m', 20_000_000n, 12_000_000n, payment(8_000_001n))
    expect(problem?.code).toBe('ledger.matter_does_not_cover')
    expect(problem?.field).toBe('matterId')
    expect(problem?.context).toMatchObject({
      matterId: 'm',
      kind: 'payment',
      amount: '80000.01',
      decided: '200000.00',
      charged: '120000.00',
    })
    expect(problem?.message).toContain('120000.00')
  })

  it('asks nothing of a voucher below the major-matter amount or of a matter without an amount', () => {
    expect(matterChargedProblem('m', 100n, 1_000n, null)).toBeNull()
    // A matter with no amount is refused by matterStandingProblem before this rule is asked.
    expect(matterChargedProblem('m', null, 1_000n, payment(5n))).toBeNull()
  })
})
