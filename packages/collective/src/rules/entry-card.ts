import type { Fen } from '@liancun/core'
import { CollectiveError } from '../errors.js'

/**
 * 资产卡片 from a ledger entry (issue 13: "cards are created … from ledger entries to the asset
 * accounts; the register and the ledger agree"). A card is the register's side of a debit to an
 * asset account of the 2023 chart: 151 固定资产 makes a fixed-asset card, 141 长期投资 an
 * investment card. Sub-accounts are read as the rest of the registers and the ledger read them,
 * by prefix (15101 and, where a chart keys one, 1511 belong to 151): the reconciliation compares
 * the cards with the ledger's 151 / 141 balances, which roll their sub-accounts up the same way.
 * 152 累计折旧 is not an asset account (it is the cards' depreciation), so it makes no card.
 */
export const ENTRY_CARD_ACCOUNTS = [
  { firstLevel: '151', category: 'fixed' },
  { firstLevel: '141', category: 'investment' },
] as const

export type EntryCardCategory = (typeof ENTRY_CARD_ACCOUNTS)[number]['category']

/** The category of a card an entry to `account` makes, or null for any other account. */
export function categoryOfAccount(account: string): EntryCardCategory | null {
  return ENTRY_CARD_ACCOUNTS.find((a) => account.startsWith(a.firstLevel))?.category ?? null
}

/** What the collective needs of a voucher and one of its lines (the app reads it from the ledger). */
export interface LedgerEntry {
  voucherId: string
  status: 'draft' | 'posted'
  /** The voucher that reversed this one (红字冲销), if any. */
  reversedById: string | null
  date: string
  line: { lineNo: number; account: string; debit: Fen | null; credit: Fen | null }
}

/**
 * The voucher line numbered `lineNo`. A number the voucher does not have is not found (404,
 * `collective.entry_line_not_found`): like an unknown voucher id, it names nothing that exists.
 */
export function lineOf<L extends { lineNo: number }>(
  voucherId: string,
  lines: readonly L[],
  lineNo: number,
): L {
  const line = lines.find((l) => l.lineNo === lineNo)
  if (!line) {
    throw new CollectiveError(
      'collective.entry_line_not_found',
      `voucher ${voucherId} has no line ${lineNo} (it has ${lines.length})`,
      { field: 'lineNo', context: { voucherId, lineNo, lines: lines.length } },
    )
  }
  return line
}

/**
 * What a card made from `entry` takes from it: the category by the line's first-level account, the
 * cost = the line's debit, acquired on the voucher date. Refused: a draft (it may still change or
 * be deleted, and the ledger's balance does not hold it yet) or a reversed voucher (the books no
 * longer hold the asset) — `collective.entry_not_posted`; a line that is not a debit to 151 / 141
 * or their sub-accounts (a credit to 151 is a disposal or a correction, not an acquisition) —
 * `collective.entry_not_asset`.
 */
export function cardOfEntry(entry: LedgerEntry): {
  category: EntryCardCategory
  cost: Fen
  acquiredOn: string
} {
  if (entry.status !== 'posted' || entry.reversedById !== null) {
    throw new CollectiveError(
      'collective.entry_not_posted',
      entry.status !== 'posted'
        ? `voucher ${entry.voucherId} is a draft; a card is made from a posted entry`
        : `voucher ${entry.voucherId} was reversed by ${entry.reversedById}; the books no longer hold the asset`,
      {
        field: 'voucherId',
        context: { voucherId: entry.voucherId, status: entry.status, reversedById: entry.reversedById },
      },
    )
  }
  const { line } = entry
  const category = categoryOfAccount(line.account)
  if (category === null || line.debit === null || line.debit <= 0n) {
    throw new CollectiveError(
      'collective.entry_not_asset',
      `line ${line.lineNo} is ${line.debit !== null ? 'a debit' : 'a credit'} to ${line.account}; a card is made from a debit to 151 固定资产 or 141 长期投资 (or their sub-accounts)`,
      {
        field: 'lineNo',
        context: {
          lineNo: line.lineNo,
          account: line.account,
          side: line.debit !== null ? 'debit' : 'credit',
          accounts: ENTRY_CARD_ACCOUNTS.map((a) => a.firstLevel),
        },
      },
    )
  }
  return { category, cost: line.debit, acquiredOn: entry.date }
}
