import type { Clock, Database } from '@liancun/core'
import { is } from 'drizzle-orm'
import { PgTransaction } from 'drizzle-orm/pg-core'
import type { VoucherMatterGate } from './parts/approvals.js'
import type { GuardOptions, LedgerRef } from './types.js'

/** What every part of the service shares: the database handle, the clock, and how to transact. */
export interface LedgerContext {
  db: Database
  clock: Clock
  /**
   * Runs `work` atomically. A service given a transaction (an API request composing domains, or
   * `withTx`) runs inside it directly: the caller's transaction is the unit and a savepoint would
   * only add two statements. Every part checks all its rules before its first write, so a refusal
   * never leaves half a write behind in the caller's transaction.
   */
  transaction<T>(work: (tx: Database) => Promise<T>): Promise<T>
  /** The app's 四议两公开 port (major-matter amount, matter standing, chain setting), if given. */
  matterGate?: VoucherMatterGate | undefined
}

export function createContext(db: Database, clock: Clock, matterGate?: VoucherMatterGate): LedgerContext {
  const inTransaction = is(db, PgTransaction)
  return {
    db,
    clock,
    matterGate,
    transaction: (work) => (inTransaction ? work(db) : db.transaction((tx) => work(tx))),
  }
}

/** Calls the caller's guard on a ledger row it loaded (see GuardOptions). */
export async function guardLedger(
  options: GuardOptions | undefined,
  row: { id: string; countyCode: string; villageCode: string },
): Promise<void> {
  if (!options?.guard) return
  const ref: LedgerRef = { id: row.id, countyCode: row.countyCode, villageCode: row.villageCode }
  await options.guard(ref)
}
