/**
 * Counts the statements a piece of code sends to the database, on both engines, by wrapping the
 * driver (not drizzle): what is counted is what crosses to the server — every query, BEGIN and
 * COMMIT included; checks the database runs inside a statement (foreign keys) are not. The cost
 * of a request on PostgreSQL is its statement count, so tests hold requests to a budget with it.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite'
import type pg from 'pg'

export interface StatementCounter {
  /** Statements since the last reset. */
  readonly count: number
  /** Their text (first 200 characters each), for a failure message. */
  readonly statements: readonly string[]
  reset(): void
}

/** The counter as the driver wrappers see it. */
export interface MutableCounter extends StatementCounter {
  record(text: string): void
}

export function createStatementCounter(): MutableCounter {
  let statements: string[] = []
  return {
    get count() {
      return statements.length
    },
    get statements() {
      return statements
    },
    reset() {
      statements = []
    },
    record(text) {
      statements.push(text.slice(0, 200))
    },
  }
}

function queryText(query: unknown): string {
  if (typeof query === 'string') return query
  if (query && typeof query === 'object' && 'text' in query) return String((query as { text: unknown }).text)
  return String(query)
}

type Queryable = Pick<PGlite, 'query' | 'exec'> | Pick<Transaction, 'query' | 'exec'>

function wrapQueryable<T extends Queryable>(target: T, counter: MutableCounter): void {
  const query = target.query.bind(target)
  const exec = target.exec.bind(target)
  Object.assign(target, {
    query: (text: string, ...rest: unknown[]) => {
      counter.record(text)
      return (query as (...args: unknown[]) => unknown)(text, ...rest)
    },
    exec: (text: string, ...rest: unknown[]) => {
      counter.record(text)
      return (exec as (...args: unknown[]) => unknown)(text, ...rest)
    },
  })
}

/**
 * Counts what is sent through this PGlite instance. A transaction counts its BEGIN and COMMIT
 * (or ROLLBACK) as two statements, as node-postgres sends them.
 */
export function countPgliteStatements(client: PGlite, counter: MutableCounter): void {
  wrapQueryable(client, counter)
  const transaction = client.transaction.bind(client)
  Object.assign(client, {
    transaction: <T>(work: (tx: Transaction) => Promise<T>) => {
      counter.record('begin')
      return transaction(async (tx) => {
        wrapQueryable(tx, counter)
        return work(tx)
      }).finally(() => counter.record('commit'))
    },
  })
}

/** Counts what every client of this pool sends; call it before the pool's first query. */
export function countPoolStatements(pool: pg.Pool, counter: MutableCounter): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    Object.assign(client, {
      query: (first: unknown, ...rest: unknown[]) => {
        counter.record(queryText(first))
        return query(first, ...rest)
      },
    })
  })
}
