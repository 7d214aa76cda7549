import { newId, type Page, toPage } from '@liancun/core'
import type { CollectiveContext, GuardOptions } from '../context.js'
import { CollectiveError, notAfterToday, notFound } from '../errors.js'
import type { PayoutInput } from '../inputs.js'
import { splitPayout } from '../rules/shares.js'
import {
  findPayout,
  holdingsOf,
  insertPayout,
  listPayouts,
  type PayoutLineRow,
  type PayoutRow,
  setPayoutVouchers,
} from '../store/holdings.js'
import { type HouseholdRow, householdsOf, membersOf } from '../store/registers.js'
import { loadCollective } from './load.js'
import { toHolding } from './shares.js'

export function toPayout(row: PayoutRow, lines: PayoutLineRow[], households: Map<string, HouseholdRow>) {
  return {
    id: row.id,
    collectiveId: row.collectiveId,
    ledgerId: row.ledgerId,
    recordDate: row.recordDate,
    payDate: row.payDate,
    amount: row.amount,
    retained: row.retained,
    paid: row.amount - row.retained,
    distributionRunId: row.distributionRunId,
    summary: row.summary,
    payableVoucherIds: JSON.parse(row.payableVoucherIds) as string[],
    paymentVoucherIds: JSON.parse(row.paymentVoucherIds) as string[],
    lines: lines.map((l) => ({
      householdId: l.householdId,
      number: households.get(l.householdId)?.number ?? '',
      headName: households.get(l.householdId)?.headName ?? '',
      units: l.units,
      amount: l.amount,
    })),
    createdAt: row.createdAt.toISOString(),
  }
}
export type Payout = ReturnType<typeof toPayout>

/** 分红到户: the members' part of a distribution, split to households, and its payout list. */
export function payoutPart({ db, clock }: CollectiveContext) {
  return {
    /**
     * Splits the members' part over the shares held on the record day (`splitPayout`) and
     * records the payout list. The app then drafts the vouchers in the collective's ledger and
     * attaches them (`attachPayoutVouchers`), in the same transaction.
     */
    async recordPayout(collectiveId: string, input: PayoutInput, createdBy: string, options?: GuardOptions) {
      return db.transaction(async (tx) => {
        const c = await loadCollective(tx, collectiveId, options)
        notAfterToday(input.recordDate, clock.today(), 'recordDate')
        if (input.payDate < input.recordDate) {
          throw new CollectiveError(
            'collective.pay_before_record',
            `a payout recorded on ${input.recordDate} is paid on or after that day, not ${input.payDate}`,
            { field: 'payDate', context: { recordDate: input.recordDate } },
          )
        }
        const holdings = await holdingsOf(tx, c, { asOf: input.recordDate })
        const members = await membersOf(tx, c)
        const split = splitPayout(
          input.amount,
          holdings.map(toHolding),
          new Map(members.map((m) => [m.id, m.householdId])),
        )
        const id = newId(c.countyCode)
        const { row, lines } = await insertPayout(
          tx,
          {
            countyCode: c.countyCode,
            id,
            collectiveId: c.id,
            ledgerId: c.ledgerId,
            recordDate: input.recordDate,
            payDate: input.payDate,
            amount: input.amount,
            retained: split.retained,
            distributionRunId: input.distributionRunId ?? null,
            summary: input.summary,
            createdBy,
            createdAt: clock.now(),
          },
          split.lines.map((l) => ({ countyCode: c.countyCode, payoutId: id, ...l })),
        )
        const households = await householdsOf(
          tx,
          c,
          lines.map((l) => l.householdId),
        )
        return toPayout(row, lines, new Map(households.map((h) => [h.id, h])))
      })
    },

    /** Records the ledger's draft vouchers of a payout (应付 then 支付). */
    async attachPayoutVouchers(
      collectiveId: string,
      payoutId: string,
      vouchers: { payable: string[]; payment: string[] },
    ): Promise<void> {
      const c = await loadCollective(db, collectiveId, undefined)
      await setPayoutVouchers(db, c, payoutId, {
        payableVoucherIds: JSON.stringify(vouchers.payable),
        paymentVoucherIds: JSON.stringify(vouchers.payment),
      })
    },

    async getPayout(collectiveId: string, payoutId: string, options?: GuardOptions): Promise<Payout> {
      const c = await loadCollective(db, collectiveId, options)
      const found = await findPayout(db, c, payoutId)
      if (!found) throw notFound('payout', payoutId)
      const households = await householdsOf(
        db,
        c,
        found.lines.map((l) => l.householdId),
      )
      return toPayout(found.row, found.lines, new Map(households.map((h) => [h.id, h])))
    },

    /** Payouts of the collective, without their lines. */
    async listPayouts(
      collectiveId: string,
      page: { limit: number; after: string | null },
      options?: GuardOptions,
    ): Promise<Page<Omit<Payout, 'lines'>>> {
      const c = await loadCollective(db, collectiveId, options)
      const rows = await listPayouts(db, c, page)
      return toPage(
        rows.map((r) => {
          const { lines: _lines, ...payout } = toPayout(r, [], new Map())
          return payout
        }),
        page.limit,
        (p) => p.id,
      )
    },
  }
}
