import { Id, PageQuery, pageRequest } from '@liancun/core'
import { CreatePartnerInput } from '@liancun/organization'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { resolveWithin, WithinQuery } from '../../http/scope-query.js'
import { authorize, ORGANIZATION_WRITERS } from '../../plugins/auth.js'
import { PartnerOut, pageOf } from './schemas.js'

const partnerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/partners',
    {
      schema: {
        tags: ['partners'],
        operationId: 'createPartner',
        summary: 'Register a partner (联建企业, 机关事业单位, 城市社区, 社会组织, 合作社)',
        description:
          'A USCC whose check characters do not match is recorded with `usccWarnings`, not refused.',
        body: CreatePartnerInput,
        response: { 201: PartnerOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      await authorize(request, {
        roles: ORGANIZATION_WRITERS,
        target: { kind: 'division', code: request.body.countyCode },
      })
      const partner = await auditedWrite(
        request,
        ({ services }) => services.organization.createPartner(request.body),
        (p) => ({ type: 'partner', id: p.id, countyCode: p.countyCode }),
      )
      return reply.code(201).send(partner)
    },
  )

  app.get(
    '/v1/partners/:id',
    {
      schema: {
        tags: ['partners'],
        operationId: 'getPartner',
        description: 'Any role whose key covers the partner’s county.',
        summary: 'Read a partner',
        params: z.object({ id: Id }),
        response: { 200: PartnerOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      const partner = await app.services.organization.getPartner(request.params.id)
      await authorize(request, { target: { kind: 'division', code: partner.countyCode } })
      return partner
    },
  )

  app.get(
    '/v1/partners',
    {
      schema: {
        tags: ['partners'],
        operationId: 'listPartners',
        description:
          'Any role whose key covers the county. 联建单位 of the county (`within`), in id order, cursor-paginated.',
        summary: 'List partners of a county',
        querystring: PageQuery.extend({
          within: WithinQuery,
          kind: PartnerOut.shape.kind.optional(),
        }),
        response: { 200: pageOf(PartnerOut), ...errorResponses() },
      },
    },
    async (request) => {
      const within = resolveWithin(request, request.query.within)
      return app.services.organization.listPartners({
        ...(within ? { within } : {}),
        ...(request.query.kind ? { kind: request.query.kind } : {}),
        ...pageRequest(request.query),
      })
    },
  )
}

export default partnerRoutes
