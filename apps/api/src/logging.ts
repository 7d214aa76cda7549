/**
 * What the server may write to its logs. Requests are logged by identity only (never their
 * headers, which carry the key), known personal-data paths are redacted, and errors go through
 * `safeError`, which never prints the values bound to a failed SQL statement: those are the
 * request's own data (phones, ID numbers, names), and pino's path redaction cannot reach them
 * inside an error's message.
 */

/** Log paths that may carry personal data or secrets; pino replaces them with [Redacted]. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers["idempotency-key"]',
  '*.idNumber',
  '*.phone',
  '*.secret',
  '*.*.idNumber',
  '*.*.phone',
  '*.*.secret',
  'body.idNumber',
  'body.phone',
]

/** Fields of a database error that describe the failure without repeating the data. */
const SAFE_DB_FIELDS = ['code', 'severity', 'constraint', 'schema', 'table', 'column', 'routine'] as const

export interface SafeError {
  type: string
  message: string
  stack?: string
  [field: string]: unknown
}

/**
 * An error as it may be logged: name, message and stack with the bound parameters of a failed
 * query cut out, the database error's code and constraint kept, and its `detail` (which quotes
 * the offending values, `Key (phone)=(…)`) dropped. Causes are followed a few levels deep.
 */
export function safeError(error: unknown, depth = 0): SafeError | string {
  if (!(error instanceof Error)) return typeof error === 'string' ? error : 'non-error thrown'
  const source = error as Error & Record<string, unknown>
  const scrub = (text: string) => {
    // drizzle: `Failed query: <sql>\nparams: <values>` — the SQL is ours, the values are not.
    if (Array.isArray(source.params)) {
      return text.replace(`\nparams: ${source.params}`, '\nparams: [not logged]')
    }
    return text
  }
  let message = scrub(source.message)
  let stack = source.stack ? scrub(source.stack) : undefined
  // PostgreSQL's data exceptions (SQLSTATE class 22) quote the rejected value after a colon:
  // `invalid input syntax for type integer: "13800138000"`. Keep the reason, drop the value.
  if (typeof source.code === 'string' && source.code.startsWith('22') && message.includes(':')) {
    const reason = `${message.slice(0, message.indexOf(':'))}: [value not logged]`
    stack = stack?.replace(message, reason)
    message = reason
  }
  // drizzle's errors keep the name 'Error'; their class says what they are.
  const type = source.name === 'Error' && source.constructor?.name ? source.constructor.name : source.name
  const out: SafeError = { type, message }
  if (stack) out.stack = stack
  for (const field of SAFE_DB_FIELDS) {
    if (typeof source[field] === 'string') out[field] = source[field]
  }
  if (typeof source.statusCode === 'number') out.statusCode = source.statusCode
  if (source.cause !== undefined && depth < 3) out.cause = safeError(source.cause, depth + 1)
  return out
}
