import type { GuardOptions, MatterMeetingInput, MatterRef, Stage, StageRoster } from '@liancun/governance'
import type { Services } from '../services.js'

/**
 * A 四议两公开 meeting is judged against rosters the organisation domain keeps: the branch
 * committee (proposal), the 两委 counted once per person (consultation), the Party members not
 * excused that day (review; probationary members attend without a vote), and the 村民代表 or the
 * registered villagers (resolution). The app reads them for the meeting day and hands them over.
 */
export async function recordMatterStage(
  services: Services,
  matterId: string,
  stage: Stage,
  input: MatterMeetingInput,
  options?: GuardOptions<MatterRef>,
) {
  // The rosters are read once the matter is loaded, locked and authorised.
  return services.governance.recordStage(
    matterId,
    stage,
    input,
    (matter) => rosterFor(services, matter.villageCode, stage, input),
    options,
  )
}

async function rosterFor(
  services: Services,
  village: string,
  stage: Stage,
  input: MatterMeetingInput,
): Promise<StageRoster> {
  const day = input.heldOn
  if (stage === 'proposal' || stage === 'consultation') {
    const bodies = stage === 'proposal' ? ['party_branch'] : ['party_branch', 'village_committee']
    const { posts, secretaryIsChair } = await services.organization.listVillagePosts(village, day)
    return {
      kind: 'committee',
      members: [...new Set(posts.filter((p) => bodies.includes(p.body)).map((p) => p.personId))],
      secretaryIsChair,
    }
  }
  if (stage === 'party_review') {
    const { members } = await services.organization.listPartyMembers(village, day)
    const present = members.filter((m) => m.excusal === null)
    return {
      kind: 'party_assembly',
      fullVoting: present.filter((m) => m.status === 'full').map((m) => m.personId),
      probationary: present.filter((m) => m.status === 'probationary').map((m) => m.personId),
    }
  }
  if (input.body === 'representatives_meeting') {
    const { representatives } = await services.organization.listRepresentatives(village, day)
    return { kind: 'representatives', members: representatives.map((r) => r.personId) }
  }
  const division = await services.organization.getDivision(village)
  const villagers: string[] = []
  let after: string | null = null
  do {
    const page = await services.organization.listPeople({ villageCode: village, limit: 500, after })
    villagers.push(...page.items.map((p) => p.id))
    after = page.nextCursor ? page.items[page.items.length - 1]!.id : null
  } while (after)
  return { kind: 'villagers', villagers, adults: division.adults ?? 0, households: division.households ?? 0 }
}
