import { randomBytes } from 'node:crypto'
import type { Clock, Database } from '@liancun/core'
import { systemClock } from '@liancun/core'
import { and, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { ScopeLookups } from '../auth/scope.js'
import type { AppConfig } from '../config.js'
import { type Engine, migrateAll, type OpenDatabase, openDatabase } from '../database.js'
import { NATIONAL_COUNTY, settings } from '../schema.js'
import { createServices, type Services } from '../services.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Database
    engine: Engine
    clock: Clock
    services: Services
    scopeLookups: ScopeLookups
    /** Runs `work` in one transaction with every service bound to it. */
    inTransaction<T>(work: (context: { tx: Database; services: Services }) => Promise<T>): Promise<T>
  }
}

/** The personal-data hash key: configured, or generated once and kept in the database. */
async function personalDataKey(db: Database, configured: string | undefined): Promise<string> {
  if (configured) return configured
  const where = and(eq(settings.countyCode, NATIONAL_COUNTY), eq(settings.name, 'personal_data_key'))
  await db
    .insert(settings)
    .values({
      countyCode: NATIONAL_COUNTY,
      name: 'personal_data_key',
      value: randomBytes(32).toString('hex'),
    })
    .onConflictDoNothing()
  const [row] = await db.select().from(settings).where(where)
  return row!.value
}

export interface DatabasePluginOptions {
  config: AppConfig
  clock?: Clock
  /** An already open database (tests hand in a clone of a migrated template); closed with the app. */
  database?: OpenDatabase
}

export default fp(
  async function databasePlugin(app: FastifyInstance, options: DatabasePluginOptions) {
    const { config } = options
    const opened =
      options.database ??
      (await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        statementCache: config.pgStatementCache,
      }))
    app.addHook('onClose', () => opened.close())
    await migrateAll(opened.db)
    await opened.migrated?.()
    const clock = options.clock ?? systemClock
    const serviceOptions = {
      clock,
      personalDataKey: await personalDataKey(opened.db, config.personalDataKey),
      approvalChainCounties: config.approvalChainCounties,
    }
    const services = createServices(opened.db, serviceOptions)

    app.decorate('db', opened.db)
    app.decorate('engine', opened.engine)
    app.decorate('clock', clock)
    app.decorate('services', services)
    app.decorate('scopeLookups', {
      allianceIdsOfVillage: (villageCode: string) =>
        services.organization.allianceIdsOfVillage(villageCode, clock.today()),
    })
    app.decorate('inTransaction', <T>(work: (context: { tx: Database; services: Services }) => Promise<T>) =>
      opened.db.transaction((tx) => work({ tx, services: createServices(tx, serviceOptions) })),
    )
    app.log.info({ engine: opened.engine }, 'database ready')
  },
  { name: 'database' },
)
