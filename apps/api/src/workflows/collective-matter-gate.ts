import { type MatterGate, matterStandingProblem } from '@liancun/collective'
import type { Services } from '../services.js'
import { matterOrAllianceStanding } from './matter-standing.js'

/**
 * The 四议两公开 gate of the 三资 registers (a disposal of collective property, a 发包/租赁
 * contract): the major-matter amount is the governance rule in force for the collective's
 * village on the day, and a named matter — a village matter or an alliance matter — must be
 * resolved for that village with its resolution disclosure run and no objection pending. The
 * collective package asks through this gate, once it has loaded and authorised the collective.
 */
export function collectiveMatterGate(services: Services): MatterGate {
  return {
    async majorMatterAmount(ref, on) {
      return (await services.governance.getRules(ref.villageCode, on)).rules.majorMatterFen
    },
    async checkMatter(matterId, ref, on) {
      const standing = await matterOrAllianceStanding(services, matterId, on)
      const missing = standing
        ? [
            ...standing.missing,
            ...(standing.villageCodes.includes(ref.villageCode)
              ? []
              : [
                  `${standing.kind} ${standing.id} was decided by ${standing.villageCodes.join(', ')}, not by ${ref.villageCode}`,
                ]),
          ]
        : [`no 四议两公开 matter or alliance matter ${matterId}`]
      const problem = matterStandingProblem(matterId, missing)
      if (problem) throw problem
    },
  }
}
