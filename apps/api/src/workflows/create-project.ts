import { DomainError } from '@liancun/core'
import type { CreateProjectInput } from '@liancun/funds'
import type { Services } from '../services.js'

/**
 * A project enters the library naming places and parties the organisation domain keeps: its
 * township, the implementing village or partner, the beneficiary villages and the alliance must
 * be registered, and the partner and alliance must belong to the project's county.
 */
export async function createProject(services: Services, input: CreateProjectInput, actor: string) {
  const county = input.townshipCode.slice(0, 6)
  await services.organization.getDivision(input.townshipCode)
  if ('villageCode' in input.implementer)
    await services.organization.getDivision(input.implementer.villageCode)
  else {
    const partner = await services.organization.getPartner(input.implementer.partnerId)
    if (partner.countyCode !== county) {
      throw new DomainError(
        'funds.partner_outside_county',
        `${partner.name} is registered in another county`,
        {
          kind: 'rule',
          field: 'implementer.partnerId',
        },
      )
    }
  }
  for (const b of input.beneficiaries) await services.organization.getDivision(b.villageCode)
  if (input.allianceId) {
    const alliance = await services.organization.getAllianceRef(input.allianceId)
    if (alliance.countyCode !== county) {
      throw new DomainError('funds.alliance_outside_county', 'the alliance lies in another county', {
        kind: 'rule',
        field: 'allianceId',
      })
    }
  }
  return services.funds.createProject(input, actor)
}
