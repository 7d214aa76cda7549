import type { FundHolder } from '@liancun/funds'
import type { Target } from '../auth/scope.js'
import type { Services } from '../services.js'

/**
 * A fund source is held by a county, a township or an alliance (organisation domain). The
 * holder must exist; an alliance's money sits in its township for listing and scope.
 */
export async function resolveFundHolder(
  services: Services,
  holder: FundHolder,
): Promise<{ divisionCode: string; target: Target }> {
  if (holder.kind === 'alliance') {
    const alliance = await services.organization.getAllianceRef(holder.id)
    return {
      divisionCode: alliance.townshipCode,
      target: { kind: 'alliance', id: alliance.id, townshipCode: alliance.townshipCode },
    }
  }
  await services.organization.getDivision(holder.code)
  return { divisionCode: holder.code, target: { kind: 'division', code: holder.code } }
}
