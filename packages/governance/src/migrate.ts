import { fileURLToPath } from 'node:url'
import { applyMigrations, type Database, type MigrationSet } from '@liancun/core'

export const governanceMigrations: MigrationSet = {
  name: 'governance',
  folder: fileURLToPath(new URL('../migrations', import.meta.url)),
  table: '__governance_migrations',
  schemas: ['governance'],
}

export function migrateGovernance(db: Database): Promise<void> {
  return applyMigrations(db, governanceMigrations)
}
