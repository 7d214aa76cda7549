import { Id, VillageCode } from '@liancun/core'
import { CreateDisclosureInput, CreateLedgerLinkInput } from '@liancun/ledger'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses, Problem } from '../../http/problem.js'
import { resolveWithin, WithinQuery } from '../../http/scope-query.js'
import { BOOKKEEPERS, REVIEWERS } from '../../plugins/auth.js'
import { registersReader } from '../../workflows/disclosure-registers.js'
import { auditOf, ledgerAccess } from './access.js'
import { LedgerParams } from './ledgers.js'
import {
  DisclosureOut,
  DisclosureSummaryOut,
  disclosureToWire,
  LedgerLinkOut,
  linkToWire,
} from './schemas.js'

/** 飞地抱团 links between two ledgers, and 晒财务 disclosures (published without a key). */
const linkRoutes: FastifyPluginAsyncZod = async (app) => {
  const ledgers = () => app.services.ledger

  app.post(
    '/v1/ledger-links',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'createLedgerLink',
        summary: '飞地抱团: money between two collectives as one draft voucher in each ledger, linked',
        description:
          'Both vouchers carry the link id and the other collective as counterparty. Posting either posts both, by a ' +
          'reviewer whose scope covers both villages. Never one voucher touching two ledgers.',
        body: CreateLedgerLinkInput,
        response: { 201: LedgerLinkOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      // The service guards both ledgers; the first it admits is the `from` side, the audit's tenant.
      const access = ledgerAccess(request, BOOKKEEPERS)
      const link = await auditedWrite(
        request,
        ({ services }) => services.ledger.createLink(request.body, access.keyId, access.options(services)),
        (l) => auditOf(access.ledger, 'ledger_link', l.id),
        linkToWire,
      )
      return reply.code(201).send(link)
    },
  )

  app.get(
    '/v1/ledger-links',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'listLedgerLinks',
        description:
          'Any role; links (飞地抱团 and other inter-village entries) touching ledgers inside the key’s scope or `within`; `unmatched=true` lists only those whose two sides disagree.',
        summary:
          'Links touching ledgers inside a division; unmatched=true lists those whose two sides disagree',
        querystring: z.object({
          within: WithinQuery,
          unmatched: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true'),
        }),
        response: { 200: z.object({ items: z.array(LedgerLinkOut) }), ...errorResponses() },
      },
    },
    async (request) => {
      const within = resolveWithin(request, request.query.within)
      const items = await ledgers().listLinks({
        ...(within ? { within } : {}),
        unmatched: request.query.unmatched,
      })
      return { items: items.map(linkToWire) }
    },
  )

  app.post(
    '/v1/ledgers/:id/disclosures',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'createFinancialDisclosure',
        description:
          'Admin or reviewer, key covering the ledger’s village. 晒财务: freezes the disclosure of a closed month or quarter (its figures and their sha256); it is then public at /v1/public/villages/{code}/financial-disclosures. With 三资公开: `registers` holds the asset cards held at the period end (cost, accumulated depreciation, net, owners), the resources (area in 亩, status) and the contracts (party, object, term, amount, received / due / overdue at the period end) of the collective’s registers — empty parts with a note when it has none.',
        summary: '晒财务: freeze the financial disclosure of a closed month or quarter, with its sha256',
        params: LedgerParams,
        body: CreateDisclosureInput,
        response: { 201: DisclosureOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = ledgerAccess(request, REVIEWERS)
      const disclosure = await auditedWrite(
        request,
        ({ services }) =>
          services.ledger.createDisclosure(request.params.id, request.body, access.keyId, {
            ...access.options(services),
            // 三资公开: the collective's registers as of the period end, in this transaction.
            registers: registersReader(services),
          }),
        (d) => ({
          ...auditOf(access.ledger, 'financial_disclosure', d.id),
          after: { period: d.period, sha256: d.sha256 },
        }),
        disclosureToWire,
      )
      return reply.code(201).send(disclosure)
    },
  )

  const PublicVillage = z.object({ code: VillageCode })

  app.get(
    '/v1/public/villages/:code/financial-disclosures',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        operationId: 'listPublicFinancialDisclosures',
        description: 'No key. The published 晒财务 disclosures of a village; no personal data.',
        summary: '晒财务 (no key): the published financial disclosures of a village',
        security: [],
        params: PublicVillage,
        response: { 200: z.object({ items: z.array(DisclosureSummaryOut) }), 400: Problem, 404: Problem },
      },
    },
    async (request) => ({ items: await ledgers().listDisclosures(request.params.code) }),
  )

  app.get(
    '/v1/public/villages/:code/financial-disclosures/:disclosureId',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        operationId: 'getPublicFinancialDisclosure',
        description:
          'No key. One disclosure with its frozen content and sha256, so a villager can check a printed notice board against the record.',
        summary:
          '晒财务 (no key): one disclosure with its content and sha256, to check a notice board against',
        security: [],
        params: PublicVillage.extend({ disclosureId: Id }),
        response: { 200: DisclosureOut, 400: Problem, 404: Problem },
      },
    },
    async (request) =>
      disclosureToWire(await ledgers().getDisclosure(request.params.code, request.params.disclosureId)),
  )
}

export default linkRoutes
