import { z } from 'zod'

const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((value) => value === '1' || value === 'true')

/** Environment the server reads; every variable is optional and documented in the README. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** node-postgres connection string; absent → embedded PGlite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  /** Directory for a persistent PGlite database; absent → in memory. Ignored with DATABASE_URL. */
  LIANCUN_DATA_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** An API key secret to install as an `admin` key with scope `*` at start, if absent. */
  LIANCUN_BOOTSTRAP_KEY: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Load the 淄博 demo dataset at start (and print a generated admin key when none is bootstrapped). */
  LIANCUN_DEMO: flag,
  /** Demo mode: a file (kept beside a persistent database) holding the demo keys' secrets and ids. */
  LIANCUN_DEMO_STATE: z.string().min(1).optional(),
  /** Key for the keyed hash of ID numbers. Absent → one generated once and kept in the database. */
  LIANCUN_PERSONAL_DATA_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Comma-separated origins allowed to call the API from a browser; absent → CORS off. */
  LIANCUN_CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .refine(
      (origins) => origins.every((origin) => /^https?:\/\/[^/\s]+$/.test(origin)),
      'must be origins like https://example.org, comma-separated, without paths',
    ),
  /** Failed authentications allowed per client address, and per key prefix, in the window below. */
  LIANCUN_AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  LIANCUN_AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** How long an authenticated key is trusted without asking the database (the revocation delay of other processes). */
  LIANCUN_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  LIANCUN_TRUST_PROXY: flag,
  /** Name the API's parameterised statements so the database parses and plans them once (node-postgres, PGlite's worker). */
  LIANCUN_PG_STATEMENT_CACHE: z
    .enum(['1', '0', 'true', 'false', 'on', 'off', ''])
    .optional()
    .transform((value) => !(value === '0' || value === 'false' || value === 'off')),
  /** Public base URL of this API (https://example.org/liancun): the QR codes of printed boards point there. */
  LIANCUN_PUBLIC_URL: z
    .string()
    .regex(
      /^https?:\/\/[^\s?#]+$/,
      'must be an http(s) URL without query or fragment, like https://example.org',
    )
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** Chromium that prints board PDFs; absent → /usr/bin/chromium if present; `off` → no PDFs (503). */
  LIANCUN_CHROMIUM_PATH: z.string().min(1).optional(),
  /**
   * Counties whose vouchers are posted only after the full 村账乡代管 approval chain (prepared,
   * reviewed, signed, audited): six-digit county codes, comma-separated, or `*` for every county.
   */
  LIANCUN_APPROVAL_CHAIN_COUNTIES: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean),
    )
    .refine(
      (codes) => codes.every((code) => code === '*' || /^\d{6}$/.test(code)),
      'must be six-digit county codes, comma-separated, or *',
    ),
})

export interface AppConfig {
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string | undefined
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  bootstrapKey: string | undefined
  demo: boolean
  /** Where demo mode keeps its keys' secrets across restarts; absent → new keys at every start. */
  demoStateFile: string | undefined
  personalDataKey: string | undefined
  /** Browser origins allowed by CORS; empty → no CORS headers at all. */
  corsOrigins: string[]
  /** Failed authentications per client address and per key prefix before 429. */
  authFailureLimit: number
  authFailureWindowSeconds: number
  trustProxy: boolean
  /** Seconds an authenticated key is cached; 0 = ask the database on every request. */
  keyCacheSeconds: number
  /** Named prepared statements for the API's queries (`cacheStatements`; PGlite's worker alike). */
  pgStatementCache: boolean
  /** Base URL the QR codes of printed boards point to; absent → the request's own host. */
  publicUrl: string | undefined
  /** Chromium for board PDFs: a path, `off`, or absent (find the system's at run time). */
  chromiumPath: string | undefined
  /** Counties (or `*`) where posting needs the complete approval chain; empty → nowhere. */
  approvalChainCounties: string[]
}

/** Reads and validates the environment; throws one error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.LIANCUN_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    bootstrapKey: e.LIANCUN_BOOTSTRAP_KEY,
    demo: e.LIANCUN_DEMO,
    demoStateFile: e.LIANCUN_DEMO_STATE,
    personalDataKey: e.LIANCUN_PERSONAL_DATA_KEY,
    corsOrigins: e.LIANCUN_CORS_ORIGINS,
    authFailureLimit: e.LIANCUN_AUTH_FAILURE_LIMIT,
    authFailureWindowSeconds: e.LIANCUN_AUTH_FAILURE_WINDOW_SECONDS,
    trustProxy: e.LIANCUN_TRUST_PROXY,
    keyCacheSeconds: e.LIANCUN_KEY_CACHE_SECONDS,
    pgStatementCache: e.LIANCUN_PG_STATEMENT_CACHE,
    publicUrl: e.LIANCUN_PUBLIC_URL,
    chromiumPath: e.LIANCUN_CHROMIUM_PATH,
    approvalChainCounties: e.LIANCUN_APPROVAL_CHAIN_COUNTIES,
  }
}

/** Defaults for tests and embedding: in-memory PGlite, quiet logs. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: undefined,
    logLevel: 'silent',
    bootstrapKey: undefined,
    demo: false,
    demoStateFile: undefined,
    personalDataKey: 'test-personal-data-key',
    corsOrigins: [],
    // Suites send many deliberate 401s from one address; the rate-limit test sets its own.
    authFailureLimit: 1_000_000,
    authFailureWindowSeconds: 60,
    trustProxy: false,
    keyCacheSeconds: 10,
    pgStatementCache: true,
    publicUrl: undefined,
    chromiumPath: undefined,
    approvalChainCounties: [],
    ...overrides,
  }
}
