import { DomainError, type DomainErrorKind } from '@liancun/core'

/** Every refusal of the ledger domain; `code` is stable, `message` is for people. */
export class LedgerError extends DomainError {
  constructor(
    code: `ledger.${string}`,
    message: string,
    options: { kind?: DomainErrorKind; field?: string; context?: Record<string, unknown> } = {},
  ) {
    super(code, message, options)
    this.name = 'LedgerError'
  }
}
