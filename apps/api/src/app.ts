import { type Clock, newId } from '@liancun/core'
import Fastify, { type FastifyInstance } from 'fastify'
import { validatorCompiler } from 'fastify-type-provider-zod'
import type { DestinationStream } from 'pino'
import { createApiKey, secretExists } from './auth/api-keys.js'
import type { AppConfig } from './config.js'
import type { OpenDatabase } from './database.js'
import { type DemoEnvironment, ensureDemoKeys } from './demo/demo-keys.js'
import { loadDemoDataset } from './demo/seed.js'
import { serializerCompiler } from './http/hot-response.js'
import { REDACT, safeError } from './logging.js'
import authPlugin from './plugins/auth.js'
import databasePlugin from './plugins/database.js'
import errorsPlugin, { frameworkProblem } from './plugins/errors.js'
import httpSecurityPlugin from './plugins/http-security.js'
import idempotencyPlugin from './plugins/idempotency.js'
import inputGuardPlugin from './plugins/input-guard.js'
import openapiPlugin from './plugins/openapi.js'
import requestIdPlugin from './plugins/request-id.js'
import apiKeyRoutes from './routes/api-keys.js'
import auditRoutes from './routes/audit.js'
import boardRoutes from './routes/boards.js'
import collectiveRoutes from './routes/collective/index.js'
import councilRoutes from './routes/councils.js'
import fundRoutes from './routes/funds/index.js'
import projectRoutes from './routes/funds/projects.js'
import governanceRoutes from './routes/governance.js'
import importRoutes from './routes/imports.js'
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
  /** An open database to use instead of the configured one (tests: a clone of a migrated template). */
  database?: OpenDatabase
}

/** Builds the API: plugins, services, routes. Used by server.ts and by tests (`app.inject`). */
export async function buildApp(config: AppConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: REDACT, censor: '[Redacted]' },
      // Log the request's identity, never its headers (they carry the key), and errors without
      // the values bound to a failed statement.
      serializers: {
        req: (req) => ({ method: req.method, url: req.url, requestId: req.id }),
        // pino's type wants a stack on every error; ours may lack one (a thrown string).
        err: safeError as never,
        error: safeError as never,
      },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    // Always our own id: a client's X-Request-Id is kept apart (plugins/request-id.ts).
    genReqId: () => newId(),
    requestIdHeader: false,
    // Migrating a fresh database on a loaded machine can take far longer than Fastify's 10 s.
    pluginTimeout: 120_000,
    routerOptions: { ignoreTrailingSlash: true },
    trustProxy: config.trustProxy,
    // Router errors (a malformed %-escape in the path…) are problems too, not Fastify's own JSON.
    frameworkErrors: frameworkProblem,
  })
  app.setValidatorCompiler(validatorCompiler)
  // zod checks responses, except hot ones written from their JSON Schema (http/hot-response.ts).
  app.setSerializerCompiler(serializerCompiler)
  await app.register(errorsPlugin)
  await app.register(requestIdPlugin)
  await app.register(httpSecurityPlugin, { config })
  await app.register(databasePlugin, {
    config,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.database ? { database: options.database } : {}),
  })
  await app.register(authPlugin, { keyCacheSeconds: config.keyCacheSeconds })
  await app.register(idempotencyPlugin)
  await app.register(inputGuardPlugin)
  await app.register(openapiPlugin)
  await app.register(systemRoutes)
  await app.register(apiKeyRoutes)
  await app.register(auditRoutes)
  await app.register(organizationRoutes)
  await app.register(ledgerRoutes)
  await app.register(governanceRoutes)
  await app.register(matterRoutes)
  await app.register(councilRoutes)
  await app.register(fundRoutes)
  await app.register(projectRoutes)
  await app.register(collectiveRoutes)
  await app.register(importRoutes)
  await app.register(boardRoutes, { publicUrl: config.publicUrl, chromiumPath: config.chromiumPath })

  await installBootstrapKey(app, config)
  if (config.demo) {
    await loadDemoDataset(app)
    app.decorate('demoKeys', await ensureDemoKeys(app, config.demoStateFile))
  }
  return app
}

/** `LIANCUN_BOOTSTRAP_KEY` becomes an admin `*` key (demo mode makes its own keys, one per role). */
async function installBootstrapKey(app: FastifyInstance, config: AppConfig): Promise<void> {
  const secret = config.bootstrapKey
  if (!secret || (await secretExists(app.db, secret))) return
  await createApiKey(app.db, {
    name: 'bootstrap admin',
    role: 'admin',
    scope: '*',
    countyCode: NATIONAL_COUNTY,
    createdBy: null,
    secret,
  })
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Demo mode: one key per role, by the shell variable the README's examples use. */
    demoKeys?: DemoEnvironment
  }
}
