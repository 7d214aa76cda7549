import { type Database, type Fen, selectRows } from '@liancun/core'
import { and, asc, eq, type SQL, sql } from 'drizzle-orm'
import { allocations, disbursements, fundSources, projectTransitions, tranches } from '../schema.js'
import { byKey, fen, fromJson, type RowKey } from './sql.js'

export type DisbursementRow = typeof disbursements.$inferSelect

/** A source as a payment names it (and its guard sees it). */
export interface PayingSource {
  countyCode: string
  id: string
  name: string
  documentNo: string
  directFund: boolean
  holderKind: string
  holderId: string
  divisionCode: string
}

/** A tranche as a payment checks it. */
export interface PayingTranche {
  id: string
  label: string
  trigger: string
  amount: Fen
  dueOn: string | null
  milestoneMetOn: string | null
}

export interface PaymentContext {
  source: PayingSource | null
  tranche: PayingTranche | null
  startedOn: string | null
  acceptedOn: string | null
  /** Σ the source allocated to the project. */
  allocatedFromSource: Fen
  /** Σ every source allocated to the project, and Σ of its payment plan. */
  allocated: Fen
  planTotal: Fen
  paidFromSource: Fen
  paidOnTranche: Fen
}

/** A source as a payment reads it, from the `fs` alias. */
const payingSourceJson = sql`json_build_object('countyCode', fs.county_code, 'id', fs.id, 'name', fs.name,
                                'documentNo', fs.document_no, 'directFund', fs.direct_fund,
                                'holderKind', fs.holder_kind, 'holderId', fs.holder_id,
                                'divisionCode', fs.division_code)`

/**
 * What a payment is decided against, in ONE statement issued once the project row is locked (so
 * payments committed while this one waited are counted): the source and tranche named, the days
 * the works started and were accepted, and the sums the limits compare with. All of it is in the
 * project's county; a source of another county (which never funds it, and is refused by the sums)
 * is read by a statement of its own, so that no statement spans two counties.
 */
export async function paymentContext(
  q: Database,
  project: { countyCode: string; id: string },
  input: { fundSourceId: string; trancheId: string },
  sourceKey: RowKey,
): Promise<PaymentContext> {
  const county = project.countyCode
  const sourceHere = sourceKey.countyCode === null || sourceKey.countyCode === county
  const sourceKeySql =
    sourceKey.countyCode === null
      ? sql`fs.id = ${input.fundSourceId}`
      : sql`fs.county_code = ${county} and fs.id = ${input.fundSourceId}`
  const stepOn = (to: string) => sql`(select pt.on::text from ${projectTransitions} pt
    where pt.county_code = ${county} and pt.project_id = ${project.id} and pt.to_status = ${to} limit 1)`
  const [row] = await selectRows<Record<string, unknown>>(
    q,
    sql`select
      ${sourceHere ? sql`(select ${payingSourceJson} from ${fundSources} fs where ${sourceKeySql})` : sql`null::json`} as source,
      (select json_build_object('id', t.id, 'label', t.label, 'trigger', t.trigger, 'amount', t.amount::text,
                                'dueOn', t.due_on, 'milestoneMetOn', t.milestone_met_on)
         from ${tranches} t
        where t.county_code = ${county} and t.id = ${input.trancheId} and t.project_id = ${project.id}) as tranche,
      ${stepOn('started')} as started_on,
      ${stepOn('accepted')} as accepted_on,
      (select coalesce(sum(a.amount), 0)::text from ${allocations} a
        where a.county_code = ${county} and a.project_id = ${project.id}
          and a.fund_source_id = ${input.fundSourceId}) as allocated_from_source,
      (select coalesce(sum(a.amount), 0)::text from ${allocations} a
        where a.county_code = ${county} and a.project_id = ${project.id}) as allocated,
      (select coalesce(sum(t.amount), 0)::text from ${tranches} t
        where t.county_code = ${county} and t.project_id = ${project.id}) as plan_total,
      (select coalesce(sum(d.amount), 0)::text from ${disbursements} d
        where d.county_code = ${county} and d.project_id = ${project.id}
          and d.fund_source_id = ${input.fundSourceId}) as paid_from_source,
      (select coalesce(sum(d.amount), 0)::text from ${disbursements} d
        where d.county_code = ${county} and d.tranche_id = ${input.trancheId}) as paid_on_tranche`,
  )
  const source = sourceHere ? row?.source : await sourceElsewhere(q, sourceKey)
  const tranche = row?.tranche
    ? fromJson<Omit<PayingTranche, 'amount'> & { amount: string }>(row.tranche)
    : null
  return {
    source: source ? fromJson<PayingSource>(source) : null,
    tranche: tranche ? { ...tranche, amount: BigInt(tranche.amount) } : null,
    startedOn: (row?.started_on as string | null) ?? null,
    acceptedOn: (row?.accepted_on as string | null) ?? null,
    allocatedFromSource: fen(row?.allocated_from_source),
    allocated: fen(row?.allocated),
    planTotal: fen(row?.plan_total),
    paidFromSource: fen(row?.paid_from_source),
    paidOnTranche: fen(row?.paid_on_tranche),
  }
}

/** A source of another county than the project paid, as a payment names it (null: none). */
async function sourceElsewhere(q: Database, key: RowKey): Promise<unknown> {
  if (!key.countyCode) return null
  const [row] = await selectRows<{ source: unknown }>(
    q,
    sql`select ${payingSourceJson} as source from ${fundSources} fs
         where fs.county_code = ${key.countyCode} and fs.id = ${key.id}`,
  )
  return row?.source ?? null
}

export async function insertDisbursement(
  q: Database,
  values: typeof disbursements.$inferInsert,
): Promise<DisbursementRow> {
  const [row] = await q.insert(disbursements).values(values).returning()
  return row!
}

/** Links a disbursement's voucher; false when there is no such disbursement. */
export async function setDisbursementVoucher(q: Database, key: RowKey, voucherId: string): Promise<boolean> {
  const rows = await q
    .update(disbursements)
    .set({ voucherId })
    .where(byKey(disbursements, key))
    .returning({ id: disbursements.id })
  return rows.length > 0
}

/** A project's payments by date. */
export async function disbursementsOf(
  q: Database,
  project: { countyCode: string; id: string },
): Promise<DisbursementRow[]> {
  return q
    .select()
    .from(disbursements)
    .where(
      and(eq(disbursements.countyCode, project.countyCode), eq(disbursements.projectId, project.id)) as SQL,
    )
    .orderBy(asc(disbursements.date), asc(disbursements.id))
}
