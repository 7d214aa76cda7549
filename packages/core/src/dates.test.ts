import { describe, expect, it } from 'vitest'
import { BusinessDate, isBusinessDate, MAX_BUSINESS_DATE, MIN_BUSINESS_DATE } from './dates.js'

describe('business date range', () => {
  it('accepts both ends of the range and refuses the day beyond each', () => {
    expect(isBusinessDate(MIN_BUSINESS_DATE)).toBe(true)
    expect(isBusinessDate(MAX_BUSINESS_DATE)).toBe(true)
    expect(isBusinessDate('1899-12-31')).toBe(false)
    expect(isBusinessDate('2100-01-01')).toBe(false)
  })

  it('refuses the years probes use, which PostgreSQL or Date would choke on', () => {
    for (const probe of ['0000-01-01', '0001-01-01', '9999-12-31', '+02024-01-01', '-0001-01-01']) {
      expect(isBusinessDate(probe)).toBe(false)
    }
  })

  it('says the range in one message for an out-of-range or malformed date', () => {
    for (const value of ['0000-01-01', '2100-01-01', '2024-3-1', '']) {
      const issues = BusinessDate.safeParse(value).error?.issues ?? []
      expect(issues.map((i) => i.message)).toEqual([
        'must be a date written YYYY-MM-DD between 1900-01-01 and 2099-12-31',
      ])
    }
  })

  it('keeps refusing days that do not exist inside the range', () => {
    expect(BusinessDate.safeParse('2023-02-29').error?.issues.map((i) => i.message)).toEqual([
      'must be a calendar date written YYYY-MM-DD',
    ])
    expect(BusinessDate.safeParse('2024-02-29').success).toBe(true)
    expect(BusinessDate.safeParse('1921-07-01').success).toBe(true)
  })
})
