import { Id, PageQuery, pageRequest, toPage } from '@liancun/core'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../audit.js'
import {
  type ApiKey,
  createApiKey,
  getApiKey,
  keyCounty,
  listApiKeys,
  revokeApiKey,
} from '../auth/api-keys.js'
import { parseScope, ROLES, scopeMayMint, type Target } from '../auth/scope.js'
import { errorResponses } from '../http/problem.js'
import { authorize, ForbiddenError } from '../plugins/auth.js'

const ApiKeyOut = z
  .object({
    id: Id,
    name: z.string(),
    prefix: z.string().meta({ description: 'first characters of the secret, to tell keys apart' }),
    role: z.enum(ROLES),
    scope: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' })

const CreateApiKey = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .meta({ description: 'who or what uses the key', example: '淄川区农经站 integration' }),
    role: z.enum(ROLES).meta({
      description:
        'admin (keys), organizer (organisation data), clerk (governance records), bookkeeper (drafts vouchers), ' +
        'reviewer (posts vouchers), fund_manager, auditor (read only)',
      example: 'organizer',
    }),
    scope: z.string().min(1).meta({
      description: '"*", a county (6), township (9) or village (12 digit) code, or an alliance id',
      example: '370302',
    }),
  })
  .meta({ example: { name: '淄川区农经站 integration', role: 'organizer', scope: '370302' } })

/** What a scope string points at, resolved for coverage checks. */
async function scopeTarget(
  request: FastifyRequest,
  scope: string,
): Promise<{ target: Target; county?: string }> {
  const parsed = parseScope(scope)
  if (parsed.kind === 'all') return { target: { kind: 'all' } }
  if (parsed.kind === 'division') return { target: { kind: 'division', code: parsed.code } }
  const alliance = await request.server.services.organization.getAllianceRef(parsed.id)
  return {
    target: { kind: 'alliance', id: alliance.id, townshipCode: alliance.townshipCode },
    county: alliance.countyCode,
  }
}

/** A key is visible (listed, revocable) to the keys that could have minted it. */
async function keyVisible(request: FastifyRequest, key: ApiKey): Promise<boolean> {
  const actor = request.actor!
  if (actor.scope.kind === 'all') return true
  try {
    const { target } = await scopeTarget(request, key.scope)
    return scopeMayMint(actor.scope, target)
  } catch {
    return false
  }
}

const apiKeyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/api-keys',
    {
      config: { idempotent: false },
      schema: {
        tags: ['api-keys'],
        operationId: 'createApiKey',
        summary: 'Mint an API key (the secret is shown once)',
        description:
          'Admin only. A key may only be minted inside the minting key’s own scope; an alliance-scoped key mints ' +
          'only keys of its own alliance (not of its member villages). Not idempotent: the secret is shown once, ' +
          'so an Idempotency-Key is refused (400 idempotency.not_supported).',
        body: CreateApiKey,
        response: {
          201: ApiKeyOut.extend({
            secret: z.string().meta({ description: 'the key itself; store it now, it is never shown again' }),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const actor = await authorize(request, { roles: [] })
      const { target, county } = await scopeTarget(request, request.body.scope)
      if (!scopeMayMint(actor.scope, target)) {
        throw new ForbiddenError(
          `a key with scope ${actor.key.scope} may not mint a key with scope ${request.body.scope}`,
        )
      }
      const created = await auditedWrite(
        request,
        ({ tx }) =>
          createApiKey(tx, {
            ...request.body,
            countyCode: keyCounty(request.body.scope, county),
            createdBy: actor.keyId,
          }).then(({ secret, ...key }) => ({ ...key, secret })),
        // The audit image drops the secret (audit.ts NEVER_AUDITED); say so here too.
        ({ secret: _secret, ...key }) => ({
          type: 'api_key',
          id: key.id,
          countyCode: keyCounty(key.scope, county),
          after: key,
        }),
      )
      return reply.code(201).send(created)
    },
  )

  app.get(
    '/v1/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        operationId: 'listApiKeys',
        description:
          'Admin only. Lists the keys the caller could have minted (inside its scope), newest first, with prefix, role, scope and revocation; secrets are never stored, so never shown.',
        summary: 'List the API keys inside the caller’s scope (never their secrets)',
        querystring: PageQuery,
        response: {
          200: z.object({ items: z.array(ApiKeyOut), nextCursor: z.string().nullable() }),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      await authorize(request, { roles: [] })
      const page = pageRequest(request.query)
      const visible: ApiKey[] = []
      let after = page.after
      // Scope filtering needs alliance lookups, so filter in batches until the page is full.
      for (;;) {
        const batch = await listApiKeys(app.db, { limit: 200, after })
        for (const key of batch.slice(0, 200)) if (await keyVisible(request, key)) visible.push(key)
        if (visible.length > page.limit || batch.length <= 200) break
        after = batch[199]!.id
      }
      return toPage(visible, page.limit, (key) => key.id)
    },
  )

  app.post(
    '/v1/api-keys/:id/revoke',
    {
      schema: {
        tags: ['api-keys'],
        operationId: 'revokeApiKey',
        description:
          'Admin only, for a key inside the caller’s scope. Revocation is permanent and audited; a second revocation is 409 `auth.api_key_revoked`.',
        summary:
          'Revoke an API key; it stops working at once here, within LIANCUN_KEY_CACHE_SECONDS elsewhere',
        params: z.object({ id: Id }),
        response: { 200: ApiKeyOut, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      await authorize(request, { roles: [] })
      const key = await getApiKey(app.db, request.params.id)
      if (!(await keyVisible(request, key)))
        throw new ForbiddenError('the key lies outside the caller’s scope')
      try {
        return await auditedWrite(
          request,
          ({ tx }) => revokeApiKey(tx, key.id, request.actor!.keyId),
          (after) => ({ type: 'api_key', id: after.id, before: key }),
        )
      } finally {
        // Revoked here: stops working here at once (other processes within the cache time).
        app.keyCache.evict(key.id)
      }
    },
  )
}

export default apiKeyRoutes
