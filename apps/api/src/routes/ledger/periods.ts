import { formatMoney, Id, MoneyOut } from '@liancun/core'
import { CreateAssertionInput, Period, ReopenPeriodInput } from '@liancun/ledger'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { BOOKKEEPERS, REVIEWERS } from '../../plugins/auth.js'
import { auditOf, ledgerAccess } from './access.js'
import { LedgerParams } from './ledgers.js'
import { AssertionOut, assertionToWire, PeriodStateOut, VoucherOut, voucherToWire } from './schemas.js'

const PeriodParams = LedgerParams.extend({ period: Period })
export const Year = z
  .string()
  .regex(/^[0-9]{4}$/, 'must be a year written YYYY')
  .meta({ example: '2024' })

/** Months and years: close, reopen, the year-end close, and the balance assertions a close checks. */
const periodRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/ledgers/:id/periods/:period/close',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'closePeriod',
        description:
          'Admin or reviewer, key covering the ledger’s village. 结账: every earlier month is closed, no drafts remain and every balance assertion of the month holds; seals a hash over the month’s vouchers.',
        summary: 'Close a month (结账): earlier months closed, no drafts left; seals a hash over it',
        params: PeriodParams,
        response: { 200: PeriodStateOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const access = ledgerAccess(request, REVIEWERS)
      return auditedWrite(
        request,
        ({ services }) =>
          services.ledger.closePeriod(
            request.params.id,
            request.params.period,
            access.keyId,
            access.options(services),
          ),
        (p) => auditOf(access.ledger, 'period', `${access.ledger.id}/${p.period}`),
      )
    },
  )

  app.post(
    '/v1/ledgers/:id/periods/:period/reopen',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'reopenPeriod',
        description:
          'Admin only, key covering the ledger’s village. Reopens the latest closed month with a reason, recorded in the audit log; later months must be open.',
        summary: 'Reopen the latest closed month (admin only, with a reason; audited)',
        params: PeriodParams,
        body: ReopenPeriodInput,
        response: { 200: PeriodStateOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const access = ledgerAccess(request, [])
      return auditedWrite(
        request,
        ({ services }) =>
          services.ledger.reopenPeriod(
            request.params.id,
            request.params.period,
            request.body.reason,
            access.keyId,
            access.options(services),
          ),
        (p) => auditOf(access.ledger, 'period', `${access.ledger.id}/${p.period}`),
      )
    },
  )

  app.post(
    '/v1/ledgers/:id/years/:year/close',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'closeYear',
        description:
          'Admin or reviewer, key covering the ledger’s village. 年终结账: posts the closing vouchers of the year dated 31 December — 损益 accounts into 321 本年收益, 321 into 322 收益分配—未分配收益, and 322’s 各项分配 into 未分配收益. A December already closed takes them and is resealed. The year before must be closed first (`ledger.earlier_year_open`); afterwards no voucher dated in the year may post to an income or expense account (`ledger.closed_year_income`).',
        summary:
          '年终结账: post the closing vouchers (损益 → 321 → 322 未分配收益; 各项分配 → 未分配收益) dated 31 December',
        params: LedgerParams.extend({ year: Year }),
        response: {
          200: z.object({ ledgerId: Id, year: z.string(), result: MoneyOut, vouchers: z.array(VoucherOut) }),
          ...errorResponses(404, 409, 422),
        },
      },
    },
    async (request) => {
      const access = ledgerAccess(request, REVIEWERS)
      return auditedWrite(
        request,
        ({ services }) =>
          services.ledger.closeYear(
            request.params.id,
            request.params.year,
            access.keyId,
            access.options(services),
          ),
        (c) => ({
          ...auditOf(access.ledger, 'year', `${access.ledger.id}/${c.year}`),
          after: { result: c.result.toString(), vouchers: c.vouchers.map((v) => v.id) },
        }),
        (closed) => ({
          ...closed,
          result: formatMoney(closed.result),
          vouchers: closed.vouchers.map(voucherToWire),
        }),
      )
    },
  )

  app.post(
    '/v1/ledgers/:id/assertions',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'createBalanceAssertion',
        description:
          'Admin, bookkeeper or reviewer, key covering the ledger’s village. Records a balance seen outside the books (a bank statement, a cash count) for an account on a day; closing that month waits until it holds.',
        summary:
          'Record a balance seen outside the books (bank statement, cash count); closing its month waits until it holds',
        params: LedgerParams,
        body: CreateAssertionInput,
        response: { 201: AssertionOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const access = ledgerAccess(request, [...BOOKKEEPERS, ...REVIEWERS])
      const assertion = await auditedWrite(
        request,
        ({ services }) =>
          services.ledger.addAssertion(
            request.params.id,
            request.body,
            access.keyId,
            access.options(services),
          ),
        (a) => auditOf(access.ledger, 'balance_assertion', a.id),
        assertionToWire,
      )
      return reply.code(201).send(assertion)
    },
  )

  app.get(
    '/v1/ledgers/:id/assertions',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'listBalanceAssertions',
        description:
          'Any role whose key covers the ledger’s village. Each assertion with the booked balance and whether it holds now.',
        summary: 'Balance assertions with whether each holds now',
        params: LedgerParams,
        querystring: z.object({ period: Period.optional() }),
        response: { 200: z.object({ items: z.array(AssertionOut) }), ...errorResponses(404) },
      },
    },
    async (request) => {
      const items = await app.services.ledger.listAssertions(
        request.params.id,
        request.query.period ? { period: request.query.period } : {},
        ledgerAccess(request).options(),
      )
      return { items: items.map(assertionToWire) }
    },
  )
}

export default periodRoutes
