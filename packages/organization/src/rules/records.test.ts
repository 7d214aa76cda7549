import { describe, expect, it } from 'vitest'
import { partnerDuplicate, personDuplicate, requirePersonRow } from './records.js'

describe('record rules', () => {
  it('names the missing person and the county looked in', () => {
    expect(() => requirePersonRow(undefined, 'p1', '370322')).toThrow(
      expect.objectContaining({
        code: 'organization.person_not_found',
        field: 'personId',
        kind: 'not_found',
      }),
    )
    expect(requirePersonRow({ id: 'p1' }, 'p1')).toEqual({ id: 'p1' })
  })
  it('reports duplicates as conflicts on their field', () => {
    expect(personDuplicate('p1')).toMatchObject({
      code: 'organization.person_duplicate',
      kind: 'conflict',
      field: 'idNumber',
      context: { existingPersonId: 'p1' },
    })
    expect(partnerDuplicate('91370300MA3C4D5E6F', 'x')).toMatchObject({
      code: 'organization.partner_duplicate',
      kind: 'conflict',
      field: 'uscc',
    })
  })
})
