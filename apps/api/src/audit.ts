import { type Database, newId } from '@liancun/core'
import type { FastifyRequest } from 'fastify'
import { auditLog, NATIONAL_COUNTY } from './schema.js'
import type { Services } from './services.js'

export interface AuditTarget {
  type: string
  id: string
  /** Tenant of the record; NATIONAL_COUNTY for records above any county. */
  countyCode?: string
}

/** JSON-safe copy: bigints (money in fen) become strings. */
function jsonSafe(value: unknown): unknown {
  return value === undefined
    ? null
    : JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)))
}

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
    operation: request.routeOptions.schema?.operationId ?? `${request.method} ${request.routeOptions.url}`,
    targetType: entry.target.type,
    targetId: entry.target.id,
    before: jsonSafe(entry.before),
    after: jsonSafe(entry.after),
  })
}

/**
 * Runs a write and its audit row in one transaction: either both are recorded or neither.
 * `describe` names the target from the result; `before` is the prior state where one existed,
 * `after` the recorded state when it is not the result itself.
 */
export async function auditedWrite<T>(
  request: FastifyRequest,
  work: (context: { tx: Database; services: Services }) => Promise<T>,
  describe: (result: T) => AuditTarget & { before?: unknown; after?: unknown },
): Promise<T> {
  return request.server.inTransaction(async (context) => {
    const result = await work(context)
    const described = describe(result)
    const { before, after, ...target } = described
    await recordAudit(context.tx, request, { target, before, after: 'after' in described ? after : result })
    return result
  })
}
