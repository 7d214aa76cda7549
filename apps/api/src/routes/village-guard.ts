import type { FastifyRequest } from 'fastify'
import type { Role } from '../auth/scope.js'
import { scopeGuard } from '../plugins/auth.js'
import type { Services } from '../services.js'

/**
 * Authorise what the service loads, once: a guard on the village of the matter (or council) the
 * service reads, run inside its transaction — `in(services)` binds it to the transaction's
 * services (on PGlite a lookup outside the open transaction would wait for it forever). It keeps
 * the ref it let through, so the route names the audited record's county without reading it again.
 */
export function villageGuard<R extends { countyCode: string; villageCode: string }>(
  request: FastifyRequest,
  roles?: readonly Role[],
) {
  let seen: R | undefined
  return {
    in(services?: Services) {
      const check = scopeGuard(request, roles, services)
      return {
        async guard(ref: R) {
          await check({ kind: 'division', code: ref.villageCode })
          seen = ref
        },
      }
    },
    /** The ref the guard let through. */
    get ref(): R {
      if (!seen) throw new Error('the service did not run the guard')
      return seen
    },
  }
}
