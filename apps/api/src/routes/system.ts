import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { readiness } from '../database.js'
import { Problem } from '../http/problem.js'

const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        operationId: 'getHealth',
        summary: 'Liveness: the process answers',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }).meta({ example: { status: 'ok' } }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        operationId: 'getReadiness',
        summary: 'Readiness: the database answers and every migration is applied',
        security: [],
        response: {
          200: z
            .object({
              status: z.literal('ready'),
              engine: z.enum(['pglite', 'postgres']),
              pendingMigrations: z.literal(0),
            })
            .meta({ example: { status: 'ready', engine: 'pglite', pendingMigrations: 0 } }),
          503: Problem,
        },
      },
    },
    async (request, reply) => {
      try {
        const state = await readiness(app.db)
        if (state.pendingMigrations === 0)
          return { status: 'ready' as const, engine: app.engine, pendingMigrations: 0 as const }
        return reply
          .code(503)
          .type('application/problem+json')
          .send({
            type: 'urn:liancun:problem:system.not_ready',
            title: 'Service Unavailable',
            status: 503,
            detail: `${state.pendingMigrations} migration(s) not applied`,
            code: 'system.not_ready',
            requestId: request.id,
          })
      } catch (error) {
        request.log.error({ err: error }, 'readiness check failed')
        return reply.code(503).type('application/problem+json').send({
          type: 'urn:liancun:problem:system.database_unavailable',
          title: 'Service Unavailable',
          status: 503,
          detail: 'the database does not answer',
          code: 'system.database_unavailable',
          requestId: request.id,
        })
      }
    },
  )
}

export default systemRoutes
