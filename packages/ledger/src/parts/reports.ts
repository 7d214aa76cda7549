import type { Fen } from '@liancun/core'
import { CHARTS } from '../chart.js'
import type { LedgerContext } from '../context.js'
import { LedgerError } from '../errors.js'
import { officialBalanceSheet, officialIncomeStatement, undistributedOf } from '../rules/statement-forms.js'
import { balanceSheet, incomeStatement } from '../rules/statements.js'
import { type LeafMovement, trialBalance } from '../rules/trial-balance.js'
import { accountRows } from '../store/accounts.js'
import { aggregateRows, chartWithMovements, leafNetsThrough } from '../store/balances.js'
import { distributionVouchers, yearMovements } from '../store/reports.js'
import type { GuardOptions } from '../types.js'
import { toAccount } from '../views.js'
import { loadLedger } from './load.js'

export function rangeProblem(from: string, to: string): LedgerError | null {
  return to < from
    ? new LedgerError('ledger.invalid_range', 'to must not be before from', { field: 'to' })
    : null
}

/** One ledger's statements, from the maintained balances (the income statement from lines). */
export function reportPart(ctx: LedgerContext) {
  return {
    /** 科目余额表 from posted vouchers over [from, to] months; drafts never count. Two statements. */
    async trialBalance(ledgerId: string, from: string, to: string, options?: GuardOptions) {
      const ledger = await loadLedger(ctx.db, ledgerId, 'none', options)
      const range = rangeProblem(from, to)
      if (range) throw range
      const chart = await chartWithMovements(ctx.db, ledger, from, to)
      const leaves: LeafMovement[] = chart.flatMap(({ account, movement }) =>
        movement ? [{ code: account.code, ...movement }] : [],
      )
      return {
        ledgerId,
        from,
        to,
        ...trialBalance(
          chart.map(({ account }) => toAccount(account)),
          leaves,
        ),
      }
    },

    /**
     * 资产负债表 at the end of `period`, from posted balances: one line per first-level account
     * (as before) and `official`, the 制度's format with 年初数 (the end of the previous year,
     * opening balances included) and 期末数.
     */
    async balanceSheet(ledgerId: string, period: string, options?: GuardOptions) {
      const ledger = await loadLedger(ctx.db, ledgerId, 'none', options)
      return ctx.transaction(async (tx) => {
        const all = (await accountRows(tx, ledger)).map(toAccount)
        const end = await leafNetsThrough(tx, ledger, period)
        const start = await leafNetsThrough(tx, ledger, `${Number(period.slice(0, 4)) - 1}-12`)
        return {
          ledgerId,
          period,
          ...balanceSheet(all, end),
          official: officialBalanceSheet(start, end),
        }
      })
    },

    /** 收益及收益分配表 for a year, from its regular posted vouchers (closing entries excluded). */
    async incomeStatement(ledgerId: string, year: string, options?: GuardOptions) {
      // The guard runs before the transaction: a read's guard may look up the organisation, and
      // on PGlite a lookup outside an open transaction would wait for it.
      const ledger = await loadLedger(ctx.db, ledgerId, 'none', options)
      return ctx.transaction(async (tx) => {
        const all = (await accountRows(tx, ledger)).map(toAccount)
        const movements = await yearMovements(tx, ledger, year)
        const before = await leafNetsThrough(tx, ledger, `${Number(year) - 1}-12`)
        // 年初未分配收益: 321, 322 and any profit and loss an earlier year left unclosed.
        const undistributed = undistributedOf(before)
        const official = officialIncomeStatement(
          movements,
          undistributed,
          await distributionVouchers(tx, ledger, year),
        )
        return {
          ledgerId,
          year,
          ...incomeStatement(all, movements, undistributed),
          // 可分配收益 includes 其他转入 (e.g. 公积公益金弥补亏损), as the form's row 16 does.
          distributable: official.distributable,
          otherTransfersIn: official.otherTransfersIn,
          distributed: official.distributed,
          undistributedAtEnd: official.undistributedAtEnd,
          official: { lines: official.lines, distributions: official.distributions },
        }
      })
    },

    /**
     * 汇总 (aggregation, not consolidation) of several ledgers at the end of `period`: closing net
     * per first-level account per ledger; and the part of each net that comes from posted links
     * whose both sides lie inside the set, so a caller can eliminate money moving between them.
     */
    async aggregate(ledgerIds: string[], period: string) {
      const chart = CHARTS['rcea-2023']
      if (ledgerIds.length === 0) {
        return {
          accounts: chart,
          nets: new Map<string, Map<string, Fen>>(),
          internal: new Map<string, Fen>(),
        }
      }
      const { rows, internal } = await aggregateRows(ctx.db, ledgerIds, period)
      const nets = new Map<string, Map<string, Fen>>()
      for (const row of rows) {
        const perLedger = nets.get(row.ledgerId) ?? new Map<string, Fen>()
        perLedger.set(row.code, row.net)
        nets.set(row.ledgerId, perLedger)
      }
      return { accounts: chart, nets, internal }
    },
  }
}
