import { DomainError, type DomainErrorOptions } from '@liancun/core'

/** Every refusal of the funds domain, with a stable `funds.*` code. */
export class FundsError extends DomainError {
  constructor(code: `funds.${string}`, message: string, options: DomainErrorOptions = {}) {
    super(code, message, options)
    this.name = 'FundsError'
  }
}
