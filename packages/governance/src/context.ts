import type { Clock, Database } from '@liancun/core'

/** What every part works over: one database handle (the root or a caller's transaction) and a clock. */
export interface GovernanceContext {
  db: Database
  clock: Clock
}

/** Where a matter lives: what a caller needs to authorise a request on it. */
export interface MatterRef {
  countyCode: string
  id: string
  villageCode: string
}

/** Where an alliance matter lives; the alliance's township is the organisation domain's to tell. */
export interface AllianceMatterRef {
  countyCode: string
  id: string
  allianceId: string
}

/** Where a council (乡村夜话) lives. */
export interface CouncilRef {
  countyCode: string
  id: string
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

/** Runs the caller's guard, if any, on the ref of the row just loaded. */
export async function runGuard<Ref>(options: GuardOptions<Ref> | undefined, ref: Ref): Promise<void> {
  if (options?.guard) await options.guard(ref)
}
