import { Id } from '@liancun/core'
import { APPROVAL_STEPS, type ApprovalChain, RecordApprovalInput, STEP_ROLES } from '@liancun/ledger'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import type { Role } from '../../auth/scope.js'
import { errorResponses } from '../../http/problem.js'
import { requireActor } from '../../plugins/auth.js'
import { auditOf, ledgerAccess } from './access.js'
import { LedgerParams } from './ledgers.js'

const VoucherParams = LedgerParams.extend({ voucherId: Id })

/** Every role that takes some step of the chain; which step a key may take is the ledger's rule. */
export const APPROVERS: readonly Role[] = [...new Set(Object.values(STEP_ROLES).flat())] as Role[]

const Step = z.enum(APPROVAL_STEPS)

export const ApprovalChainOut = z
  .object({
    voucherId: Id,
    steps: z.array(
      z.object({
        step: Step,
        keyId: z.string(),
        role: z.string(),
        signer: z.string().meta({ description: 'the name of the key that took the step, as signed' }),
        approvedAt: z.string(),
      }),
    ),
    next: Step.nullable().meta({ description: 'the step still to take; null once audited' }),
    complete: z.boolean(),
  })
  .meta({ id: 'VoucherApprovalChain' })

const toWire = (chain: ApprovalChain): z.infer<typeof ApprovalChainOut> => chain

/** 村账乡代管: the approval chain of a draft voucher (issue 12 item 6). */
const voucherApprovalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/ledgers/:id/vouchers/:voucherId/approvals',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'recordVoucherApproval',
        summary: 'Take the next step of a draft’s 村账乡代管 approval chain with the calling key',
        description:
          'Steps in order, each by its own key: prepared (报账员: clerk or bookkeeper), reviewed (民主理财小组 / ' +
          '村务监督委员会: reviewer), signed (村委会主任: organizer), audited (乡镇经管站: auditor). The key’s scope ' +
          'covers the ledger’s village; its name is recorded as the signer. A posted voucher takes no more ' +
          'steps. Where the county requires it, posting waits for the complete chain.',
        params: VoucherParams,
        body: RecordApprovalInput,
        response: { 201: ApprovalChainOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = ledgerAccess(request, APPROVERS)
      const actor = requireActor(request)
      const chain = await auditedWrite(
        request,
        ({ services }) =>
          services.ledger.recordApproval(
            request.params.id,
            request.params.voucherId,
            request.body,
            { keyId: actor.keyId, role: actor.role, signer: actor.key.name },
            access.options(services),
          ),
        (c) => auditOf(access.ledger, 'voucher_approval', `${c.voucherId}/${request.body.step}`),
        toWire,
      )
      return reply.code(201).send(chain)
    },
  )

  app.get(
    '/v1/ledgers/:id/vouchers/:voucherId/approvals',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'listVoucherApprovals',
        summary: 'Read a voucher’s 村账乡代管 approval chain',
        description:
          'Any role whose key covers the ledger’s village. The steps taken, in order, with the key, role and ' +
          'signer of each, and the step still to take.',
        params: VoucherParams,
        response: { 200: ApprovalChainOut, ...errorResponses(404) },
      },
    },
    async (request) =>
      toWire(
        await app.services.ledger.listApprovals(
          request.params.id,
          request.params.voucherId,
          ledgerAccess(request).options(),
        ),
      ),
  )
}

export default voucherApprovalRoutes
