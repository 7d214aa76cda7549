import { BusinessDate, Id } from '@liancun/core'
import { IMPORT_MAX_LINES, IMPORT_MAX_VOUCHERS, ImportVouchersInput } from '@liancun/ledger'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { REVIEWERS } from '../../plugins/auth.js'
import { auditOf, ledgerAccess } from './access.js'
import { LedgerParams } from './ledgers.js'

const ImportResultOut = z
  .object({
    imported: z.number().int(),
    items: z.array(
      z.object({
        id: Id,
        date: BusinessDate,
        label: z.string().meta({ example: '2023年07月 记字第15号' }),
        sourceRef: z.string(),
      }),
    ),
  })
  .meta({ id: 'VoucherImportResult' })

/** A large import: up to 2,000 vouchers of a few lines each, well under this. */
const IMPORT_BODY_LIMIT = 8 * 1024 * 1024

/**
 * 历史凭证导入 (migration from a county's legacy software). Who may import: a reviewer (审核) of
 * the ledger's village, or an admin — the import posts, so it needs whoever may post. (The roles
 * are provisional: the lead may give imports a role of their own.)
 */
const importRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/ledgers/:id/vouchers::import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['ledgers'],
        operationId: 'importVouchers',
        summary: `Import up to ${IMPORT_MAX_VOUCHERS} vouchers already reviewed in another system, written posted, all or none`,
        description:
          'For migrating history: each voucher keeps its source reference and the 记账 / 审核 names recorded there ' +
          '(they must differ). Every posting rule still holds — balanced lines, leaf enabled accounts, open months, ' +
          '101/102 never negative, dated today or earlier — checked in date order; a refused item names itself ' +
          `(\`vouchers.3.lines.0.account\`). Numbered gaplessly after the ledger's own vouchers, chained, and in the ` +
          `balances. At most ${IMPORT_MAX_LINES} lines per call; a source reference is imported once per ledger.`,
        params: LedgerParams,
        body: ImportVouchersInput,
        response: { 201: ImportResultOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = ledgerAccess(request, REVIEWERS)
      const body = await auditedWrite(
        request,
        ({ services }) =>
          services.ledger.importVouchers(
            request.params.id,
            request.body.vouchers,
            access.keyId,
            access.options(services),
          ),
        (items) => ({
          ...auditOf(access.ledger, 'voucher_import'),
          after: items.map((v) => ({ id: v.id, label: v.label, sourceRef: v.source?.ref })),
        }),
        (items) => ({
          imported: items.length,
          items: items.map((v) => ({
            id: v.id,
            date: v.date,
            label: v.label ?? '',
            sourceRef: v.source?.ref ?? '',
          })),
        }),
      )
      return reply.code(201).send(body)
    },
  )
}

export default importRoutes
