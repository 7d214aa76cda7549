import { CollectiveError } from '../errors.js'

/**
 * The leaf account a voucher of the registers posts to (2023 chart: 322 收益分配, 211 应付款,
 * 112 应收款, 501 经营收入, 102 银行存款): the caller's choice among the enabled leaves under the
 * first-level code, or the only one there. Several leave the choice to the caller rather than
 * guessing (a village may keep 211 per 户 in 明细科目).
 */
export function chooseLeaf(
  leaves: readonly { code: string; isLeaf: boolean; disabled: boolean }[],
  firstLevel: string,
  chosen: string | undefined,
  field: string,
): string {
  const usable = leaves
    .filter((a) => a.isLeaf && !a.disabled && a.code.startsWith(firstLevel))
    .map((a) => a.code)
  if (chosen !== undefined ? usable.includes(chosen) : usable.length === 1) return chosen ?? usable[0]!
  throw new CollectiveError(
    'collective.posting_account',
    chosen !== undefined
      ? `${chosen} is not an enabled leaf account under ${firstLevel} in this ledger`
      : `${firstLevel} has ${usable.length} enabled leaf accounts in this ledger (${usable.join(', ')}); name one`,
    { field, context: { firstLevel, leaves: usable } },
  )
}
