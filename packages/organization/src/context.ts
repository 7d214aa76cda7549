import type { Clock, Database } from '@liancun/core'

/** What every part works over: one database handle (the root or a caller's transaction). */
export interface OrganizationContext {
  db: Database
  clock: Clock
  /** Key of the HMAC under which ID numbers are stored. */
  personalDataKey: string
}

/** Where an alliance lives: what a caller needs to authorise a request on it. */
export interface AllianceRef {
  id: string
  countyCode: string
  townshipCode: string
}

/** A village a request touches: its county (tenant) and code. */
export interface VillageRef {
  countyCode: string
  villageCode: string
}

/**
 * Authorise what you load, once: a method that loads a parent row for a caller calls `guard` on
 * a small ref of that row, inside its transaction and before it writes; whatever the guard throws
 * propagates (and rolls the transaction back).
 */
export interface GuardOptions<Ref> {
  guard?: (ref: Ref) => void | Promise<void>
}
