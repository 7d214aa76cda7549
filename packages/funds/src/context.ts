import type { Clock, Database, Fen } from '@liancun/core'
import type { ProjectStatus } from './rules/lifecycle.js'

/** What every part works over: one database handle (the root or a caller's transaction) and a clock. */
export interface FundsContext {
  db: Database
  clock: Clock
}

/** Where a project sits: what a caller needs to authorise a request on it. */
export interface ProjectRef {
  countyCode: string
  id: string
  townshipCode: string
  /** Null where a partner enterprise implements. */
  implementerVillageCode: string | null
  beneficiaryVillageCodes: string[]
  allianceId: string | null
  status: ProjectStatus
  /** What a cross-domain gate compares (the major-matter amount). */
  budget: Fen
  /** industry · livelihood · infrastructure · public_welfare: what a decision must cover. */
  category: string
  name: string
}

/** Who holds a fund source and where it sits (an alliance's money sits in its township). */
export interface SourceRef {
  countyCode: string
  id: string
  holder: { kind: 'county' | 'township'; code: string } | { kind: 'alliance'; id: string }
  divisionCode: string
}

/**
 * Authorise what you load, once: a method that loads a parent row for a caller calls `guard` on
 * a small ref of that row, inside its transaction and before it writes; whatever the guard throws
 * propagates (and rolls the transaction back). A method that loads a project and a source takes
 * `sourceGuard` for the source.
 */
export interface GuardOptions<Ref> {
  guard?: (ref: Ref) => void | Promise<void>
}

export interface ProjectAndSourceGuards extends GuardOptions<ProjectRef> {
  sourceGuard?: (ref: SourceRef) => void | Promise<void>
}

/** Runs a guard, if any, on the ref of the row just loaded. */
export async function runGuard<Ref>(
  guard: ((ref: Ref) => void | Promise<void>) | undefined,
  ref: Ref,
): Promise<void> {
  if (guard) await guard(ref)
}
