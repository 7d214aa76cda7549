import { countyWithin, type Database } from '@liancun/core'
import { and, asc, eq, getTableColumns, gt, gte, like, lte, or, type SQL, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import {
  allocations,
  disbursements,
  fundSources,
  projectBeneficiaries,
  projectNotices,
  projectResults,
  projectShares,
  projects,
  projectTargets,
  tranches,
} from '../schema.js'
import { byKey, countyOr, fromJson, inCountyOrAcross, outer, type RowKey } from './sql.js'

export type ProjectRow = typeof projects.$inferSelect

const pId = outer(projects, projects.id)

/**
 * The county the outer project row's children are read in: the bound county (null: the row's own,
 * see `countyOr`).
 */
const inCounty = (county: string | null) => countyOr(county, outer(projects, projects.countyCode))

/** A JSON array of a correlated subquery over the outer project row; money travels as text. */
const jsonArray = <T>(query: SQL) =>
  sql<T[]>`coalesce((${query}), '[]'::json)`.mapWith((value) => fromJson<T[]>(value))

/** The beneficiary villages of the outer project row (of `county`), by code. */
export const beneficiaryCodes = (county: string | null) =>
  jsonArray<string>(sql`
  select json_agg(b.village_code order by b.village_code) from ${projectBeneficiaries} b
   where b.county_code = ${inCounty(county)} and b.project_id = ${pId}`)

/** Everything the library keeps about a project, as read with it (see `projectDetails`). */
export interface ProjectChildren {
  beneficiaries: { villageCode: string; units: string }[]
  targets: { level1: string; indicator: string; unit: string; target: string }[]
  results: { indicator: string; period: string; actual: string }[]
  shares: { holder: string; contribution: string; units: string }[]
  notices: { id: string; stage: string; from: string; until: string; days: number; channels: string }[]
  /** Σ allocated per source. */
  funding: { fundSourceId: string; amount: string }[]
  plan: {
    id: string
    label: string
    trigger: string
    percentBp: number | null
    amount: string
    retention: boolean
    dueOn: string | null
    milestoneMetOn: string | null
  }[]
  /** Σ disbursed per tranche and source. */
  paid: { trancheId: string; fundSourceId: string; amount: string }[]
}

/**
 * The children of the outer project row (of `county`), each one correlated JSON subquery: one
 * statement in all.
 */
export function projectChildren(county: string | null) {
  const pCounty = inCounty(county)
  return {
    beneficiaries: jsonArray<ProjectChildren['beneficiaries'][number]>(sql`
    select json_agg(json_build_object('villageCode', b.village_code, 'units', b.units::text)
                    order by b.village_code)
      from ${projectBeneficiaries} b where b.county_code = ${pCounty} and b.project_id = ${pId}`),
    targets: jsonArray<ProjectChildren['targets'][number]>(sql`
    select json_agg(json_build_object('level1', t.level1, 'indicator', t.indicator, 'unit', t.unit,
                                      'target', t.target) order by t.position)
      from ${projectTargets} t where t.county_code = ${pCounty} and t.project_id = ${pId}`),
    results: jsonArray<ProjectChildren['results'][number]>(sql`
    select json_agg(json_build_object('indicator', r.indicator, 'period', r.period, 'actual', r.actual)
                    order by r.period, r.id)
      from ${projectResults} r where r.county_code = ${pCounty} and r.project_id = ${pId}`),
    shares: jsonArray<ProjectChildren['shares'][number]>(sql`
    select json_agg(json_build_object('holder', s.holder, 'contribution', s.contribution, 'units', s.units::text)
                    order by s.holder)
      from ${projectShares} s where s.county_code = ${pCounty} and s.project_id = ${pId}`),
    notices: jsonArray<ProjectChildren['notices'][number]>(sql`
    select json_agg(json_build_object('id', n.id, 'stage', n.stage, 'from', n.valid_from,
                                      'until', n.valid_until, 'days', n.days, 'channels', n.channels)
                    order by n.valid_from, n.id)
      from ${projectNotices} n where n.county_code = ${pCounty} and n.project_id = ${pId}`),
    funding: jsonArray<ProjectChildren['funding'][number]>(sql`
    select json_agg(json_build_object('fundSourceId', f.fund_source_id, 'amount', f.total::text)
                    order by f.fund_source_id)
      from (select a.fund_source_id, sum(a.amount) as total from ${allocations} a
             where a.county_code = ${pCounty} and a.project_id = ${pId}
             group by a.fund_source_id) f`),
    plan: jsonArray<ProjectChildren['plan'][number]>(sql`
    select json_agg(json_build_object('id', t.id, 'label', t.label, 'trigger', t.trigger,
                                      'percentBp', t.percent_bp, 'amount', t.amount::text,
                                      'retention', t.retention, 'dueOn', t.due_on,
                                      'milestoneMetOn', t.milestone_met_on) order by t.position)
      from ${tranches} t where t.county_code = ${pCounty} and t.project_id = ${pId}`),
    paid: jsonArray<ProjectChildren['paid'][number]>(sql`
    select json_agg(json_build_object('trancheId', p.tranche_id, 'fundSourceId', p.fund_source_id,
                                      'amount', p.total::text))
      from (select d.tranche_id, d.fund_source_id, sum(d.amount) as total from ${disbursements} d
             where d.county_code = ${pCounty} and d.project_id = ${pId}
             group by d.tranche_id, d.fund_source_id) p`),
  }
}

/** A source as a project's trace (or its public page) names it. */
export interface NamedSource {
  id: string
  name: string
  kind: string
  level: string
  documentNo: string
  directFund: boolean
}

/** The sources that allocated to the outer project row (of `county`), named. */
export const fundingSourcesJson = (county: string | null) =>
  sql`coalesce((
  select json_agg(json_build_object('id', fs.id, 'name', fs.name, 'kind', fs.kind, 'level', fs.level,
                                    'documentNo', fs.document_no, 'directFund', fs.direct_fund) order by fs.id)
    from ${fundSources} fs
   where fs.county_code = ${inCounty(county)}
     and fs.id in (select a.fund_source_id from ${allocations} a
                    where a.county_code = ${inCounty(county)} and a.project_id = ${pId})), '[]'::json)`.mapWith(
    (value) => fromJson<NamedSource[]>(value),
  )

export type ProjectDetailRow = { row: ProjectRow } & ProjectChildren

/** Public (项目公开) projects: past the library stage and not cancelled, after a cursor. */
function publicWhere(within: string | undefined, after: string | null): SQL | undefined {
  return and(
    within ? projectsWithin(within) : undefined,
    sql`${projects.status} not in ('candidate', 'cancelled')`,
    after ? gt(projects.id, after) : undefined,
  )
}

/** A project with its children and the sources funding it named, in one statement. */
export async function projectWithSources(
  q: Database,
  key: RowKey,
): Promise<(ProjectDetailRow & { sources: NamedSource[] }) | undefined> {
  const [found] = await q
    .select({
      row: getTableColumns(projects),
      ...projectChildren(key.countyCode),
      sources: fundingSourcesJson(key.countyCode),
    })
    .from(projects)
    .where(byKey(projects, key))
  return found
}

/** A page of public projects with their children and sources, in ONE statement. */
export async function publicProjectRows(
  q: Database,
  within: string | undefined,
  limit: number,
  after: string | null,
): Promise<(ProjectDetailRow & { sources: NamedSource[] })[]> {
  const county = countyWithin(within)
  return inCountyOrAcross(q, county, (db) =>
    db
      .select({
        row: getTableColumns(projects),
        ...projectChildren(county),
        sources: fundingSourcesJson(county),
      })
      .from(projects)
      .where(publicWhere(within, after))
      .orderBy(asc(projects.id))
      .limit(limit),
  )
}

/** Ids of public projects in id order after a cursor. */
export async function publicProjectIds(
  q: Database,
  within: string | undefined,
  limit: number,
  after: string | null,
): Promise<string[]> {
  const rows = await inCountyOrAcross(q, countyWithin(within), (db) =>
    db
      .select({ id: projects.id })
      .from(projects)
      .where(publicWhere(within, after))
      .orderBy(asc(projects.id))
      .limit(limit),
  )
  return rows.map((r) => r.id)
}

export async function insertProject(
  q: Database,
  values: typeof projects.$inferInsert,
  beneficiaries: (typeof projectBeneficiaries.$inferInsert)[],
  targets: (typeof projectTargets.$inferInsert)[],
): Promise<ProjectRow> {
  const [row] = await q.insert(projects).values(values).returning()
  if (beneficiaries.length) await q.insert(projectBeneficiaries).values(beneficiaries)
  if (targets.length) await q.insert(projectTargets).values(targets)
  return row!
}

/**
 * A project by `(county_code, id)` with its beneficiary villages (what a scope check needs), in
 * one statement; `lock` takes the project row `FOR UPDATE` (steps and payments queue on it).
 */
export async function findProject(
  q: Database,
  key: RowKey,
  options: { lock?: boolean } = {},
): Promise<{ row: ProjectRow; beneficiaryVillageCodes: string[] } | undefined> {
  const query = q
    .select({ row: getTableColumns(projects), beneficiaryVillageCodes: beneficiaryCodes(key.countyCode) })
    .from(projects)
    .where(byKey(projects, key))
  const [found] = options.lock ? await query.for('update') : await query
  return found
}

/** One project with all its children, in one statement. */
export async function projectDetail(q: Database, key: RowKey): Promise<ProjectDetailRow | undefined> {
  const [found] = await q
    .select({ row: getTableColumns(projects), ...projectChildren(key.countyCode) })
    .from(projects)
    .where(byKey(projects, key))
  return found
}

/**
 * A page of projects with all their children, in ONE statement whatever the page size. `where`
 * holds the county filter of `county`; a null county lists across counties (`inCountyOrAcross`).
 */
export async function projectDetails(
  q: Database,
  county: string | null,
  where: SQL | undefined,
  limit: number,
): Promise<ProjectDetailRow[]> {
  return inCountyOrAcross(q, county, (db) =>
    db
      .select({ row: getTableColumns(projects), ...projectChildren(county) })
      .from(projects)
      .where(where)
      .orderBy(asc(projects.id))
      .limit(limit),
  )
}

export async function updateProject(
  q: Database,
  project: { countyCode: string; id: string },
  set: Partial<Pick<ProjectRow, 'status' | 'acceptance'>>,
): Promise<void> {
  await q.update(projects).set(set).where(byKey(projects, project))
}

/**
 * `within` over projects: a township or county prefix, or a village that implements or benefits;
 * on the county of the code given (one tenant, `countyWithin`), or across counties for a shorter one.
 */
export function projectsWithin(within: string): SQL {
  const county = countyWithin(within)
  const inCounty = county === null ? undefined : eq(projects.countyCode, county)
  if (within.length < 12) return and(inCounty, like(projects.townshipCode, `${within.slice(0, 9)}%`)) as SQL
  return and(
    inCounty,
    or(
      eq(projects.implementerVillageCode, within),
      sql`exists (select 1 from ${projectBeneficiaries} b
        where b.county_code = ${countyOr(county, sql`${projects.countyCode}`)} and b.project_id = ${projects.id} and b.village_code = ${within})`,
    ),
  ) as SQL
}

/** A business date inside a calendar year (no filter without a year). */
export function inYear(column: AnyPgColumn, year: number | undefined): SQL | undefined {
  return year === undefined ? undefined : and(gte(column, `${year}-01-01`), lte(column, `${year}-12-31`))
}

/** Projects after a cursor id. */
export const afterId = (after: string | null) => (after ? gt(projects.id, after) : undefined)
