import {
  ASSET_CLASS_EXPENSE,
  type BookedAssetClass,
  checkExpenseAccount,
  chooseLeaf,
  DEPRECIATION_CREDIT,
  type DepreciationRunInput,
  type GuardOptions,
} from '@liancun/collective'
import type { Services } from '../services.js'

const CLASS_NAME: Record<BookedAssetClass, string> = {
  operating: '经营性',
  public_welfare: '公益性',
  household: '到户类',
}

/**
 * 计提折旧 of a collective's ledger for one month, in one transaction: one draft voucher dated the
 * month's last day — Dr the expense of each asset class (default 511 / 514 / 515, or the caller's)
 * / Cr 152 累计折旧 — from the charges of its fixed-asset cards (the collective's depreciation
 * rules), with the charge per card kept on the booking. Idempotent per (ledger, month): a month
 * booked returns its booking (`replayed`).
 *
 * The cards' accumulated depreciation is not a stored counter: the register derives it from each
 * card's terms and the date (bookValueOn), the same figure this voucher books month by month, so
 * the reconciliation (register vs 152) agrees once the month's voucher and those before it are
 * posted — and shows the difference while one is still a draft or was never drafted.
 */
export async function bookDepreciation(
  services: Services,
  collectiveId: string,
  input: DepreciationRunInput,
  actor: string,
  options: GuardOptions = {},
) {
  const { collective, booked } = await services.collective.beginBooking(
    collectiveId,
    { kinds: ['depreciation'], period: input.period },
    options,
  )
  if (booked[0]) return { booking: booked[0], replayed: true }
  const due = await services.collective.depreciationDue(collectiveId, input.period)
  const accounts = await services.ledger.listAccounts(collective.ledgerId)
  const expenseOf = new Map<BookedAssetClass, string>()
  for (const { assetClass } of due.byClass) {
    const chosen = input.expenseAccounts[assetClass]
    const field = `expenseAccounts.${assetClass}`
    if (chosen !== undefined) checkExpenseAccount(chosen, field)
    // A first-level code takes its only enabled leaf; a longer code must be that leaf.
    const code =
      chosen === undefined
        ? chooseLeaf(
            accounts,
            ASSET_CLASS_EXPENSE[assetClass],
            undefined,
            `ledger.${ASSET_CLASS_EXPENSE[assetClass]}`,
          )
        : chosen.length === 3
          ? chooseLeaf(accounts, chosen, undefined, field)
          : chooseLeaf(accounts, chosen.slice(0, 3), chosen, field)
    expenseOf.set(assetClass, code)
  }
  const credit = chooseLeaf(accounts, DEPRECIATION_CREDIT, undefined, `ledger.${DEPRECIATION_CREDIT}`)
  const [year, month] = input.period.split('-')
  const voucher = await services.ledger.createVoucher(
    collective.ledgerId,
    {
      date: due.voucherDate,
      summary: `计提${year}年${month}月固定资产折旧`,
      attachments: 1,
      lines: due.byClass.flatMap(({ assetClass, amount }) => [
        {
          account: expenseOf.get(assetClass)!,
          debit: amount,
          summary: `${CLASS_NAME[assetClass]}固定资产折旧`,
        },
        { account: credit, credit: amount, summary: `${CLASS_NAME[assetClass]}固定资产折旧` },
      ]),
    },
    actor,
    { origin: { kind: 'collective.depreciation', refs: { collectiveId, period: input.period } } },
  )
  const booking = await services.collective.recordBooking(
    collectiveId,
    {
      kind: 'depreciation',
      subjectId: collective.ledgerId,
      period: input.period,
      voucherDate: due.voucherDate,
      voucherIds: [voucher.id],
      lines: due.charges.map((c) => ({
        key: c.id,
        label: c.name,
        amount: c.charge,
        account: expenseOf.get(c.assetClass)!,
        householdId: null,
      })),
    },
    actor,
  )
  return { booking, replayed: false }
}
