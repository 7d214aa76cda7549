import type { Fen } from '@liancun/core'
import type { NormalSide } from '../chart.js'

export interface TrialAccount {
  code: string
  name: string
  normalSide: NormalSide
  parentCode: string | null
}

/** Posted movement of one leaf account: net before the range (debit − credit), and within it. */
export interface LeafMovement {
  code: string
  openingNet: Fen
  debit: Fen
  credit: Fen
}

export interface SidedAmount {
  side: 'debit' | 'credit'
  amount: Fen
}

export interface TrialBalanceRow {
  code: string
  name: string
  level: number
  normalSide: NormalSide
  opening: SidedAmount
  debit: Fen
  credit: Fen
  closing: SidedAmount
}

/**
 * A net (debit − credit) on the account's normal side: a credit-normal account shows credit
 * minus debit; a two-sided account shows whichever side the net falls on.
 */
export function onNormalSide(net: Fen, normalSide: NormalSide): SidedAmount {
  if (normalSide === 'debit') return { side: 'debit', amount: net }
  if (normalSide === 'credit') return { side: 'credit', amount: -net }
  return net < 0n ? { side: 'credit', amount: -net } : { side: 'debit', amount: net }
}

/**
 * 科目余额表: every account with movements rolled up through its sub-accounts (a parent's figures
 * are the sum of its leaves), and totals over first-level accounts that balance whenever the
 * posted vouchers do: Σ opening debit = Σ opening credit, and so on.
 */
export function trialBalance(accounts: readonly TrialAccount[], leaves: readonly LeafMovement[]) {
  const rows: TrialBalanceRow[] = []
  const totals = {
    openingDebit: 0n,
    openingCredit: 0n,
    debit: 0n,
    credit: 0n,
    closingDebit: 0n,
    closingCredit: 0n,
  }
  const sorted = [...accounts].sort((a, b) => (a.code < b.code ? -1 : 1))
  for (const account of sorted) {
    let openingNet = 0n
    let debit = 0n
    let credit = 0n
    for (const leaf of leaves) {
      if (!leaf.code.startsWith(account.code)) continue
      openingNet += leaf.openingNet
      debit += leaf.debit
      credit += leaf.credit
    }
    const closingNet = openingNet + debit - credit
    rows.push({
      code: account.code,
      name: account.name,
      level: (account.code.length - 3) / 2 + 1,
      normalSide: account.normalSide,
      opening: onNormalSide(openingNet, account.normalSide),
      debit,
      credit,
      closing: onNormalSide(closingNet, account.normalSide),
    })
    if (account.parentCode === null) {
      // Totals use the raw nets, so contra and two-sided accounts land on the side they really are.
      if (openingNet >= 0n) totals.openingDebit += openingNet
      else totals.openingCredit -= openingNet
      if (closingNet >= 0n) totals.closingDebit += closingNet
      else totals.closingCredit -= closingNet
      totals.debit += debit
      totals.credit += credit
    }
  }
  return { rows, totals }
}
