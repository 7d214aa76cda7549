import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { demoIds } from './demo/demo-ids.js'
import { type DemoEnvironment, demoShellLines, writeDemoState } from './demo/demo-keys.js'

const config = loadConfig()
const app = await buildApp(config)

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
})

await app.listen({ port: config.port, host: config.host })
const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`
const demo = app.demoKeys ? await demoEnvironment(app, app.demoKeys, config.demoStateFile) : undefined
process.stdout.write(
  [
    '',
    `  liancun API on ${app.engine === 'pglite' ? `embedded PGlite (${config.dataDir ?? 'in memory'})` : 'PostgreSQL'}`,
    `  console:  ${base}/docs`,
    `  openapi:  ${base}/openapi.json`,
    ...(demo
      ? [
          '',
          '  demo keys (one per role) and the ids the README uses — paste these lines into your shell',
          `  ${config.demoStateFile ? `(also kept in ${config.demoStateFile}: \`source\` it)` : '(in memory: new keys at every start)'}:`,
          '',
          ...demo.map((line) => `    ${line}`),
        ]
      : []),
    '',
  ].join('\n'),
)

/** The demo's keys and ids as shell lines, kept in the state file when there is one. */
async function demoEnvironment(
  app: FastifyInstance,
  keys: DemoEnvironment,
  stateFile: string | undefined,
): Promise<string[]> {
  const environment = { ...keys, ...(await demoIds(app, keys.ADMIN_KEY!)) }
  if (stateFile) writeDemoState(stateFile, environment)
  return demoShellLines(environment)
}
