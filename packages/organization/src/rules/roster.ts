export interface RosterEntry {
  status: 'full' | 'probationary'
  excused: boolean
}

export interface RosterCounts {
  full: number
  probationary: number
  excused: number
  /** 应到: every member not excused (probationary members attend, without a vote). */
  shouldAttend: number
  /** Full members not excused: the electorate of a 党员大会 vote. */
  fullVoting: number
}

export function rosterCounts(entries: readonly RosterEntry[]): RosterCounts {
  const full = entries.filter((e) => e.status === 'full').length
  const excused = entries.filter((e) => e.excused).length
  return {
    full,
    probationary: entries.length - full,
    excused,
    shouldAttend: entries.length - excused,
    fullVoting: entries.filter((e) => e.status === 'full' && !e.excused).length,
  }
}
