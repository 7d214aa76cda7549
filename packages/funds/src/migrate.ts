import { fileURLToPath } from 'node:url'
import { applyMigrations, type Database, type MigrationSet } from '@liancun/core'

export const fundsMigrations: MigrationSet = {
  name: 'funds',
  folder: fileURLToPath(new URL('../migrations', import.meta.url)),
  table: '__funds_migrations',
  schemas: ['funds'],
}

export function migrateFunds(db: Database): Promise<void> {
  return applyMigrations(db, fundsMigrations)
}
