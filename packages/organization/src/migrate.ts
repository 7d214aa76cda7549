import { fileURLToPath } from 'node:url'
import { applyMigrations, type Database, type MigrationSet } from '@liancun/core'

/** This package's migrations and the table that records them (own table: see core/database.ts). */
export const organizationMigrations: MigrationSet = {
  name: 'organization',
  folder: fileURLToPath(new URL('../migrations', import.meta.url)),
  table: '__organization_migrations',
  schemas: ['organization'],
}

/** Creates or updates the `organization` schema in the database. */
export function migrateOrganization(db: Database): Promise<void> {
  return applyMigrations(db, organizationMigrations)
}
