import type { Database } from '@liancun/core'
import type { AllianceRef, GuardOptions, VillageRef } from '../context.js'
import { notFoundError } from '../errors.js'
import type { AllianceRow, DivisionRow } from '../outputs.js'
import { requireVillageRow } from '../rules/divisions.js'
import { countyOfAlliance, findAlliance } from '../store/alliances.js'
import { findDivision } from '../store/divisions.js'
import { countyOfCode } from '../store/sql.js'

/** Loaders the parts share: a parent row, found (and locked) by its tenant key, then authorised. */

/** A recorded village or community (`division_not_found` on `field` otherwise). */
export async function loadVillage(
  q: Database,
  code: string,
  options: { field?: string; lock?: boolean } = {},
): Promise<DivisionRow> {
  const row = code.length === 12 ? await findDivision(q, code, { lock: options.lock ?? false }) : undefined
  return requireVillageRow(code, row, options.field ?? 'villageCode')
}

/**
 * The village a caller writes to or reads: its guard runs first, on the ref its code carries (a
 * division code names its county and township, so the decision needs no row), and only then is
 * the row loaded — a key that does not reach the village learns nothing, not even whether it exists.
 */
export async function guardedVillage(
  q: Database,
  code: string,
  options: GuardOptions<VillageRef> | undefined,
  load: { field?: string; lock?: boolean } = {},
): Promise<DivisionRow> {
  await options?.guard?.({ countyCode: countyOfCode(code), villageCode: code })
  return loadVillage(q, code, load)
}

/**
 * The alliance, found by (county, id) (locked for writes), then handed to the caller's guard. A
 * lock needs `countyCode` (from `allianceCounty`, before the transaction); a read without it
 * takes the county the id carries.
 */
export async function guardedAlliance(
  q: Database,
  id: string,
  options: GuardOptions<AllianceRef> | undefined,
  load: { lock?: boolean; countyCode?: string } = {},
): Promise<AllianceRow> {
  const row = await findAlliance(q, id, { lock: load.lock ?? false, countyCode: load.countyCode })
  if (!row) throw notFoundError('alliance', id)
  await options?.guard?.({ id: row.id, countyCode: row.countyCode, townshipCode: row.townshipCode })
  return row
}

/**
 * The county to lock an alliance on: the one its id carries (no statement), or for an id made
 * before ids carried it, looked up first — before the transaction that locks it opens.
 */
export async function allianceCounty(db: Database, id: string): Promise<string> {
  const county = await countyOfAlliance(db, id)
  if (county === undefined) throw notFoundError('alliance', id)
  return county
}
