import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { sendProblem } from './errors.js'

/**
 * Request ids. The server always makes its own (`request.id`, UUIDv7), answers it in
 * `X-Request-Id` and stores it in the audit log; a client's `X-Request-Id` never replaces it, so
 * the audit trail cannot be forged through a header. A client id in the safe form below is kept
 * apart (`request.clientRequestId`, audit column `client_request_id`, log field
 * `clientRequestId`) and echoed in `X-Client-Request-Id`, so integrators can still correlate.
 */
declare module 'fastify' {
  interface FastifyRequest {
    clientRequestId: string | null
  }
}

/** Letters, digits and `._:-`, 1–128 characters: nothing that could break a log line or a header. */
export const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export default fp(
  async function requestIdPlugin(app: FastifyInstance) {
    app.decorateRequest('clientRequestId', null)
    app.addHook('onRequest', async (request, reply) => {
      const header = request.headers['x-request-id']
      if (header === undefined) return
      const value = Array.isArray(header) ? header[0] : header
      if (value === undefined || !CLIENT_REQUEST_ID.test(value)) {
        return sendProblem(
          reply,
          request,
          400,
          'request.invalid_request_id',
          'X-Request-Id must be 1–128 letters, digits or "._:-"',
          { errors: [{ field: 'headers.x-request-id', message: 'must be 1–128 letters, digits or "._:-"' }] },
        )
      }
      request.clientRequestId = value
      request.log = request.log.child({ clientRequestId: value })
    })
    app.addHook('onSend', async (request, reply, payload) => {
      reply.header('x-request-id', request.id)
      if (request.clientRequestId) reply.header('x-client-request-id', request.clientRequestId)
      return payload
    })
  },
  { name: 'request-id', dependencies: ['errors'] },
)
