import { organizationCodeCheckCharacter, usccCheckCharacter } from '@liancun/core'
import type { TestApp } from './helpers.js'

/** A valid village-collective USCC (N2…) for the given 8-character body. */
export function collectiveUscc(body: string): string {
  const first16 = `N2370322${body}`
  const first17 = first16 + organizationCodeCheckCharacter(first16.slice(8, 16))
  return first17 + usccCheckCharacter(first17)
}

/** Keys of one village's 出纳/记账/审核 roles, and its ledger. */
export async function villageBooks(t: TestApp, villageCode: string, body: string) {
  const bookkeeper = await t.mintKey('bookkeeper', villageCode)
  const reviewer = await t.mintKey('reviewer', villageCode)
  const created = await t.call('POST', '/v1/ledgers', {
    key: bookkeeper,
    body: {
      villageCode,
      collective: { name: `${villageCode} 股份经济合作社`, uscc: collectiveUscc(body) },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    },
  })
  if (created.statusCode !== 201) throw new Error(`ledger: ${created.body}`)
  return { bookkeeper, reviewer, ledgerId: created.json().id as string }
}

export const voucher = (date: string, debit: string, credit: string, amount: string, summary = '业务') => ({
  date,
  summary,
  attachments: 1,
  lines: [
    { account: debit, debit: amount },
    { account: credit, credit: amount },
  ],
})
