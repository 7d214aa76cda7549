import { acrossCounties, type Database, Id, PageQuery, pageRequest, toPage } from '@liancun/core'
import { and, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditImage } from '../audit.js'
import { errorResponses } from '../http/problem.js'
import { authorize, ForbiddenError } from '../plugins/auth.js'
import { auditLog, NATIONAL_COUNTY } from '../schema.js'

/** Who reads the audit trail besides admins. */
const AUDIT_READERS = ['auditor'] as const

// Filters carry no examples: the console prefills examples, and "Try it out" should list everything.
const Instant = z.iso.datetime({ offset: true })

const AuditQuery = PageQuery.extend({
  countyCode: z
    .string()
    .regex(/^\d{6}$/, 'must be a 6-digit county code (000000: records above any county)')
    .optional()
    .meta({
      description:
        'only rows of this county (Citus tenant); `000000` holds records above any county (`*` keys). ' +
        'Defaults to every county the key reaches',
    }),
  targetType: z
    .string()
    .regex(/^[a-z][a-z_]{0,63}$/, 'must be a record type such as alliance or matter')
    .optional()
    .meta({
      description: 'kind of record changed (alliance, matter, ledger, project, api_key …)',
    }),
  targetId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII (an id or a division code)')
    .optional()
    .meta({ description: 'id (or division code) of the record changed; use with targetType' }),
  apiKeyId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lowercase UUID')
    .optional()
    .meta({ description: 'only changes made with this API key (its id, from listApiKeys)' }),
  from: Instant.optional().meta({
    description: 'only changes at or after this instant (RFC 3339 with offset)',
  }),
  to: Instant.optional().meta({ description: 'only changes before this instant (RFC 3339 with offset)' }),
}).superRefine((query, context) => {
  if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
    context.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' })
  }
})

const AuditEntry = z
  .object({
    id: Id,
    at: z.string().meta({ description: 'when the change committed (RFC 3339)' }),
    countyCode: z.string().meta({ description: 'county of the record changed; 000000 above any county' }),
    apiKeyId: z.string().nullable().meta({ description: 'the key that made the change (null: the system)' }),
    requestId: z
      .string()
      .meta({ description: 'the server’s id of the request (X-Request-Id of its response)' }),
    clientRequestId: z.string().nullable().meta({ description: 'the X-Request-Id the client sent, if any' }),
    operation: z.string().meta({ description: 'operationId of the write', example: 'createAlliance' }),
    targetType: z.string(),
    targetId: z.string(),
    before: z
      .unknown()
      .meta({ description: 'the record before the change (null when created); secrets never appear' }),
    after: z.unknown().meta({ description: 'the record as recorded by the change; secrets never appear' }),
  })
  .meta({ id: 'AuditEntry', description: '审计日志 row: who changed what, when, in which request' })

type Row = typeof auditLog.$inferSelect

/**
 * The counties the caller reads: one county (`eq`), a prefix wider than a county (`like`, through
 * acrossCounties on Citus) or all. Only `*` keys see the national pseudo-county; keys below a
 * county are refused, because a row carries its county only and would show other townships' changes.
 */
function countyFilter(
  request: FastifyRequest,
  requested: string | undefined,
): { county?: string; prefix?: string } {
  const actor = request.actor!
  if (actor.scope.kind === 'all') return requested ? { county: requested } : {}
  if (actor.scope.kind === 'alliance' || actor.scope.code.length > 6) {
    throw new ForbiddenError(
      'the audit log is kept per county: only keys of a county or wider (or `*`) read it',
      { scope: actor.key.scope },
    )
  }
  const scope = actor.scope.code
  if (requested === undefined) return scope.length === 6 ? { county: scope } : { prefix: scope }
  if (requested !== NATIONAL_COUNTY && requested.startsWith(scope)) return { county: requested }
  throw new ForbiddenError(`countyCode=${requested} lies outside the key’s scope ${scope}`, {
    scope,
    countyCode: requested,
  })
}

function toEntry(row: Row) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    countyCode: row.countyCode,
    apiKeyId: row.apiKeyId,
    requestId: row.requestId,
    clientRequestId: row.clientRequestId,
    operation: row.operation,
    targetType: row.targetType,
    targetId: row.targetId,
    // Written without secrets (audit.ts); dropped again here so no older row can show one.
    before: auditImage(row.before),
    after: auditImage(row.after),
  }
}

const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/audit',
    {
      schema: {
        tags: ['audit'],
        operationId: 'listAuditEntries',
        summary: 'The audit log: every write with its key, request and before/after images, newest first',
        description:
          'Admin or auditor, with a key of a county or wider: a county key reads its county’s rows, `*` every ' +
          'county (or one, with `countyCode`). Filter by record (`targetType`, `targetId`), key (`apiKeyId`) and ' +
          'time (`from` ≤ at < `to`); cursor-paginated, one statement per page. Key secrets never appear. ' +
          'The demo dataset loads through the services, so on a fresh demo the log holds only what was written ' +
          'through the API since.',
        querystring: AuditQuery,
        response: {
          200: z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      await authorize(request, { roles: AUDIT_READERS })
      const { countyCode, targetType, targetId, apiKeyId, from, to } = request.query
      const { county, prefix } = countyFilter(request, countyCode)
      const page = pageRequest(request.query)
      const conditions: (SQL | undefined)[] = [
        county ? eq(auditLog.countyCode, county) : undefined,
        prefix ? like(auditLog.countyCode, `${prefix}%`) : undefined,
        targetType ? eq(auditLog.targetType, targetType) : undefined,
        targetId ? eq(auditLog.targetId, targetId) : undefined,
        apiKeyId ? eq(auditLog.apiKeyId, apiKeyId) : undefined,
        from ? gte(auditLog.at, new Date(from)) : undefined,
        to ? lt(auditLog.at, new Date(to)) : undefined,
        page.after ? lt(auditLog.id, page.after) : undefined,
      ]
      const read = (db: Database) =>
        db
          .select()
          .from(auditLog)
          .where(and(...conditions))
          // Ids are time-ordered (UUIDv7), so id order is commit order near enough, and a stable key.
          .orderBy(desc(auditLog.id))
          .limit(page.limit + 1)
      // One county is one shard; anything wider is a listed cross-county read (cross-county.ts).
      const rows = county ? await read(app.db) : await acrossCounties(app.db, 'list.beyond-county', read)
      return toPage(rows.map(toEntry), page.limit, (entry) => entry.id)
    },
  )
}

export default auditRoutes
