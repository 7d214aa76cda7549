import { DomainError } from '@liancun/core'
import type { DecisionStanding } from '@liancun/governance'
import type { Services } from '../services.js'

/**
 * The standing of a decision named by one id, which may be a village's 四议两公开 matter or an
 * alliance matter (callers — project approval, the 三资 gate, the ledger's gate — do not say
 * which): the village matter first, then the alliance matter; null when neither exists.
 */
export async function matterOrAllianceStanding(
  services: Services,
  id: string,
  on: string,
): Promise<DecisionStanding | null> {
  for (const ref of [{ matterId: id }, { allianceMatterId: id }]) {
    try {
      return await services.governance.decisionStanding(ref, on)
    } catch (error) {
      const notFound =
        DomainError.isInstance(error) &&
        (error.code === 'governance.matter_not_found' ||
          error.code === 'governance.alliance_matter_not_found')
      if (!notFound) throw error
    }
  }
  return null
}
