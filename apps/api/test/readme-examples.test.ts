/**
 * Every package README's example runs as written. A ```ts block right after the line
 * `<!-- example:run -->` (an HTML comment: invisible on the rendered page) is copied verbatim
 * into a file inside that package (`packages/<name>/.tmp/`, git-ignored), so its imports resolve
 * exactly as they would for someone who installed the package with its peers — the package's
 * own dependencies, peer and dev dependencies, no more — and is imported here. The examples
 * create their own PGlite databases; the client's example calls a real listening app, named by
 * LIANCUN_URL and LIANCUN_KEY as its README tells a reader to set them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers.js'

const MARKER = '<!-- example:run -->'
const packagesDir = fileURLToPath(new URL('../../../packages/', import.meta.url))

/** The marked ```ts blocks of a README, with the line each starts on. */
export function markedExamples(readme: string): { line: number; code: string }[] {
  const lines = readme.split('\n')
  const found: { line: number; code: string }[] = []
  lines.forEach((text, index) => {
    if (text.trim() !== MARKER) return
    const open = lines.findIndex((l, i) => i > index && l.trim() !== '')
    if (open === -1 || lines[open]?.trim() !== '```ts') {
      throw new Error(`line ${index + 1}: ${MARKER} must stand right before a \`\`\`ts block`)
    }
    const close = lines.findIndex((l, i) => i > open && l.trim() === '```')
    if (close === -1) throw new Error(`line ${open + 1}: the block never closes`)
    found.push({ line: open + 2, code: lines.slice(open + 1, close).join('\n') })
  })
  return found
}

const readmes = readdirSync(packagesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .filter((name) => existsSync(join(packagesDir, name, 'README.md')))
  .sort()

let t: TestApp
const savedEnv = { url: process.env.LIANCUN_URL, key: process.env.LIANCUN_KEY }

beforeAll(async () => {
  // The API the client's example calls: a real socket, with the divisions the example writes under.
  t = await startTestApp()
  for (const [code, body] of [
    ['370322', { name: '高青县', kind: 'county' }],
    ['370322104', { name: '唐坊镇', kind: 'township' }],
    ['370322104203', { name: '李孟德村', kind: 'village', population: 610 }],
  ] as const) {
    const response = await t.call('PUT', `/v1/divisions/${code}`, { body })
    if (response.statusCode >= 300) throw new Error(`seed ${code}: ${response.body}`)
  }
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  const address = t.app.server.address()
  if (!address || typeof address === 'string') throw new Error('the app has no TCP address')
  process.env.LIANCUN_URL = `http://127.0.0.1:${address.port}`
  process.env.LIANCUN_KEY = ADMIN_KEY
})

afterAll(async () => {
  for (const [name, value] of [
    ['LIANCUN_URL', savedEnv.url],
    ['LIANCUN_KEY', savedEnv.key],
  ] as const) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  await t?.close()
})

describe('README examples run as written', () => {
  it('finds the marked block after the marker, and refuses a marker before anything else', () => {
    expect(markedExamples(`x\n${MARKER}\n\n\`\`\`ts\nconst a = 1\n\`\`\`\n`)).toEqual([
      { line: 5, code: 'const a = 1' },
    ])
    expect(() => markedExamples(`${MARKER}\n\`\`\`sh\nls\n\`\`\`\n`)).toThrow(/must stand right before/)
  })

  it.each(readmes)('packages/%s/README.md', async (name) => {
    const readme = readFileSync(join(packagesDir, name, 'README.md'), 'utf8')
    const examples = markedExamples(readme)
    // Every package shows at least one example a reader can run.
    expect(examples.length, `packages/${name}/README.md has no ${MARKER} block`).toBeGreaterThan(0)
    const dir = join(packagesDir, name, '.tmp')
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const printed: unknown[][] = []
    const log = vi.spyOn(console, 'log').mockImplementation((...args) => {
      printed.push(args)
    })
    try {
      for (const [index, example] of examples.entries()) {
        const file = join(dir, `readme-example-${index + 1}.ts`)
        writeFileSync(file, `${example.code}\n`)
        try {
          await import(pathToFileURL(file).href)
        } catch (error) {
          const output = printed.map((args) => args.map(String).join(' ')).join('\n')
          throw new Error(
            `packages/${name}/README.md, the example at line ${example.line}: ${(error as Error).message}` +
              (output ? `\nit printed:\n${output}` : ''),
            { cause: error },
          )
        }
      }
    } finally {
      log.mockRestore()
    }
  })
})
