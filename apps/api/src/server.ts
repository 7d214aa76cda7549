import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'

const config = loadConfig()
const app = await buildApp(config)

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
})

await app.listen({ port: config.port, host: config.host })
const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`
process.stdout.write(
  [
    '',
    `  liancun API on ${app.engine === 'pglite' ? `embedded PGlite (${config.dataDir ?? 'in memory'})` : 'PostgreSQL'}`,
    `  console:  ${base}/docs`,
    `  openapi:  ${base}/openapi.json`,
    ...(app.demoAdminKey ? [`  demo admin key (scope *, shown once): ${app.demoAdminKey}`] : []),
    '',
  ].join('\n'),
)
