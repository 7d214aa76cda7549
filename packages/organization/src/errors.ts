import { DomainError, type DomainErrorKind } from '@liancun/core'

/** Every refusal of the organisation domain; `code` is stable, `message` is for people. */
export class OrganizationError extends DomainError {
  constructor(
    code: `organization.${string}`,
    message: string,
    options: { kind?: DomainErrorKind; field?: string; context?: Record<string, unknown> } = {},
  ) {
    super(code, message, options)
    this.name = 'OrganizationError'
  }
}

export const notFoundError = (what: string, id: string) =>
  new OrganizationError(`organization.${what}_not_found`, `no ${what.replace(/_/g, ' ')} ${id}`, {
    kind: 'not_found',
    context: { id },
  })
