import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { FUNDS_ERRORS, FundsError, type FundsErrorCode } from '../src/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const codes = Object.keys(FUNDS_ERRORS).sort() as FundsErrorCode[]

/** Every `*.test.ts` of the package except this one: where the codes must be exercised. */
function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testSources(path)
    return entry.name.endsWith('.test.ts') && entry.name !== 'error-catalogue.test.ts' ? [path] : []
  })
}

describe('error catalogue', () => {
  it('is the README’s error table, code for code and kind for kind', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const rows = [...readme.matchAll(/^\| `(funds\.[a-z_]+)` \| (\w+) \|/gm)].map(
      (m) => [m[1]!, m[2]!] as const,
    )
    expect(rows.map(([code]) => code).sort()).toEqual(codes)
    for (const [code, kind] of rows) expect(kind, code).toBe(FUNDS_ERRORS[code as FundsErrorCode].kind)
  })

  it('has every code exercised by a test of the package', () => {
    const sources = [...testSources(join(root, 'src')), ...testSources(join(root, 'test'))]
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n')
    expect(codes.filter((code) => !sources.includes(`'${code}'`))).toEqual([])
  })

  it('derives every kind from the code', () => {
    for (const code of codes) {
      const error = new FundsError(code, 'x', { field: 'f' })
      expect(error).toMatchObject({ code, kind: FUNDS_ERRORS[code].kind, field: 'f', name: 'FundsError' })
    }
  })
})
