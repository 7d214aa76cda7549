import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ORGANIZATION_ERRORS, OrganizationError } from '../src/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const codes = Object.keys(ORGANIZATION_ERRORS).sort()

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
    const rows = [...readme.matchAll(/^\| `(organization\.[a-z_]+)` \| (\w+) \|/gm)].map((m) => [m[1], m[2]])
    expect(rows.map(([code]) => code).sort()).toEqual(codes)
    for (const [code, kind] of rows) {
      expect(kind, code).toBe(ORGANIZATION_ERRORS[code as keyof typeof ORGANIZATION_ERRORS].kind)
    }
  })

  it('has every code exercised by a test of the package', () => {
    const sources = [...testSources(join(root, 'src')), ...testSources(join(root, 'test'))]
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n')
    expect(codes.filter((code) => !sources.includes(`'${code}'`))).toEqual([])
  })

  it('derives the kind from the code', () => {
    const error = new OrganizationError('organization.village_in_other_alliance', 'x', {
      field: 'villageCode',
    })
    expect(error).toMatchObject({ kind: 'rule', field: 'villageCode', name: 'OrganizationError' })
    expect(new OrganizationError('organization.alliance_not_found', 'x').kind).toBe('not_found')
  })
})
