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
