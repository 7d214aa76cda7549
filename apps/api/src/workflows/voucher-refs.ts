import type { Services } from '../services.js'

export interface VoucherRef {
  voucherId: string | null
  ledgerId: string | null
  voucherStatus: 'draft' | 'posted' | 'reversed' | 'missing' | null
  voucherLabel: string | null
}

/**
 * The funds domain keeps the ids of the vouchers it caused; whether they are booked is the
 * ledger's to say. One lookup for all ids, read live, so a trace never shows a stale status.
 */
export async function voucherRefs(
  services: Services,
  voucherIds: (string | null)[],
): Promise<(voucherId: string | null, ledgerId: string | null) => VoucherRef> {
  const ids = [...new Set(voucherIds.filter((id): id is string => id !== null))]
  const states = new Map((await services.ledger.voucherStates(ids)).map((s) => [s.id, s]))
  return (voucherId, ledgerId) => {
    if (voucherId === null) return { voucherId, ledgerId, voucherStatus: null, voucherLabel: null }
    const state = states.get(voucherId)
    if (!state) return { voucherId, ledgerId, voucherStatus: 'missing', voucherLabel: null }
    return {
      voucherId,
      ledgerId: state.ledgerId,
      voucherStatus: state.reversedById ? 'reversed' : state.status,
      voucherLabel: state.label,
    }
  }
}
