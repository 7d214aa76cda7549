import { describe, expect, it } from 'vitest'
import type { FundsError } from '../errors.js'
import { CreateProjectInput } from '../inputs.js'
import { checkProject, isPublic } from './projects.js'

const input = (over: object = {}) =>
  CreateProjectInput.parse({
    name: '香菇产业园',
    category: 'industry',
    townshipCode: '370323107',
    implementer: { villageCode: '370323107201' },
    budget: '3000000.00',
    location: '朱家户村东',
    startOn: '2024-04-01',
    endOn: '2024-10-31',
    beneficiaries: [
      { villageCode: '370323107201', units: 160 },
      { villageCode: '370323107202', units: 90 },
    ],
    targets: [
      { level1: 'output', indicator: '新建香菇大棚', unit: '个', target: '49' },
      { level1: 'benefit', indicator: '村集体增收', unit: '万元', target: '20' },
    ],
    benefitMechanism: '按出资比例分红',
    proposedBy: 'alliance',
    ...over,
  })
const code = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    return { code: (error as FundsError).code, field: (error as FundsError).field }
  }
  return null
}

describe('checkProject', () => {
  it('takes a project with targets, a mechanism, its own villages, each once', () => {
    expect(code(() => checkProject(input()))).toBeNull()
  })

  it('names each beneficiary and each indicator once', () => {
    expect(
      code(() =>
        checkProject(
          input({
            beneficiaries: [
              { villageCode: '370323107201', units: 1 },
              { villageCode: '370323107201', units: 2 },
            ],
          }),
        ),
      ),
    ).toEqual({ code: 'funds.duplicate_beneficiary', field: 'beneficiaries.1.villageCode' })
    expect(
      code(() =>
        checkProject(
          input({
            targets: [
              { level1: 'output', indicator: '大棚', unit: '个', target: '1' },
              { level1: 'output', indicator: '大棚', unit: '个', target: '2' },
            ],
          }),
        ),
      ),
    ).toEqual({ code: 'funds.duplicate_indicator', field: 'targets.1.indicator' })
  })

  it('keeps villages in the township and county, and the end after the start', () => {
    expect(code(() => checkProject(input({ implementer: { villageCode: '370323108201' } })))?.code).toBe(
      'funds.implementer_outside_township',
    )
    expect(
      code(() => checkProject(input({ beneficiaries: [{ villageCode: '370322104203', units: 1 }] })))?.code,
    ).toBe('funds.beneficiary_outside_county')
    expect(code(() => checkProject(input({ endOn: '2024-03-31' })))?.code).toBe('funds.ends_before_start')
  })

  it('shows on the public noticeboard past the library, unless cancelled', () => {
    expect(['candidate', 'cancelled'].filter(isPublic)).toEqual([])
    expect(['submitted', 'approved', 'operating', 'closed'].every(isPublic)).toBe(true)
  })
})
