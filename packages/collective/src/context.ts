import { type Clock, countyOfId, type Database } from '@liancun/core'

/** What every part works over: one database handle (the root or a caller's transaction) and a clock. */
export interface CollectiveContext {
  db: Database
  clock: Clock
}

/** Whose registers these are: what a caller needs to authorise a request on them. */
export interface CollectiveRef {
  countyCode: string
  id: string
  villageCode: string
  ledgerId: string
}

/**
 * Authorise what you load, once: every method loads the collective a record belongs to and calls
 * `guard` on its ref — inside its transaction and before it writes; whatever the guard throws
 * propagates (and rolls the transaction back).
 */
export interface GuardOptions {
  guard?: (ref: CollectiveRef) => void | Promise<void>
}

/**
 * The county of a record by its id (ids carry their county, `newId(countyCode)`). An id that
 * carries none was never made by this package: it reads as a county no row has, so the read
 * answers not found, on one shard.
 */
export const countyKey = (id: string): string => countyOfId(id) ?? ''
