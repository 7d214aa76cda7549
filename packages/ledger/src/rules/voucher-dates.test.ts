import { addDays } from '@liancun/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { voucherDateProblem } from './voucher-dates.js'

describe('voucherDateProblem', () => {
  const today = '2024-06-12'

  it('lets a draft be dated up to the end of the current month, never into the next', () => {
    expect(voucherDateProblem('2024-06-12', today, 'draft')).toBeNull()
    expect(voucherDateProblem('2024-06-30', today, 'draft')).toBeNull()
    expect(voucherDateProblem('2023-01-01', today, 'draft')).toBeNull()
    expect(voucherDateProblem('2024-07-01', today, 'draft')?.rule).toBe('after_current_month')
    expect(voucherDateProblem('9999-12-31', today, 'draft')?.rule).toBe('after_current_month')
  })

  it('posts only once the voucher’s date has come', () => {
    expect(voucherDateProblem('2024-06-12', today, 'post')).toBeNull()
    expect(voucherDateProblem('2024-05-31', today, 'post')).toBeNull()
    expect(voucherDateProblem('2024-06-13', today, 'post')?.rule).toBe('after_today')
    expect(voucherDateProblem('2024-06-30', today, 'post')?.rule).toBe('after_today')
    expect(voucherDateProblem('9999-12-31', today, 'post')?.rule).toBe('after_current_month')
  })

  it('reads the month boundary from the dates, including year ends and leap days', () => {
    expect(voucherDateProblem('2024-12-31', '2024-12-01', 'draft')).toBeNull()
    expect(voucherDateProblem('2025-01-01', '2024-12-31', 'draft')?.rule).toBe('after_current_month')
    expect(voucherDateProblem('2024-02-29', '2024-02-01', 'draft')).toBeNull()
    expect(voucherDateProblem('2024-02-29', '2024-02-29', 'post')).toBeNull()
  })

  it('accepts for posting exactly the dates up to today, and for drafts a superset', () => {
    const day = fc.integer({ min: -800, max: 800 }).map((n) => addDays('2024-06-12', n))
    fc.assert(
      fc.property(day, day, (date, now) => {
        const post = voucherDateProblem(date, now, 'post') === null
        const draft = voucherDateProblem(date, now, 'draft') === null
        expect(post).toBe(date <= now)
        if (post) expect(draft).toBe(true)
        expect(draft).toBe(date.slice(0, 7) <= now.slice(0, 7))
      }),
    )
  })
})
