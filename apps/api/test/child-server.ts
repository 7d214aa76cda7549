import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const apiDir = fileURLToPath(new URL('..', import.meta.url))

/** A port nobody listens on right now (the OS picks it; we close and hand it on). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

export interface ChildServer {
  readonly baseUrl: string
  /** True between a successful start and the process's exit. */
  readonly running: boolean
  /** Spawns `src/server.ts` and resolves once `/readyz` answers 200. */
  start(): Promise<void>
  /** SIGKILL now, no grace: returns without waiting; `exited()` waits. */
  kill(): void
  exited(): Promise<void>
  /** The last output of the process, for failure messages. */
  output(): string
}

/**
 * The API server as its own process, the way it runs in production (from source through tsx).
 * It is started as `node --import tsx` rather than through the `tsx` binary: that binary runs
 * the server in a grandchild, which a SIGKILL of the binary would orphan instead of crash.
 */
export function childServer(env: Record<string, string>, options: { readyTimeoutMs?: number } = {}) {
  const port = Number(env.PORT)
  const baseUrl = `http://127.0.0.1:${port}`
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000
  let child: ChildProcess | null = null
  let exit: Promise<void> = Promise.resolve()
  let log = ''
  const remember = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000)
  }

  const server: ChildServer = {
    baseUrl,
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null
    },
    async start() {
      if (server.running) throw new Error('child server already running')
      const proc = spawn(
        process.execPath,
        ['--conditions=@liancun/source', '--import', 'tsx', 'src/server.ts'],
        {
          cwd: apiDir,
          env: { ...process.env, HOST: '127.0.0.1', LIANCUN_DEMO: '0', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
          // Its own process group, so the kill reaches anything it may spawn.
          detached: true,
        },
      )
      child = proc
      proc.stdout?.on('data', remember)
      proc.stderr?.on('data', remember)
      exit = new Promise((resolve) => proc.once('exit', () => resolve()))
      const deadline = Date.now() + readyTimeoutMs
      for (;;) {
        if (!server.running) throw new Error(`child server exited during start:\n${log}`)
        try {
          const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) })
          await response.arrayBuffer()
          if (response.status === 200) return
        } catch {
          // Not listening yet.
        }
        if (Date.now() > deadline) {
          server.kill()
          throw new Error(`child server not ready after ${readyTimeoutMs} ms:\n${log}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
    },
    kill() {
      if (!child || !server.running || child.pid === undefined) return
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    },
    exited: () => exit,
    output: () => log,
  }
  return server
}
