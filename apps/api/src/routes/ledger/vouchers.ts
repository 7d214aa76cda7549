import { Id, PageQuery, pageRequest } from '@liancun/core'
import {
  CreateVoucherBatchInput,
  CreateVoucherInput,
  Period,
  PostVoucherBatchInput,
  ReverseVoucherInput,
} from '@liancun/ledger'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { hotResponse } from '../../http/hot-response.js'
import { errorResponses } from '../../http/problem.js'
import { BOOKKEEPERS, REVIEWERS } from '../../plugins/auth.js'
import { pageOf } from '../organization/schemas.js'
import { auditOf, ledgerAccess } from './access.js'
import { LedgerParams } from './ledgers.js'
import { VoucherOut, voucherToWire } from './schemas.js'

const VoucherParams = LedgerParams.extend({ voucherId: Id })

/** Vouchers: drafts, reads, posting (审核), 红字冲销, and batches. */
const voucherRoutes: FastifyPluginAsyncZod = async (app) => {
  const ledgers = () => app.services.ledger

  app.post(
    '/v1/ledgers/:id/vouchers',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'createVoucher',
        summary: 'Prepare a draft voucher (记账凭证); send an Idempotency-Key to retry safely',
        description:
          'At least two lines, each exactly one of debit or credit, positive; Σ debit = Σ credit; leaf, enabled ' +
          'accounts; the date in an open period. A reviewer other than the preparer posts it.',
        params: LedgerParams,
        body: CreateVoucherInput,
        response: { 201: VoucherOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = ledgerAccess(request, BOOKKEEPERS)
      const voucher = await auditedWrite(
        request,
        ({ services }) =>
          services.ledger.createVoucher(
            request.params.id,
            request.body,
            access.keyId,
            access.options(services),
          ),
        (v) => auditOf(access.ledger, 'voucher', v.id),
        voucherToWire,
      )
      return reply.code(201).send(voucher)
    },
  )

  app.get(
    '/v1/ledgers/:id/vouchers',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'listVouchers',
        description:
          'Any role whose key covers the ledger’s village. Vouchers by status (draft, posted) and period range, cursor-paginated.',
        summary: 'List vouchers by status and period range',
        params: LedgerParams,
        querystring: PageQuery.extend({
          status: z.enum(['draft', 'posted']).optional(),
          from: Period.optional(),
          to: Period.optional(),
        }),
        response: { 200: hotResponse(pageOf(VoucherOut)), ...errorResponses(404) },
      },
    },
    async (request) => {
      const { status, from, to } = request.query
      const page = await ledgers().listVouchers(
        request.params.id,
        {
          ...(status ? { status } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          ...pageRequest(request.query),
        },
        ledgerAccess(request).options(),
      )
      return { items: page.items.map(voucherToWire), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/v1/ledgers/:id/vouchers/:voucherId',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'getVoucher',
        description:
          'Any role whose key covers the ledger’s village. One voucher with its lines; amounts are 元 strings with two places.',
        summary: 'Read a voucher with its lines',
        params: VoucherParams,
        response: { 200: hotResponse(VoucherOut), ...errorResponses(404) },
      },
    },
    async (request) =>
      voucherToWire(
        await ledgers().getVoucher(
          request.params.id,
          request.params.voucherId,
          ledgerAccess(request).options(),
        ),
      ),
  )

  app.delete(
    '/v1/ledgers/:id/vouchers/:voucherId',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'deleteVoucher',
        description:
          'Admin or bookkeeper, key covering the ledger’s village. Only drafts are deleted; posted vouchers are corrected by 红字冲销 (reverse).',
        summary: 'Delete a draft voucher (posted vouchers are never deleted)',
        params: VoucherParams,
        response: { 200: VoucherOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const access = ledgerAccess(request, BOOKKEEPERS)
      return auditedWrite(
        request,
        ({ services }) =>
          services.ledger.deleteVoucher(
            request.params.id,
            request.params.voucherId,
            access.options(services),
          ),
        (v) => ({ ...auditOf(access.ledger, 'voucher', v.id), before: v, after: null }),
        voucherToWire,
      )
    },
  )

  app.post(
    '/v1/ledgers/:id/vouchers/:voucherId/post',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'postVoucher',
        summary: 'Post a draft (审核记账): numbers it within its month; the preparer may not post',
        description:
          'Posting one side of a 飞地抱团 link posts the other: the reviewer’s scope must cover both ledgers.',
        params: VoucherParams,
        response: { 200: VoucherOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const access = ledgerAccess(request, REVIEWERS)
      return auditedWrite(
        request,
        ({ services }) =>
          services.ledger.postVoucher(
            request.params.id,
            request.params.voucherId,
            access.keyId,
            access.options(services),
          ),
        (v) => auditOf(access.ledger, 'voucher', v.id),
        voucherToWire,
      )
    },
  )

  app.post(
    '/v1/ledgers/:id/vouchers/:voucherId/reverse',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'reverseVoucher',
        description:
          'Admin or bookkeeper, key covering the ledger’s village. Drafts a voucher with every amount negated, dated in an open period and linked to the original both ways; a reviewer posts it.',
        summary: 'Reverse a posted voucher (红字冲销): a negated draft in an open period, linked both ways',
        params: VoucherParams,
        body: ReverseVoucherInput,
        response: { 201: VoucherOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = ledgerAccess(request, BOOKKEEPERS)
      const reversal = await auditedWrite(
        request,
        ({ services }) =>
          services.ledger.reverseVoucher(
            request.params.id,
            request.params.voucherId,
            request.body,
            access.keyId,
            access.options(services),
          ),
        (v) => auditOf(access.ledger, 'voucher', v.id),
        voucherToWire,
      )
      return reply.code(201).send(reversal)
    },
  )

  app.post(
    '/v1/ledgers/:id/vouchers::batch',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'createVoucherBatch',
        summary: 'Prepare up to 1,000 draft vouchers at once, all or none (imports, integrations)',
        description: 'A refused item names itself in the error field, e.g. `vouchers.3.lines.0.account`.',
        params: LedgerParams,
        body: CreateVoucherBatchInput,
        response: { 201: z.object({ items: z.array(VoucherOut) }), ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = ledgerAccess(request, BOOKKEEPERS)
      const body = await auditedWrite(
        request,
        ({ services }) =>
          services.ledger.createVouchers(
            request.params.id,
            request.body.vouchers,
            access.keyId,
            access.options(services),
          ),
        (items) => ({ ...auditOf(access.ledger, 'voucher_batch'), after: items.map((v) => v.id) }),
        (created) => ({ items: created.map(voucherToWire) }),
      )
      return reply.code(201).send(body)
    },
  )

  app.post(
    '/v1/ledgers/:id/vouchers::post-batch',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'postVoucherBatch',
        description:
          'Admin or reviewer, key covering the ledger’s village. Posts the listed drafts in the given order in one transaction: all post or none do. The preparer cannot post their own draft.',
        summary: 'Post many drafts in the given order, all or none',
        params: LedgerParams,
        body: PostVoucherBatchInput,
        response: { 200: z.object({ items: z.array(VoucherOut) }), ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const access = ledgerAccess(request, REVIEWERS)
      return auditedWrite(
        request,
        ({ services }) =>
          services.ledger.postVouchers(
            request.params.id,
            request.body.voucherIds,
            access.keyId,
            access.options(services),
          ),
        (items) => ({
          ...auditOf(access.ledger, 'voucher_batch'),
          after: items.map((v) => ({ id: v.id, label: v.label })),
        }),
        (posted) => ({ items: posted.map(voucherToWire) }),
      )
    },
  )
}

export default voucherRoutes
