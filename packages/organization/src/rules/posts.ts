import { OrganizationError } from '../errors.js'

/** Which titles each village body has, and which of them only one person holds at a time. */
export const POST_TITLES = {
  party_branch: ['secretary', 'deputy_secretary', 'committee_member'],
  village_committee: ['chair', 'vice_chair', 'member'],
  supervision_committee: ['chair', 'member'],
} as const

export type PostBody = keyof typeof POST_TITLES

export function isValidPostTitle(body: PostBody, title: string): boolean {
  return (POST_TITLES[body] as readonly string[]).includes(title)
}

/** 书记 and 主任 (chair) are held by one person at a time; members are many. */
export function isSingleHolderTitle(title: string): boolean {
  return title === 'secretary' || title === 'chair'
}

interface HeldPost {
  body: string
  title: string
  personId: string
}

/** 一肩挑: the Party branch secretary is the same person as the village committee chair. */
export function secretaryIsChair(posts: readonly HeldPost[]): boolean {
  const secretary = posts.find((post) => post.body === 'party_branch' && post.title === 'secretary')
  return (
    secretary !== undefined &&
    posts.some(
      (post) =>
        post.body === 'village_committee' && post.title === 'chair' && post.personId === secretary.personId,
    )
  )
}

interface PostRange {
  id: string
  title: string
  personId: string
  from: string
  to: string | null
}

/** A body's own titles only (a party branch has no chair). */
export function checkVillagePostTitle(body: PostBody, title: string): void {
  if (!isValidPostTitle(body, title)) {
    throw new OrganizationError('organization.invalid_post_title', `${body} has no post "${title}"`, {
      field: 'title',
    })
  }
}

/**
 * A new post of `body` in `villageCode`; `sameBody` are the body's posts overlapping its range.
 * One secretary / chair at a time, one post per person per body.
 */
export function checkVillagePostClash(
  villageCode: string,
  input: { body: PostBody; title: string; personId: string },
  sameBody: readonly PostRange[],
): void {
  const held = isSingleHolderTitle(input.title)
    ? sameBody.find((post) => post.title === input.title)
    : undefined
  if (held) {
    throw new OrganizationError(
      'organization.post_already_held',
      `the ${input.body} ${input.title} of ${villageCode} is held by another person from ${held.from}${held.to ? ` to ${held.to}` : ''}`,
      { field: 'from', context: { postId: held.id, personId: held.personId } },
    )
  }
  const twice = sameBody.find((post) => post.personId === input.personId)
  if (twice) {
    throw new OrganizationError(
      'organization.person_already_in_body',
      `this person already holds ${twice.title} in the ${input.body} of ${villageCode} in that period`,
      { field: 'personId', context: { postId: twice.id } },
    )
  }
}

/** A post ends once, not before it began. */
export function checkPostEnd(post: { from: string; to: string | null }, to: string): void {
  if (post.to !== null) {
    throw new OrganizationError('organization.post_already_ended', `the post ended on ${post.to}`)
  }
  if (to < post.from) {
    throw new OrganizationError('organization.end_before_start', `the post began on ${post.from}`, {
      field: 'to',
    })
  }
}

/** Alliance posts start once the alliance exists. */
export function checkAlliancePostDate(alliance: { establishedOn: string }, from: string): void {
  if (from < alliance.establishedOn) {
    throw new OrganizationError(
      'organization.post_before_establishment',
      `the alliance was established on ${alliance.establishedOn}`,
      { field: 'from' },
    )
  }
}

/** One alliance secretary at a time; one post per person per alliance. `existing` overlap the range. */
export function checkAlliancePostClash(
  input: { title: string; personId: string },
  existing: readonly Pick<PostRange, 'title' | 'personId'>[],
): void {
  if (input.title === 'secretary' && existing.some((post) => post.title === 'secretary')) {
    throw new OrganizationError(
      'organization.post_already_held',
      'the alliance already has a secretary then',
      {
        field: 'from',
      },
    )
  }
  if (existing.some((post) => post.personId === input.personId)) {
    throw new OrganizationError(
      'organization.person_already_in_body',
      'this person already holds a post of the alliance then',
      { field: 'personId' },
    )
  }
}
