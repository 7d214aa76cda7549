import type { Database } from '@liancun/core'
import { and, asc, eq, inArray, type SQL, sql, type Table } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { ruleHolders } from '../rules/overrides.js'
import { ruleOverrides } from '../schema.js'
import { countyOfCode, fromJson, outer } from './sql.js'

/** A stored override as read: the JSON text is decoded by the part (rules/overrides.ts). */
export interface StoredOverride {
  divisionCode: string
  effectiveFrom: string
  rules: string
}

/** The overrides of a division's county and township, in holder then date order. */
export async function overridesOf(q: Database, divisionCode: string): Promise<StoredOverride[]> {
  return q
    .select({
      divisionCode: ruleOverrides.divisionCode,
      effectiveFrom: ruleOverrides.effectiveFrom,
      rules: ruleOverrides.rules,
    })
    .from(ruleOverrides)
    .where(
      and(
        eq(ruleOverrides.countyCode, countyOfCode(divisionCode)),
        inArray(ruleOverrides.divisionCode, ruleHolders(divisionCode)),
      ),
    )
    .orderBy(asc(ruleOverrides.divisionCode), asc(ruleOverrides.effectiveFrom))
}

/**
 * The same overrides as a correlated subquery over the outer row's village, so a statement that
 * loads (and locks) a matter or council reads the rules of its village with it. `county` is the
 * outer row's county: bound (the value the outer query is keyed by), or its column for a read by
 * an older id (`readById`).
 */
export function overridesJson(
  table: Table,
  county: string | SQL,
  villageColumn: AnyPgColumn,
): SQL<StoredOverride[]> {
  const village = outer(table, villageColumn)
  return sql<StoredOverride[]>`coalesce((
    select json_agg(json_build_object(
             'divisionCode', ro.division_code, 'effectiveFrom', ro.effective_from, 'rules', ro.rules)
           order by ro.division_code, ro.effective_from)
      from ${ruleOverrides} ro
     where ro.county_code = ${county}
       and ro.division_code in (left(${village}, 6), left(${village}, 9))), '[]'::json)`.mapWith((value) =>
    fromJson<StoredOverride[]>(value),
  )
}

export async function upsertOverride(q: Database, values: typeof ruleOverrides.$inferInsert): Promise<void> {
  await q
    .insert(ruleOverrides)
    .values(values)
    .onConflictDoUpdate({
      target: [ruleOverrides.countyCode, ruleOverrides.divisionCode, ruleOverrides.effectiveFrom],
      set: { rules: values.rules, createdBy: values.createdBy, createdAt: values.createdAt },
    })
}
