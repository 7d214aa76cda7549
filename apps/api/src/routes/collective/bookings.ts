import {
  BOOKING_KINDS,
  type Booking,
  DeferralRunInput,
  DepreciationRunInput,
  MonitoredPayoutInput,
} from '@liancun/collective'
import { formatMoney, Id, MoneyOut, PageQuery, pageRequest } from '@liancun/core'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { BOOKKEEPERS, requireActor } from '../../plugins/auth.js'
import type { Services } from '../../services.js'
import { bookContractDeferrals } from '../../workflows/book-contract-deferrals.js'
import { bookDepreciation } from '../../workflows/book-depreciation.js'
import { payMonitoredHouseholds } from '../../workflows/pay-monitored-households.js'
import { voucherRefs } from '../../workflows/voucher-refs.js'
import { VoucherRef } from '../funds/schemas.js'
import { pageOf } from '../organization/schemas.js'
import { CollectiveParams, collectiveAccess } from './access.js'

const tags = ['collective']

export const BookingOut = z
  .object({
    id: Id,
    collectiveId: Id,
    ledgerId: Id,
    kind: z.enum(BOOKING_KINDS).meta({
      description:
        'rent_transfer 预收转收入 (Dr 211 / Cr 501), amortisation 长期待摊费用摊销 (Dr 511 / Cr 171), depreciation 计提折旧 (Dr expense / Cr 152), monitored_payout 防返贫监测户发放 (Dr 211 / Cr 102)',
    }),
    subjectId: z.string().meta({ description: 'the contract, the ledger or the distribution run booked' }),
    period: z
      .string()
      .meta({ description: 'YYYY (a contract’s year), YYYY-MM (a month) or empty (a payout)' }),
    voucherDate: z.string(),
    vouchers: z
      .array(VoucherRef)
      .meta({ description: 'the draft vouchers in the collective’s ledger, read live' }),
    amount: MoneyOut,
    lines: z
      .array(
        z.object({
          key: z.string().meta({ description: 'instalment seq, asset card id or household ref' }),
          label: z.string(),
          amount: MoneyOut,
          account: z.string().meta({ description: 'the account the line debits' }),
          householdId: Id.nullable().meta({ description: 'the register’s household a ref names, if any' }),
        }),
      )
      .meta({ description: 'what the voucher was built from: instalments, cards or the payout list' }),
    basis: z.string().meta({ description: 'the rule and legal basis applied' }),
    createdAt: z.string(),
  })
  .meta({ id: 'CollectiveBooking' })

type Refs = Awaited<ReturnType<typeof voucherRefs>>

const bookingToWire = (b: Booking, refs: Refs) => ({
  id: b.id,
  collectiveId: b.collectiveId,
  ledgerId: b.ledgerId,
  kind: b.kind,
  subjectId: b.subjectId,
  period: b.period,
  voucherDate: b.voucherDate,
  vouchers: b.voucherIds.map((id) => refs(id, b.ledgerId)),
  amount: formatMoney(b.amount),
  lines: b.lines.map((l) => ({ ...l, amount: formatMoney(l.amount) })),
  basis: b.basis,
  createdAt: b.createdAt,
})

async function wire(services: Services, bookings: Booking[]) {
  const refs = await voucherRefs(
    services,
    bookings.flatMap((b) => b.voucherIds),
  )
  return bookings.map((b) => bookingToWire(b, refs))
}

const BookingResult = z.object({
  booking: BookingOut,
  replayed: z.boolean().meta({ description: 'the period was booked before: its booking, nothing drafted' }),
})

/**
 * 记账 of the registers: the year's 预收 and 长期待摊费用 of the contracts, a month's depreciation,
 * a run's monitored households paid — draft vouchers in the collective's ledger, once each.
 */
const bookingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/collectives/:id/bookings/deferrals',
    {
      schema: {
        tags,
        operationId: 'bookContractDeferrals',
        summary:
          'Year-end: move each contract’s share of the year out of 预收 (211 → 501) or 长期待摊费用 (171 → 511)',
        description:
          'Admin or bookkeeper of the village. For every contract whose instalment was paid in advance for the year (due voucher of an earlier year), one draft voucher in the collective’s ledger: outbound Dr 211 / Cr 501, inbound Dr 511 / Cr 171, the year’s share of the instalment’s spread (largest remainder over whole months, else days). Idempotent per (contract, year): contracts booked for the year are listed in `alreadyBooked`; instalments whose due voucher was reversed are listed in `skipped`.',
        params: CollectiveParams,
        body: DeferralRunInput,
        response: {
          200: z.object({
            collectiveId: Id,
            year: z.number().int(),
            voucherDate: z.string(),
            drafted: z.array(BookingOut),
            alreadyBooked: z.array(BookingOut),
            skipped: z.array(
              z.object({
                contractId: Id,
                seq: z.number().int(),
                reason: z.enum(['due_voucher_reversed', 'due_voucher_missing']),
              }),
            ),
          }),
          ...errorResponses(404, 422),
        },
      },
    },
    async (request) => {
      const access = collectiveAccess(request, BOOKKEEPERS)
      return auditedWrite(
        request,
        ({ services }) =>
          bookContractDeferrals(
            services,
            request.params.id,
            request.body,
            requireActor(request).keyId,
            app.clock.today(),
            access.options(services),
          ),
        (r) => ({
          ...access.audit('collective_deferrals', `${r.collectiveId}/${r.year}`),
          after: { year: r.year, drafted: r.drafted.map((b) => b.id) },
        }),
        async (r, { services }) => {
          const [drafted, alreadyBooked] = await Promise.all([
            wire(services, r.drafted),
            wire(services, r.alreadyBooked),
          ])
          return { ...r, drafted, alreadyBooked }
        },
      )
    },
  )

  app.post(
    '/v1/collectives/:id/bookings/depreciation',
    {
      schema: {
        tags,
        operationId: 'bookDepreciation',
        summary: 'Month-end: draft the month’s depreciation voucher (Dr expense per class / Cr 152 累计折旧)',
        description:
          'Admin or bookkeeper of the village. One draft voucher per (ledger, month), dated the month’s last day, from the charges of the fixed-asset cards that depreciate (straight line; investments and cards of method none are not depreciated). Expense per class by default 经营性 511, 公益性 514, 到户类 515 (configurable). A month booked before returns its booking (200, `replayed`). The register’s accumulated depreciation is derived from the cards, so the reconciliation agrees with 152 once the months’ vouchers are posted.',
        params: CollectiveParams,
        body: DepreciationRunInput,
        response: { 200: BookingResult, 201: BookingResult, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const access = collectiveAccess(request, BOOKKEEPERS)
      const result = await auditedWrite(
        request,
        ({ services }) =>
          bookDepreciation(
            services,
            request.params.id,
            request.body,
            requireActor(request).keyId,
            access.options(services),
          ),
        (r) => ({ ...access.audit('collective_booking', r.booking.id), after: { replayed: r.replayed } }),
        async (r, { services }) => ({
          booking: (await wire(services, [r.booking]))[0]!,
          replayed: r.replayed,
        }),
      )
      return reply.code(result.replayed ? 200 : 201).send(result)
    },
  )

  app.post(
    '/v1/collectives/:id/bookings/monitored-payouts',
    {
      schema: {
        tags,
        operationId: 'payMonitoredHouseholds',
        summary:
          'Pay a distribution run’s 防返贫监测户 part to the named households (Dr 211 per household / Cr 102)',
        description:
          'Admin or bookkeeper of the village whose ledger booked the run’s monitored households’ payables. Draft payment vouchers dated the pay day, one debit per household clearing its payable, and the payout list (each household matched to the register by id, 户号 or head where possible). Once per (collective, run): a run paid before returns its booking (200, `replayed`).',
        params: CollectiveParams,
        body: MonitoredPayoutInput,
        response: { 200: BookingResult, 201: BookingResult, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const access = collectiveAccess(request, BOOKKEEPERS)
      const result = await auditedWrite(
        request,
        ({ services }) =>
          payMonitoredHouseholds(
            services,
            request.params.id,
            request.body,
            requireActor(request).keyId,
            access.options(services),
          ),
        (r) => ({ ...access.audit('collective_booking', r.booking.id), after: { replayed: r.replayed } }),
        async (r, { services }) => ({
          booking: (await wire(services, [r.booking]))[0]!,
          replayed: r.replayed,
        }),
      )
      return reply.code(result.replayed ? 200 : 201).send(result)
    },
  )

  app.get(
    '/v1/collectives/:id/bookings',
    {
      schema: {
        tags,
        operationId: 'listCollectiveBookings',
        summary: 'The registers’ bookings: year transfers, amortisation, depreciation and monitored payouts',
        description:
          'Any role whose key covers the collective’s village; cursor-paginated; vouchers’ states read live.',
        params: CollectiveParams,
        querystring: PageQuery.extend({ kind: z.enum(BOOKING_KINDS).optional() }),
        response: { 200: pageOf(BookingOut), ...errorResponses(404) },
      },
    },
    async (request) => {
      const page = await app.services.collective.listBookings(
        request.params.id,
        { ...(request.query.kind ? { kind: request.query.kind } : {}), ...pageRequest(request.query) },
        collectiveAccess(request).options(),
      )
      return { items: await wire(app.services, page.items), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/v1/collectives/:id/bookings/:bookingId',
    {
      schema: {
        tags,
        operationId: 'getCollectiveBooking',
        summary: 'A booking with its lines (instalments, cards or the monitored households’ payout list)',
        description: 'Any role whose key covers the collective’s village; vouchers’ states read live.',
        params: CollectiveParams.extend({ bookingId: Id }),
        response: { 200: BookingOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      const booking = await app.services.collective.getBooking(
        request.params.id,
        request.params.bookingId,
        collectiveAccess(request).options(),
      )
      return (await wire(app.services, [booking]))[0]!
    },
  )
}

export default bookingRoutes
