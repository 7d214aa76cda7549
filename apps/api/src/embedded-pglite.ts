import { Worker } from 'node:worker_threads'
import type { PGlite } from '@electric-sql/pglite'

/**
 * The embedded database off the event loop: PGlite runs in a worker thread
 * (`embedded/pglite-thread.mjs`) and this client forwards drizzle's calls to it. PGlite executes
 * synchronously inside WebAssembly, so in-process a 500-voucher batch stalled every other
 * request, `/healthz` included, until it ended; here only the database waits.
 *
 * It implements the part of PGlite's client that drizzle's PGlite driver uses: `query`, `exec`,
 * `transaction` (one at a time, as PGlite is one connection: callers queue), `waitReady`, `close`.
 */
type QueryOptions = { rowMode?: 'array' | 'object'; parsers?: Record<number, unknown> }
type Pending = { resolve(value: unknown): void; reject(error: unknown): void }

/** An error rebuilt from the worker's image: drizzle and `findPgError` read `code`, `constraint`. */
function rebuild(image: Record<string, unknown>): Error {
  const error = new Error(String(image.message))
  Object.assign(error, image)
  return error
}

export class ThreadedPglite {
  readonly waitReady: Promise<void>
  readonly #worker: Worker
  readonly #pending = new Map<number, Pending>()
  #next = 1
  /** Transactions run one after another, like PGlite's own lock. */
  #queue: Promise<unknown> = Promise.resolve()

  constructor(dataDir?: string) {
    this.#worker = new Worker(new URL('../embedded/pglite-thread.mjs', import.meta.url))
    this.#worker.on(
      'message',
      (message: { id: number; result?: unknown; error?: Record<string, unknown> }) => {
        const waiting = this.#pending.get(message.id)
        if (!waiting) return
        this.#pending.delete(message.id)
        if (message.error) waiting.reject(rebuild(message.error))
        else waiting.resolve(message.result)
      },
    )
    this.#worker.on('error', (error) => {
      for (const waiting of this.#pending.values()) waiting.reject(error)
      this.#pending.clear()
    })
    this.waitReady = this.#call({ op: 'open', dataDir }).then(() => undefined)
  }

  #call(message: Record<string, unknown>): Promise<unknown> {
    const id = this.#next++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      this.#worker.postMessage({ ...message, id })
    })
  }

  #query(tx: number | undefined, text: string, params: unknown[] = [], options: QueryOptions = {}) {
    return this.#call({
      op: 'query',
      tx,
      text,
      params,
      rowMode: options.rowMode,
      // drizzle's parsers only keep dates and intervals as text: send which types, rebuilt there.
      parserOids: options.parsers ? Object.keys(options.parsers).map(Number) : [],
    })
  }

  query(text: string, params?: unknown[], options?: QueryOptions) {
    return this.#inTurn(() => this.#query(undefined, text, params, options))
  }

  exec(text: string) {
    return this.#inTurn(() => this.#call({ op: 'exec', text }))
  }

  /** Statements outside a transaction wait for the open one, as on PGlite itself. */
  #inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.#queue.then(work, work)
    this.#queue = turn.catch(() => undefined)
    return turn
  }

  transaction<T>(work: (tx: Pick<PGlite, 'query' | 'exec'>) => Promise<T>): Promise<T> {
    return this.#inTurn(async () => {
      const tx = this.#next++
      await this.#call({ op: 'begin', tx })
      const handle = {
        query: (text: string, params?: unknown[], options?: QueryOptions) =>
          this.#query(tx, text, params, options),
        exec: (text: string) => this.#call({ op: 'exec', tx, text }),
      } as unknown as Pick<PGlite, 'query' | 'exec'>
      let result: T
      try {
        result = await work(handle)
      } catch (error) {
        await this.#call({ op: 'end', tx, commit: false })
        throw error
      }
      await this.#call({ op: 'end', tx, commit: true })
      return result
    })
  }

  /**
   * After the migrations: the worker analyses the tables (now and as they grow: PGlite has no
   * autovacuum) and, with `prepare`, prepares parameterised statements by name.
   */
  migrated(prepare: boolean): Promise<void> {
    return this.#inTurn(() => this.#call({ op: 'migrated', prepare })).then(() => undefined)
  }

  async close(): Promise<void> {
    await this.#inTurn(() => this.#call({ op: 'close' }))
    await this.#worker.terminate()
  }
}
