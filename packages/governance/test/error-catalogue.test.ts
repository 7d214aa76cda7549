import { fileURLToPath } from 'node:url'
import { errorCatalogueFindings } from '@liancun/core/testing'
import { describe, expect, it } from 'vitest'
import { GOVERNANCE_ERRORS, GovernanceError, type GovernanceErrorCode } from '../src/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const codes = Object.keys(GOVERNANCE_ERRORS).sort() as GovernanceErrorCode[]

describe('error catalogue', () => {
  const { documented, unexercised } = errorCatalogueFindings(
    root,
    GOVERNANCE_ERRORS,
    'error-catalogue.test.ts',
  )

  it('is the README’s error table, code for code and kind for kind', () => {
    expect(documented.map(([code]) => code).sort()).toEqual(codes)
    for (const [code, kind] of documented) {
      expect(kind, code).toBe(GOVERNANCE_ERRORS[code as keyof typeof GOVERNANCE_ERRORS].kind)
    }
  })

  it('has every code exercised by a test of the package', () => {
    expect(unexercised).toEqual([])
  })

  it('derives every kind from the code', () => {
    for (const code of codes) {
      const error = new GovernanceError(code, 'x', { field: 'f' })
      expect(error).toMatchObject({
        code,
        kind: GOVERNANCE_ERRORS[code].kind,
        field: 'f',
        name: 'GovernanceError',
      })
    }
  })
})
