import { DomainError, formatMoney } from '@liancun/core'
import type { GuardOptions, ProjectRef, TransitionGate, TransitionInput } from '@liancun/funds'
import type { DecisionStanding } from '@liancun/governance'
import type { Services } from '../services.js'

/**
 * 县审定 of a major project needs a 四议两公开 decision (governance domain): when the budget is
 * at or above the major-matter amount in the rules effective for the implementing village on
 * the day, the step names a village or alliance matter that concerns that village, is
 * resolved, and whose resolution disclosure has ended with no objection pending. The standing
 * found is stored with the step. Other steps go straight to the funds domain. The gate is read
 * once the funds domain has loaded, locked and authorised the project (`options.guard`).
 */
export async function transitionProject(
  services: Services,
  projectId: string,
  input: TransitionInput,
  actor: string,
  today: string,
  options?: GuardOptions<ProjectRef>,
) {
  return services.funds.transition(
    projectId,
    input,
    actor,
    (project) => gateFor(services, project, input, today),
    options,
  )
}

async function gateFor(
  services: Services,
  project: ProjectRef,
  input: TransitionInput,
  today: string,
): Promise<TransitionGate> {
  const gate: TransitionGate = {}
  if (input.to === 'approved') {
    const on = input.on ?? today
    const ruleHolder = project.implementerVillageCode ?? project.townshipCode
    const { rules } = await services.governance.getRules(ruleHolder, on)
    gate.majorMatterAmount = rules.majorMatterFen
    if (project.budget >= rules.majorMatterFen) {
      const standing = input.decisionRef ? await standingOf(services, input.decisionRef, on) : null
      const missing = standing
        ? [
            ...standing.missing,
            ...concerns(standing, project.implementerVillageCode, project.beneficiaryVillageCodes),
          ]
        : ['decisionRef: a 四议两公开 matter (village or alliance) resolved for this project']
      if (missing.length > 0) {
        throw new DomainError(
          'funds.decision_required',
          `a budget of ${formatMoney(project.budget)} reaches the major-matter amount ${formatMoney(rules.majorMatterFen)}: ${missing.join('; ')}`,
          {
            kind: 'rule',
            field: 'decisionRef',
            context: {
              missing,
              majorMatterAmount: formatMoney(rules.majorMatterFen),
              budget: formatMoney(project.budget),
            },
          },
        )
      }
      gate.decision = { ref: standing!.id, kind: standing!.kind, satisfied: true, missing: [] }
    }
  }
  return gate
}

/** A decision reference names a village matter or an alliance matter. */
async function standingOf(services: Services, ref: string, on: string): Promise<DecisionStanding> {
  try {
    return await services.governance.decisionStanding({ matterId: ref }, on)
  } catch (error) {
    if (!(DomainError.isInstance(error) && error.code === 'governance.matter_not_found')) throw error
  }
  try {
    return await services.governance.decisionStanding({ allianceMatterId: ref }, on)
  } catch (error) {
    if (DomainError.isInstance(error) && error.code === 'governance.alliance_matter_not_found') {
      throw new DomainError('funds.decision_not_found', `no 四议两公开 matter or alliance matter ${ref}`, {
        kind: 'rule',
        field: 'decisionRef',
      })
    }
    throw error
  }
}

/**
 * The decision must be the implementing village's own (or include it, for an alliance matter);
 * where a partner enterprise implements, it must be decided by at least one beneficiary village.
 */
function concerns(standing: DecisionStanding, village: string | null, beneficiaries: string[]): string[] {
  if (village !== null) {
    if (standing.villageCodes.includes(village)) return []
    return [
      `${standing.kind} ${standing.id} was decided by ${standing.villageCodes.join(', ')}, not by the implementing village ${village}`,
    ]
  }
  if (standing.villageCodes.some((code) => beneficiaries.includes(code))) return []
  return [
    `${standing.kind} ${standing.id} was decided by none of the beneficiary villages ${beneficiaries.join(', ')}`,
  ]
}
