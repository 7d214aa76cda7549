import { type Database, newId } from '@liancun/core'
import type { NormalSide } from '../chart.js'
import type { LedgerContext } from '../context.js'
import { LedgerError } from '../errors.js'
import type { CreateAssertionInput } from '../inputs.js'
import { closeProblem, periodSeal, reopenProblem } from '../rules/periods.js'
import { onNormalSide } from '../rules/trial-balance.js'
import { periodOf } from '../rules/vouchers.js'
import { type AccountRow, accountRows } from '../store/accounts.js'
import { netsAsOf } from '../store/balances.js'
import type { LedgerRow } from '../store/ledgers.js'
import {
  type AssertionRow,
  assertionRows,
  closedRows,
  insertAssertion,
  insertClosed,
  reopen,
} from '../store/periods.js'
import { draftIdsIn, postedOfPeriod } from '../store/vouchers.js'
import type { GuardOptions } from '../types.js'
import { loadLedger } from './load.js'

/** Each assertion with the books' balance at its date on the account's normal side. */
async function evaluateAssertions(
  q: Database,
  ledger: LedgerRow,
  all: readonly AccountRow[],
  rows: readonly AssertionRow[],
) {
  const nets = await netsAsOf(
    q,
    ledger,
    rows.map((row) => ({ code: row.accountCode, date: row.date })),
  )
  return rows.map((row, index) => {
    const account = all.find((a) => a.code === row.accountCode)
    const actual = onNormalSide(nets[index] ?? 0n, (account?.normalSide ?? 'debit') as NormalSide)
    const signed = actual.side === 'credit' && account?.normalSide === 'both' ? -actual.amount : actual.amount
    return {
      id: row.id,
      account: row.accountCode,
      date: row.date,
      balance: row.balance,
      source: row.source,
      actual: signed,
      holds: signed === row.balance,
    }
  })
}

/** Months (会计期间): close in order, reopen the latest; balance assertions a close checks. */
export function periodPart(ctx: LedgerContext) {
  return {
    /** Closes a month: earlier months closed, no drafts left; seals a hash over its vouchers. */
    async closePeriod(ledgerId: string, period: string, closedBy: string, options?: GuardOptions) {
      return ctx.transaction(async (tx) => {
        const ledger = await loadLedger(tx, ledgerId, 'update', options)
        const closed = new Set((await closedRows(tx, ledger)).map((c) => c.period))
        // Cheap rules first; the drafts and assertions are read only when they matter.
        const early = closeProblem({
          firstPeriod: ledger.firstPeriod,
          period,
          closed,
          draftIds: [],
          failing: [],
        })
        if (early) throw early
        const draftIds = (await draftIdsIn(tx, ledger, period)).map((d) => d.id)
        const assertions = draftIds.length ? [] : await assertionRows(tx, ledger, period)
        const failing = assertions.length
          ? (await evaluateAssertions(tx, ledger, await accountRows(tx, ledger), assertions)).filter(
              (a) => !a.holds,
            )
          : []
        const problem = closeProblem({ firstPeriod: ledger.firstPeriod, period, closed, draftIds, failing })
        if (problem) throw problem
        const posted = await postedOfPeriod(tx, ledger, period)
        const seal = periodSeal(ledger.id, period, posted)
        await insertClosed(tx, {
          countyCode: ledger.countyCode,
          ledgerId: ledger.id,
          period,
          closedAt: ctx.clock.now(),
          closedBy,
          seal,
        })
        return { ledgerId, period, status: 'closed' as const, seal, vouchers: posted.length }
      })
    },

    /** Reopens a closed month (the latest closed one only), recording who, why and the old seal. */
    async reopenPeriod(
      ledgerId: string,
      period: string,
      reason: string,
      reopenedBy: string,
      options?: GuardOptions,
    ) {
      return ctx.transaction(async (tx) => {
        const ledger = await loadLedger(tx, ledgerId, 'update', options)
        const closedList = await closedRows(tx, ledger)
        const problem = reopenProblem(period, new Set(closedList.map((c) => c.period)))
        if (problem) throw problem
        const closed = closedList.find((c) => c.period === period)!
        await reopen(tx, ledger, {
          countyCode: ledger.countyCode,
          id: newId(ledger.countyCode),
          ledgerId: ledger.id,
          period,
          reason,
          reopenedBy,
          seal: closed.seal,
          reopenedAt: ctx.clock.now(),
        })
        return { ledgerId, period, status: 'open' as const, seal: null, vouchers: 0 }
      })
    },

    /** Records a balance seen outside the books; `holds` is computed whenever it is read. */
    async addAssertion(
      ledgerId: string,
      input: CreateAssertionInput,
      createdBy: string,
      options?: GuardOptions,
    ) {
      return ctx.transaction(async (tx) => {
        // A close running meanwhile waits for this assertion and then checks it.
        const ledger = await loadLedger(tx, ledgerId, 'key share', options)
        const all = await accountRows(tx, ledger)
        if (!all.some((a) => a.code === input.account)) {
          throw new LedgerError('ledger.account_not_found', `no account ${input.account}`, {
            field: 'account',
          })
        }
        const row = await insertAssertion(tx, {
          countyCode: ledger.countyCode,
          id: newId(ledger.countyCode),
          ledgerId: ledger.id,
          accountCode: input.account,
          date: input.date,
          period: periodOf(input.date),
          balance: input.balance,
          source: input.source ?? null,
          createdBy,
          createdAt: ctx.clock.now(),
        })
        return (await evaluateAssertions(tx, ledger, all, [row]))[0]!
      })
    },

    async listAssertions(ledgerId: string, query: { period?: string }, options?: GuardOptions) {
      // Guarded before the transaction (see reports.ts).
      const ledger = await loadLedger(ctx.db, ledgerId, 'none', options)
      return ctx.transaction(async (tx) => {
        const rows = await assertionRows(tx, ledger, query.period)
        return evaluateAssertions(tx, ledger, await accountRows(tx, ledger), rows)
      })
    },
  }
}
