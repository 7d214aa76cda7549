import { fileURLToPath } from 'node:url'
import { errorCatalogueFindings } from '@liancun/core/testing'
import { describe, expect, it } from 'vitest'
import { ORGANIZATION_ERRORS, OrganizationError } from '../src/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const codes = Object.keys(ORGANIZATION_ERRORS).sort()

describe('error catalogue', () => {
  const { documented, unexercised } = errorCatalogueFindings(
    root,
    ORGANIZATION_ERRORS,
    'error-catalogue.test.ts',
  )

  it('is the README’s error table, code for code and kind for kind', () => {
    expect(documented.map(([code]) => code).sort()).toEqual(codes)
    for (const [code, kind] of documented) {
      expect(kind, code).toBe(ORGANIZATION_ERRORS[code as keyof typeof ORGANIZATION_ERRORS].kind)
    }
  })

  it('has every code exercised by a test of the package', () => {
    expect(unexercised).toEqual([])
  })

  it('derives the kind from the code', () => {
    const error = new OrganizationError('organization.village_in_other_alliance', 'x', {
      field: 'villageCode',
    })
    expect(error).toMatchObject({ kind: 'rule', field: 'villageCode', name: 'OrganizationError' })
    expect(new OrganizationError('organization.alliance_not_found', 'x').kind).toBe('not_found')
  })
})
