import type { LedgerContext } from '../context.js'
import { LedgerError } from '../errors.js'
import { dateAheadError, openDateError, refuse } from '../rules/drafts.js'
import { closingTarget, nothingToClose, periodSeal, yearCloseProblem } from '../rules/periods.js'
import { closingEntries } from '../rules/statements.js'
import { periodOf } from '../rules/vouchers.js'
import { accountRows } from '../store/accounts.js'
import { leafNetsThrough } from '../store/balances.js'
import { closedRows, insertClosed, takeClosed } from '../store/periods.js'
import { hasClosingVouchers, postedOfPeriod } from '../store/vouchers.js'
import type { GuardOptions } from '../types.js'
import { type DraftSpec, writeDrafts } from './draft-writer.js'
import { loadLedger } from './load.js'
import { postLocked } from './posting.js'

/**
 * 年终结账: posts the closing vouchers dated 31 December — profit and loss leaves into 321
 * 本年收益, 321 into 322 收益分配—未分配收益, and 322's 各项分配 into 未分配收益 — leaving 401 and
 * balance-sheet accounts in place. The drafts are written and posted through the same paths as
 * any other voucher. Years close in order. December may already be closed (结账 of the month comes
 * before the year's): the closing vouchers then go into it and its seal is renewed over them.
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
        const december = periodOf(date)
        // The closing vouchers are posted at once, so the year closes on its last day or later.
        refuse(dateAheadError(date, ctx.clock.today(), 'post', 'year'))
        // Only the first month matters here: a closed December takes the closing vouchers.
        refuse(openDateError(ledger, () => false, date, 'year'))
        const all = await accountRows(tx, ledger)
        const plCodes = new Set(
          all.filter((a) => a.class === 'income' || a.class === 'expense').map((a) => a.code),
        )
        const resultTarget = closingTarget(all, '321')
        const undistributedTarget = closingTarget(all, '322')
        const previous = String(Number(year) - 1)
        if (`${previous}-12` >= ledger.firstPeriod) {
          const closedBefore = await hasClosingVouchers(tx, ledger, previous)
          const problem = yearCloseProblem({
            year,
            firstPeriod: ledger.firstPeriod,
            previousClosed: closedBefore,
            previousHasNothingToClose:
              !closedBefore &&
              nothingToClose(
                await leafNetsThrough(tx, ledger, `${previous}-12`),
                (code) => plCodes.has(code),
                undistributedTarget,
              ),
          })
          if (problem) throw problem
        }
        const nets = await leafNetsThrough(tx, ledger, december)
        const plNets = new Map([...nets.entries()].filter(([code]) => plCodes.has(code)))
        const allocationNets = new Map(
          [...nets.entries()].filter(([code]) => code.startsWith('322') && code !== undistributedTarget),
        )
        const entries = closingEntries(plNets, resultTarget, undistributedTarget, allocationNets)
        const specs: DraftSpec[] = (
          [
            [`${year}年 损益结转本年收益`, entries.toResult],
            [`${year}年 本年收益转入收益分配`, entries.toDistribution],
            [`${year}年 各项分配转入未分配收益`, entries.toUndistributed],
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
        const sealed = (await closedRows(tx, ledger)).some((c) => c.period === december)
          ? await takeClosed(tx, ledger, december)
          : undefined
        const { rows } = await writeDrafts(tx, specs, ctx.clock.now())
        const vouchers = await postLocked(
          ctx,
          tx,
          [ledger],
          rows.map((row) => ({ id: row.id, row, field: '' })),
          closedBy,
          false,
        )
        if (sealed) {
          const seal = periodSeal(ledger.id, december, await postedOfPeriod(tx, ledger, december))
          await insertClosed(tx, { ...sealed, seal })
        }
        return { ledgerId, year, result: entries.result, vouchers }
      })
    },
  }
}
