import { type Database, selectRows } from '@liancun/core'
import { and, asc, eq, sql } from 'drizzle-orm'
import { accounts, balances, voucherLines } from '../schema.js'

/** SQL of the chart: a ledger's accounts, keyed by (county_code, ledger_id, code). */

export type AccountRow = typeof accounts.$inferSelect
type LedgerKey = { countyCode: string; id: string }

const ofLedger = (ledger: LedgerKey) =>
  and(eq(accounts.countyCode, ledger.countyCode), eq(accounts.ledgerId, ledger.id))

export function accountRows(q: Database, ledger: LedgerKey): Promise<AccountRow[]> {
  return q.select().from(accounts).where(ofLedger(ledger)).orderBy(asc(accounts.code))
}

/** True when lines (posted or draft) or opening balances use the account: it then stays a leaf. */
export async function accountHasEntries(q: Database, ledger: LedgerKey, code: string): Promise<boolean> {
  const [row] = await selectRows<{ used: boolean }>(
    q,
    sql`select (exists (select 1 from ${voucherLines} where ${voucherLines.countyCode} = ${ledger.countyCode}
        and ${voucherLines.ledgerId} = ${ledger.id} and ${voucherLines.accountCode} = ${code})
      or exists (select 1 from ${balances} where ${balances.countyCode} = ${ledger.countyCode}
        and ${balances.ledgerId} = ${ledger.id} and ${balances.accountCode} = ${code})) as used`,
  )
  return Boolean(row?.used)
}

export async function markParent(q: Database, ledger: LedgerKey, code: string): Promise<void> {
  await q
    .update(accounts)
    .set({ isLeaf: false })
    .where(and(ofLedger(ledger), eq(accounts.code, code)))
}

export async function insertAccount(q: Database, row: typeof accounts.$inferInsert): Promise<AccountRow> {
  const [inserted] = await q.insert(accounts).values(row).returning()
  return inserted!
}

export async function disableAccountRow(
  q: Database,
  ledger: LedgerKey,
  code: string,
  at: Date,
): Promise<AccountRow> {
  const [row] = await q
    .update(accounts)
    .set({ disabledAt: at })
    .where(and(ofLedger(ledger), eq(accounts.code, code)))
    .returning()
  return row!
}
