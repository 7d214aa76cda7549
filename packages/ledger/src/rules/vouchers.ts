import { createHash } from 'node:crypto'
import type { Fen } from '@liancun/core'

export interface LineAmounts {
  account: string
  debit?: Fen | undefined
  credit?: Fen | undefined
}

export interface LineProblem {
  /** Index into the lines, or null for the voucher as a whole. */
  line: number | null
  rule: 'too_few_lines' | 'one_side' | 'positive' | 'unbalanced'
  message: string
}

/**
 * The shape rules of a 记账凭证: at least two lines, each with exactly one of debit or credit and
 * that amount positive, and Σ debit = Σ credit. Returns every problem, not just the first.
 */
export function voucherLineProblems(lines: readonly LineAmounts[]): LineProblem[] {
  const problems: LineProblem[] = []
  if (lines.length < 2)
    problems.push({ line: null, rule: 'too_few_lines', message: 'a voucher has at least two lines' })
  lines.forEach((line, index) => {
    const sides = (line.debit !== undefined ? 1 : 0) + (line.credit !== undefined ? 1 : 0)
    if (sides !== 1) {
      problems.push({
        line: index,
        rule: 'one_side',
        message: 'each line has exactly one of debit or credit',
      })
    } else if ((line.debit ?? line.credit ?? 0n) <= 0n) {
      problems.push({ line: index, rule: 'positive', message: 'the amount must be greater than zero' })
    }
  })
  const { debit, credit } = voucherTotals(lines)
  if (problems.length === 0 && debit !== credit) {
    problems.push({ line: null, rule: 'unbalanced', message: `debits ${debit} fen ≠ credits ${credit} fen` })
  }
  return problems
}

export function voucherTotals(lines: readonly LineAmounts[]): { debit: Fen; credit: Fen } {
  let debit = 0n
  let credit = 0n
  for (const line of lines) {
    debit += line.debit ?? 0n
    credit += line.credit ?? 0n
  }
  return { debit, credit }
}

/** 红字冲销: the same lines with negated amounts on the same sides. */
export function reversalLines<T extends LineAmounts>(lines: readonly T[]): T[] {
  return lines.map((line) => ({
    ...line,
    debit: line.debit === undefined ? undefined : -line.debit,
    credit: line.credit === undefined ? undefined : -line.credit,
  }))
}

/** The month a business date belongs to. */
export function periodOf(date: string): string {
  return date.slice(0, 7)
}

/** `2024-03`, 7 → `2024年03月 记字第7号`. */
export function voucherLabel(period: string, number: number): string {
  return `${period.slice(0, 4)}年${period.slice(5, 7)}月 记字第${number}号`
}

export interface CanonicalVoucher {
  id: string
  date: string
  number: number
  summary: string
  lines: { account: string; debit: Fen; credit: Fen }[]
}

/** Next link of a ledger's hash chain: sha256(previous hash + canonical voucher). */
export function chainHash(previous: string | null, voucher: CanonicalVoucher): string {
  const canonical = JSON.stringify([
    voucher.id,
    voucher.date,
    voucher.number,
    voucher.summary,
    voucher.lines.map((l) => [l.account, l.debit.toString(), l.credit.toString()]),
  ])
  return createHash('sha256')
    .update(previous ?? '')
    .update('\n')
    .update(canonical)
    .digest('hex')
}
