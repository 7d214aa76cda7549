import { DomainError } from './domain-error.js'

/**
 * For tests: awaits a call that must be refused, and returns its DomainError when it carries
 * `code`; otherwise throws, naming what came instead (success, another code, another error).
 */
export async function expectDomainError(promise: Promise<unknown>, code: string): Promise<DomainError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  )
  if ('value' in outcome) throw new Error(`expected ${code}, but the call succeeded`)
  const { error } = outcome
  if (!DomainError.isInstance(error)) throw new Error(`expected ${code}, got ${String(error)}`)
  if (error.code !== code) throw new Error(`expected ${code}, got ${error.code}: ${error.message}`)
  return error
}
