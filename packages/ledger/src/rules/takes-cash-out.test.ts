import { describe, expect, it } from 'vitest'
import { takesCashOut } from './posting.js'

const line = (account: string, debit: bigint, credit: bigint) => ({ account, debit, credit })

describe('takesCashOut (whether a voucher needs the later days’ cash balances)', () => {
  it('is false for a receipt, for a voucher without cash and for one whose cash nets to zero or more', () => {
    expect(takesCashOut([line('102', 150n, 0n), line('501', 0n, 150n)])).toBe(false)
    expect(takesCashOut([line('511', 10n, 0n), line('211', 0n, 10n)])).toBe(false)
    // Paid out and received on the same account in one voucher: the net decides.
    expect(takesCashOut([line('102', 150n, 0n), line('102', 0n, 150n)])).toBe(false)
    expect(takesCashOut([line('102', 150n, 0n), line('102', 0n, 100n), line('501', 0n, 50n)])).toBe(false)
  })

  it('is true when any cash account, sub-accounts included, nets negative', () => {
    expect(takesCashOut([line('511', 100n, 0n), line('102', 0n, 100n)])).toBe(true)
    expect(takesCashOut([line('511', 1n, 0n), line('101', 0n, 1n)])).toBe(true)
    expect(takesCashOut([line('10201', 100n, 0n), line('10202', 0n, 100n)])).toBe(true)
    // A transfer from cash on hand to the bank takes money out of 101.
    expect(takesCashOut([line('102', 100n, 0n), line('101', 0n, 100n)])).toBe(true)
  })

  it('reads only 101 and 102 as cash', () => {
    expect(takesCashOut([line('1211', 0n, 5n), line('511', 5n, 0n)])).toBe(false)
    expect(takesCashOut([line('112', 0n, 5n), line('511', 5n, 0n)])).toBe(false)
  })
})
