import { type Database, selectRows } from '@liancun/core'
import { eq, getTableColumns, type SQL, sql } from 'drizzle-orm'
import { distributionLines, distributionRuns, projectShares, revenues } from '../schema.js'
import { byKey, countyOr, fromJson, outer, type RowKey } from './sql.js'

export type RevenueRow = typeof revenues.$inferSelect
export type RunRow = typeof distributionRuns.$inferSelect

export interface StoredLine {
  recipient: string
  villageCode: string | null
  amount: string
  ledgerId: string | null
  voucherId: string | null
}

export async function insertRevenue(q: Database, values: typeof revenues.$inferInsert): Promise<RevenueRow> {
  const [row] = await q.insert(revenues).values(values).returning()
  return row!
}

/**
 * What a distribution is decided against, in ONE statement issued once the project row is locked:
 * the revenue (of this project), the run that already distributed it (if any) and the ownership
 * shares set at acceptance, by holder.
 */
export async function distributionContext(
  q: Database,
  project: { countyCode: string; id: string },
  revenueId: string,
): Promise<{
  revenue: { id: string; amount: bigint; receivedOn: string } | null
  runId: string | null
  shares: { holder: string; units: bigint }[]
}> {
  const county = project.countyCode
  const [row] = await selectRows<{ revenue: unknown; run_id: string | null; shares: unknown }>(
    q,
    sql`select
      (select json_build_object('id', r.id, 'amount', r.amount::text, 'receivedOn', r.received_on)
         from ${revenues} r
        where r.county_code = ${county} and r.id = ${revenueId} and r.project_id = ${project.id}) as revenue,
      (select dr.id from ${distributionRuns} dr
        where dr.county_code = ${county} and dr.revenue_id = ${revenueId} limit 1) as run_id,
      coalesce((select json_agg(json_build_object('holder', s.holder, 'units', s.units::text) order by s.holder)
         from ${projectShares} s where s.county_code = ${county} and s.project_id = ${project.id}),
        '[]'::json) as shares`,
  )
  const revenue = row?.revenue
    ? fromJson<{ id: string; amount: string; receivedOn: string }>(row.revenue)
    : null
  return {
    revenue: revenue ? { ...revenue, amount: BigInt(revenue.amount) } : null,
    runId: row?.run_id ?? null,
    shares: fromJson<{ holder: string; units: string }[]>(row?.shares ?? []).map((s) => ({
      holder: s.holder,
      units: BigInt(s.units),
    })),
  }
}

export async function insertRun(
  q: Database,
  run: typeof distributionRuns.$inferInsert,
  lines: (typeof distributionLines.$inferInsert)[],
): Promise<void> {
  await q.insert(distributionRuns).values(run)
  if (lines.length) await q.insert(distributionLines).values(lines)
}

/** The lines of the outer run row (of `county`, see `countyOr`). */
const linesJson = (county: string | null) =>
  sql<StoredLine[]>`coalesce((
  select json_agg(json_build_object('recipient', l.recipient, 'villageCode', l.village_code,
                                    'amount', l.amount::text, 'ledgerId', l.ledger_id, 'voucherId', l.voucher_id)
                  order by l.recipient)
    from ${distributionLines} l
   where l.county_code = ${countyOr(county, outer(distributionRuns, distributionRuns.countyCode))}
     and l.run_id = ${outer(distributionRuns, distributionRuns.id)}), '[]'::json)`.mapWith((value) =>
    fromJson<StoredLine[]>(value),
  )

/** A run with its lines, in one statement. */
export async function runWithLines(
  q: Database,
  key: RowKey,
): Promise<{ row: RunRow; lines: StoredLine[] } | undefined> {
  const [found] = await q
    .select({ row: getTableColumns(distributionRuns), lines: linesJson(key.countyCode) })
    .from(distributionRuns)
    .where(byKey(distributionRuns, key))
  return found
}

/** The project a run belongs to. */
export async function runProjectId(q: Database, key: RowKey): Promise<string | undefined> {
  const [row] = await q
    .select({ projectId: distributionRuns.projectId })
    .from(distributionRuns)
    .where(byKey(distributionRuns, key))
  return row?.projectId
}

/**
 * Links each village's voucher draft to its line of the run, in one statement; the run's county
 * comes from its id, or (an older id) from the run row.
 */
/** A line's voucher: a village's share by its code, or the `reserve` / `monitored_households` line. */
export type LineVoucher = { ledgerId: string; voucherId: string } & (
  | { villageCode: string; recipient?: undefined }
  | { recipient: 'reserve' | 'monitored_households'; villageCode?: undefined }
)

export async function attachLineVouchers(
  q: Database,
  run: { countyCode: string; id: string },
  vouchers: readonly LineVoucher[],
): Promise<void> {
  if (vouchers.length === 0) return
  const values = sql.join(
    vouchers.map((v) => sql`(${v.recipient ?? `village:${v.villageCode}`}, ${v.ledgerId}, ${v.voucherId})`),
    sql`, `,
  )
  await q.execute(sql`update ${distributionLines} set ledger_id = v.ledger_id, voucher_id = v.voucher_id
    from (values ${values}) as v(recipient, ledger_id, voucher_id)
    where ${distributionLines.countyCode} = ${run.countyCode} and ${distributionLines.runId} = ${run.id}
      and ${distributionLines.recipient} = v.recipient`)
}

/**
 * The county of a run: the key's (carried by its id, or looked up on Citus by `keyOf`; none for
 * an older id no county holds), or read for an older id on plain PostgreSQL.
 */
export async function runCounty(q: Database, key: RowKey): Promise<string | undefined> {
  if (key.countyCode !== null) return key.countyCode || undefined
  const id = key.id
  const [row] = await q
    .select({ countyCode: distributionRuns.countyCode })
    .from(distributionRuns)
    .where(eq(distributionRuns.id, id) as SQL)
  return row?.countyCode
}
