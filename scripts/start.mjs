#!/usr/bin/env node
// `npm start`: install, build the API and what it needs, then serve the demo on embedded PGlite.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { pnpm } from './pnpm.mjs'

pnpm(['install', '--frozen-lockfile'])
pnpm(['exec', 'turbo', 'run', 'build', '--filter=@liancun/api...', '--output-logs=errors-only'])

const server = spawn(process.execPath, ['dist/server.js'], {
  cwd: fileURLToPath(new URL('../apps/api', import.meta.url)),
  stdio: 'inherit',
  env: { LIANCUN_DEMO: '1', ...process.env },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
