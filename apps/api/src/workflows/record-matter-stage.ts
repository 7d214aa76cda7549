import type { GuardOptions, MatterMeetingInput, MatterRef, Stage, StageRoster } from '@liancun/governance'
import type { Services } from '../services.js'

/**
 * A 四议两公开 meeting is judged against rosters the organisation domain keeps: the branch
 * committee (proposal), the 两委 counted once per person (consultation), the Party members not
 * excused that day (review; probationary members and those under 留党察看 attend without a vote),
 * and the 村民代表会议 (村委会 members and 村民代表, each once) or the villagers aged 18+ with the
 * households on record (resolution). The app reads them for the meeting day and hands them over.
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
    // 留党察看: attends without a vote, and is not among those who should attend with one.
    const sanctioned = present.filter((m) => m.sanction !== null).map((m) => m.personId)
    return {
      kind: 'party_assembly',
      fullVoting: present.filter((m) => m.status === 'full' && m.sanction === null).map((m) => m.personId),
      probationary: present
        .filter((m) => m.status === 'probationary' && m.sanction === null)
        .map((m) => m.personId),
      sanctioned,
    }
  }
  if (input.body === 'representatives_meeting') {
    // 组织法 Art. 25: the 村委会 members and the 村民代表, a person in both counted once.
    const { members } = await services.organization.representativesMeetingRoster(village, day)
    const reps = members.filter((m) => m.representative)
    return {
      kind: 'representatives',
      members: members.map((m) => m.personId),
      representatives: reps.map((m) => m.personId),
      womenRepresentatives: reps.filter((m) => m.gender === 'female').map((m) => m.personId),
      unknownGender: members.filter((m) => m.gender === null).length,
    }
  }
  // The villagers aged 18+ on the day and the households on record: never numbers typed in.
  const roster = await services.organization.villagersRoster(village, day)
  return {
    kind: 'villagers',
    villagers: roster.adults,
    unknownAge: roster.unknownAge.length,
    households: roster.households.map((h) => ({ id: h.id, adults: h.adults })),
  }
}
