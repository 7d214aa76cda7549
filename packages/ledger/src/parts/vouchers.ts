import { type Page, toPage } from '@liancun/core'
import { guardLedger, type LedgerContext } from '../context.js'
import { parseOrigin } from '../rules/drafts.js'
import { voucherLabel } from '../rules/vouchers.js'
import { ledgerWithVoucher, voucherPage, voucherStateRows } from '../store/vouchers.js'
import type { GuardOptions, Voucher, VoucherState } from '../types.js'
import { voucherFromJson } from '../views.js'
import { ledgerNotFound, loadLedger, voucherNotFound } from './load.js'

/**
 * Reading vouchers. A voucher is one statement (ledger, voucher, lines and account names); a page
 * is two (the ledger, then the page with every voucher's lines), whatever its size.
 */
export function voucherPart(ctx: LedgerContext) {
  return {
    async getVoucher(ledgerId: string, voucherId: string, options?: GuardOptions): Promise<Voucher> {
      const found = await ledgerWithVoucher(ctx.db, ledgerId, voucherId)
      if (!found) throw ledgerNotFound(ledgerId)
      await guardLedger(options, found.ledger)
      if (!found.voucher) throw voucherNotFound(voucherId)
      return voucherFromJson(found.voucher, found.lines)
    },

    async listVouchers(
      ledgerId: string,
      query: { status?: 'draft' | 'posted'; from?: string; to?: string; limit: number; after: string | null },
      options?: GuardOptions,
    ): Promise<Page<Voucher>> {
      const ledger = await loadLedger(ctx.db, ledgerId, 'none', options)
      const rows = await voucherPage(ctx.db, ledger, query)
      return toPage(
        rows.map((row) => voucherFromJson(row.voucher, row.lines)),
        query.limit,
        (v) => v.id,
      )
    },

    /**
     * The state of the given vouchers, in any ledgers, in the order asked (each id once); ids
     * that do not exist (a deleted draft) are absent. One query, for other domains that follow
     * vouchers they created.
     */
    async voucherStates(voucherIds: string[]): Promise<VoucherState[]> {
      const ids = [...new Set(voucherIds)]
      if (ids.length === 0) return []
      const byId = new Map((await voucherStateRows(ctx.db, ids)).map((row) => [row.id, row]))
      return ids.flatMap((id) => {
        const row = byId.get(id)
        if (!row) return []
        return [
          {
            id: row.id,
            ledgerId: row.ledgerId,
            status: row.status as VoucherState['status'],
            number: row.number,
            label: row.number === null ? null : voucherLabel(row.period, row.number),
            date: row.date,
            postedAt: row.postedAt ? row.postedAt.toISOString() : null,
            reversedById: row.reversedById,
            origin: parseOrigin(row.origin),
          },
        ]
      })
    },
  }
}
