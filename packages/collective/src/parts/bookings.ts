import { type Fen, newId, type Page, toPage } from '@liancun/core'
import type { CollectiveContext, CollectiveRef, GuardOptions } from '../context.js'
import { CollectiveError, notAfterToday, notFound } from '../errors.js'
import { AMORTISATION_BASIS } from '../rules/amortisation.js'
import {
  type BookedAssetClass,
  chargesByClass,
  DEPRECIATION_BOOKING_BASIS,
  depreciationCharges,
  depreciationVoucherDate,
} from '../rules/depreciation-booking.js'
import { RENT_SPREAD_BASIS } from '../rules/rent-spread.js'
import { assetsOf } from '../store/assets.js'
import { type BookingRow, bookingsOf, householdsNamed, insertBooking } from '../store/bookings.js'
import { contractsOf } from '../store/contracts.js'
import { termsOf } from './assets.js'
import { loadCollective, refOf } from './load.js'

export const BOOKING_KINDS = ['rent_transfer', 'amortisation', 'depreciation', 'monitored_payout'] as const
export type BookingKind = (typeof BOOKING_KINDS)[number]

export const MONITORED_PAYOUT_BASIS =
  '防返贫监测户: the monitored households’ part is paid to the named households (issue 13) — Dr 211 应付款 per household / Cr 102, after the payables of the distribution'

const BASIS: Record<BookingKind, string> = {
  rent_transfer: RENT_SPREAD_BASIS,
  amortisation: AMORTISATION_BASIS,
  depreciation: DEPRECIATION_BOOKING_BASIS,
  monitored_payout: MONITORED_PAYOUT_BASIS,
}

/** One line of what a booking's voucher was built from: an instalment, a card or a household. */
export interface BookingLine {
  /** The instalment's seq, the card's id or the household's ref. */
  key: string
  label: string
  amount: Fen
  /** The account this line debits (the expense of a card's class, 211 for a household, …). */
  account: string
  /** The register's household a monitored household's ref names (by id, 户号 or head), if any. */
  householdId: string | null
}

interface StoredLine extends Omit<BookingLine, 'amount'> {
  amount: string
}

export function toBooking(row: BookingRow) {
  return {
    id: row.id,
    collectiveId: row.collectiveId,
    ledgerId: row.ledgerId,
    kind: row.kind as BookingKind,
    subjectId: row.subjectId,
    period: row.period,
    voucherDate: row.voucherDate,
    voucherIds: JSON.parse(row.voucherIds) as string[],
    amount: row.amount,
    lines: (JSON.parse(row.detail) as StoredLine[]).map((l) => ({ ...l, amount: BigInt(l.amount) })),
    basis: BASIS[row.kind as BookingKind],
    createdAt: row.createdAt.toISOString(),
  }
}
export type Booking = ReturnType<typeof toBooking>

/** The run facts the monitored households' payout is checked against (from the funds domain). */
export interface MonitoredRun {
  id: string
  date: string
  lines: readonly { recipient: string; ledgerId: string | null; voucherId: string | null; amount: Fen }[]
  monitoredHouseholds: readonly { ref: string; amount: Fen }[]
}

/**
 * 记账 of the registers: the year's rent transfers and amortisation of a collective's contracts,
 * a ledger's month of depreciation, a run's monitored households paid. The app drafts the
 * vouchers (domain packages never import each other); this part says what they are built from
 * and records them once per (subject, period), which makes each step idempotent.
 */
export function bookingPart({ db, clock }: CollectiveContext) {
  return {
    /**
     * Locks the registers for the caller's transaction (a second run of the same step waits, then
     * finds the first's bookings) and returns the bookings already made for the kinds and period.
     */
    async beginBooking(
      collectiveId: string,
      query: { kinds: readonly BookingKind[]; period: string; subjectId?: string },
      options?: GuardOptions,
    ): Promise<{ collective: CollectiveRef & { name: string }; booked: Booking[] }> {
      const c = await loadCollective(db, collectiveId, options, true)
      const rows = await bookingsOf(db, c, query)
      return { collective: { ...refOf(c), name: c.name }, booked: rows.map(toBooking) }
    },

    /** The collective's contracts with their instalments and due vouchers, for a year's transfers. */
    async contractsForDeferral(collectiveId: string, options?: GuardOptions) {
      const c = await loadCollective(db, collectiveId, options)
      return (await contractsOf(db, c)).map(({ row, payments }) => ({
        id: row.id,
        number: row.number,
        kind: row.kind,
        direction: row.direction as 'outbound' | 'inbound',
        partyName: row.partyName,
        instalments: payments.map((p) => ({
          seq: p.seq,
          amount: p.amount,
          coversFrom: p.coversFrom,
          coversTo: p.coversTo,
          receivableVoucherId: p.receivableVoucherId,
        })),
      }))
    },

    /** The cards' charges of month `period` (YYYY-MM) and the voucher date (the month's last day). */
    async depreciationDue(collectiveId: string, period: string, options?: GuardOptions) {
      const c = await loadCollective(db, collectiveId, options)
      const voucherDate = depreciationVoucherDate(period, clock.today())
      const cards = (await assetsOf(db, c)).map(({ row }) => ({
        id: row.id,
        name: row.name,
        category: row.category as 'fixed' | 'investment',
        assetClass: row.assetClass as BookedAssetClass,
        terms: termsOf(row),
      }))
      const charges = depreciationCharges(cards, period)
      if (charges.length === 0) {
        throw new CollectiveError(
          'collective.nothing_to_book',
          `no fixed-asset card of this collective depreciates in ${period}`,
          { field: 'period', context: { period, cards: cards.length } },
        )
      }
      return { voucherDate, charges, byClass: chargesByClass(charges) }
    },

    /**
     * The monitored households' payout of a distribution run: the part must have been booked as
     * payables in this collective's ledger (distribute-revenue), is paid on or after the run's day
     * and not after today; each ref is matched to a household of the register (id, 户号 or a head's
     * name held by one household) where it can be.
     */
    async monitoredPayoutPlan(
      collectiveId: string,
      run: MonitoredRun,
      payDate: string,
      options?: GuardOptions,
    ) {
      const c = await loadCollective(db, collectiveId, options)
      notAfterToday(payDate, clock.today(), 'payDate')
      const line = run.lines.find((l) => l.recipient === 'monitored_households')
      if (!line || run.monitoredHouseholds.length === 0) {
        throw new CollectiveError(
          'collective.nothing_to_book',
          `distribution run ${run.id} sets nothing aside for monitored households`,
          { field: 'distributionRunId', context: { runId: run.id } },
        )
      }
      if (line.ledgerId !== c.ledgerId || line.voucherId === null) {
        throw new CollectiveError(
          'collective.run_booked_elsewhere',
          `the monitored households' payables of run ${run.id} are booked in ledger ${line.ledgerId ?? '(none)'}, not this collective's`,
          { field: 'distributionRunId', context: { bookedIn: line.ledgerId, ledgerId: c.ledgerId } },
        )
      }
      if (payDate < run.date) {
        throw new CollectiveError(
          'collective.pay_before_record',
          `the run of ${run.date} is paid on or after that day, not ${payDate}`,
          { field: 'payDate', context: { runDate: run.date } },
        )
      }
      const refs = run.monitoredHouseholds.map((h) => h.ref)
      const found = await householdsNamed(db, c, refs)
      const match = (ref: string) => {
        const byKey = found.find((h) => h.id === ref || h.number === ref)
        if (byKey) return byKey
        const byHead = found.filter((h) => h.headName === ref)
        return byHead.length === 1 ? byHead[0]! : null
      }
      return {
        payableVoucherId: line.voucherId,
        households: run.monitoredHouseholds.map((h) => {
          const household = match(h.ref)
          return {
            ref: h.ref,
            amount: h.amount,
            householdId: household?.id ?? null,
            label: household ? `${household.number} ${household.headName}` : h.ref,
          }
        }),
      }
    },

    /** Records a booking whose vouchers the app has drafted, in the caller's transaction. */
    async recordBooking(
      collectiveId: string,
      values: {
        kind: BookingKind
        subjectId: string
        period: string
        voucherDate: string
        voucherIds: readonly string[]
        lines: readonly BookingLine[]
      },
      createdBy: string,
    ): Promise<Booking> {
      const c = await loadCollective(db, collectiveId, undefined)
      const row = await insertBooking(db, {
        countyCode: c.countyCode,
        id: newId(c.countyCode),
        collectiveId: c.id,
        ledgerId: c.ledgerId,
        kind: values.kind,
        subjectId: values.subjectId,
        period: values.period,
        voucherDate: values.voucherDate,
        voucherIds: JSON.stringify(values.voucherIds),
        amount: values.lines.reduce((s, l) => s + l.amount, 0n),
        detail: JSON.stringify(values.lines.map((l) => ({ ...l, amount: l.amount.toString() }))),
        createdBy,
        createdAt: clock.now(),
      })
      return toBooking(row)
    },

    async getBooking(collectiveId: string, bookingId: string, options?: GuardOptions): Promise<Booking> {
      const c = await loadCollective(db, collectiveId, options)
      const [row] = await bookingsOf(db, c, { ids: [bookingId] })
      if (!row) throw notFound('booking', bookingId)
      return toBooking(row)
    },

    async listBookings(
      collectiveId: string,
      query: { kind?: BookingKind; limit: number; after: string | null },
      options?: GuardOptions,
    ): Promise<Page<Booking>> {
      const c = await loadCollective(db, collectiveId, options)
      const rows = await bookingsOf(db, c, {
        ...(query.kind ? { kinds: [query.kind] } : {}),
        limit: query.limit,
        after: query.after,
      })
      return toPage(rows.map(toBooking), query.limit, (b) => b.id)
    },
  }
}
