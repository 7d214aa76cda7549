/** The main thread's side of `http-load-thread.ts`: runs a loop of HTTP calls there, awaits its Run. */
import { Worker } from 'node:worker_threads'
import type { LoadMessage, LoadTask } from './http-load-thread.js'
import type { Run } from './measure.js'

type Reply = { run?: Run; posted?: { ledger: string; id: string }[]; error?: string }

export class HttpLoad {
  // Node 20 does not carry tsx's loader into workers: the worker registers it, then imports the .ts.
  readonly #worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(
      new URL('./http-load-thread.ts', import.meta.url).href,
    )}) })`,
    { eval: true },
  )
  readonly #waiting = new Map<
    number,
    (reply: { run?: Run; posted?: { ledger: string; id: string }[]; error?: string }) => void
  >()
  #next = 1

  constructor() {
    this.#worker.on('message', (reply: Reply & { id: number }) => {
      this.#waiting.get(reply.id)?.(reply)
      this.#waiting.delete(reply.id)
    })
  }

  #send(message: Omit<LoadMessage, 'id'>) {
    const id = this.#next++
    return new Promise<{ run: Run; posted: { ledger: string; id: string }[] }>((resolve, reject) => {
      this.#waiting.set(id, (reply) =>
        reply.error
          ? reject(new Error(reply.error))
          : resolve({ run: reply.run!, posted: reply.posted ?? [] }),
      )
      this.#worker.postMessage({ ...message, id })
    })
  }

  closed(n: number, clients: number, task: LoadTask) {
    return this.#send({ loop: 'closed', n, clients, task })
  }

  open(n: number, rate: number, task: LoadTask) {
    return this.#send({ loop: 'open', n, rate, task })
  }

  close() {
    return this.#worker.terminate()
  }
}
