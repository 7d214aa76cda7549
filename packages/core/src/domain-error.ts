/**
 * What went wrong, in terms a caller can act on. The API maps each kind to one HTTP status;
 * packages never mention HTTP themselves.
 * - `invalid`: the input itself is malformed (bad code, bad amount).
 * - `not_found`: a referenced record does not exist (or is invisible to the caller).
 * - `conflict`: the input clashes with what is recorded (duplicate, concurrent change).
 * - `rule`: the input is well formed but a domain rule refuses it (quorum not met, overlap).
 * - `forbidden`: the actor may not do this.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'rule' | 'forbidden'

const marker = Symbol.for('liancun.domain-error')

export interface DomainErrorOptions {
  kind?: DomainErrorKind
  /** Field path the error is about, e.g. `members[0].from`, so clients can point at it. */
  field?: string
  context?: Record<string, unknown>
  cause?: unknown
}

/**
 * Base class of every domain failure. `code` is stable and namespaced by package
 * (`organization.village_in_other_alliance`); clients branch on it, never on `message`.
 */
export class DomainError extends Error {
  readonly [marker] = true
  readonly code: string
  readonly kind: DomainErrorKind
  readonly field: string | undefined
  readonly context: Record<string, unknown>

  constructor(code: string, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'DomainError'
    this.code = code
    this.kind = options.kind ?? 'rule'
    this.field = options.field
    this.context = options.context ?? {}
  }

  /** True for any DomainError, even one from another copy of this package. */
  static isInstance(error: unknown): error is DomainError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true
  }
}

export function notFound(code: string, message: string, context?: Record<string, unknown>): DomainError {
  return new DomainError(code, message, { kind: 'not_found', ...(context ? { context } : {}) })
}
