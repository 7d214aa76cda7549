import type { Database } from '@liancun/core'
import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, type SQL } from 'drizzle-orm'
import { contractItems, contractPayments, contracts, resources } from '../schema.js'
import type { CollectiveRow } from './registers.js'

export type ResourceRow = typeof resources.$inferSelect
export type ContractRow = typeof contracts.$inferSelect
export type ItemRow = typeof contractItems.$inferSelect
export type PaymentRow = typeof contractPayments.$inferSelect

export async function insertResource(q: Database, values: typeof resources.$inferInsert) {
  const [row] = await q.insert(resources).values(values).returning()
  return row!
}

export function resourcesOf(
  q: Database,
  c: CollectiveRow,
  query: {
    ids?: readonly string[]
    status?: string
    limit?: number
    after?: string | null
    lock?: boolean
  } = {},
) {
  const base = q
    .select()
    .from(resources)
    .where(
      and(
        eq(resources.countyCode, c.countyCode),
        eq(resources.collectiveId, c.id),
        query.ids ? inArray(resources.id, [...query.ids]) : undefined,
        query.status ? eq(resources.status, query.status) : undefined,
        query.after ? gt(resources.id, query.after) : undefined,
      ) as SQL,
    )
    .orderBy(asc(resources.id))
  const limited = query.limit === undefined ? base : base.limit(query.limit + 1)
  return query.lock ? limited.for('update') : limited
}

export async function setResourceStatus(
  q: Database,
  c: CollectiveRow,
  ids: readonly string[],
  status: string,
) {
  if (ids.length === 0) return []
  return q
    .update(resources)
    .set({ status })
    .where(
      and(
        eq(resources.countyCode, c.countyCode),
        eq(resources.collectiveId, c.id),
        inArray(resources.id, [...ids]),
      ) as SQL,
    )
    .returning()
}

export interface ContractRecord {
  row: ContractRow
  items: ItemRow[]
  payments: PaymentRow[]
}

export async function insertContract(
  q: Database,
  contract: typeof contracts.$inferInsert,
  items: (typeof contractItems.$inferInsert)[],
  payments: (typeof contractPayments.$inferInsert)[],
): Promise<ContractRecord> {
  const [row] = await q.insert(contracts).values(contract).returning()
  const writtenItems = items.length ? await q.insert(contractItems).values(items).returning() : []
  const writtenPayments = await q.insert(contractPayments).values(payments).returning()
  return { row: row!, items: writtenItems, payments: writtenPayments.sort((a, b) => a.seq - b.seq) }
}

/** Contracts with their items and schedules: three statements whatever the number of contracts. */
export async function contractsOf(
  q: Database,
  c: CollectiveRow,
  query: {
    ids?: readonly string[]
    /** Contracts ending in [from, to]: the expiring list. */
    endingBetween?: [string, string]
    limit?: number
    after?: string | null
    lock?: boolean
  } = {},
): Promise<ContractRecord[]> {
  const base = q
    .select()
    .from(contracts)
    .where(
      and(
        eq(contracts.countyCode, c.countyCode),
        eq(contracts.collectiveId, c.id),
        query.ids ? inArray(contracts.id, [...query.ids]) : undefined,
        query.endingBetween ? gte(contracts.endsOn, query.endingBetween[0]) : undefined,
        query.endingBetween ? lte(contracts.endsOn, query.endingBetween[1]) : undefined,
        query.after ? gt(contracts.id, query.after) : undefined,
      ) as SQL,
    )
    .orderBy(asc(contracts.id))
  const limited = query.limit === undefined ? base : base.limit(query.limit + 1)
  const rows = query.lock ? await limited.for('update') : await limited
  return withChildren(q, c, rows)
}

async function withChildren(q: Database, c: CollectiveRow, rows: ContractRow[]): Promise<ContractRecord[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const items = await q
    .select()
    .from(contractItems)
    .where(and(eq(contractItems.countyCode, c.countyCode), inArray(contractItems.contractId, ids)) as SQL)
  const payments = await q
    .select()
    .from(contractPayments)
    .where(
      and(eq(contractPayments.countyCode, c.countyCode), inArray(contractPayments.contractId, ids)) as SQL,
    )
    .orderBy(asc(contractPayments.seq))
  return rows.map((row) => ({
    row,
    items: items.filter((i) => i.contractId === row.id),
    payments: payments.filter((p) => p.contractId === row.id),
  }))
}

/** Instalments of the collective's contracts due before `today` with no receipt: one statement. */
export function overduePayments(q: Database, c: CollectiveRow, today: string) {
  return q
    .select({ payment: contractPayments, contract: contracts })
    .from(contractPayments)
    .innerJoin(
      contracts,
      and(
        eq(contracts.countyCode, contractPayments.countyCode),
        eq(contracts.id, contractPayments.contractId),
      ),
    )
    .where(
      and(
        eq(contractPayments.countyCode, c.countyCode),
        eq(contracts.countyCode, c.countyCode),
        eq(contracts.collectiveId, c.id),
        lt(contractPayments.dueOn, today),
        isNull(contractPayments.receivedOn),
      ),
    )
    .orderBy(asc(contractPayments.dueOn), asc(contracts.number), asc(contractPayments.seq))
}

/** Areas already let from the given resources by contracts running on `on` (for the area rule). */
export function itemsLetOn(
  q: Database,
  c: CollectiveRow,
  resourceIds: readonly string[],
  on: [string, string],
) {
  if (resourceIds.length === 0) return Promise.resolve([])
  return q
    .select({ item: contractItems, endsOn: contracts.endsOn, startsOn: contracts.startsOn })
    .from(contractItems)
    .innerJoin(
      contracts,
      and(eq(contracts.countyCode, contractItems.countyCode), eq(contracts.id, contractItems.contractId)),
    )
    .where(
      and(
        eq(contractItems.countyCode, c.countyCode),
        eq(contracts.countyCode, c.countyCode),
        eq(contracts.collectiveId, c.id),
        eq(contractItems.itemKind, 'resource'),
        inArray(contractItems.itemId, [...resourceIds]),
        lte(contracts.startsOn, on[1]),
        gte(contracts.endsOn, on[0]),
      ) as SQL,
    )
}

export async function updatePayment(
  q: Database,
  c: CollectiveRow,
  contractId: string,
  seq: number,
  values: Partial<Pick<PaymentRow, 'receivableVoucherId' | 'receiptVoucherId' | 'receivedOn'>>,
) {
  const [row] = await q
    .update(contractPayments)
    .set(values)
    .where(
      and(
        eq(contractPayments.countyCode, c.countyCode),
        eq(contractPayments.contractId, contractId),
        eq(contractPayments.seq, seq),
      ),
    )
    .returning()
  return row!
}
