import { OrganizationError } from '../errors.js'

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

/** One open branch membership per person: `overlapping` are the person's memberships from the new start on. */
export function checkNewPartyMember(overlapping: readonly unknown[]): void {
  if (overlapping.length > 0) {
    throw new OrganizationError(
      'organization.party_member_exists',
      'this person is already a member of the branch then',
      { field: 'personId' },
    )
  }
}

/** The person's open membership, which every change of a member starts from. */
export function requireCurrentMembership<T>(
  current: T | undefined,
  personId: string,
  villageCode: string,
): T {
  if (!current) {
    throw new OrganizationError(
      'organization.party_member_not_found',
      `${personId} is not a current member of the ${villageCode} branch`,
    )
  }
  return current
}

/** 转正: a probationary member becomes full after the probation began. */
export function checkBecomeFull(current: { status: string; from: string }, from: string): void {
  if (current.status === 'full') {
    throw new OrganizationError('organization.already_full_member', 'this member is already a full member', {
      field: 'status',
    })
  }
  if (from <= current.from) {
    throw new OrganizationError(
      'organization.end_before_start',
      `转正 must come after the probation began on ${current.from}`,
      { field: 'from' },
    )
  }
}

/** Membership ends on or after it began. */
export function checkEndMembership(current: { from: string }, to: string): void {
  if (to < current.from) {
    throw new OrganizationError('organization.end_before_start', `membership began on ${current.from}`, {
      field: 'to',
    })
  }
}

/** Excusals of one member do not overlap: `clashes` are those sharing a day with the new one. */
export function checkExcusal(clashes: readonly { from: string }[]): void {
  const [first] = clashes
  if (first) {
    throw new OrganizationError(
      'organization.excusal_overlaps',
      `an excusal from ${first.from} already covers part of that period`,
      { field: 'excusal.from' },
    )
  }
}

/** One representative term per person at a time. */
export function checkRepresentativeTerm(clashes: readonly unknown[]): void {
  if (clashes.length > 0) {
    throw new OrganizationError(
      'organization.representative_term_overlaps',
      'this person already serves as a representative then',
      { field: 'from' },
    )
  }
}
