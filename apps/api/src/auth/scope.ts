import { DomainError, divisionCodeProblem, isId } from '@liancun/core'

/** What a key may see: everything, a division and all inside it, or one alliance. */
export type Scope = { kind: 'all' } | { kind: 'division'; code: string } | { kind: 'alliance'; id: string }

export const ROLES = [
  'admin',
  'organizer',
  'clerk',
  'bookkeeper',
  'reviewer',
  'fund_manager',
  'auditor',
] as const
export type Role = (typeof ROLES)[number]

/** Parses `*`, a 2–12 digit division code, or an alliance id. */
export function parseScope(value: string): Scope {
  if (value === '*') return { kind: 'all' }
  if (isId(value)) return { kind: 'alliance', id: value }
  const problem = divisionCodeProblem(value)
  if (problem !== null) {
    throw new DomainError(
      'auth.invalid_scope',
      `scope must be "*", a division code or an alliance id: ${problem}`,
      {
        kind: 'invalid',
        field: 'body.scope',
      },
    )
  }
  return { kind: 'division', code: value }
}

export function formatScope(scope: Scope): string {
  return scope.kind === 'all' ? '*' : scope.kind === 'division' ? scope.code : scope.id
}

/** What a request touches, as far as scope is concerned. */
export type Target =
  | { kind: 'division'; code: string }
  | { kind: 'alliance'; id: string; townshipCode: string }
  | { kind: 'all' }

/** Lookups the scope check needs from the organisation domain. */
export interface ScopeLookups {
  /** Alliances the village belongs to on the given date. */
  allianceIdsOfVillage(villageCode: string): Promise<string[]>
}

/**
 * True when `scope` covers `target`. Division scopes cover what lies inside them by code prefix,
 * including alliances of their townships; an alliance scope covers the alliance and the villages
 * that are its members today.
 */
export async function scopeCovers(scope: Scope, target: Target, lookups: ScopeLookups): Promise<boolean> {
  if (scope.kind === 'all') return true
  if (target.kind === 'all') return false
  if (scope.kind === 'division') {
    return target.kind === 'division'
      ? target.code.startsWith(scope.code)
      : target.townshipCode.startsWith(scope.code)
  }
  if (target.kind === 'alliance') return target.id === scope.id
  if (target.code.length !== 12) return false
  return (await lookups.allianceIdsOfVillage(target.code)).includes(scope.id)
}

/**
 * True when a key with scope `minter` may mint a key with scope `minted`. Stricter than
 * `scopeCovers`: an alliance scope reaches villages only while they are members, but a key minted
 * for such a village would outlive the membership, so an alliance key mints only keys of its own
 * alliance. A division scope mints inside its division, and keys of alliances its division leads.
 */
export function scopeMayMint(minter: Scope, minted: Target): boolean {
  if (minter.kind === 'all') return true
  if (minted.kind === 'all') return false
  if (minter.kind === 'alliance') return minted.kind === 'alliance' && minted.id === minter.id
  return minted.kind === 'division'
    ? minted.code.startsWith(minter.code)
    : minted.townshipCode.startsWith(minter.code)
}
