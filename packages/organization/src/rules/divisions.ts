import { OrganizationError } from '../errors.js'

export type DivisionKindName = 'county' | 'township' | 'village' | 'community'

/** Kinds a village-level request accepts (村 and 社区 alike). */
export const VILLAGE_KINDS: readonly string[] = ['village', 'community']

/** Division code length per kind: county 6, township 9, village and community 12. */
export function codeLengthOfKind(kind: DivisionKindName): number {
  return kind === 'county' ? 6 : kind === 'township' ? 9 : 12
}

/**
 * Where a division of `kind` with `code` hangs: its parent's code and the kind that parent must
 * have (null for a county). Refuses a code whose length does not match the kind.
 */
export function divisionParent(
  code: string,
  kind: DivisionKindName,
): { parentCode: string; parentKind: 'county' | 'township' } | null {
  if (code.length !== codeLengthOfKind(kind)) {
    throw new OrganizationError(
      'organization.division_kind_mismatch',
      `a ${kind} code has ${codeLengthOfKind(kind)} digits, ${code} has ${code.length}`,
      { field: 'kind', context: { code, kind } },
    )
  }
  if (kind === 'county') return null
  return kind === 'township'
    ? { parentCode: code.slice(0, 6), parentKind: 'county' }
    : { parentCode: code.slice(0, 9), parentKind: 'township' }
}

/** The parent must be recorded, and be of the kind expected; an existing division keeps its kind. */
export function checkDivisionUpsert(
  code: string,
  kind: DivisionKindName,
  parent: {
    expected: { parentCode: string; parentKind: string } | null
    found: { kind: string } | undefined
  },
  existing: { kind: string } | undefined,
): void {
  const { expected, found } = parent
  if (expected && found?.kind !== expected.parentKind) {
    throw new OrganizationError(
      'organization.parent_division_missing',
      `${code} needs its ${expected.parentKind} ${expected.parentCode} to be recorded first`,
      { field: 'code', context: { parentCode: expected.parentCode } },
    )
  }
  if (existing && existing.kind !== kind) {
    throw new OrganizationError(
      'organization.division_kind_change',
      `${code} is a ${existing.kind}; its kind cannot change to ${kind}`,
      { field: 'kind' },
    )
  }
}

/** A 12-digit code of a recorded village or community, or `division_not_found` on `field`. */
export function requireVillageRow<T extends { kind: string }>(
  code: string,
  row: T | undefined,
  field = 'villageCode',
): T {
  if (!row || !VILLAGE_KINDS.includes(row.kind)) {
    throw new OrganizationError('organization.division_not_found', `no village or community ${code}`, {
      field,
      context: { code },
    })
  }
  return row
}

/** A recorded division of `kind` (a county for a partner, a township for an alliance). */
export function requireDivisionOfKind<T extends { kind: string }>(
  code: string,
  row: T | undefined,
  kind: 'county' | 'township',
  field: string,
): T {
  if (row?.kind !== kind) {
    throw new OrganizationError('organization.division_not_found', `no ${kind} ${code}`, { field })
  }
  return row
}
