import { DomainError } from '@liancun/core'
import type { CreateAllianceMatterInput } from '@liancun/governance'
import type { Services } from '../services.js'

/**
 * 三集中 with 三不变: an alliance raises a matter, but each listed village decides it for itself.
 * The listed villages must be members of the alliance on the day it is raised (organisation
 * domain); the governance domain then fans out one village matter each, in the same transaction.
 */
export async function createAllianceMatter(
  services: Services,
  input: CreateAllianceMatterInput,
  today: string,
) {
  const alliance = await services.organization.getAlliance(input.allianceId, today)
  const members = new Set(alliance.members.map((m) => m.villageCode))
  input.villageCodes.forEach((code, index) => {
    if (!members.has(code)) {
      throw new DomainError(
        'governance.village_not_member',
        `${code} is not a member of ${alliance.name} on ${today}`,
        {
          kind: 'rule',
          field: `villageCodes.${index}`,
        },
      )
    }
  })
  return services.governance.createAllianceMatter(input, alliance.countyCode)
}
