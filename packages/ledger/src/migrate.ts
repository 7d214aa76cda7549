import { fileURLToPath } from 'node:url'
import { applyMigrations, type Database, type MigrationSet } from '@liancun/core'

/** This package's migrations and the table that records them. */
export const ledgerMigrations: MigrationSet = {
  name: 'ledger',
  folder: fileURLToPath(new URL('../migrations', import.meta.url)),
  table: '__ledger_migrations',
  schemas: ['ledger'],
}

/** Creates or updates the `ledger` schema in the database. */
export function migrateLedger(db: Database): Promise<void> {
  return applyMigrations(db, ledgerMigrations)
}
