import { fileURLToPath } from 'node:url'
import { errorCatalogueFindings } from '@liancun/core/testing'
import { describe, expect, it } from 'vitest'
import { COLLECTIVE_ERRORS, CollectiveError, type CollectiveErrorCode } from '../src/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const codes = Object.keys(COLLECTIVE_ERRORS).sort() as CollectiveErrorCode[]

describe('error catalogue', () => {
  const { documented, unexercised } = errorCatalogueFindings(
    root,
    COLLECTIVE_ERRORS,
    'error-catalogue.test.ts',
  )

  it('is the README’s error table, code for code and kind for kind', () => {
    expect(documented.map(([code]) => code).sort()).toEqual(codes)
    for (const [code, kind] of documented) {
      expect(kind, code).toBe(COLLECTIVE_ERRORS[code as keyof typeof COLLECTIVE_ERRORS].kind)
    }
  })

  it('has every code exercised by a test of the package', () => {
    expect(unexercised).toEqual([])
  })

  it('derives every kind from the code', () => {
    for (const code of codes) {
      const error = new CollectiveError(code, 'x', { field: 'f' })
      expect(error).toMatchObject({
        code,
        kind: COLLECTIVE_ERRORS[code].kind,
        field: 'f',
        name: 'CollectiveError',
      })
    }
  })
})
