import type { components } from './generated/openapi.js'

/** The RFC 9457 problem body every error of the API carries (`application/problem+json`). */
export type Problem = components['schemas']['Problem']

/** One offending input of a 400: `field` is its path (`body.lines.0.debit`, `querystring.cursor`). */
export interface ProblemField {
  field: string
  message: string
}

/**
 * A non-2xx answer of the API, thrown by the client's methods. Branch on `status` and `code`
 * (stable, e.g. `organization.village_in_other_alliance`); `field` names the first offending
 * input, `errors` all of them; `context` carries a rule's numbers and legal basis (a 422).
 * `requestId` is what to quote to the API's operator.
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError'
  readonly status: number
  readonly code: string
  readonly title: string
  readonly detail: string
  readonly type: string
  readonly instance: string | undefined
  readonly requestId: string | undefined
  readonly errors: readonly ProblemField[]
  /** Path of the first offending input, if the API named one. */
  readonly field: string | undefined
  readonly context: Readonly<Record<string, unknown>>
  /** Seconds to wait, from `Retry-After` (a 429 after too many failed authentications). */
  readonly retryAfterSeconds: number | undefined
  /** The HTTP response (its body already read). */
  readonly response: Response

  constructor(response: Response, body: unknown) {
    const problem = isProblem(body) ? body : undefined
    const code = problem?.code ?? `http.${response.status}`
    const detail =
      problem?.detail ??
      (typeof body === 'string' && body.length > 0 ? body.slice(0, 500) : response.statusText || 'no body')
    super(`${response.status} ${code}: ${detail}`)
    this.status = response.status
    this.code = code
    this.title = problem?.title ?? response.statusText
    this.detail = detail
    this.type = problem?.type ?? 'about:blank'
    this.instance = problem?.instance
    this.requestId = problem?.requestId ?? response.headers.get('x-request-id') ?? undefined
    this.errors = problem?.errors ?? []
    this.field = this.errors[0]?.field
    this.context = problem?.context ?? {}
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN)
    this.retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : undefined
    this.response = response
  }

  /** True for a ProblemError (from any copy of this package), optionally with this code. */
  static is(error: unknown, code?: string): error is ProblemError {
    return (
      error instanceof Error &&
      error.name === 'ProblemError' &&
      typeof (error as ProblemError).status === 'number' &&
      (code === undefined || (error as ProblemError).code === code)
    )
  }
}

function isProblem(body: unknown): body is Problem {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Problem).code === 'string' &&
    typeof (body as Problem).status === 'number'
  )
}
