import type { Fen } from '@liancun/core'
import { CHARTS } from '../chart.js'
import type { LedgerContext } from '../context.js'
import { LedgerError } from '../errors.js'
import { officialBalanceSheet, officialIncomeStatement, undistributedOf } from '../rules/statement-forms.js'
import { balanceSheet, incomeStatement, type StatementAccount } from '../rules/statements.js'
import { type LeafMovement, trialBalance } from '../rules/trial-balance.js'
import {
  divisionFirstLevelMovements,
  divisionLines,
  divisionMovements,
  type Movement,
} from '../store/books.js'
import { divisionDistributionVouchers } from '../store/division-distributions.js'
import { OPENING_PERIOD } from '../types.js'
import { rangeProblem } from './reports.js'

/**
 * County books (县/镇 汇总): the trial balance, balance sheet and income statement over every
 * ledger of villages within a county (6 digits) or township (9 digits), read from the maintained
 * balances. Per first-level account of the 2023 chart, each figure is exactly the sum of the
 * single ledgers' (two-sided accounts show the net of the sum). With `eliminateLinks`, the legs
 * of posted 飞地抱团 links whose two ledgers both lie within are taken out, as the alliance view
 * does: money moving inside the division is not counted twice.
 */

const CHART: readonly StatementAccount[] = CHARTS['rcea-2023'].map((a) => ({ ...a, parentCode: null }))

function requireWithin(within: string) {
  if (!/^[0-9]{6}([0-9]{3})?$/.test(within)) {
    throw new LedgerError(
      'ledger.invalid_within',
      'county books cover a county (6 digits) or a township (9 digits)',
      {
        field: 'within',
      },
    )
  }
}

const minus = (a: Movement, b: Movement | undefined): Movement =>
  b ? { openingNet: a.openingNet - b.openingNet, debit: a.debit - b.debit, credit: a.credit - b.credit } : a

/** Sums per-ledger leaf movements by first-level account. */
function byFirstLevel(rows: readonly ({ code: string } & Movement)[]): Map<string, Movement> {
  const out = new Map<string, Movement>()
  for (const row of rows) {
    const code = row.code.slice(0, 3)
    const entry = out.get(code) ?? { openingNet: 0n, debit: 0n, credit: 0n }
    out.set(code, {
      openingNet: entry.openingNet + row.openingNet,
      debit: entry.debit + row.debit,
      credit: entry.credit + row.credit,
    })
  }
  return out
}

const eliminatedOut = (links: ReadonlyMap<string, Movement>) =>
  [...links].map(([code, m]) => ({ code, ...m })).sort((a, b) => (a.code < b.code ? -1 : 1))

export function booksPart(ctx: LedgerContext) {
  return {
    /** 科目余额表 of a division over [from, to] months, per first-level account. */
    async divisionTrialBalance(
      within: string,
      from: string,
      to: string,
      options: { eliminateLinks?: boolean } = {},
    ) {
      requireWithin(within)
      const range = rangeProblem(from, to)
      if (range) throw range
      const eliminateLinks = options.eliminateLinks ?? false
      const { ledgers, rows } = await divisionFirstLevelMovements(ctx.db, within, from, to)
      const links = eliminateLinks
        ? await divisionLines(ctx.db, within, 'links', from, to)
        : new Map<string, Movement>()
      const leaves: LeafMovement[] = [...byFirstLevel(rows)].map(([code, m]) => ({
        code,
        ...minus(m, links.get(code)),
      }))
      return {
        within,
        from,
        to,
        ledgers,
        eliminateLinks,
        ...trialBalance(CHART, leaves),
        eliminated: eliminatedOut(links),
      }
    },

    /** 资产负债表 of a division at the end of `period`, with `official` (the 制度's format). */
    async divisionBalanceSheet(within: string, period: string, options: { eliminateLinks?: boolean } = {}) {
      requireWithin(within)
      const eliminateLinks = options.eliminateLinks ?? false
      // From the opening period on, so every balance through `period` is a movement.
      const { ledgers, rows } = await divisionMovements(ctx.db, within, OPENING_PERIOD, period)
      // Keyed by leaf and ledger: 113 内部往来 splits each ledger's details into receivables and
      // payables exactly as that ledger's own sheet does.
      const nets = new Map<string, Fen>(
        rows.map((r) => [`${r.code}#${r.ledgerId}`, r.openingNet + r.debit - r.credit]),
      )
      const links = eliminateLinks
        ? await divisionLines(ctx.db, within, 'links', OPENING_PERIOD, period)
        : new Map<string, Movement>()
      for (const [code, m] of links) nets.set(`${code}#links`, -(m.openingNet + m.debit - m.credit))
      // 年初数 of the 制度-format sheet: the same sums at the end of the previous year.
      const yearStart = `${Number(period.slice(0, 4)) - 1}-12`
      const before = await divisionMovements(ctx.db, within, OPENING_PERIOD, yearStart)
      const start = new Map<string, Fen>(
        before.rows.map((r) => [`${r.code}#${r.ledgerId}`, r.openingNet + r.debit - r.credit]),
      )
      if (eliminateLinks) {
        for (const [code, m] of await divisionLines(ctx.db, within, 'links', OPENING_PERIOD, yearStart)) {
          start.set(`${code}#links`, -(m.openingNet + m.debit - m.credit))
        }
      }
      return {
        within,
        period,
        ledgers,
        eliminateLinks,
        ...balanceSheet(CHART, nets),
        official: officialBalanceSheet(start, nets),
        eliminated: eliminatedOut(links),
      }
    },

    /**
     * 收益及收益分配表 of a division for a year (closing entries excluded), with `official`, the
     * 制度's format with both halves, computed by the same form function as a single ledger's:
     * 年初未分配收益 from every ledger's nets at the end of the previous year (less the links'
     * legs when eliminated), the distributions from the year's vouchers on 321/322 within. So
     * 年末未分配收益 equals the division balance sheet's 未分配收益 at the end of the year.
     */
    async divisionIncomeStatement(within: string, year: string, options: { eliminateLinks?: boolean } = {}) {
      requireWithin(within)
      const eliminateLinks = options.eliminateLinks ?? false
      const [from, to] = [`${year}-01`, `${year}-12`]
      const { ledgers, rows } = await divisionMovements(ctx.db, within, from, to)
      // The balances hold the closing vouchers too; their lines (two per ledger) are taken out.
      const closing = await divisionLines(ctx.db, within, 'closing', from, to)
      const links = eliminateLinks
        ? await divisionLines(ctx.db, within, 'links', from, to)
        : new Map<string, Movement>()
      const movements = new Map<string, { debit: Fen; credit: Fen }>()
      for (const [code, m] of byFirstLevel(rows)) {
        const net = minus(minus(m, closing.get(code)), links.get(code))
        movements.set(code, { debit: net.debit, credit: net.credit })
      }
      // Nets at the end of the previous year, per leaf and ledger (as the balance sheet keys them).
      const before = new Map<string, Fen>(rows.map((r) => [`${r.code}#${r.ledgerId}`, r.openingNet]))
      for (const [code, m] of links) before.set(`${code}#links`, -m.openingNet)
      // 年初未分配收益: 321, 322 and any profit and loss an earlier year left unclosed, as a
      // single ledger's statement takes it — so the division's is the sum of its ledgers'.
      const undistributed = undistributedOf(before)
      const official = officialIncomeStatement(
        movements,
        undistributed,
        await divisionDistributionVouchers(ctx.db, within, year, eliminateLinks),
      )
      return {
        within,
        year,
        ledgers,
        eliminateLinks,
        ...incomeStatement(CHART, movements, undistributed),
        distributable: official.distributable,
        otherTransfersIn: official.otherTransfersIn,
        distributed: official.distributed,
        undistributedAtEnd: official.undistributedAtEnd,
        official: { lines: official.lines, distributions: official.distributions },
        eliminated: eliminatedOut(links),
      }
    },
  }
}
