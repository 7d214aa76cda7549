import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import helmet from 'helmet'
import type { AppConfig } from '../config.js'

/**
 * What a browser and an attacker see before any route: security headers on every response
 * (helmet; the console at /docs sends its own stricter CSP from @fastify/swagger-ui), CORS only
 * for the configured allow-list (off by default: no CORS header at all), and a limiter of failed
 * authentications per client address and per key prefix that the auth plugin consults.
 */
declare module 'fastify' {
  interface FastifyInstance {
    authFailures: AuthFailureLimiter
  }
}

export interface AuthFailureLimiter {
  /** Seconds until this client may try again, or null when it is within its budget. */
  blockedFor(request: FastifyRequest, keyPrefix: string | null): Promise<number | null>
  /** Counts one failed authentication against the address and the key prefix. */
  record(request: FastifyRequest, keyPrefix: string | null): Promise<void>
}

/**
 * helmet's default security headers, computed once. @fastify/helmet rebuilds helmet's middleware
 * (CSP directives parsed again) on every request, ≈ 5% of the CPU of a one-statement read; the
 * headers are the same for every response, so they are taken from helmet once and set as they are.
 * A route that sends its own header of the same name (the boards' and the console's CSP) overrides it.
 */
export function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()]
    },
  }
  helmet()({} as never, response as never, () => {})
  return headers
}

/** The part of a presented secret that tells keys apart (the stored `prefix` column). */
export function keyPrefixOf(secret: string): string {
  return secret.slice(0, 10)
}

export default fp(
  async function httpSecurityPlugin(app: FastifyInstance, options: { config: AppConfig }) {
    const { config } = options
    const headers = helmetHeaders()
    app.addHook('onRequest', async (_request, reply) => {
      reply.headers(headers)
    })
    if (config.corsOrigins.length > 0) {
      await app.register(cors, {
        origin: config.corsOrigins,
        methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
        allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
        exposedHeaders: ['X-Request-Id', 'X-Client-Request-Id', 'Idempotent-Replayed', 'Retry-After'],
        maxAge: 600,
      })
    }
    // global: false — nothing is limited by route; only failed authentications are counted.
    await app.register(rateLimit, { global: false })
    const limit = {
      max: config.authFailureLimit,
      timeWindow: config.authFailureWindowSeconds * 1000,
    }
    const byAddress = app.createRateLimit({ ...limit, keyGenerator: (request) => `address:${request.ip}` })
    const byPrefix = app.createRateLimit({
      ...limit,
      keyGenerator: (request) => `prefix:${(request as FastifyRequest & { authPrefix?: string }).authPrefix}`,
    })
    const withPrefix = (request: FastifyRequest, prefix: string) =>
      Object.assign(request, { authPrefix: prefix })

    app.decorate('authFailures', {
      async blockedFor(request, keyPrefix) {
        const checks = [byAddress(request, { increment: false })]
        if (keyPrefix) checks.push(byPrefix(withPrefix(request, keyPrefix), { increment: false }))
        let wait: number | null = null
        for (const state of await Promise.all(checks)) {
          // A read reports `remaining` without counting; none left → the budget is spent.
          if (!state.isAllowed && state.remaining <= 0) wait = Math.max(wait ?? 0, state.ttlInSeconds, 1)
        }
        return wait
      },
      async record(request, keyPrefix) {
        await byAddress(request)
        if (keyPrefix) await byPrefix(withPrefix(request, keyPrefix))
      },
    } satisfies AuthFailureLimiter)
  },
  { name: 'http-security', dependencies: ['errors'] },
)
