import type { AddressInfo } from 'node:net'

/**
 * The app of apps/api (its own test helpers: in-memory PGlite, or a fresh database on the
 * PostgreSQL server of LIANCUN_TEST_PG_URL) listening on a real socket, for the client to call
 * over HTTP. The helpers are imported by a path computed at run time, so that the client's
 * typecheck checks the client and not the app's sources (the app's own typecheck does that);
 * these interfaces state the little the tests use.
 */
interface TestApp {
  app: { listen(options: { port: number; host: string }): Promise<string>; server: { address(): unknown } }
  mintKey(role: string, scope: string): Promise<string>
  close(): Promise<void>
}
interface ApiTestHelpers {
  ADMIN_KEY: string
  startTestApp(today?: string): Promise<TestApp>
}
interface LedgerTestHelpers {
  collectiveUscc(body: string): string
}

const apiTest = (file: string) => new URL(`../../../apps/api/test/${file}`, import.meta.url).href

export interface Server {
  baseUrl: string
  adminKey: string
  mintKey(role: string, scope: string): Promise<string>
  /** A valid village-collective USCC (N2…) for an 8-character body. */
  collectiveUscc(body: string): string
  close(): Promise<void>
}

export async function startServer(today?: string): Promise<Server> {
  const helpers = (await import(apiTest('helpers.ts'))) as ApiTestHelpers
  const ledger = (await import(apiTest('ledger-helpers.ts'))) as LedgerTestHelpers
  const t = await helpers.startTestApp(today)
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = t.app.server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    adminKey: helpers.ADMIN_KEY,
    mintKey: (role, scope) => t.mintKey(role, scope),
    collectiveUscc: ledger.collectiveUscc,
    close: () => t.close(),
  }
}
