import type { Fen } from '@liancun/core'

/**
 * 账实相符 between the asset register and the books (2004 制度: 账证/账实/账款/账账/账表 相符):
 * the register's totals against the closing balances of the asset accounts of the 2023 chart —
 * 151 固定资产 (cost of fixed-asset cards in use), 152 累计折旧 (their accumulated depreciation,
 * a credit balance) and 141 长期投资 (cost of investment cards held). Each account with a
 * difference is listed, with the cards behind the register's figure.
 */
export interface ReconciledCard {
  id: string
  name: string
  category: 'fixed' | 'investment'
  cost: Fen
  accumulatedDepreciation: Fen
  disposed: boolean
}

export const RECONCILED_ACCOUNTS = [
  { code: '151', name: '固定资产' },
  { code: '152', name: '累计折旧' },
  { code: '141', name: '长期投资' },
] as const

export interface ReconciliationRow {
  account: string
  name: string
  register: Fen
  ledger: Fen
  difference: Fen
  cardIds: string[]
}

/** `balances` are closing balances on each account's normal side (152 as a positive credit). */
export function reconcile(
  cards: readonly ReconciledCard[],
  balances: Readonly<Record<string, Fen>>,
): { rows: ReconciliationRow[]; agrees: boolean } {
  const held = cards.filter((c) => !c.disposed)
  const fixed = held.filter((c) => c.category === 'fixed')
  const investments = held.filter((c) => c.category === 'investment')
  const sum = (values: Fen[]) => values.reduce((a, b) => a + b, 0n)
  const register: Record<string, { amount: Fen; ids: string[] }> = {
    '151': { amount: sum(fixed.map((c) => c.cost)), ids: fixed.map((c) => c.id) },
    '152': {
      amount: sum(fixed.map((c) => c.accumulatedDepreciation)),
      ids: fixed.filter((c) => c.accumulatedDepreciation > 0n).map((c) => c.id),
    },
    '141': { amount: sum(investments.map((c) => c.cost)), ids: investments.map((c) => c.id) },
  }
  const rows = RECONCILED_ACCOUNTS.map(({ code, name }) => {
    const ledger = balances[code] ?? 0n
    const mine = register[code]!
    return {
      account: code,
      name,
      register: mine.amount,
      ledger,
      difference: mine.amount - ledger,
      cardIds: mine.ids,
    }
  })
  return { rows, agrees: rows.every((r) => r.difference === 0n) }
}
