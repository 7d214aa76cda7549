import {
  CreateHoldingInput,
  CreateShareKindInput,
  PayoutInput,
  TransferHoldingInput,
} from '@liancun/collective'
import { BusinessDate, Id, PageQuery, pageRequest } from '@liancun/core'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { BOOKKEEPERS, requireActor } from '../../plugins/auth.js'
import { payOutDistribution } from '../../workflows/pay-out-distribution.js'
import { pageOf } from '../organization/schemas.js'
import { CollectiveParams, collectiveAccess, REGISTRARS } from './access.js'
import {
  HoldingOut,
  holdingToWire,
  PayoutOut,
  PayoutSummaryOut,
  payoutSummaryToWire,
  payoutToWire,
  registerToWire,
  ShareKindOut,
  ShareRegisterOut,
} from './schemas.js'

const tags = ['collective']

/** 折股量化: share kinds, holdings and their changes, the register as of a day, and payouts. */
const shareRoutes: FastifyPluginAsyncZod = async (app) => {
  const registers = () => app.services.collective

  app.post(
    '/v1/collectives/:id/share-kinds',
    {
      schema: {
        tags,
        operationId: 'addShareKind',
        summary: 'Add a share kind (股种: 人口股, 劳龄股, 集体股 …) and who holds it',
        description: 'Admin, bookkeeper or clerk of the village.',
        params: CollectiveParams,
        body: CreateShareKindInput,
        response: { 201: ShareKindOut, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const access = collectiveAccess(request, REGISTRARS)
      const kind = await auditedWrite(
        request,
        ({ services }) =>
          services.collective.addShareKind(request.params.id, request.body, access.options(services)),
        (k) => access.audit('share_kind', k.id),
      )
      return reply.code(201).send(kind)
    },
  )

  app.get(
    '/v1/collectives/:id/share-kinds',
    {
      schema: {
        tags,
        operationId: 'listShareKinds',
        summary: 'Share kinds of the collective',
        description: 'Any role whose key covers the collective’s village.',
        params: CollectiveParams,
        response: { 200: z.object({ items: z.array(ShareKindOut) }), ...errorResponses(404) },
      },
    },
    async (request) => ({
      items: await registers().listShareKinds(request.params.id, collectiveAccess(request).options()),
    }),
  )

  app.post(
    '/v1/collectives/:id/holdings',
    {
      schema: {
        tags,
        operationId: 'addHolding',
        summary:
          'Record a holding as quantified (折股量化): shares of a kind held by a member, household or the collective',
        description:
          'Admin, bookkeeper or clerk of the village. One open holding per holder and kind; later changes go through a transfer.',
        params: CollectiveParams,
        body: CreateHoldingInput,
        response: { 201: HoldingOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = collectiveAccess(request, REGISTRARS)
      const holding = await auditedWrite(
        request,
        ({ services }) =>
          services.collective.addHolding(
            request.params.id,
            request.body,
            requireActor(request).keyId,
            access.options(services),
          ),
        (h) => access.audit('holding', h.id),
        holdingToWire,
      )
      return reply.code(201).send(holding)
    },
  )

  app.get(
    '/v1/collectives/:id/holdings',
    {
      schema: {
        tags,
        operationId: 'listHoldingHistory',
        summary: 'Every holding row ever recorded (of one holder): the history of changes',
        description: 'Any role whose key covers the collective’s village. Closed rows carry `validTo`.',
        params: CollectiveParams,
        querystring: z.object({ holderId: Id.optional() }),
        response: { 200: z.object({ items: z.array(HoldingOut) }), ...errorResponses(404) },
      },
    },
    async (request) => ({
      items: (
        await registers().holdingHistory(
          request.params.id,
          request.query.holderId ? { holderId: request.query.holderId } : {},
          collectiveAccess(request).options(),
        )
      ).map(holdingToWire),
    }),
  )

  app.post(
    '/v1/collectives/:id/holdings/:holdingId/transfer',
    {
      schema: {
        tags,
        operationId: 'transferHolding',
        summary: 'Change a holding (继承, 内部转让, 调整): it is closed on the day and followed by new rows',
        description:
          'Admin, bookkeeper or clerk of the village. Transfers stay inside the collective; history is kept.',
        params: CollectiveParams.extend({ holdingId: Id }),
        body: TransferHoldingInput,
        response: {
          200: z.object({ closed: z.array(HoldingOut), opened: z.array(HoldingOut) }),
          ...errorResponses(404, 422),
        },
      },
    },
    async (request) => {
      const access = collectiveAccess(request, REGISTRARS)
      return auditedWrite(
        request,
        ({ services }) =>
          services.collective.transferHolding(
            request.params.id,
            request.params.holdingId,
            request.body,
            requireActor(request).keyId,
            access.options(services),
          ),
        () => access.audit('holding', request.params.holdingId),
        (r) => ({ closed: r.closed.map(holdingToWire), opened: r.opened.map(holdingToWire) }),
      )
    },
  )

  app.get(
    '/v1/collectives/:id/share-register',
    {
      schema: {
        tags,
        operationId: 'getShareRegister',
        summary: '股权登记簿 as of a day: holdings valid on it, units per kind and per household',
        description: 'Any role whose key covers the collective’s village.',
        params: CollectiveParams,
        querystring: z.object({ asOf: BusinessDate }),
        response: { 200: ShareRegisterOut, ...errorResponses(404) },
      },
    },
    async (request) =>
      registerToWire(
        await registers().shareRegister(
          request.params.id,
          request.query.asOf,
          collectiveAccess(request).options(),
        ),
      ),
  )

  app.post(
    '/v1/collectives/:id/payouts',
    {
      schema: {
        tags,
        operationId: 'createPayout',
        summary:
          'Pay out the members’ part of a distribution to households (分红到户), drafting its vouchers',
        description:
          'Admin or bookkeeper of the village. Split over the shares held on the record day by the exact largest-remainder method; drafts Dr 322 / Cr 211 per household and Dr 211 per household / Cr 102 in the collective’s ledger, for its reviewer to post. The 集体股 part stays in 322.',
        params: CollectiveParams,
        body: PayoutInput,
        response: { 201: PayoutOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const access = collectiveAccess(request, BOOKKEEPERS)
      const payout = await auditedWrite(
        request,
        ({ services }) =>
          payOutDistribution(
            services,
            request.params.id,
            request.body,
            requireActor(request).keyId,
            access.options(services),
          ),
        (p) => access.audit('payout', p.id),
        payoutToWire,
      )
      return reply.code(201).send(payout)
    },
  )

  app.get(
    '/v1/collectives/:id/payouts',
    {
      schema: {
        tags,
        operationId: 'listPayouts',
        summary: 'Payouts of the collective (without their lines)',
        description: 'Any role whose key covers the collective’s village; cursor-paginated.',
        params: CollectiveParams,
        querystring: PageQuery,
        response: { 200: pageOf(PayoutSummaryOut), ...errorResponses(404) },
      },
    },
    async (request) => {
      const page = await registers().listPayouts(
        request.params.id,
        pageRequest(request.query),
        collectiveAccess(request).options(),
      )
      return { items: page.items.map(payoutSummaryToWire), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/v1/collectives/:id/payouts/:payoutId',
    {
      schema: {
        tags,
        operationId: 'getPayout',
        summary: 'A payout list: each household’s units and amount, and the vouchers drafted',
        description: 'Any role whose key covers the collective’s village.',
        params: CollectiveParams.extend({ payoutId: Id }),
        response: { 200: PayoutOut, ...errorResponses(404) },
      },
    },
    async (request) =>
      payoutToWire(
        await registers().getPayout(
          request.params.id,
          request.params.payoutId,
          collectiveAccess(request).options(),
        ),
      ),
  )
}

export default shareRoutes
