import { DomainError } from '@liancun/core'
import type { Services } from '../services.js'

/**
 * The leaf account a generated voucher posts to. A village may keep 102 银行存款 (or 112, 502) in
 * 明细科目; the caller may name one under the first-level code, otherwise the only enabled leaf
 * under it is used, and several leave the choice to the caller rather than guessing.
 */
export async function postingAccount(
  services: Services,
  ledgerId: string,
  firstLevel: string,
  chosen?: string,
  field = 'account',
): Promise<string> {
  const accounts = await services.ledger.listAccounts(ledgerId)
  const leaves = accounts.filter((a) => a.isLeaf && !a.disabled && a.code.startsWith(firstLevel))
  if (chosen !== undefined) {
    if (leaves.some((a) => a.code === chosen)) return chosen
    throw new DomainError(
      'funds.invalid_posting_account',
      `${chosen} is not an enabled leaf account under ${firstLevel} in this ledger`,
      { kind: 'rule', field, context: { leaves: leaves.map((a) => a.code) } },
    )
  }
  if (leaves.length === 1) return leaves[0]!.code
  throw new DomainError(
    'funds.posting_account_ambiguous',
    `${firstLevel} has ${leaves.length} enabled sub-accounts in this ledger (${leaves.map((a) => a.code).join(', ')}); name one`,
    { kind: 'rule', field, context: { leaves: leaves.map((a) => a.code) } },
  )
}
