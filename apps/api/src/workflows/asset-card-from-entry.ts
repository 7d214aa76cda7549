import type { CreateAssetFromEntryInput, GuardOptions } from '@liancun/collective'
import type { Services } from '../services.js'

type LedgerGuard = NonNullable<Parameters<Services['ledger']['getVoucher']>[2]>

/**
 * 资产卡片 from a ledger entry (issue 13): the collective's registers are bound to one ledger; the
 * voucher is read there, through the ledger's own guard (a voucher of another ledger is not found,
 * as the ledger answers it), and the collective makes the card from the named line — category by
 * its account (151 / 141), cost = its debit, acquired on the voucher date — recording the voucher
 * and line so one entry makes one card. Runs in the caller's transaction (`services` bound to
 * it), so the read and the card are one unit.
 */
export async function assetCardFromEntry(
  services: Services,
  collectiveId: string,
  input: CreateAssetFromEntryInput,
  actor: string,
  options: { collective: GuardOptions; ledger: LedgerGuard },
) {
  const collective = await services.collective.getCollective(collectiveId, options.collective)
  const voucher = await services.ledger.getVoucher(collective.ledgerId, input.voucherId, options.ledger)
  return services.collective.createAssetFromEntry(
    collectiveId,
    input,
    {
      voucherId: voucher.id,
      ledgerId: voucher.ledgerId,
      status: voucher.status,
      reversedById: voucher.reversedById,
      date: voucher.date,
      lines: voucher.lines,
    },
    actor,
    options.collective,
  )
}
