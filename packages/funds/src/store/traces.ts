import type { Database } from '@liancun/core'
import { getTableColumns, sql } from 'drizzle-orm'
import {
  allocations,
  disbursements,
  distributionLines,
  distributionRuns,
  fundSources,
  projects,
  revenues,
} from '../schema.js'
import {
  fundingSourcesJson,
  type NamedSource,
  type ProjectChildren,
  type ProjectRow,
  projectChildren,
} from './projects.js'
import { type SourceWithTotals, sourceTotalsColumns } from './sources.js'
import { byKey, countyOr, fromJson, outer, type RowKey } from './sql.js'

/** A disbursement as a trace shows it (money as text). */
export interface TracedDisbursement {
  id: string
  projectId: string
  trancheId: string
  fundSourceId: string
  amount: string
  date: string
  ledgerId: string
  voucherId: string | null
}

/** An allocation as a source's trace shows it, with its project's name and status. */
export interface TracedAllocation {
  id: string
  projectId: string
  projectName: string
  projectStatus: string
  amount: string
  createdAt: string
}

const disbursementJson = (d: string) =>
  sql.raw(`json_build_object('id', ${d}.id, 'projectId', ${d}.project_id,
  'trancheId', ${d}.tranche_id, 'fundSourceId', ${d}.fund_source_id, 'amount', ${d}.amount::text,
  'date', ${d}.date, 'ledgerId', ${d}.ledger_id, 'voucherId', ${d}.voucher_id)`)

/**
 * A source with its totals, every allocation (with its project's name and status) and every
 * payment, in ONE statement: one snapshot, so the totals reconcile with the lists they sum.
 */
export async function sourceTrace(
  q: Database,
  key: RowKey,
): Promise<
  | (SourceWithTotals & {
      allocations: TracedAllocation[]
      disbursements: TracedDisbursement[]
    })
  | undefined
> {
  const sCounty = countyOr(key.countyCode, outer(fundSources, fundSources.countyCode))
  const sId = outer(fundSources, fundSources.id)
  const [found] = await q
    .select({
      ...sourceTotalsColumns(key.countyCode),
      allocations: sql`coalesce((
        select json_agg(json_build_object('id', a.id, 'projectId', a.project_id, 'projectName', p.name,
                                          'projectStatus', p.status, 'amount', a.amount::text,
                                          'createdAt', a.created_at) order by a.created_at, a.id)
          from ${allocations} a join ${projects} p on p.county_code = ${sCounty} and p.id = a.project_id
         where a.county_code = ${sCounty} and a.fund_source_id = ${sId}), '[]'::json)`.mapWith((value) =>
        fromJson<TracedAllocation[]>(value),
      ),
      disbursements: sql`coalesce((
        select json_agg(${disbursementJson('d')} order by d.date, d.id)
          from ${disbursements} d where d.county_code = ${sCounty} and d.fund_source_id = ${sId}), '[]'::json)`.mapWith(
        (value) => fromJson<TracedDisbursement[]>(value),
      ),
    })
    .from(fundSources)
    .where(byKey(fundSources, key))
  return found
}

/** A revenue with the run that distributed it (if any) and the run's lines. */
export interface TracedRevenue {
  id: string
  period: string
  amount: string
  receivedOn: string
  run: {
    id: string
    policyVersion: string
    date: string
    lines: {
      recipient: string
      villageCode: string | null
      amount: string
      ledgerId: string | null
      voucherId: string | null
    }[]
  } | null
}

const pId = outer(projects, projects.id)

/**
 * A project with its children, the sources funding it, every payment, and every revenue with its
 * distribution: the whole trace in ONE statement.
 */
export async function projectTrace(
  q: Database,
  key: RowKey,
): Promise<
  | ({ row: ProjectRow } & ProjectChildren & {
        sources: NamedSource[]
        disbursements: TracedDisbursement[]
        revenues: TracedRevenue[]
      })
  | undefined
> {
  const pCounty = countyOr(key.countyCode, outer(projects, projects.countyCode))
  const [found] = await q
    .select({
      row: getTableColumns(projects),
      ...projectChildren(key.countyCode),
      sources: fundingSourcesJson(key.countyCode),
      disbursements: sql`coalesce((
        select json_agg(${disbursementJson('d')} order by d.date, d.id)
          from ${disbursements} d where d.county_code = ${pCounty} and d.project_id = ${pId}), '[]'::json)`.mapWith(
        (value) => fromJson<TracedDisbursement[]>(value),
      ),
      revenues: sql`coalesce((
        select json_agg(json_build_object(
                 'id', r.id, 'period', r.period, 'amount', r.amount::text, 'receivedOn', r.received_on,
                 'run', (select json_build_object(
                           'id', dr.id, 'policyVersion', dr.policy_version, 'date', dr.date,
                           'lines', coalesce((
                             select json_agg(json_build_object('recipient', l.recipient,
                                      'villageCode', l.village_code, 'amount', l.amount::text,
                                      'ledgerId', l.ledger_id, 'voucherId', l.voucher_id) order by l.recipient)
                               from ${distributionLines} l
                              where l.county_code = ${pCounty} and l.run_id = dr.id), '[]'::json))
                           from ${distributionRuns} dr
                          where dr.county_code = ${pCounty} and dr.revenue_id = r.id limit 1))
               order by r.received_on, r.id)
          from ${revenues} r where r.county_code = ${pCounty} and r.project_id = ${pId}), '[]'::json)`.mapWith(
        (value) => fromJson<TracedRevenue[]>(value),
      ),
    })
    .from(projects)
    .where(byKey(projects, key))
  return found
}
