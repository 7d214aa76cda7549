import { DomainError } from '@liancun/core'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type ApiKey, findActiveKey, hashSecret } from '../auth/api-keys.js'
import { KeyCache } from '../auth/key-cache.js'
import {
  parseScope,
  type Role,
  type Scope,
  type ScopeLookups,
  scopeCovers,
  type Target,
} from '../auth/scope.js'
import { sendProblem } from './errors.js'
import { keyPrefixOf } from './http-security.js'

export interface Actor {
  keyId: string
  role: Role
  scope: Scope
  key: ApiKey
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null
  }
  interface FastifyInstance {
    /** Active keys by secret hash; revocation here evicts (see auth/key-cache.ts). */
    keyCache: KeyCache
  }
  interface FastifyContextConfig {
    /** Readable without a key (`/v1/public/**`, health, docs). */
    public?: boolean
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i

export class ForbiddenError extends DomainError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('auth.forbidden', message, { kind: 'forbidden', context })
  }
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new ForbiddenError('this operation needs an API key')
  return request.actor
}

/**
 * Checks the caller's role and scope. `roles` lists who may do this (admin always may);
 * `target` is what the request touches. Throws 403 `auth.forbidden` otherwise.
 */
export async function authorize(
  request: FastifyRequest,
  check: {
    roles?: readonly Role[]
    target?: Target
    /**
     * Master data of a division (its statistics, which quorums are counted against) is kept by
     * the township or county: an alliance key, which reaches villages only as members, may not.
     */
    divisionKeysOnly?: boolean
  },
  lookups: ScopeLookups = request.server.scopeLookups,
) {
  const actor = requireActor(request)
  if (check.roles && actor.role !== 'admin' && !check.roles.includes(actor.role)) {
    throw new ForbiddenError(
      `role ${actor.role} may not do this; allowed: admin, ${check.roles.join(', ')}`,
      {
        role: actor.role,
      },
    )
  }
  if (check.divisionKeysOnly && actor.scope.kind === 'alliance') {
    throw new ForbiddenError('division records are kept by division-scoped keys, not alliance keys', {
      scope: actor.key.scope,
    })
  }
  if (check.target && !(await scopeCovers(actor.scope, check.target, lookups))) {
    throw new ForbiddenError(`the key's scope ${actor.key.scope} does not cover this ${check.target.kind}`, {
      scope: actor.key.scope,
    })
  }
  return actor
}

/**
 * Authorise what you load, once: a guard a service calls on the row it reads (inside its
 * transaction, before it writes), instead of the route reading the row first. Pass the
 * transaction's `services` when the guard runs inside one: an alliance-scoped key needs a
 * membership lookup, and on PGlite a query outside the open transaction would wait for it forever.
 */
export function scopeGuard(
  request: FastifyRequest,
  roles?: readonly Role[],
  services?: { organization: { allianceIdsOfVillage(villageCode: string, date: string): Promise<string[]> } },
): (target: Target) => Promise<Actor> {
  const lookups: ScopeLookups = services
    ? {
        allianceIdsOfVillage: (villageCode) =>
          services.organization.allianceIdsOfVillage(villageCode, request.server.clock.today()),
      }
    : request.server.scopeLookups
  return (target) => authorize(request, { ...(roles ? { roles } : {}), target }, lookups)
}

/** Every role may read; these may write organisation data. */
export const ORGANIZATION_WRITERS: readonly Role[] = ['organizer']
/** Who prepares vouchers and keeps the chart (记账). */
export const BOOKKEEPERS: readonly Role[] = ['bookkeeper']
/** Who reviews and posts vouchers and closes periods (审核). */
export const REVIEWERS: readonly Role[] = ['reviewer']
/** Who allocates, pays and steers projects (资金管理). */
export const FUND_MANAGERS: readonly Role[] = ['fund_manager']

export default fp(
  async function authPlugin(app: FastifyInstance, options: { keyCacheSeconds: number }) {
    app.decorateRequest('actor', null)
    app.decorate('keyCache', new KeyCache(options.keyCacheSeconds * 1000))
    app.addHook('onRequest', async (request, reply) => {
      const url = request.routeOptions.url
      // Unknown routes fall through to the 404 handler; the console's own assets are public.
      if (request.routeOptions.config?.public || !url || url === '/docs' || url.startsWith('/docs/')) return
      const header = request.headers.authorization
      const match = header ? BEARER.exec(header) : null
      const secret = match ? (match[1] as string) : null
      const prefix = secret ? keyPrefixOf(secret) : null
      // Guessing keys is throttled: too many failures from one address, or against one key
      // prefix, and every attempt waits out the window — even one with a valid key.
      const wait = await app.authFailures.blockedFor(request, prefix)
      if (wait !== null) {
        reply.header('retry-after', String(wait))
        return sendProblem(
          reply,
          request,
          429,
          'auth.too_many_failures',
          `too many failed authentications; retry after ${wait} s`,
          { context: { retryAfterSeconds: wait } },
        )
      }
      if (!secret) {
        await app.authFailures.record(request, null)
        reply.header('www-authenticate', 'Bearer')
        return sendProblem(
          reply,
          request,
          401,
          'auth.missing_key',
          'send an API key as "Authorization: Bearer <key>"',
        )
      }
      const hash = hashSecret(secret)
      let key = app.keyCache.get(hash)
      if (!key) {
        key = await findActiveKey(app.db, secret)
        if (key) app.keyCache.put(hash, key)
      }
      if (!key) {
        await app.authFailures.record(request, prefix)
        reply.header('www-authenticate', 'Bearer error="invalid_token"')
        return sendProblem(reply, request, 401, 'auth.invalid_key', 'the API key is unknown or revoked')
      }
      request.actor = { keyId: key.id, role: key.role, scope: parseScope(key.scope), key }
      request.log = request.log.child({ apiKeyId: key.id })
    })
  },
  { name: 'auth', dependencies: ['database', 'http-security'] },
)
