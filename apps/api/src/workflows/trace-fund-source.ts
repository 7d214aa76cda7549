import type { GuardOptions, SourceRef } from '@liancun/funds'
import type { Services } from '../services.js'
import { voucherRefs } from './voucher-refs.js'

/**
 * Every yuan of a source across two domains: the funds domain's allocations and payments, each
 * payment with the live state of the voucher it produced in a village ledger, and how much of
 * the money is booked there (posted and not reversed).
 */
export async function traceFundSource(
  services: Services,
  sourceId: string,
  options?: GuardOptions<SourceRef>,
) {
  const trace = await services.funds.traceSource(sourceId, options)
  const refs = await voucherRefs(
    services,
    trace.disbursements.map((d) => d.voucherId),
  )
  const disbursements = trace.disbursements.map((d) => ({ ...d, voucher: refs(d.voucherId, d.ledgerId) }))
  const booked = disbursements
    .filter((d) => d.voucher.voucherStatus === 'posted')
    .reduce((sum, d) => sum + d.amount, 0n)
  return { ...trace, disbursements, totals: { ...trace.totals, booked } }
}
