import type { Database } from '@liancun/core'
import { guardLedger } from '../context.js'
import { LedgerError } from '../errors.js'
import { type LedgerLock, type LedgerRow, ledgerRow } from '../store/ledgers.js'
import type { GuardOptions } from '../types.js'

/** Loading a ledger for a caller: the row, or ledger.ledger_not_found; then the caller's guard. */

export function ledgerNotFound(id: string): LedgerError {
  return new LedgerError('ledger.ledger_not_found', `no ledger ${id}`, { context: { id } })
}

export function voucherNotFound(id: string): LedgerError {
  return new LedgerError('ledger.voucher_not_found', `no voucher ${id} in this ledger`)
}

/** The ledger row (locked as asked), guarded: the one read of the ledger a request makes. */
export async function loadLedger(
  q: Database,
  id: string,
  lock: LedgerLock,
  options?: GuardOptions,
): Promise<LedgerRow> {
  const row = await ledgerRow(q, id, lock)
  if (!row) throw ledgerNotFound(id)
  await guardLedger(options, row)
  return row
}
