import { describe, expect, it } from 'vitest'
import type { FundsError } from '../errors.js'
import { CreateFundSourceInput } from '../inputs.js'
import { checkSource } from './sources.js'

const input = (over: object = {}) =>
  CreateFundSourceInput.parse({
    name: '扶持资金',
    kind: 'collective_economy_support',
    level: 'provincial',
    documentNo: '鲁财农指〔2024〕8号',
    fiscalYear: 2024,
    amount: '1000000.00',
    receivedOn: '2023-12-20',
    holder: { kind: 'township', code: '370323107' },
    allowedCategories: ['industry'],
    directFund: false,
    ...over,
  })
const code = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    return (error as FundsError).code
  }
  return null
}

describe('checkSource', () => {
  it('sits where its holder is, received at the earliest in the year before its fiscal year', () => {
    expect(code(() => checkSource(input(), '370323107'))).toBeNull()
    expect(code(() => checkSource(input(), '370323108'))).toBe('funds.holder_mismatch')
    expect(
      code(() =>
        checkSource(
          input({ holder: { kind: 'alliance', id: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab' } }),
          '370323108',
        ),
      ),
    ).toBeNull()
    expect(code(() => checkSource(input({ receivedOn: '2022-12-31' }), '370323107'))).toBe(
      'funds.received_before_year',
    )
  })
})
