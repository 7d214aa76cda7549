import { describe, expect, it } from 'vitest'
import { chooseLeaf } from './accounts.js'
import { refused } from './refused.test-helper.js'

const leaf = (code: string, disabled = false) => ({ code, isLeaf: true, disabled })

describe('the account a voucher of the registers posts to', () => {
  it('takes the only enabled leaf, or the one named', () => {
    expect(chooseLeaf([leaf('211'), leaf('102')], '211', undefined, 'f')).toBe('211')
    expect(chooseLeaf([leaf('10201'), leaf('10202')], '102', '10202', 'f')).toBe('10202')
    expect(chooseLeaf([leaf('10201'), leaf('10202', true)], '102', undefined, 'f')).toBe('10201')
  })

  it('refuses to guess among several, and a name that is not an enabled leaf', () => {
    expect(
      refused(
        () => chooseLeaf([leaf('10201'), leaf('10202')], '102', undefined, 'bankAccount'),
        'collective.posting_account',
      ).field,
    ).toBe('bankAccount')
    refused(
      () => chooseLeaf([leaf('10201'), leaf('10202', true)], '102', '10202', 'f'),
      'collective.posting_account',
    )
  })
})
