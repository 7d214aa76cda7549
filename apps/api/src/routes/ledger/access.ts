import type { LedgerRef } from '@liancun/ledger'
import type { FastifyRequest } from 'fastify'
import type { Role } from '../../auth/scope.js'
import { requireActor, scopeGuard } from '../../plugins/auth.js'
import type { Services } from '../../services.js'

/**
 * Authorise what you load, once: the ledger service loads the ledger (inside its transaction,
 * locked as it needs) and calls this guard on the row; the route never reads it first. The guard
 * checks the caller's role and that its scope covers the ledger's village, and remembers the
 * first ledger it saw, for the audit row.
 */
export function ledgerAccess(request: FastifyRequest, roles?: readonly Role[]) {
  let seen: LedgerRef | undefined
  return {
    /** Options for a service call; pass the transaction's services when inside one. */
    options(services?: Services) {
      const check = scopeGuard(request, roles, services)
      return {
        guard: async (ref: LedgerRef) => {
          await check({ kind: 'division', code: ref.villageCode })
          seen ??= ref
        },
      }
    },
    /** The (first) ledger the service loaded and the guard admitted. */
    get ledger(): LedgerRef {
      if (!seen) throw new Error('the ledger service returned without loading the ledger')
      return seen
    },
    get keyId(): string {
      return requireActor(request).keyId
    },
  }
}

/** The audit target of a record in a ledger. */
export const auditOf = (ledger: LedgerRef, type = 'ledger', id = ledger.id) => ({
  type,
  id,
  countyCode: ledger.countyCode,
})
