/**
 * The request-path benchmark's HTTP clients, in a worker thread of their own: the server's event
 * loop then pays only for serving, as it would with clients on another machine, and the clients
 * get the other core when the server is busy (reference/performance.md §5.2: the load generator
 * apart from the server). Messages: { id, loop: 'closed' | 'open', n, clients | rate, task } in,
 * { id, run, posted? } or { id, error } out.
 */
import { parentPort } from 'node:worker_threads'
import { closedLoop, openLoop, type Run } from './measure.js'
import { draftAndPost, http } from './request-path-setup.js'

export type LoadTask =
  | {
      type: 'draftPost'
      base: string
      bookkeeper: string
      reviewer: string
      ledgers: string[]
      salt: string
      /** Which ledger an operation uses: its client's (closed loop) or `i mod ledgers` (open loop). */
      ledgerBy: 'client' | 'index'
    }
  | {
      type: 'get'
      base: string
      key?: string
      paths: string[]
      /** A page must not come back empty; a voucher must have this many lines. */
      expect?: { items?: boolean; lines?: number }
    }

export interface LoadMessage {
  id: number
  loop: 'closed' | 'open'
  n: number
  clients?: number
  rate?: number
  task: LoadTask
}

async function run(message: LoadMessage): Promise<{ run: Run; posted?: { ledger: string; id: string }[] }> {
  const { task } = message
  const api = http(task.base)
  const posted: { ledger: string; id: string }[] = []
  let op: (i: number, client: number) => Promise<unknown>
  if (task.type === 'draftPost') {
    const keys = { api, bookkeeper: task.bookkeeper, reviewer: task.reviewer }
    op = async (i, client) => {
      const ledger = task.ledgers[(task.ledgerBy === 'client' ? client : i) % task.ledgers.length]!
      posted.push({ ledger, id: await draftAndPost(keys, ledger, i, task.salt) })
    }
  } else {
    op = async (i) => {
      const body = await api.call(
        'GET',
        task.paths[i % task.paths.length]!,
        task.key ? { key: task.key } : {},
      )
      if (task.expect?.items && !(body.items?.length > 0)) throw new Error('empty page')
      if (task.expect?.lines !== undefined && body.lines?.length !== task.expect.lines) {
        throw new Error(`voucher with ${body.lines?.length} lines`)
      }
    }
  }
  const result =
    message.loop === 'closed'
      ? await closedLoop(message.n, message.clients ?? 1, op)
      : await openLoop(message.n, message.rate ?? 1, (i) => op(i, 0))
  return { run: result, ...(task.type === 'draftPost' ? { posted } : {}) }
}

parentPort?.on('message', (message: LoadMessage) => {
  run(message).then(
    (result) => parentPort?.postMessage({ id: message.id, ...result }),
    (error: unknown) =>
      parentPort?.postMessage({ id: message.id, error: String((error as Error)?.message ?? error) }),
  )
})
