import { toPage } from '@liancun/core'
import type { NormalSide } from '../chart.js'
import type { LedgerContext } from '../context.js'
import { LedgerError } from '../errors.js'
import { onNormalSide } from '../rules/trial-balance.js'
import { voucherLabel } from '../rules/vouchers.js'
import { accountRows } from '../store/accounts.js'
import { entryRows, netBefore } from '../store/reports.js'
import type { GuardOptions } from '../types.js'
import { loadLedger } from './load.js'

/** 明细账 / 日记账: posted lines of an account with the running balance. */
export function entriesPart(ctx: LedgerContext) {
  return {
    /**
     * Posted lines of an account (and its sub-accounts) over [from, to] months, in date and
     * number order, with the running balance on the account's normal side.
     */
    async accountEntries(
      ledgerId: string,
      code: string,
      query: { from: string; to: string; limit: number; after: string | null },
      options?: GuardOptions,
    ) {
      // Guarded before the transaction (see reports.ts), the lines read consistently inside it.
      const ledger = await loadLedger(ctx.db, ledgerId, 'none', options)
      return ctx.transaction(async (tx) => {
        const account = (await accountRows(tx, ledger)).find((a) => a.code === code)
        if (!account) throw new LedgerError('ledger.unknown_account', `no account ${code}`)
        const normalSide = account.normalSide as NormalSide
        // Running balances need everything before the page: opening net + lines before the cursor.
        let net = await netBefore(tx, ledger, code, query.from)
        const openingBalance = onNormalSide(net, normalSide)
        const entries = (await entryRows(tx, ledger, code, query.from, query.to)).map(
          ({ line, voucher, key }) => {
            net += line.debit - line.credit
            return {
              key,
              date: voucher.date,
              voucherId: voucher.id,
              label: voucherLabel(voucher.period, voucher.number ?? 0),
              account: line.accountCode,
              summary: line.summary ?? voucher.summary,
              debit: line.debit !== 0n ? line.debit : null,
              credit: line.debit !== 0n ? null : line.credit,
              balance: onNormalSide(net, normalSide),
            }
          },
        )
        const start = query.after === null ? 0 : entries.findIndex((e) => e.key > query.after!)
        const page = toPage(
          start < 0 ? [] : entries.slice(start, start + query.limit + 1),
          query.limit,
          (e) => e.key,
        )
        return {
          ledgerId,
          account: { code: account.code, name: account.name, normalSide },
          from: query.from,
          to: query.to,
          opening: openingBalance,
          closing: onNormalSide(net, normalSide),
          items: page.items.map(({ key: _key, ...entry }) => entry),
          nextCursor: page.nextCursor,
        }
      })
    },
  }
}
