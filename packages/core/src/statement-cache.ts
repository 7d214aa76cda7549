/**
 * Named prepared statements for node-postgres, chosen automatically. Drizzle sends every query
 * unnamed, so PostgreSQL parses, analyses and plans it again on every call; for the long
 * single-statement reads and writes of posting that costs more server CPU than running them
 * (measured: ≈ 4 ms of planning per draft + post against ≈ 2 ms of execution, BENCHMARKS.md).
 * Giving a query a name derived from its text lets node-postgres send Parse once per
 * connection and only Bind/Execute afterwards, and lets PostgreSQL keep a generic plan.
 *
 * Bounded: at most `max` names per connection (later new texts go unnamed, as before), and only
 * queries with parameters (drizzle's shape) are named. Off until `start()`: migrations change the
 * tables that cached statements describe, so the app starts the cache once they are applied.
 * Behind a pooler in transaction mode without prepared-statement support, keep it off
 * (`LIANCUN_PG_STATEMENT_CACHE=off`).
 */
import { createHash } from 'node:crypto'
import type pg from 'pg'

export interface StatementCache {
  /** Names queries from now on. */
  start(): void
}

/** Names by query text, shared by every connection (the text decides the name). */
const names = new Map<string, string>()
const MAX_NAMES = 2_000

function nameOf(text: string): string {
  let name = names.get(text)
  if (name === undefined) {
    name = `lc_${createHash('sha1').update(text).digest('base64url')}`
    if (names.size < MAX_NAMES) names.set(text, name)
  }
  return name
}

/** Wraps each client the pool connects; call it before the pool's first query. */
export function cacheStatements(pool: pg.Pool, options: { max?: number } = {}): StatementCache {
  const max = options.max ?? 256
  let started = false
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    const named = new Set<string>()
    Object.assign(client, {
      query: (first: unknown, ...rest: unknown[]) => {
        if (!started || !isUnnamedWithValues(first, rest)) return query(first, ...rest)
        const name = nameOf(first.text)
        if (!named.has(name)) {
          if (named.size >= max) return query(first, ...rest)
          named.add(name)
        }
        return query({ ...first, name }, ...rest)
      },
    })
  })
  return {
    start() {
      started = true
    },
  }
}

/** A query config `{ text, … }` without a name, sent with values (a parameterised statement). */
function isUnnamedWithValues(first: unknown, rest: unknown[]): first is { text: string } {
  if (!first || typeof first !== 'object') return false
  const config = first as { text?: unknown; name?: unknown; values?: unknown }
  if (typeof config.text !== 'string' || config.name !== undefined) return false
  const values = Array.isArray(rest[0]) ? rest[0] : config.values
  return Array.isArray(values) && values.length > 0
}
