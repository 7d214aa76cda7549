import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * What a package's error catalogue test compares: the README's error table (rows
 * `| \`ns.code\` | kind |`, the kind with or without backticks) and the codes no test source of
 * the package (its `src/` and `test/` `*.test.ts`, the catalogue test itself excepted) mentions.
 */
export function errorCatalogueFindings(
  packageRoot: string,
  catalogue: Record<string, { kind: string }>,
  catalogueTestFile: string,
): { documented: [code: string, kind: string][]; unexercised: string[] } {
  const codes = Object.keys(catalogue)
  const namespace = codes[0]?.split('.')[0] ?? ''
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8')
  const row = new RegExp(`^\\| \`(${namespace}\\.[a-z_]+)\` \\| \`?(\\w+)\`? \\|`, 'gm')
  const documented = [...readme.matchAll(row)].map((m) => [m[1], m[2]] as [string, string])
  const sources = ['src', 'test']
    .flatMap((dir) => testSources(join(packageRoot, dir), catalogueTestFile))
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n')
  return { documented, unexercised: codes.filter((code) => !sources.includes(`'${code}'`)) }
}

function testSources(dir: string, except: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testSources(path, except)
    return entry.name.endsWith('.test.ts') && entry.name !== except ? [path] : []
  })
}
