import { describe, expect, it } from 'vitest'
import { chooseLeaf } from './accounts.js'
import { refused } from './refused.test-helper.js'

// The leaf a voucher of the registers posts to: the refusal names the first-level code and the
// enabled leaves the caller may choose from (disabled leaves and other codes are not offered).

const leaf = (code: string, disabled = false) => ({ code, isLeaf: true, disabled })

describe('the posting-account refusal lists the usable leaves', () => {
  it('several enabled leaves, none named', () => {
    const error = refused(
      () =>
        chooseLeaf([leaf('10201'), leaf('10203', true), leaf('10202'), leaf('211')], '102', undefined, 'f'),
      'collective.posting_account',
    )
    expect(error.context).toEqual({ firstLevel: '102', leaves: ['10201', '10202'] })
  })

  it('no enabled leaf under the code', () => {
    const error = refused(
      () => chooseLeaf([leaf('211', true)], '211', undefined, 'f'),
      'collective.posting_account',
    )
    expect(error.context).toEqual({ firstLevel: '211', leaves: [] })
  })
})
