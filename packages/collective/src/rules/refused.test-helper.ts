import { DomainError } from '@liancun/core'

/** For rule tests: runs a synchronous call that must be refused with `code`, and returns the error. */
export function refused(call: () => unknown, code: string): DomainError {
  try {
    call()
  } catch (error) {
    if (DomainError.isInstance(error) && error.code === code) return error
    throw new Error(`expected ${code}, got ${DomainError.isInstance(error) ? error.code : String(error)}`)
  }
  throw new Error(`expected ${code}, but the call succeeded`)
}
