import { representativesComposition } from '@liancun/governance'
import type { Services } from '../services.js'

/**
 * The 村民代表会议 of a day (组织法 Art. 25: 村委会 members and 村民代表, each person once) with
 * the make-up the law asks of it — representatives at least 4/5 of its members, women
 * representatives at least 1/3 — judged under the governance rules in force that day. A report,
 * not a refusal: the law says 应当 of how the meeting is formed.
 */
export async function representativesMeeting(services: Services, villageCode: string, asOf: string) {
  const roster = await services.organization.representativesMeetingRoster(villageCode, asOf)
  const { rules } = await services.governance.getRules(villageCode, asOf)
  const reps = roster.members.filter((m) => m.representative)
  const composition = representativesComposition(
    {
      kind: 'representatives',
      members: roster.members.map((m) => m.personId),
      representatives: reps.map((m) => m.personId),
      womenRepresentatives: reps.filter((m) => m.gender === 'female').map((m) => m.personId),
      unknownGender: roster.members.filter((m) => m.gender === null).length,
    },
    rules,
  )
  return { villageCode, asOf, members: roster.members, composition }
}
