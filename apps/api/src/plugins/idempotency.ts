import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { idempotencyRecords, NATIONAL_COUNTY } from '../schema.js'
import { sendProblem } from './errors.js'

/**
 * `Idempotency-Key` on POST: the first request with a key reserves it, runs, and stores its
 * successful response; a replay with the same body gets that response back (with
 * `Idempotent-Replayed: true`); the same key with another body is 409 `idempotency.key_reused`.
 * Keys are per API key. Failed requests release the key so a corrected retry may use it.
 */
declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { key: string; apiKeyId: string } | null
  }
}

const PENDING = 0
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/

/** Stable JSON: object keys sorted, so equal bodies hash equally whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  // Parsed bodies carry money as bigint fen.
  if (typeof value === 'bigint') return `${value}n`
  return JSON.stringify(value) ?? 'null'
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${canonical(request.body ?? null)}`)
    .digest('hex')
}

function recordKey(apiKeyId: string, key: string) {
  return and(
    eq(idempotencyRecords.countyCode, NATIONAL_COUNTY),
    eq(idempotencyRecords.apiKeyId, apiKeyId),
    eq(idempotencyRecords.key, key),
  )
}

export default fp(
  async function idempotencyPlugin(app: FastifyInstance) {
    app.decorateRequest('idempotency', null)

    app.addHook('preHandler', async (request, reply) => {
      const header = request.headers['idempotency-key']
      if (request.method !== 'POST' || header === undefined || !request.actor) return
      const key = Array.isArray(header) ? header[0] : header
      if (!key || !KEY_PATTERN.test(key)) {
        return sendProblem(
          reply,
          request,
          400,
          'idempotency.invalid_key',
          'Idempotency-Key must be 1–200 visible ASCII characters',
          {
            errors: [{ field: 'headers.idempotency-key', message: 'must be 1–200 visible ASCII characters' }],
          },
        )
      }
      const apiKeyId = request.actor.keyId
      const hash = requestHash(request)
      const reserved = await app.db
        .insert(idempotencyRecords)
        .values({
          countyCode: NATIONAL_COUNTY,
          apiKeyId,
          key,
          method: request.method,
          path: request.url,
          requestHash: hash,
          statusCode: PENDING,
          responseBody: '',
          contentType: '',
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyRecords.key })
      if (reserved.length > 0) {
        request.idempotency = { key, apiKeyId }
        return
      }
      const [existing] = await app.db.select().from(idempotencyRecords).where(recordKey(apiKeyId, key))
      if (!existing) return
      if (existing.requestHash !== hash) {
        return sendProblem(
          reply,
          request,
          409,
          'idempotency.key_reused',
          'this Idempotency-Key was already used with a different request body or path',
        )
      }
      if (existing.statusCode === PENDING) {
        return sendProblem(
          reply,
          request,
          409,
          'idempotency.in_progress',
          'a request with this Idempotency-Key is still running',
        )
      }
      return reply
        .code(existing.statusCode)
        .header('idempotent-replayed', 'true')
        .type(existing.contentType)
        .send(existing.responseBody)
    })

    app.addHook('onSend', async (request, reply, payload) => {
      const claim = request.idempotency
      if (!claim) return payload
      request.idempotency = null
      if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
        await app.db
          .update(idempotencyRecords)
          .set({
            statusCode: reply.statusCode,
            responseBody: payload,
            contentType: String(reply.getHeader('content-type') ?? 'application/json'),
          })
          .where(recordKey(claim.apiKeyId, claim.key))
      } else {
        await app.db.delete(idempotencyRecords).where(recordKey(claim.apiKeyId, claim.key))
      }
      return payload
    })
  },
  { name: 'idempotency', dependencies: ['database', 'auth'] },
)
