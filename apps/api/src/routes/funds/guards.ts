import type { ProjectRef, SourceRef } from '@liancun/funds'
import type { FastifyRequest } from 'fastify'
import type { Role } from '../../auth/scope.js'
import { type Actor, ForbiddenError, scopeGuard } from '../../plugins/auth.js'
import type { Services } from '../../services.js'
import { sourceTarget } from './schemas.js'

/** Which division of a project a step is taken at (村申报, 乡审核, 县审定 …). */
export type ProjectLevel = 'project' | 'township' | 'county'

/**
 * Authorise what the service loads, once: the check of the caller against the project the funds
 * service reads (inside its transaction, before it writes) — the implementing village (or the
 * township, where a partner implements), the township or the county. Reading (no roles, project
 * level), a beneficiary village sees the project as well. `in(services)` binds the check to the
 * transaction's services (on PGlite a lookup outside the open transaction would wait for it
 * forever); the ref and actor the guard let through stay at hand for the audit row.
 */
export function projectGuard(
  request: FastifyRequest,
  check: { roles?: readonly Role[]; level?: ProjectLevel } = {},
) {
  let seen: { ref: ProjectRef; actor: Actor } | undefined
  const level = check.level ?? 'project'
  return {
    in(services?: Services) {
      const allowed = scopeGuard(request, check.roles, services)
      return {
        async guard(ref: ProjectRef) {
          const code =
            level === 'county'
              ? ref.countyCode
              : level === 'township'
                ? ref.townshipCode
                : (ref.implementerVillageCode ?? ref.townshipCode)
          if (check.roles === undefined && level === 'project') {
            for (const village of ref.beneficiaryVillageCodes) {
              if (village === code) continue
              try {
                seen = { ref, actor: await allowed({ kind: 'division', code: village }) }
                return
              } catch (error) {
                if (!(error instanceof ForbiddenError)) throw error
              }
            }
          }
          seen = { ref, actor: await allowed({ kind: 'division', code }) }
        },
      }
    },
    /** The project the guard let through. */
    get ref(): ProjectRef {
      if (!seen) throw new Error('the service did not run the project guard')
      return seen.ref
    },
  }
}

/** The check of the caller against a fund source's holder, for the service to run on the source it reads. */
export function sourceGuard(request: FastifyRequest, roles?: readonly Role[], services?: Services) {
  const allowed = scopeGuard(request, roles, services)
  return async (ref: SourceRef) => {
    await allowed(
      sourceTarget({
        holder: ref.holder.kind === 'alliance' ? { kind: 'alliance', id: ref.holder.id } : ref.holder,
        divisionCode: ref.divisionCode,
      }),
    )
  }
}
