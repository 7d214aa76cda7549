import { OrganizationError } from '../errors.js'

export interface RosterEntry {
  status: 'full' | 'probationary'
  excused: boolean
  /** Under 留党察看 that day: attends, without a vote (党章 Art. 40). */
  sanctioned?: boolean
}

export interface RosterCounts {
  full: number
  probationary: number
  excused: number
  /** 应到: every member not excused (probationary members attend, without a vote). */
  shouldAttend: number
  /** Members under 留党察看 that day (no vote, whatever their status). */
  sanctioned: number
  /** Full members not excused and not under 留党察看: the electorate of a 党员大会 vote. */
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
    sanctioned: entries.filter((e) => e.sanctioned === true).length,
    fullVoting: entries.filter((e) => e.status === 'full' && !e.excused && e.sanctioned !== true).length,
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

/** Periods of 留党察看 of one member do not overlap: `clashes` share a day with the new one. */
export function checkSanction(clashes: readonly { from: string }[]): void {
  const [first] = clashes
  if (first) {
    throw new OrganizationError(
      'organization.sanction_overlaps',
      `留党察看 from ${first.from} already covers part of that period`,
      { field: 'sanction.from' },
    )
  }
}

type Gender = string | null

/**
 * The 村民代表会议's members (组织法 Art. 25: 村委会 members and 村民代表): a person holding both
 * counted once, as a representative. Pure.
 */
export function meetingOfRepresentatives<
  C extends { personId: string; gender: Gender; name: string },
  R extends { personId: string; gender: Gender; name: string },
>(committee: readonly C[], representatives: readonly R[]) {
  const reps = new Set(representatives.map((r) => r.personId))
  const committeeOnly = committee.filter(
    (c, i) => !reps.has(c.personId) && committee.findIndex((o) => o.personId === c.personId) === i,
  )
  const members = [
    ...representatives.map((r) => ({
      personId: r.personId,
      name: r.name,
      gender: r.gender,
      representative: true,
    })),
    ...committeeOnly.map((c) => ({
      personId: c.personId,
      name: c.name,
      gender: c.gender,
      representative: false,
    })),
  ]
  return {
    members,
    committee: committee.map((c) => c.personId),
    representatives: representatives.map((r) => r.personId),
  }
}
