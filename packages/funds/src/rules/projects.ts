import { countyOf } from '@liancun/core'
import { FundsError } from '../errors.js'
import type { CreateProjectInput } from '../inputs.js'

/**
 * A project enters the library with its 绩效目标 and 利益联结机制, an implementing village of its
 * township, each beneficiary once and in its county, and each indicator once. Pure.
 */
export function checkProject(input: CreateProjectInput): void {
  if (input.targets.length === 0) {
    throw new FundsError('funds.targets_required', 'a project enters the library with its 绩效目标', {
      field: 'targets',
    })
  }
  if (input.benefitMechanism.length === 0) {
    throw new FundsError('funds.benefit_mechanism_required', 'a project states its 利益联结机制', {
      field: 'benefitMechanism',
    })
  }
  if (input.endOn < input.startOn) {
    throw new FundsError('funds.ends_before_start', 'endOn is on or after startOn', { field: 'endOn' })
  }
  const village = 'villageCode' in input.implementer ? input.implementer.villageCode : null
  if (village && !village.startsWith(input.townshipCode)) {
    throw new FundsError('funds.implementer_outside_township', `${village} is not in ${input.townshipCode}`, {
      field: 'implementer.villageCode',
    })
  }
  const seen = new Set<string>()
  input.beneficiaries.forEach((b, i) => {
    if (seen.has(b.villageCode)) {
      throw new FundsError('funds.duplicate_beneficiary', `${b.villageCode} is listed twice`, {
        field: `beneficiaries.${i}.villageCode`,
      })
    }
    if (countyOf(b.villageCode) !== countyOf(input.townshipCode)) {
      throw new FundsError('funds.beneficiary_outside_county', 'beneficiaries lie in the project’s county', {
        field: `beneficiaries.${i}.villageCode`,
      })
    }
    seen.add(b.villageCode)
  })
  const indicators = new Set<string>()
  input.targets.forEach((t, i) => {
    if (indicators.has(t.indicator)) {
      throw new FundsError('funds.duplicate_indicator', `indicator ${t.indicator} is listed twice`, {
        field: `targets.${i}.indicator`,
      })
    }
    indicators.add(t.indicator)
  })
}

/** Public (项目公开): past the library stage and not cancelled. */
export const isPublic = (status: string) => status !== 'candidate' && status !== 'cancelled'
