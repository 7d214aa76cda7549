import type { Database } from '@liancun/core'
import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm'
import {
  disbursements,
  fundRules,
  projectNotices,
  projectResults,
  projectShares,
  projects,
  projectTargets,
  projectTransitions,
} from '../schema.js'
import { beneficiaryCodes, type ProjectRow } from './projects.js'
import { byKey, countyOfCode, countyOr, fromJson, outer, type RowKey } from './sql.js'

const pId = outer(projects, projects.id)

/** The county the outer project row's children are read in (see `countyOr`). */
const inCounty = (county: string | null) => countyOr(county, outer(projects, projects.countyCode))

/** A notice as the lifecycle rules read it. */
export interface StoredNotice {
  id: string
  stage: string
  from: string
  until: string
}

/**
 * What a lifecycle step is decided against — the day of the last step, whether money was paid, and
 * the notices (latest first) — in ONE statement issued once the project row is locked: steps,
 * notices and payments are written under that lock, and a statement sees what was committed
 * before it started.
 */
export async function stepContext(
  q: Database,
  project: { countyCode: string; id: string },
): Promise<{ lastStepOn: string | null; paid: boolean; notices: StoredNotice[] }> {
  const pCounty = inCounty(project.countyCode)
  const [found] = await q
    .select({
      lastStepOn: sql<string | null>`(select max(pt.on)::text from ${projectTransitions} pt
        where pt.county_code = ${pCounty} and pt.project_id = ${pId})`,
      paid: sql<boolean>`exists (select 1 from ${disbursements} d
        where d.county_code = ${pCounty} and d.project_id = ${pId})`,
      notices: sql<StoredNotice[]>`coalesce((
        select json_agg(json_build_object('id', n.id, 'stage', n.stage, 'from', n.valid_from,
                                          'until', n.valid_until) order by n.valid_from desc, n.id desc)
          from ${projectNotices} n where n.county_code = ${pCounty} and n.project_id = ${pId}), '[]'::json)`.mapWith(
        (value) => fromJson<StoredNotice[]>(value),
      ),
    })
    .from(projects)
    .where(byKey(projects, project))
  return found!
}

/**
 * The notice days in force on `day` for the outer project row's village (or township): the most
 * specific holder wins (a township over its county), then the latest setting; null for none.
 */
const noticeDaysOf = (county: string | null, day: string) => sql<number | null>`(
  select fr.notice_days from ${fundRules} fr
   where fr.county_code = ${inCounty(county)}
     and fr.division_code in (
       left(coalesce(${outer(projects, projects.implementerVillageCode)}, ${outer(projects, projects.townshipCode)}), 6),
       left(coalesce(${outer(projects, projects.implementerVillageCode)}, ${outer(projects, projects.townshipCode)}), 9))
     and fr.effective_from <= ${day}
   order by length(fr.division_code) desc, fr.effective_from desc limit 1)`

/** The project locked `FOR UPDATE` with its beneficiaries and the notice days in force on `day`. */
export async function lockForNotice(
  q: Database,
  key: RowKey,
  day: string,
): Promise<{ row: ProjectRow; beneficiaryVillageCodes: string[]; noticeDays: number | null } | undefined> {
  const [found] = await q
    .select({
      row: getTableColumns(projects),
      beneficiaryVillageCodes: beneficiaryCodes(key.countyCode),
      noticeDays: noticeDaysOf(key.countyCode, day),
    })
    .from(projects)
    .where(byKey(projects, key))
    .for('update')
  return found
}

/** The project with its beneficiaries and whether `indicator` is one of its targets. */
export async function projectWithTarget(
  q: Database,
  key: RowKey,
  indicator: string,
): Promise<{ row: ProjectRow; beneficiaryVillageCodes: string[]; hasTarget: boolean } | undefined> {
  const [found] = await q
    .select({
      row: getTableColumns(projects),
      beneficiaryVillageCodes: beneficiaryCodes(key.countyCode),
      hasTarget: sql<boolean>`exists (select 1 from ${projectTargets} t
        where t.county_code = ${inCounty(key.countyCode)} and t.project_id = ${pId} and t.indicator = ${indicator})`,
    })
    .from(projects)
    .where(byKey(projects, key))
  return found
}

/** The notice days a division's settings give on a day (null for none): county, then township. */
export async function noticeDaysFor(q: Database, divisionCode: string, day: string): Promise<number | null> {
  const holders = [...new Set([divisionCode.slice(0, 6), divisionCode.slice(0, 9)])].filter(
    (code) => code.length <= divisionCode.length,
  )
  const [row] = await q
    .select({ noticeDays: fundRules.noticeDays })
    .from(fundRules)
    .where(
      and(
        eq(fundRules.countyCode, countyOfCode(divisionCode)),
        inArray(fundRules.divisionCode, holders),
        sql`${fundRules.effectiveFrom} <= ${day}`,
      ),
    )
    // The most specific holder wins (a township over its county), then the latest setting.
    .orderBy(desc(sql`length(${fundRules.divisionCode})`), desc(fundRules.effectiveFrom))
    .limit(1)
  return row?.noticeDays ?? null
}

export async function upsertNoticeDays(q: Database, values: typeof fundRules.$inferInsert): Promise<void> {
  await q
    .insert(fundRules)
    .values(values)
    .onConflictDoUpdate({
      target: [fundRules.countyCode, fundRules.divisionCode, fundRules.effectiveFrom],
      set: { noticeDays: values.noticeDays, createdBy: values.createdBy, createdAt: values.createdAt },
    })
}

export async function insertTransition(
  q: Database,
  values: typeof projectTransitions.$inferInsert,
): Promise<void> {
  await q.insert(projectTransitions).values(values)
}

export async function insertShares(
  q: Database,
  values: (typeof projectShares.$inferInsert)[],
): Promise<void> {
  if (values.length) await q.insert(projectShares).values(values)
}

export async function insertNotice(
  q: Database,
  values: typeof projectNotices.$inferInsert,
): Promise<typeof projectNotices.$inferSelect> {
  const [row] = await q.insert(projectNotices).values(values).returning()
  return row!
}

export async function insertResult(q: Database, values: typeof projectResults.$inferInsert): Promise<void> {
  await q.insert(projectResults).values(values)
}

/** A step as read back with its project (`createdAt` an RFC 3339 instant). */
export interface StoredStep {
  id: string
  fromStatus: string
  toStatus: string
  on: string
  note: string
  decisionRef: string | null
  gate: string | null
  actor: string
  createdAt: string
}

/** The project with its beneficiaries and its steps, oldest first, in one statement. */
export async function projectSteps(
  q: Database,
  key: RowKey,
): Promise<{ row: ProjectRow; beneficiaryVillageCodes: string[]; steps: StoredStep[] } | undefined> {
  const [found] = await q
    .select({
      row: getTableColumns(projects),
      beneficiaryVillageCodes: beneficiaryCodes(key.countyCode),
      steps: sql<StoredStep[]>`coalesce((
        select json_agg(json_build_object('id', pt.id, 'fromStatus', pt.from_status, 'toStatus', pt.to_status,
                                          'on', pt.on, 'note', pt.note, 'decisionRef', pt.decision_ref,
                                          'gate', pt.gate, 'actor', pt.actor, 'createdAt', pt.created_at)
                        order by pt.on, pt.created_at, pt.id)
          from ${projectTransitions} pt where pt.county_code = ${inCounty(key.countyCode)} and pt.project_id = ${pId}), '[]'::json)`.mapWith(
        (value) => fromJson<StoredStep[]>(value),
      ),
    })
    .from(projects)
    .where(byKey(projects, key))
  return found
}
