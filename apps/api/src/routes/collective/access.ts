import type { CollectiveRef } from '@liancun/collective'
import { Id } from '@liancun/core'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Role } from '../../auth/scope.js'
import { scopeGuard } from '../../plugins/auth.js'
import type { Services } from '../../services.js'

/** Who keeps the 三资 registers: the village's bookkeeper (会计/报账员) and clerk (村务). */
export const REGISTRARS: readonly Role[] = ['bookkeeper', 'clerk']

export const CollectiveParams = z.object({ id: Id.meta({ description: 'the registers (collective) id' }) })

/**
 * Authorise what you load, once: the collective service loads the registers a request is about
 * (inside its transaction) and calls this guard on them; the caller's role and scope must cover
 * the collective's village. The first collective seen is kept for the audit row.
 */
export function collectiveAccess(request: FastifyRequest, roles?: readonly Role[]) {
  let seen: CollectiveRef | undefined
  return {
    options(services?: Services) {
      const check = scopeGuard(request, roles, services)
      return {
        guard: async (ref: CollectiveRef) => {
          await check({ kind: 'division', code: ref.villageCode })
          seen ??= ref
        },
      }
    },
    /** The audit target of a record of the registers the guard let through. */
    audit(type: string, id: string) {
      if (!seen) throw new Error('the collective service returned without loading the registers')
      return { type, id, countyCode: seen.countyCode }
    },
  }
}
