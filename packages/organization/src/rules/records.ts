import { OrganizationError } from '../errors.js'

/**
 * A referenced record exists, and registered identifiers are unique. Pure: the part loads the row
 * (or the duplicate) and asks here, so each refusal has one home.
 */

export function requirePersonRow<T>(row: T | undefined, id: string, countyCode?: string): T {
  if (!row) {
    throw new OrganizationError(
      'organization.person_not_found',
      `no person ${id}${countyCode ? ` in county ${countyCode}` : ''}`,
      { field: 'personId', context: { id } },
    )
  }
  return row
}

/** An ID number is registered once per county; `existingPersonId` when the check found it first. */
export function personDuplicate(existingPersonId?: string): OrganizationError {
  return new OrganizationError(
    'organization.person_duplicate',
    'a person with this ID number is already registered',
    {
      field: 'idNumber',
      ...(existingPersonId ? { context: { existingPersonId } } : {}),
    },
  )
}

/** A USCC is registered once per county. */
export function partnerDuplicate(uscc: string, existingPartnerId: string): OrganizationError {
  return new OrganizationError('organization.partner_duplicate', `a partner with USCC ${uscc} exists`, {
    field: 'uscc',
    context: { existingPartnerId },
  })
}
