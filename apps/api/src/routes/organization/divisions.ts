import { DivisionCode, PageQuery, pageRequest } from '@liancun/core'
import { UpsertDivisionInput } from '@liancun/organization'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { resolveWithin, WithinQuery } from '../../http/scope-query.js'
import { authorize, ORGANIZATION_WRITERS } from '../../plugins/auth.js'
import { DivisionOut, pageOf } from './schemas.js'

const CodeParams = z.object({ code: DivisionCode })

const divisionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/v1/divisions/:code',
    {
      schema: {
        tags: ['divisions'],
        operationId: 'putDivision',
        summary: 'Create or update a division (idempotent upsert)',
        description:
          'A township needs its county, a village or community its township. The code length must match the kind: ' +
          'county 6, township 9, village/community 12 digits. Written by division-scoped keys (an alliance key may ' +
          'read its member villages, not edit them).',
        params: CodeParams,
        body: UpsertDivisionInput,
        response: { 200: DivisionOut, 201: DivisionOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      await authorize(request, {
        roles: ORGANIZATION_WRITERS,
        target: { kind: 'division', code: request.params.code },
        divisionKeysOnly: true,
      })
      const result = await auditedWrite(
        request,
        ({ services }) => services.organization.upsertDivision(request.params.code, request.body),
        (r) => ({
          type: 'division',
          id: r.division.code,
          countyCode: r.division.countyCode,
          before: r.previous,
          after: r.division,
        }),
      )
      return reply.code(result.created ? 201 : 200).send(result.division)
    },
  )

  app.get(
    '/v1/divisions/:code',
    {
      schema: {
        tags: ['divisions'],
        operationId: 'getDivision',
        description:
          'Any role whose key covers the division. A county (6 digits), township (9) or village (12) with its name, kind and the figures quorums are counted against (population, households, adults).',
        summary: 'Read a division',
        params: CodeParams,
        response: { 200: DivisionOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorize(request, { target: { kind: 'division', code: request.params.code } })
      return app.services.organization.getDivision(request.params.code)
    },
  )

  app.get(
    '/v1/divisions',
    {
      schema: {
        tags: ['divisions'],
        operationId: 'listDivisions',
        description:
          'Any role; lists inside the key’s scope (or `within`, which must lie inside it), in code order, cursor-paginated. On the demo, `within=370322` lists 高青县 and its townships and villages.',
        summary: 'List divisions by parent, kind or code prefix',
        querystring: PageQuery.extend({
          parent: DivisionCode.optional().meta({ description: 'direct parent code' }),
          kind: z.enum(['county', 'township', 'village', 'community']).optional(),
          within: WithinQuery,
        }),
        response: { 200: pageOf(DivisionOut), ...errorResponses() },
      },
    },
    async (request) => {
      const { parent, kind, within } = request.query
      const scoped = resolveWithin(request, within)
      return app.services.organization.listDivisions({
        ...(parent ? { parent } : {}),
        ...(kind ? { kind } : {}),
        ...(scoped ? { within: scoped } : {}),
        ...pageRequest(request.query),
      })
    },
  )
}

export default divisionRoutes
