import { fileURLToPath } from 'node:url'
import { errorCatalogueFindings } from '@liancun/core/testing'
import { describe, expect, it } from 'vitest'
import { LEDGER_ERRORS, LedgerError } from '../src/index.js'

/** The error catalogue is the one list of codes: the README documents it, the tests exercise it. */

const root = fileURLToPath(new URL('..', import.meta.url))
const codes = Object.keys(LEDGER_ERRORS).sort()

describe('the error catalogue', () => {
  const { documented, unexercised } = errorCatalogueFindings(root, LEDGER_ERRORS, 'catalogue.test.ts')

  it('is the README’s error table, code for code and kind for kind', () => {
    expect(documented.map(([code]) => code).sort()).toEqual(codes)
    for (const [code, kind] of documented) {
      expect(kind, code).toBe(LEDGER_ERRORS[code as keyof typeof LEDGER_ERRORS].kind)
    }
  })

  it('has every code exercised by a test of the package', () => {
    expect(unexercised).toEqual([])
  })

  it('derives the kind from the code', () => {
    expect(new LedgerError('ledger.self_review', 'x').kind).toBe('forbidden')
    expect(new LedgerError('ledger.period_already_closed', 'x').kind).toBe('conflict')
  })
})
