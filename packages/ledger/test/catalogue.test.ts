import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { LEDGER_ERRORS, LedgerError } from '../src/index.js'

/** The error catalogue is the one list of codes: the README documents it, the tests exercise it. */

const root = fileURLToPath(new URL('..', import.meta.url))
const codes = Object.keys(LEDGER_ERRORS).sort()

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return testSources(path)
    return entry.name.endsWith('.test.ts') && entry.name !== 'catalogue.test.ts'
      ? [readFileSync(path, 'utf8')]
      : []
  })
}

describe('the error catalogue', () => {
  it('is the README’s error table, code for code and kind for kind', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const table = readme.slice(readme.indexOf('## Errors'))
    const rows = [...table.matchAll(/^\| `(ledger\.[a-z_]+)` \| `([a-z_]+)` \|/gm)].map((m) => [m[1], m[2]])
    expect(rows.map(([code]) => code).sort()).toEqual(codes)
    for (const [code, kind] of rows)
      expect(kind, code).toBe(LEDGER_ERRORS[code as keyof typeof LEDGER_ERRORS].kind)
  })

  it('has every code exercised by a test of the package', () => {
    const sources = [...testSources(join(root, 'test')), ...testSources(join(root, 'src'))].join('\n')
    expect(codes.filter((code) => !sources.includes(`'${code}'`))).toEqual([])
  })

  it('derives the kind from the code', () => {
    expect(new LedgerError('ledger.self_review', 'x').kind).toBe('forbidden')
    expect(new LedgerError('ledger.period_already_closed', 'x').kind).toBe('conflict')
  })
})
