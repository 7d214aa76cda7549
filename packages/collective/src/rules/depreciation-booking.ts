import type { Fen } from '@liancun/core'
import { CollectiveError } from '../errors.js'
import { type DepreciationTerms, monthIndex, monthlyCharge } from './depreciation.js'

/**
 * The month's depreciation voucher of a ledger (计提折旧): Dr the expense of each card's class /
 * Cr 152 累计折旧. The 2004 制度 (152 累计折旧 使用说明) books 生产经营用 assets' depreciation to
 * 生产(劳务)成本, 管理用 to 管理费用 and 公益性用途 to 其他支出; the 2023 chart adds 514 公益支出.
 * The text of the 2023 制度 on this point is not in the reference (unverified), so the expense
 * per class is configuration with these defaults:
 * - 经营性 (operating) → 511 经营支出: the collective's operating assets are mostly let out
 *   (冷库, 厂房), their income is 501 经营收入 and their cost 经营支出 (choose 401 for production);
 * - 公益性 (public_welfare) → 514 公益支出 (2004: 其他支出, 515);
 * - 到户类 (household) → 515 其他支出: no operation or public service of the collective's own.
 *
 * Which cards: fixed assets (151) whose card depreciates (straight line); long-term investments
 * (141) and cards of method none (land, assets a rule exempts) are not depreciated; a fully
 * depreciated card charges nothing; a disposed card is charged through its disposal month
 * (当月减少当月照提) — all by `monthlyCharge` of depreciation.ts.
 */
export const ASSET_CLASS_EXPENSE = {
  operating: '511',
  public_welfare: '514',
  household: '515',
} as const
export type BookedAssetClass = keyof typeof ASSET_CLASS_EXPENSE
/** Expense accounts a class's depreciation may be charged to: 401, 511, 513, 514, 515. */
export const DEPRECIATION_EXPENSE_ACCOUNTS = ['401', '511', '513', '514', '515'] as const
export const DEPRECIATION_CREDIT = '152'
export const DEPRECIATION_BOOKING_BASIS =
  '村集体经济组织会计制度 (2004) 152 累计折旧: 生产经营用→生产(劳务)成本, 管理用→管理费用, 公益性用途→其他支出; 2023 chart (财会〔2023〕14号) 511/514/515, unverified per class'

export interface BookedCard {
  id: string
  name: string
  category: 'fixed' | 'investment'
  assetClass: BookedAssetClass
  terms: DepreciationTerms
}

export interface CardCharge {
  id: string
  name: string
  assetClass: BookedAssetClass
  charge: Fen
}

/** The charge of each card for month `period` (YYYY-MM), the cards charging nothing left out. */
export function depreciationCharges(cards: readonly BookedCard[], period: string): CardCharge[] {
  const month = monthIndex(period)
  return cards.flatMap((card) => {
    if (card.category !== 'fixed') return []
    const charge = monthlyCharge(card.terms, month)
    return charge > 0n ? [{ id: card.id, name: card.name, assetClass: card.assetClass, charge }] : []
  })
}

/** Σ of the charges per class, in the order of ASSET_CLASS_EXPENSE. */
export function chargesByClass(
  charges: readonly CardCharge[],
): { assetClass: BookedAssetClass; amount: Fen }[] {
  return (Object.keys(ASSET_CLASS_EXPENSE) as BookedAssetClass[]).flatMap((assetClass) => {
    const amount = charges.filter((c) => c.assetClass === assetClass).reduce((s, c) => s + c.charge, 0n)
    return amount > 0n ? [{ assetClass, amount }] : []
  })
}

/** The last day of month `period` (YYYY-MM). */
export function monthEnd(period: string): string {
  const d = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0))
  return d.toISOString().slice(0, 10)
}

/**
 * A month's depreciation is booked on its last day (按月计提; the register counts a month from its
 * last day, depreciation.ts `monthsClosedBy`), so the voucher and the register agree: a month
 * whose last day is after today is not booked yet.
 */
export function depreciationVoucherDate(period: string, today: string): string {
  const end = monthEnd(period)
  if (end > today) {
    throw new CollectiveError(
      'collective.period_not_begun',
      `${period}'s depreciation is booked on its last day, ${end}; today is ${today}`,
      { field: 'period', context: { period, bookedOn: end, today } },
    )
  }
  return end
}

/** A class's expense account, if the caller names one, is under one of the expense accounts. */
export function checkExpenseAccount(code: string, field: string): void {
  if (!DEPRECIATION_EXPENSE_ACCOUNTS.some((first) => code.startsWith(first))) {
    throw new CollectiveError(
      'collective.posting_account',
      `depreciation is charged to an expense account under ${DEPRECIATION_EXPENSE_ACCOUNTS.join(', ')}, not ${code}`,
      { field, context: { allowed: [...DEPRECIATION_EXPENSE_ACCOUNTS] } },
    )
  }
}
