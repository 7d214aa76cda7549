import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { readiness } from '../database.js'
import { Problem } from '../http/problem.js'
import { sendProblem } from '../plugins/errors.js'

const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        operationId: 'getHealth',
        description:
          'Liveness probe for load balancers: answers 200 while the process runs, without touching the database. No key.',
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
        description:
          'Readiness probe: 200 once the database answers and every migration is applied, 503 problem otherwise (`system.not_ready`, `system.database_unavailable`). No key.',
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
        return sendProblem(
          reply,
          request,
          503,
          'system.not_ready',
          `${state.pendingMigrations} migration(s) not applied`,
        )
      } catch (error) {
        request.log.error({ err: error }, 'readiness check failed')
        return sendProblem(reply, request, 503, 'system.database_unavailable', 'the database does not answer')
      }
    },
  )
}

export default systemRoutes
