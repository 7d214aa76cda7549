import { fileURLToPath } from 'node:url'
import { errorCatalogueFindings } from '@liancun/core/testing'
import { describe, expect, it } from 'vitest'
import { FUNDS_ERRORS, FundsError, type FundsErrorCode } from '../src/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const codes = Object.keys(FUNDS_ERRORS).sort() as FundsErrorCode[]

describe('error catalogue', () => {
  const { documented, unexercised } = errorCatalogueFindings(root, FUNDS_ERRORS, 'error-catalogue.test.ts')

  it('is the README’s error table, code for code and kind for kind', () => {
    expect(documented.map(([code]) => code).sort()).toEqual(codes)
    for (const [code, kind] of documented) {
      expect(kind, code).toBe(FUNDS_ERRORS[code as keyof typeof FUNDS_ERRORS].kind)
    }
  })

  it('has every code exercised by a test of the package', () => {
    expect(unexercised).toEqual([])
  })

  it('derives every kind from the code', () => {
    for (const code of codes) {
      const error = new FundsError(code, 'x', { field: 'f' })
      expect(error).toMatchObject({ code, kind: FUNDS_ERRORS[code].kind, field: 'f', name: 'FundsError' })
    }
  })
})
