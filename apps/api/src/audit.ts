import { type Database, newId } from '@liancun/core'
import { sql } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import { claimInTransaction } from './plugins/idempotency.js'
import { auditLog, NATIONAL_COUNTY } from './schema.js'
import type { Services } from './services.js'

export interface AuditTarget {
  type: string
  id: string
  /** Tenant of the record; NATIONAL_COUNTY for records above any county. */
  countyCode?: string
}

/**
 * Properties never written to the audit log, whatever record they appear in: a key's secret is
 * shown to its creator once and must not be readable (and usable) from the audit trail.
 */
const NEVER_AUDITED = new Set(['secret', 'secretHash'])

/** JSON-safe copy for the audit images: bigints (money in fen) become strings, secrets are dropped. */
export function auditImage(value: unknown): unknown {
  const text = auditJson(value)
  return text === null ? null : JSON.parse(text)
}

/** The audit image as JSON text (null for no image): written as jsonb without a parse and re-stringify. */
function auditJson(value: unknown): string | null {
  if (value === undefined || value === null) return null
  return JSON.stringify(value, (key, v) =>
    NEVER_AUDITED.has(key) ? undefined : typeof v === 'bigint' ? v.toString() : v,
  )
}

const jsonb = (text: string | null) => (text === null ? null : sql`${text}::jsonb`)

export async function recordAudit(
  tx: Database,
  request: FastifyRequest,
  entry: { target: AuditTarget; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.insert(auditLog).values({
    countyCode: entry.target.countyCode ?? NATIONAL_COUNTY,
    id: newId(),
    apiKeyId: request.actor?.keyId ?? null,
    requestId: request.id,
    clientRequestId: request.clientRequestId,
    operation: request.routeOptions.schema?.operationId ?? `${request.method} ${request.routeOptions.url}`,
    targetType: entry.target.type,
    targetId: entry.target.id,
    before: jsonb(auditJson(entry.before)),
    after: jsonb(auditJson(entry.after)),
  })
}

/**
 * Runs a write and its audit row in one transaction: either both are recorded or neither.
 * `describe` names the target from the result; `before` is the prior state where one existed,
 * `after` the recorded state when it is not the result itself. `respond` maps the result to the
 * response body the route sends (its wire form); the write then returns that body, and an
 * `Idempotency-Key` record stores it in the same transaction. Without `respond` the result is
 * the body.
 */
export async function auditedWrite<T, R = T>(
  request: FastifyRequest,
  work: (context: { tx: Database; services: Services }) => Promise<T>,
  describe: (result: T) => AuditTarget & { before?: unknown; after?: unknown },
  respond?: (result: T, context: { tx: Database; services: Services }) => R | Promise<R>,
): Promise<R> {
  return request.server.inTransaction(async (context) => {
    const result = await work(context)
    const described = describe(result)
    const { before, after, ...target } = described
    await recordAudit(context.tx, request, { target, before, after: 'after' in described ? after : result })
    const body = respond ? await respond(result, context) : (result as unknown as R)
    await claimInTransaction(context.tx, request, body)
    return body
  })
}
