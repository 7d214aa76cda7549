import { describe, expect, it } from 'vitest'
import { reopenProblem } from './periods.js'

/** 反结账: months reopen from the latest closed one back, so the refusal names that month. */
describe('reopening a month with later months closed', () => {
  it('names the latest closed month as the one to reopen first, and lists the later ones', () => {
    const problem = reopenProblem('2024-03', new Set(['2024-05', '2024-03', '2024-04', '2024-02']))
    expect(problem?.code).toBe('ledger.later_period_closed')
    expect(problem?.message).toContain('reopen 2024-05 first')
    expect(problem?.context).toEqual({ period: '2024-03', laterClosed: ['2024-04', '2024-05'] })
  })
})
