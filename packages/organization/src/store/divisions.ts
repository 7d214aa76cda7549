import { acrossCounties, countyWithin, type Database } from '@liancun/core'
import { and, asc, eq, gt, like } from 'drizzle-orm'
import type { DivisionRow } from '../outputs.js'
import { divisions } from '../schema.js'
import { countyOfCode } from './sql.js'

/** Divisions are keyed by (county_code, code); a code carries its county in its first six digits. */
const key = (code: string) => and(eq(divisions.countyCode, countyOfCode(code)), eq(divisions.code, code))

export async function findDivision(
  q: Database,
  code: string,
  options: { lock?: boolean } = {},
): Promise<DivisionRow | undefined> {
  const query = q.select().from(divisions).where(key(code))
  const [row] = options.lock ? await query.for('update') : await query
  return row
}

type DivisionValues = Pick<
  DivisionRow,
  'name' | 'kind' | 'parentCode' | 'population' | 'households' | 'adults'
>

export async function updateDivision(
  q: Database,
  code: string,
  values: DivisionValues,
  now: Date,
): Promise<DivisionRow> {
  const [row] = await q
    .update(divisions)
    .set({ ...values, updatedAt: now })
    .where(key(code))
    .returning()
  return row!
}

export async function insertDivision(
  q: Database,
  code: string,
  values: DivisionValues,
  now: Date,
): Promise<DivisionRow> {
  const [row] = await q
    .insert(divisions)
    .values({ countyCode: countyOfCode(code), code, ...values, createdAt: now, updatedAt: now })
    .returning()
  return row!
}

/**
 * A page of divisions: on the county of `within` or of `parent` (a county's or township's children
 * lie in its county), or else a deliberate read over counties.
 */
export async function listDivisions(
  q: Database,
  query: { parent?: string; kind?: string; within?: string; limit: number; after: string | null },
): Promise<DivisionRow[]> {
  const county = countyWithin(query.within) ?? countyWithin(query.parent)
  const page = (d: Database) =>
    d
      .select()
      .from(divisions)
      .where(
        and(
          query.within ? like(divisions.code, `${query.within}%`) : undefined,
          county ? eq(divisions.countyCode, county) : undefined,
          query.parent ? eq(divisions.parentCode, query.parent) : undefined,
          query.kind ? eq(divisions.kind, query.kind) : undefined,
          query.after ? gt(divisions.code, query.after) : undefined,
        ),
      )
      .orderBy(asc(divisions.code))
      .limit(query.limit + 1)
  return county ? page(q) : acrossCounties(q, 'list.beyond-county', page)
}
