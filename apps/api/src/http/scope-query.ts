import { BusinessDate, DivisionCode } from '@liancun/core'
import type { FastifyRequest } from 'fastify'
import { ForbiddenError, requireActor } from '../plugins/auth.js'

export const WithinQuery = DivisionCode.optional().meta({
  description:
    'division code prefix to list inside (county 6, township 9, village 12 digits); defaults to the key’s scope',
  example: '370303',
})

export const AsOfQuery = BusinessDate.optional().meta({
  description: 'the day to read the state of (YYYY-MM-DD); default today',
  example: '2024-06-30',
})

/**
 * The division prefix a list may cover for this caller: the requested `within` when the key’s
 * scope contains it, the scope itself by default. Alliance-scoped keys have no division to list.
 */
export function resolveWithin(request: FastifyRequest, within: string | undefined): string | undefined {
  const actor = requireActor(request)
  if (actor.scope.kind === 'all') return within
  if (actor.scope.kind === 'alliance') {
    throw new ForbiddenError('an alliance-scoped key cannot list by division; read the alliance instead')
  }
  const scope = actor.scope.code
  if (within === undefined) return scope
  if (within.startsWith(scope)) return within
  throw new ForbiddenError(`within=${within} lies outside the key’s scope ${scope}`, { scope, within })
}
