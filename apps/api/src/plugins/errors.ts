import { DomainError, type DomainErrorKind } from '@liancun/core'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { type ProblemBody, problemType } from '../http/problem.js'
import { KEY_TAKEN } from './idempotency.js'

/** The one place where domain error kinds become HTTP statuses. */
const statusByKind: Record<DomainErrorKind, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  rule: 422,
  forbidden: 403,
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** Sends an RFC 9457 problem. */
export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  extra: Pick<ProblemBody, 'errors' | 'context'> = {},
): FastifyReply {
  const body: ProblemBody = {
    type: problemType(code),
    title: titles[status] ?? 'Error',
    status,
    detail,
    code,
    instance: request.url,
    requestId: request.id,
    ...extra,
  }
  return reply.code(status).type('application/problem+json').send(body)
}

/**
 * Fastify's `frameworkErrors`: errors its router raises before any route, hook or error handler
 * (a malformed %-escape in the path, FST_ERR_BAD_URL; a path parameter too long), answered as
 * problems like every other client error instead of Fastify's own JSON.
 */
export function frameworkProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500
  if (status < 400 || status >= 500) {
    request.log.error({ err: error }, 'framework error')
    return sendProblem(
      reply,
      request,
      500,
      'internal',
      'internal error; quote the requestId when reporting it',
    )
  }
  return fastifyClientProblem(reply, request, status, error)
}

/**
 * Fastify's own client errors (malformed JSON, wrong content type, body too large, bad URL…) as
 * problems, with the part of the request at fault in `errors[]` like every other 4xx.
 */
function fastifyClientProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  error: FastifyError,
) {
  const code = error.code ? `request.${error.code.replace(/^FST_ERR_/, '').toLowerCase()}` : 'request.invalid'
  const field = /^FST_ERR_CTP_/.test(error.code ?? '')
    ? 'body'
    : /^FST_ERR_(BAD_URL|MAX_PARAM_LENGTH)$/.test(error.code ?? '')
      ? 'url'
      : 'request'
  return sendProblem(reply, request, status, code, error.message, {
    errors: [{ field, message: error.message }],
  })
}

function validationField(context: string | undefined, instancePath: string, params: Record<string, unknown>) {
  const path = instancePath.split('/').filter(Boolean)
  // zod reports unknown keys on the enclosing object; name the key itself.
  if (Array.isArray(params.keys) && params.keys.length === 1) path.push(String(params.keys[0]))
  return [context ?? 'request', ...path].join('.')
}

export default fp(
  async function errorsPlugin(app: FastifyInstance) {
    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (request.idempotency) {
        // A twin request with the same Idempotency-Key may have committed while this one ran
        // (its write failed on the twin's rows, or lost the race for the key): answer as the twin.
        const answered = await request.server.answerIdempotentRace(request, reply)
        if (answered) return answered
        if (error.name === KEY_TAKEN) {
          return sendProblem(reply, request, 409, 'idempotency.in_progress', 'retry: the key is in use')
        }
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const errors = error.validation.map((issue) => ({
          field: validationField(
            error.validationContext,
            issue.instancePath,
            issue.params as Record<string, unknown>,
          ),
          message: issue.message,
        }))
        const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ')
        return sendProblem(reply, request, 400, 'request.invalid', detail, { errors })
      }
      if (DomainError.isInstance(error)) {
        const status = statusByKind[error.kind]
        const extra: Pick<ProblemBody, 'errors' | 'context'> = {}
        if (Object.keys(error.context).length > 0) extra.context = error.context
        if (error.field) extra.errors = [{ field: error.field, message: error.message }]
        return sendProblem(reply, request, status, error.code, error.message, extra)
      }
      if (isResponseSerializationError(error)) {
        request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema')
        return sendProblem(
          reply,
          request,
          500,
          'internal',
          'internal error; quote the requestId when reporting it',
        )
      }
      const status = typeof error.statusCode === 'number' ? error.statusCode : 500
      if (status >= 400 && status < 500) {
        // Fastify's own client errors: malformed JSON, wrong content type, body too large…
        return fastifyClientProblem(reply, request, status, error)
      }
      request.log.error({ err: error }, 'unhandled error')
      return sendProblem(
        reply,
        request,
        500,
        'internal',
        'internal error; quote the requestId when reporting it',
      )
    })

    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        request,
        404,
        'request.route_not_found',
        `no route ${request.method} ${request.url}`,
      ),
    )
  },
  { name: 'errors' },
)
