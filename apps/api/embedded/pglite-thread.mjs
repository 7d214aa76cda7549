// PGlite in a worker thread, so its WebAssembly never runs on the server's event loop: while a
// long batch executes here, the main thread keeps answering requests (health checks included).
// Plain JavaScript on purpose: the same file serves the TypeScript sources (tests, `npm run dev`)
// and the built `dist/`, which both reach it as `../embedded/pglite-thread.mjs`.
//
// Protocol (structured clone): { id, op, ...args } in, { id, result } or { id, error } out.
//   open { dataDir? } · query { tx?, text, params, rowMode, parserOids } · exec { tx?, text }
//   begin { tx } (answered once the transaction holds PGlite) · end { tx, commit } · close
//   migrated { prepare } (statistics kept from then on, see below; with `prepare`, parameterised
//   queries run as named prepared statements)
import { parentPort } from 'node:worker_threads'
import { PGlite, parse, protocol } from '@electric-sql/pglite'
import { namedStatements } from './pglite-named-statements.mjs'

let db = null
/** Set by `migrated` once the migrations are applied. */
let named = null
/** Queries since the last ANALYZE. */
let sinceAnalyze = 0

/**
 * PGlite has no autovacuum, so without this its tables are never analysed and the planner keeps
 * guessing a handful of rows per table (a page of vouchers walked the county's primary key). The
 * worker analyses once the migrations are applied, then every ANALYZE_EVERY_MS when at least
 * ANALYZE_AFTER statements ran since the last time. ANALYZE samples, so it stays short.
 */
const ANALYZE_EVERY_MS = 30_000
const ANALYZE_AFTER = 500

async function analyze() {
  sinceAnalyze = 0
  await db.exec('analyze')
}
/** Open transactions: their handle and the function that ends them. */
const transactions = new Map()

/** drizzle hands in parsers that keep dates and intervals as text; functions do not cross threads. */
function parsersFor(oids) {
  if (!oids || oids.length === 0) return undefined
  return Object.fromEntries(oids.map((oid) => [oid, (value) => value]))
}

function errorImage(error) {
  const image = { message: String(error?.message ?? error), name: error?.name ?? 'Error' }
  for (const [key, value] of Object.entries(error ?? {})) {
    if (['string', 'number', 'boolean'].includes(typeof value)) image[key] = value
  }
  return image
}

function target(tx) {
  if (tx === undefined) return db
  const open = transactions.get(tx)
  if (!open) throw new Error(`no open transaction ${tx}`)
  return open.handle
}

async function handle(message) {
  switch (message.op) {
    case 'open':
      db = message.dataDir ? new PGlite(message.dataDir) : new PGlite()
      await db.waitReady
      return null
    case 'query': {
      const options = {}
      if (message.rowMode) options.rowMode = message.rowMode
      const parsers = parsersFor(message.parserOids)
      if (parsers) options.parsers = parsers
      const params = message.params ?? []
      sinceAnalyze++
      if (named && params.length > 0) {
        const result = await named.query(message.text, params, options, message.tx !== undefined)
        if (result) return result
      }
      return target(message.tx).query(message.text, params, options)
    }
    case 'migrated':
      if (message.prepare) named = namedStatements(db, { parse, protocol })
      await analyze()
      setInterval(() => {
        if (sinceAnalyze >= ANALYZE_AFTER) analyze().catch(() => {})
      }, ANALYZE_EVERY_MS).unref()
      return null
    case 'exec':
      return target(message.tx).exec(message.text)
    case 'begin':
      return new Promise((ready, failed) => {
        let finish
        const done = new Promise((resolve, reject) => {
          finish = { resolve, reject }
        })
        const settled = db
          .transaction(async (handle) => {
            transactions.set(message.tx, { handle, finish, settled: null })
            ready(null)
            await done
          })
          .finally(() => transactions.delete(message.tx))
        settled.catch(failed)
        // `end` waits for the transaction to settle (COMMIT may still fail).
        pending.set(message.tx, settled)
      })
    case 'end': {
      const open = transactions.get(message.tx)
      const settled = pending.get(message.tx)
      pending.delete(message.tx)
      if (!open || !settled) throw new Error(`no open transaction ${message.tx}`)
      if (message.commit) open.finish.resolve()
      else open.finish.reject(new Error('rollback'))
      try {
        await settled
      } catch (error) {
        if (message.commit) throw error
      }
      return null
    }
    case 'close':
      await db?.close()
      return null
    default:
      throw new Error(`unknown operation ${message.op}`)
  }
}

const pending = new Map()

parentPort.on('message', (message) => {
  handle(message).then(
    (result) => parentPort.postMessage({ id: message.id, result }),
    (error) => parentPort.postMessage({ id: message.id, error: errorImage(error) }),
  )
})
