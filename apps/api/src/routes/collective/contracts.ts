import { ContractPaymentInput, CreateContractInput } from '@liancun/collective'
import { Id, PageQuery, pageRequest } from '@liancun/core'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { BOOKKEEPERS, requireActor } from '../../plugins/auth.js'
import { collectiveMatterGate } from '../../workflows/collective-matter-gate.js'
import { draftContractInstalment } from '../../workflows/draft-contract-instalment.js'
import { pageOf } from '../organization/schemas.js'
import { CollectiveParams, collectiveAccess, REGISTRARS } from './access.js'
import { ContractOut, contractToWire, InstalmentOut, instalmentToWire } from './schemas.js'

const tags = ['collective']
const InstalmentParams = CollectiveParams.extend({
  contractId: Id,
  seq: z.coerce.number().int().min(1).max(120).meta({ description: 'instalment number (1 = first)' }),
})
const InstalmentVoucherOut = z.object({ contractId: Id, instalment: InstalmentOut, voucherId: Id })

/** 合同: 发包 / 租赁 / 流转, their schedules, overdue and expiring lists, and their vouchers. */
const contractRoutes: FastifyPluginAsyncZod = async (app) => {
  const registers = () => app.services.collective

  app.post(
    '/v1/collectives/:id/contracts',
    {
      schema: {
        tags,
        operationId: 'createContract',
        summary:
          'Record a 发包 / 租赁 / 流转 contract with its resources or assets, term and payment schedule',
        description:
          'Admin, bookkeeper or clerk of the village. The instalments sum to the amount and pay for periods inside the term; the area let stays within each resource; at or above the major-matter amount the contract names its resolved 四议两公开 matter.',
        params: CollectiveParams,
        body: CreateContractInput,
        response: { 201: ContractOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = collectiveAccess(request, REGISTRARS)
      const contract = await auditedWrite(
        request,
        ({ services }) =>
          services.collective.createContract(request.params.id, request.body, requireActor(request).keyId, {
            ...access.options(services),
            ...collectiveMatterGate(services),
          }),
        (c) => access.audit('contract', c.id),
        contractToWire,
      )
      return reply.code(201).send(contract)
    },
  )

  app.get(
    '/v1/collectives/:id/contracts',
    {
      schema: {
        tags,
        operationId: 'listContracts',
        summary: 'Contracts of the collective, or those expiring within a number of days (到期提醒)',
        description: 'Any role whose key covers the collective’s village; cursor-paginated.',
        params: CollectiveParams,
        querystring: PageQuery.extend({
          expiringWithin: z.coerce
            .number()
            .int()
            .min(0)
            .max(3660)
            .optional()
            .meta({ description: 'days from today' }),
        }),
        response: { 200: pageOf(ContractOut), ...errorResponses(404) },
      },
    },
    async (request) => {
      const page = await registers().listContracts(
        request.params.id,
        {
          ...(request.query.expiringWithin === undefined
            ? {}
            : { expiringWithin: request.query.expiringWithin }),
          ...pageRequest(request.query),
        },
        collectiveAccess(request).options(),
      )
      return { items: page.items.map(contractToWire), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/v1/collectives/:id/contracts/:contractId',
    {
      schema: {
        tags,
        operationId: 'getContract',
        summary: 'A contract with its items, schedule and each instalment’s spread by year',
        description: 'Any role whose key covers the collective’s village.',
        params: CollectiveParams.extend({ contractId: Id }),
        response: { 200: ContractOut, ...errorResponses(404) },
      },
    },
    async (request) =>
      contractToWire(
        await registers().getContract(
          request.params.id,
          request.params.contractId,
          collectiveAccess(request).options(),
        ),
      ),
  )

  app.get(
    '/v1/collectives/:id/overdue-instalments',
    {
      schema: {
        tags,
        operationId: 'listOverdueInstalments',
        summary: '逾期未收: instalments due before today with no receipt, oldest first',
        description: 'Any role whose key covers the collective’s village.',
        params: CollectiveParams,
        response: {
          200: z.object({
            items: z.array(InstalmentOut.extend({ contractId: Id, number: z.string(), party: z.string() })),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => ({
      items: (
        await registers().overdueInstalments(request.params.id, collectiveAccess(request).options())
      ).map((o) => ({
        ...o,
        ...instalmentToWire(o),
      })),
    }),
  )

  for (const stage of ['receivable', 'receipt'] as const) {
    app.post(
      `/v1/collectives/:id/contracts/:contractId/instalments/:seq/${stage === 'receivable' ? 'due' : 'settlement'}`,
      {
        schema: {
          tags,
          operationId: stage === 'receivable' ? 'draftInstalmentDue' : 'draftInstalmentSettlement',
          summary:
            stage === 'receivable'
              ? 'Draft an instalment falling due: 应收 (outbound) or 应付 (inbound), this year’s part to income or expense'
              : 'Draft the settlement of an instalment: 收款 (Dr 102 / Cr 112) or 付款 (Dr 211 / Cr 102)',
          description:
            'Admin or bookkeeper of the village. A draft voucher in the collective’s ledger, once per instalment and stage; the settlement follows the due voucher. ' +
            (stage === 'receivable'
              ? 'Outbound: Dr 112 / Cr 501 for the years up to the voucher’s, Cr 211 (预收) for later years. Inbound: Dr 511 this year’s part, Dr 171 later years’ / Cr 211.'
              : ''),
          params: InstalmentParams,
          body: ContractPaymentInput,
          response: { 201: InstalmentVoucherOut, ...errorResponses(404, 409, 422) },
        },
      },
      async (request, reply) => {
        const access = collectiveAccess(request, BOOKKEEPERS)
        const drafted = await auditedWrite(
          request,
          ({ services }) =>
            draftContractInstalment(
              services,
              request.params.id,
              request.params.contractId,
              request.params.seq,
              stage,
              request.body,
              requireActor(request).keyId,
              app.clock.today(),
              access.options(services),
            ),
          (d) => access.audit('contract_instalment', `${d.contractId}/${request.params.seq}`),
          (d) => ({ ...d, instalment: instalmentToWire(d.instalment) }),
        )
        return reply.code(201).send(drafted)
      },
    )
  }
}

export default contractRoutes
