import type { LedgerContext } from '../context.js'
import { LedgerError } from '../errors.js'
import { dateAheadError, openDateError, refuse } from '../rules/drafts.js'
import { closingTarget } from '../rules/periods.js'
import { closingEntries } from '../rules/statements.js'
import { periodOf } from '../rules/vouchers.js'
import { accountRows } from '../store/accounts.js'
import { leafNetsThrough } from '../store/balances.js'
import { closedRows } from '../store/periods.js'
import { hasClosingVouchers } from '../store/vouchers.js'
import type { GuardOptions } from '../types.js'
import { type DraftSpec, writeDrafts } from './draft-writer.js'
import { loadLedger } from './load.js'
import { postLocked } from './posting.js'

/**
 * 年终结账: posts the closing vouchers dated 31 December — profit and loss leaves into 321
 * 本年收益, then 321 into 322 收益分配 — leaving 401 and balance-sheet accounts in place. The
 * drafts are written and posted through the same paths as any other voucher.
 */
export function yearClosePart(ctx: LedgerContext) {
  return {
    async closeYear(ledgerId: string, year: string, closedBy: string, options?: GuardOptions) {
      return ctx.transaction(async (tx) => {
        const ledger = await loadLedger(tx, ledgerId, 'update', options)
        if (await hasClosingVouchers(tx, ledger, year)) {
          throw new LedgerError('ledger.year_closed', `${year} already has its closing vouchers`)
        }
        const date = `${year}-12-31`
        // The closing vouchers are posted at once, so the year closes on its last day or later.
        refuse(dateAheadError(date, ctx.clock.today(), 'post', 'year'))
        const closed = new Set((await closedRows(tx, ledger)).map((c) => c.period))
        refuse(openDateError(ledger, (p) => closed.has(p), date, 'year'))
        const all = await accountRows(tx, ledger)
        const plCodes = new Set(
          all.filter((a) => a.class === 'income' || a.class === 'expense').map((a) => a.code),
        )
        const nets = await leafNetsThrough(tx, ledger, periodOf(date))
        const plNets = new Map([...nets.entries()].filter(([code]) => plCodes.has(code)))
        const entries = closingEntries(plNets, closingTarget(all, '321'), closingTarget(all, '322'))
        const specs: DraftSpec[] = (
          [
            [`${year}年 损益结转本年收益`, entries.toResult],
            [`${year}年 本年收益转入收益分配`, entries.toDistribution],
          ] as const
        )
          .filter(([, lines]) => lines.length > 0)
          .map(([summary, lines]) => ({
            ledger,
            date,
            summary,
            attachments: 0,
            lines: [...lines],
            preparedBy: 'system:year-close',
            field: '',
            kind: 'closing' as const,
            checkAccounts: false,
          }))
        if (specs.length === 0) return { ledgerId, year, result: entries.result, vouchers: [] }
        const { rows } = await writeDrafts(tx, specs, ctx.clock.now())
        const vouchers = await postLocked(
          ctx,
          tx,
          [ledger],
          rows.map((row) => ({ id: row.id, row, field: '' })),
          closedBy,
          false,
        )
        return { ledgerId, year, result: entries.result, vouchers }
      })
    },
  }
}
