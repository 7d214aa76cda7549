import { describe, expect, it } from 'vitest'
import { type AccountFact, lineAccountError } from './drafts.js'

// Every line posts to an account of the ledger's chart that exists, is a leaf and is enabled
// (农村集体经济组织会计制度: entries go to the most detailed account). Each refusal names the line.

const accounts = new Map<string, AccountFact>([
  ['101', { code: '101', name: '库存现金', isLeaf: true, disabled: false }],
  ['102', { code: '102', name: '银行存款', isLeaf: false, disabled: false }],
  ['10201', { code: '10201', name: '基本户', isLeaf: true, disabled: true }],
])

describe('line accounts', () => {
  it('names the line of an account the chart does not have', () => {
    const e = lineAccountError(accounts, [{ account: '101' }, { account: '101' }, { account: '999' }])
    expect(e?.code).toBe('ledger.account_not_found')
    expect(e?.field).toBe('lines.2.account')
  })

  it('names the line of a parent account and of a disabled one', () => {
    expect(lineAccountError(accounts, [{ account: '101' }, { account: '102' }])?.field).toBe(
      'lines.1.account',
    )
    expect(lineAccountError(accounts, [{ account: '10201' }])).toMatchObject({
      code: 'ledger.account_disabled',
      field: 'lines.0.account',
    })
  })
})
