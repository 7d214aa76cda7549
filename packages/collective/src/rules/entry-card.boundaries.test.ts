import { describe, expect, it } from 'vitest'
import { cardOfEntry, categoryOfAccount, type LedgerEntry, lineOf } from './entry-card.js'
import { refused } from './refused.test-helper.js'

const entry = (line: Partial<LedgerEntry['line']>, voucher: Partial<LedgerEntry> = {}): LedgerEntry => ({
  voucherId: 'v1',
  status: 'posted',
  reversedById: null,
  date: '2024-06-15',
  line: { lineNo: 1, account: '151', debit: 60_000_000n, credit: null, ...line },
  ...voucher,
})

describe('asset cards from ledger entries (issue 13; 2023 chart 151 固定资产 / 141 长期投资)', () => {
  it('maps 151 and its sub-accounts to fixed, 141 to investment, by prefix as the ledger rolls up', () => {
    expect(categoryOfAccount('151')).toBe('fixed')
    expect(categoryOfAccount('15101')).toBe('fixed')
    expect(categoryOfAccount('1511')).toBe('fixed')
    expect(categoryOfAccount('141')).toBe('investment')
    expect(categoryOfAccount('14102')).toBe('investment')
  })

  it('makes no card for 152 累计折旧, 15 or neighbours of the asset accounts', () => {
    for (const code of ['152', '15201', '15', '150', '142', '1', ''])
      expect(categoryOfAccount(code)).toBeNull()
  })

  it('takes cost = the debit and acquiredOn = the voucher date', () => {
    expect(cardOfEntry(entry({ account: '15101' }))).toEqual({
      category: 'fixed',
      cost: 60_000_000n,
      acquiredOn: '2024-06-15',
    })
    expect(cardOfEntry(entry({ account: '141', debit: 1n })).cost).toBe(1n)
  })

  it('refuses a credit to 151, a debit to 152 and a zero debit', () => {
    const credit = refused(
      () => cardOfEntry(entry({ debit: null, credit: 100n })),
      'collective.entry_not_asset',
    )
    expect(credit.field).toBe('lineNo')
    expect(credit.context).toMatchObject({ side: 'credit', account: '151' })
    refused(() => cardOfEntry(entry({ account: '152' })), 'collective.entry_not_asset')
    refused(() => cardOfEntry(entry({ debit: 0n })), 'collective.entry_not_asset')
  })

  it('refuses a draft and a reversed voucher', () => {
    expect(
      refused(() => cardOfEntry(entry({}, { status: 'draft' })), 'collective.entry_not_posted').context,
    ).toMatchObject({ status: 'draft' })
    refused(() => cardOfEntry(entry({}, { reversedById: 'v2' })), 'collective.entry_not_posted')
  })

  it('finds the line by its number, and refuses a number the voucher does not have', () => {
    const lines = [{ lineNo: 1 }, { lineNo: 2 }]
    expect(lineOf('v1', lines, 2)).toBe(lines[1])
    const missing = refused(() => lineOf('v1', lines, 3), 'collective.entry_line_not_found')
    expect(missing).toMatchObject({ field: 'lineNo', kind: 'not_found' })
    refused(() => lineOf('v1', lines, 0), 'collective.entry_line_not_found')
  })
})
