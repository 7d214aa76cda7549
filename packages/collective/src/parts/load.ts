import { type Database, isUniqueViolation } from '@liancun/core'
import { type CollectiveRef, countyKey, type GuardOptions } from '../context.js'
import { CollectiveError, type CollectiveErrorCode, notFound } from '../errors.js'
import { type CollectiveRow, findCollective } from '../store/registers.js'

export const refOf = (row: CollectiveRow): CollectiveRef => ({
  countyCode: row.countyCode,
  id: row.id,
  villageCode: row.villageCode,
  ledgerId: row.ledgerId,
})

/** The collective a request is about, authorised by the caller's guard on the row just read. */
export async function loadCollective(
  db: Database,
  id: string,
  options: GuardOptions | undefined,
  lock = false,
): Promise<CollectiveRow> {
  const row = await findCollective(db, countyKey(id), id, lock)
  if (!row) throw notFound('collective', id)
  if (options?.guard) await options.guard(refOf(row))
  return row
}

/** A unique index the database refused, as the domain's conflict. */
export async function uniquely<T>(
  work: () => Promise<T>,
  constraint: string,
  code: CollectiveErrorCode,
  message: string,
  field: string,
): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (violates(error, constraint)) throw new CollectiveError(code, message, { field })
    throw error
  }
}

/** A unique violation of `constraint` (core matches a Citus shard's copy of it too). */
function violates(error: unknown, constraint: string): boolean {
  return isUniqueViolation(error, constraint)
}
