import { fileURLToPath } from 'node:url'
import { applyMigrations, type Database, type MigrationSet } from '@liancun/core'

export const collectiveMigrations: MigrationSet = {
  name: 'collective',
  folder: fileURLToPath(new URL('../migrations', import.meta.url)),
  table: '__collective_migrations',
  schemas: ['collective'],
}

export function migrateCollective(db: Database): Promise<void> {
  return applyMigrations(db, collectiveMigrations)
}
