import { describe, expect, it } from 'vitest'
import { rosterCounts } from './roster.js'

describe('rosterCounts', () => {
  it('excludes the excused from who should attend, and probationary members from the electorate', () => {
    expect(
      rosterCounts([
        { status: 'full', excused: false },
        { status: 'full', excused: true },
        { status: 'probationary', excused: false },
        { status: 'probationary', excused: true },
      ]),
    ).toEqual({ full: 2, probationary: 2, excused: 2, shouldAttend: 2, fullVoting: 1 })
  })
  it('is all zero for an empty branch', () => {
    expect(rosterCounts([])).toEqual({ full: 0, probationary: 0, excused: 0, shouldAttend: 0, fullVoting: 0 })
  })
})
