import { createHash } from 'node:crypto'
import type { Database } from '@liancun/core'
import { and, eq } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { idempotencyRecords, NATIONAL_COUNTY } from '../schema.js'
import { sendProblem } from './errors.js'

/**
 * `Idempotency-Key` on POST. A replay with the same body gets the first response back (with
 * `Idempotent-Replayed: true`); the same key with another body or path is 409
 * `idempotency.key_reused`. Keys are per API key and kept without expiry.
 *
 * The record is written **inside the write's own transaction** (`claimInTransaction`, called by
 * `auditedWrite`), with the response the route will send: the write and its record commit
 * together or not at all. A crash can therefore never leave a key "in progress", a committed
 * write's response is always recoverable, and a failed request leaves nothing behind, so a
 * corrected retry may use the key. Two requests racing with one key serialise on the record's
 * primary key: the second waits for the first to commit and then replays its response.
 */
declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyClaim | null
  }
  interface FastifyContextConfig {
    /** False where a response must never be stored (a minted key's secret). */
    idempotent?: boolean
  }
}

interface IdempotencyClaim {
  key: string
  apiKeyId: string
  hash: string
  reply: FastifyReply
  /** Status stored in the write's transaction; null until then. */
  storedStatus: number | null
  /** True when the stored body was not the route's serialised answer (see claimInTransaction). */
  provisional?: boolean
}

/** Name of the error the errors plugin hands back to `answerIdempotentRace`. */
export const KEY_TAKEN = 'IdempotencyKeyTaken'
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/
const JSON_TYPE = 'application/json; charset=utf-8'

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

/** The success status the route answers: 201 where its schema declares one, else 200. */
function successStatus(request: FastifyRequest): number {
  const responses = (request.routeOptions.schema?.response ?? {}) as Record<string, unknown>
  return '201' in responses ? 201 : 200
}

/** Thrown inside a write's transaction when another request committed the same key first. */
class KeyTakenMeanwhile extends Error {
  constructor() {
    super('idempotency key committed by a concurrent request')
    this.name = KEY_TAKEN
  }
}

/** Answers from a stored record: the original response, or 409 when the key was used otherwise. */
async function answerFromRecord(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  claim: { apiKeyId: string; key: string; hash: string },
): Promise<FastifyReply | null> {
  const [existing] = await db.select().from(idempotencyRecords).where(recordKey(claim.apiKeyId, claim.key))
  if (!existing) return null
  if (existing.requestHash !== claim.hash) {
    return sendProblem(
      reply,
      request,
      409,
      'idempotency.key_reused',
      'this Idempotency-Key was already used with a different request body or path',
      { errors: [{ field: 'headers.idempotency-key', message: 'already used for another request' }] },
    )
  }
  return reply
    .code(existing.statusCode)
    .header('idempotent-replayed', 'true')
    .type(existing.contentType)
    .send(existing.responseBody)
}

/**
 * Records the request's key and its response in the write's transaction `tx`. The first
 * statement of the write when a key was sent: a concurrent request with the same key blocks on
 * it until this transaction ends. No-op without a key.
 */
export async function claimInTransaction(tx: Database, request: FastifyRequest, result: unknown) {
  const claim = request.idempotency
  if (!claim) return
  const status = successStatus(request)
  claim.reply.code(status)
  let body: string
  try {
    body = claim.reply.serialize(result) as string
  } catch (error) {
    // The route answers something other than this result (a quorum failure it turns into 422):
    // keep a plain image now; onSend stores what was really sent.
    request.log.warn({ err: error }, 'idempotent result does not match the success schema')
    body = JSON.stringify(result, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))
    claim.provisional = true
  }
  const values = { statusCode: status, responseBody: body, contentType: JSON_TYPE }
  if (claim.storedStatus !== null) {
    // A second audited write in the same request: the response is the latest result.
    await tx.update(idempotencyRecords).set(values).where(recordKey(claim.apiKeyId, claim.key))
  } else {
    const inserted = await tx
      .insert(idempotencyRecords)
      .values({
        countyCode: NATIONAL_COUNTY,
        apiKeyId: claim.apiKeyId,
        key: claim.key,
        method: request.method,
        path: request.url,
        requestHash: claim.hash,
        ...values,
      })
      .onConflictDoNothing()
      .returning({ key: idempotencyRecords.key })
    if (inserted.length === 0) throw new KeyTakenMeanwhile()
  }
  claim.storedStatus = status
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
      if (request.routeOptions.config?.idempotent === false) {
        return sendProblem(
          reply,
          request,
          400,
          'idempotency.not_supported',
          'this operation cannot be replayed (its response is shown once); send it without Idempotency-Key',
          { errors: [{ field: 'headers.idempotency-key', message: 'not accepted by this operation' }] },
        )
      }
      const claim = { key, apiKeyId: request.actor.keyId, hash: requestHash(request) }
      const answered = await answerFromRecord(app.db, request, reply, claim)
      if (answered) return answered
      request.idempotency = { ...claim, reply, storedStatus: null }
    })

    app.addHook('onSend', async (request, reply, payload) => {
      const claim = request.idempotency
      if (!claim) return payload
      request.idempotency = null
      const succeeded = reply.statusCode >= 200 && reply.statusCode < 300
      if (claim.storedStatus !== null) {
        // The write committed with its record. If the route then answered otherwise (a recorded
        // meeting whose quorum failed answers 422), the replay must answer the same.
        if ((claim.storedStatus !== reply.statusCode || claim.provisional) && typeof payload === 'string') {
          await app.db
            .update(idempotencyRecords)
            .set({
              statusCode: reply.statusCode,
              responseBody: payload,
              contentType: String(reply.getHeader('content-type') ?? JSON_TYPE),
            })
            .where(recordKey(claim.apiKeyId, claim.key))
        }
      } else if (succeeded && typeof payload === 'string') {
        // A POST that wrote nothing through auditedWrite (a computation): store its answer anyway.
        await app.db
          .insert(idempotencyRecords)
          .values({
            countyCode: NATIONAL_COUNTY,
            apiKeyId: claim.apiKeyId,
            key: claim.key,
            method: request.method,
            path: request.url,
            requestHash: claim.hash,
            statusCode: reply.statusCode,
            responseBody: payload,
            contentType: String(reply.getHeader('content-type') ?? JSON_TYPE),
          })
          .onConflictDoNothing()
      }
      return payload
    })

    /** For a failed request with a key: the twin's stored answer, if one committed meanwhile. */
    app.decorate('answerIdempotentRace', async (request: FastifyRequest, reply: FastifyReply) => {
      const claim = request.idempotency
      if (!claim) return null
      request.idempotency = null
      return answerFromRecord(app.db, request, reply, claim)
    })
  },
  { name: 'idempotency', dependencies: ['database', 'auth'] },
)

declare module 'fastify' {
  interface FastifyInstance {
    answerIdempotentRace(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | null>
  }
}
