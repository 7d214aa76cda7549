import { organizationCodeCheckCharacter, usccCheckCharacter } from '@liancun/core'
import { expectDomainError } from '@liancun/core/testing'

export const BOOKKEEPER = 'key-bookkeeper'
export const REVIEWER = 'key-reviewer'

/** A structurally valid village-collective USCC (N2…) with correct check characters. */
export function uscc(body: string): string {
  const first16 = `N2370322${body}`
  const first17 = first16 + organizationCodeCheckCharacter(first16.slice(8, 16))
  return first17 + usccCheckCharacter(first17)
}

/** Awaits a refusal and checks its stable code; returns the error for further checks. */
export const expectCode = expectDomainError

export const lines = (debitAccount: string, creditAccount: string, fen: bigint) => [
  { account: debitAccount, debit: fen },
  { account: creditAccount, credit: fen },
]
