import type { LedgerContext } from '../context.js'
import { chainHash, voucherLabel } from '../rules/vouchers.js'
import { chainOf } from '../store/vouchers.js'
import type { GuardOptions } from '../types.js'
import { lineFromJson } from '../views.js'
import { loadLedger } from './load.js'

/** The hash chain over posted vouchers, re-verified from the stored lines. */
export function integrityPart(ctx: LedgerContext) {
  return {
    /**
     * Each posted voucher's hash must equal sha256(previous hash + canonical voucher), and the
     * head must match the ledger.
     */
    async verifyIntegrity(ledgerId: string, options?: GuardOptions) {
      // Guarded before the transaction (see reports.ts); inside it the ledger's head and its chain
      // are read from one consistent state.
      await loadLedger(ctx.db, ledgerId, 'none', options)
      return ctx.transaction(async (tx) => {
        const ledger = await loadLedger(tx, ledgerId, 'none')
        const posted = await chainOf(tx, ledger)
        let previous: string | null = null
        let firstBreak: { voucherId: string; chainSeq: number | null; label: string | null } | null = null
        for (const { voucher, lines } of posted) {
          const expected = chainHash(previous, {
            id: voucher.id,
            date: voucher.date,
            number: voucher.number ?? 0,
            summary: voucher.summary,
            lines: lines
              .map(lineFromJson)
              .map((l) => ({ account: l.account, debit: l.debit, credit: l.credit })),
          })
          if (expected !== voucher.hash) {
            firstBreak = {
              voucherId: voucher.id,
              chainSeq: voucher.chainSeq,
              label: voucher.number === null ? null : voucherLabel(voucher.period, voucher.number),
            }
            break
          }
          previous = voucher.hash
        }
        const headMatches = firstBreak !== null || previous === ledger.lastHash
        return {
          ledgerId,
          vouchers: posted.length,
          valid: firstBreak === null && headMatches && posted.length === ledger.postedCount,
          head: ledger.lastHash,
          firstBreak,
        }
      })
    },
  }
}
