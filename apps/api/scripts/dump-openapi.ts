/**
 * Writes the OpenAPI document of the app as built from its routes (in-memory PGlite, no server,
 * no network) to the file named on the command line, or to stdout. Used by lint-openapi.mjs.
 * Run: tsx --conditions=@liancun/source apps/api/scripts/dump-openapi.ts [out.json]
 */
import { writeFileSync } from 'node:fs'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'

const app = await buildApp(testConfig())
await app.ready()
const text = `${JSON.stringify(app.swagger(), null, 2)}\n`
await app.close()
const out = process.argv[2]
if (out) writeFileSync(out, text)
else process.stdout.write(text)
