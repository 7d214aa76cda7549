import { type Clock, newId } from '@liancun/core'
import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { DestinationStream } from 'pino'
import { createApiKey, generateSecret, secretExists } from './auth/api-keys.js'
import type { AppConfig } from './config.js'
import { loadDemoDataset } from './demo/seed.js'
import authPlugin from './plugins/auth.js'
import databasePlugin from './plugins/database.js'
import errorsPlugin from './plugins/errors.js'
import idempotencyPlugin from './plugins/idempotency.js'
import openapiPlugin from './plugins/openapi.js'
import apiKeyRoutes from './routes/api-keys.js'
import councilRoutes from './routes/councils.js'
import fundRoutes from './routes/funds/index.js'
import projectRoutes from './routes/funds/projects.js'
import governanceRoutes from './routes/governance.js'
import ledgerRoutes from './routes/ledger/index.js'
import matterRoutes from './routes/matters.js'
import organizationRoutes from './routes/organization/index.js'
import systemRoutes from './routes/system.js'
import { NATIONAL_COUNTY } from './schema.js'

export interface BuildOptions {
  /** Fix "now" for tests. */
  clock?: Clock
  /** Where logs go (stdout by default); tests capture them to check redaction. */
  logStream?: DestinationStream
}

/** Log paths that may carry personal data or secrets; pino replaces them with [Redacted]. */
const REDACT = [
  'req.headers.authorization',
  'req.headers["idempotency-key"]',
  '*.idNumber',
  '*.phone',
  '*.secret',
  '*.*.idNumber',
  '*.*.phone',
  '*.*.secret',
  'body.idNumber',
  'body.phone',
]

/** Builds the API: plugins, services, routes. Used by server.ts and by tests (`app.inject`). */
export async function buildApp(config: AppConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: REDACT, censor: '[Redacted]' },
      // Log the request's identity, never its headers (they carry the key).
      serializers: { req: (req) => ({ method: req.method, url: req.url, requestId: req.id }) },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: () => newId(),
    requestIdHeader: 'x-request-id',
    routerOptions: { ignoreTrailingSlash: true },
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id)
    return payload
  })

  await app.register(errorsPlugin)
  await app.register(databasePlugin, { config, ...(options.clock ? { clock: options.clock } : {}) })
  await app.register(authPlugin)
  await app.register(idempotencyPlugin)
  await app.register(openapiPlugin)
  await app.register(systemRoutes)
  await app.register(apiKeyRoutes)
  await app.register(organizationRoutes)
  await app.register(ledgerRoutes)
  await app.register(governanceRoutes)
  await app.register(matterRoutes)
  await app.register(councilRoutes)
  await app.register(fundRoutes)
  await app.register(projectRoutes)

  await installBootstrapKey(app, config)
  if (config.demo) await loadDemoDataset(app)
  return app
}

/** `LIANCUN_BOOTSTRAP_KEY` becomes an admin `*` key; in demo mode without one, a key is made up. */
async function installBootstrapKey(app: FastifyInstance, config: AppConfig): Promise<void> {
  let secret = config.bootstrapKey
  if (!secret && config.demo) secret = generateSecret()
  if (!secret || (await secretExists(app.db, secret))) return
  await createApiKey(app.db, {
    name: config.bootstrapKey ? 'bootstrap admin' : 'demo admin',
    role: 'admin',
    scope: '*',
    countyCode: NATIONAL_COUNTY,
    createdBy: null,
    secret,
  })
  if (!config.bootstrapKey) app.decorate('demoAdminKey', secret)
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set when demo mode generated an admin key, so the server can print it once. */
    demoAdminKey?: string
  }
}
