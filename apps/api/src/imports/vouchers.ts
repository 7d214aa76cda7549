import { parseMoney } from '@liancun/core'
import { ImportedVoucherInput } from '@liancun/ledger'
import type { z } from 'zod'
import { amountOf, type Converted, countOf, dateOf, textOf } from './cells.js'
import type { RowError } from './errors.js'
import { type Column, mapColumns } from './layout.js'
import type { Table } from './read-file.js'

/**
 * Vouchers already reviewed in another system, one row per voucher line; the lines of one voucher
 * share its 凭证号 (the voucher key, kept as the source reference). Written posted through the
 * ledger's import (`vouchers:import`), so every posting rule applies.
 */
export const VOUCHER_COLUMNS = [
  {
    key: 'ref',
    heading: '凭证号',
    aliases: ['凭证字号', '凭证编号', 'source_ref'],
    required: true,
    note: 'the voucher key: lines with the same 凭证号 are one voucher (e.g. 2023-07-记-15); imported once per ledger',
  },
  {
    key: 'date',
    heading: '日期',
    aliases: ['凭证日期', 'date'],
    required: true,
    note: 'voucher date, e.g. 2023-07-15',
  },
  {
    key: 'summary',
    heading: '摘要',
    aliases: ['summary'],
    required: true,
    note: 'line 摘要; the first line’s is the voucher’s',
  },
  {
    key: 'account',
    heading: '科目编码',
    aliases: ['科目代码', 'account'],
    required: true,
    note: 'a leaf account of the ledger, e.g. 102',
  },
  {
    key: 'debit',
    heading: '借方',
    aliases: ['借方金额', 'debit'],
    required: true,
    note: '元, at most two decimals; one of 借方 / 贷方 per line',
  },
  {
    key: 'credit',
    heading: '贷方',
    aliases: ['贷方金额', 'credit'],
    required: true,
    note: '元, at most two decimals',
  },
  {
    key: 'preparer',
    heading: '制单人',
    aliases: ['制单', '记账人', 'preparer'],
    required: true,
    note: 'who prepared it in the source system',
  },
  {
    key: 'reviewer',
    heading: '审核人',
    aliases: ['审核', 'reviewer'],
    required: true,
    note: 'who reviewed it there (must differ from 制单人)',
  },
  {
    key: 'attachments',
    heading: '附件数',
    aliases: ['附件张数', '附件', 'attachments'],
    note: 'optional, a whole number',
  },
  {
    key: 'counterparty',
    heading: '往来单位',
    aliases: ['往来单位/个人', 'counterparty'],
    note: 'optional, per line',
  },
  { key: 'reference', heading: '票据号', aliases: ['合同号', 'reference'], note: 'optional, per line' },
] as const satisfies readonly Column[]

export type VoucherColumnKey = (typeof VOUCHER_COLUMNS)[number]['key']
type Key = VoucherColumnKey

export interface CheckedVoucher {
  input: ImportedVoucherInput
  /** Spreadsheet row of each line, in line order. */
  rows: number[]
}

/** Which column a field of the ledger's input (or of its refusals) is read from. */
export const VOUCHER_FIELD_COLUMN: Record<string, Key> = {
  date: 'date',
  summary: 'summary',
  attachments: 'attachments',
  account: 'account',
  debit: 'debit',
  credit: 'credit',
  counterparty: 'counterparty',
  reference: 'reference',
  ref: 'ref',
  preparer: 'preparer',
  reviewer: 'reviewer',
}

const RULE_OF_FIELD: Record<string, string> = {
  account: 'account_code',
  summary: 'summary',
  date: 'date',
  ref: 'source_ref',
  preparer: 'preparer',
  reviewer: 'reviewer',
  attachments: 'attachments',
  lines: 'line_count',
  counterparty: 'counterparty',
  reference: 'reference',
}

interface Line {
  row: number
  date: string | null
  summary: string | null
  account: string | null
  debit: string | null
  credit: string | null
  preparer: string | null
  reviewer: string | null
  attachments: number | null
  counterparty: string | null
  reference: string | null
}

/** The voucher-level values every line must agree on (blank on a later line = the first line's). */
const SHARED = ['date', 'preparer', 'reviewer', 'attachments'] as const

/**
 * Checks a whole voucher file without the database: cell formats, the lines of each voucher
 * agreeing on its date and names, balanced debits and credits, and the ledger's own input schema.
 * Returns the vouchers (in file order) and every error found; the ledger checks the rest when
 * writing (accounts, periods, cash, duplicates).
 */
export function checkVoucherRows(table: Table): {
  vouchers: CheckedVoucher[]
  errors: RowError[]
  heading: (key: Key) => string
} {
  const columns = mapColumns<Key>(table, VOUCHER_COLUMNS)
  const errors: RowError[] = []
  const fail = (row: number, key: Key | null, rule: string, message: string) =>
    errors.push({ row, column: key ? columns.heading(key) : null, rule, message })
  const groups = new Map<string, Line[]>()
  // Vouchers with a refused cell: reported once, by that cell, not again by the schema.
  const refused = new Set<string>()
  for (const { row, cells } of table.rows) {
    let cellRefused = false
    const take = <T>(key: Key, converted: Converted<T>): T | null => {
      if (converted.ok) return converted.value
      fail(row, key, converted.rule, converted.message)
      cellRefused = true
      return null
    }
    const ref = textOf(columns.cell(cells, 'ref'))
    if (ref === null) {
      fail(row, 'ref', 'required', 'every line names its voucher (凭证号)')
      continue
    }
    const line: Line = {
      row,
      date: take('date', dateOf(columns.cell(cells, 'date'))),
      summary: textOf(columns.cell(cells, 'summary')),
      account: textOf(columns.cell(cells, 'account')),
      debit: take('debit', amountOf(columns.cell(cells, 'debit'))),
      credit: take('credit', amountOf(columns.cell(cells, 'credit'))),
      preparer: textOf(columns.cell(cells, 'preparer')),
      reviewer: textOf(columns.cell(cells, 'reviewer')),
      attachments: take('attachments', countOf(columns.cell(cells, 'attachments'))),
      counterparty: textOf(columns.cell(cells, 'counterparty')),
      reference: textOf(columns.cell(cells, 'reference')),
    }
    groups.set(ref, [...(groups.get(ref) ?? []), line])
    if (cellRefused) refused.add(ref)
  }
  const vouchers: CheckedVoucher[] = []
  for (const [ref, lines] of groups) {
    // A voucher-level value may be given on any of its lines (typically the first), once.
    const first = { ...lines[0]! }
    const before = errors.length
    for (const key of SHARED) {
      const given = lines.find((line) => line[key] !== null)
      if (given) (first as Record<string, unknown>)[key] = given[key]
      for (const line of lines) {
        if (line[key] !== null && line[key] !== first[key]) {
          fail(
            line.row,
            key,
            'voucher_inconsistent',
            `the lines of voucher ${ref} disagree on ${columns.heading(key)}`,
          )
        }
      }
    }
    if (refused.has(ref) || errors.length > before) continue
    const lineInputs = lines.map((line) => ({
      account: line.account ?? '',
      ...(line.summary !== null ? { summary: line.summary } : {}),
      ...(line.debit !== null ? { debit: line.debit } : {}),
      ...(line.credit !== null ? { credit: line.credit } : {}),
      ...(line.counterparty !== null ? { counterparty: line.counterparty } : {}),
      ...(line.reference !== null ? { reference: line.reference } : {}),
    }))
    const parsed = ImportedVoucherInput.safeParse({
      date: first.date ?? '',
      summary: first.summary ?? '',
      attachments: first.attachments ?? 0,
      lines: lineInputs,
      source: { ref, preparer: first.preparer ?? '', reviewer: first.reviewer ?? '' },
    })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) reportIssue(issue, lines, columns.heading, errors)
      continue
    }
    const debit = lines.reduce((sum, l) => sum + (l.debit ? parseMoney(l.debit) : 0n), 0n)
    const credit = lines.reduce((sum, l) => sum + (l.credit ? parseMoney(l.credit) : 0n), 0n)
    if (debit !== credit) {
      fail(first.row, null, 'unbalanced', `voucher ${ref}: 借方 ${fen(debit)} ≠ 贷方 ${fen(credit)}`)
      continue
    }
    vouchers.push({ input: parsed.data, rows: lines.map((l) => l.row) })
  }
  return { vouchers, errors: errors.sort((a, b) => a.row - b.row), heading: columns.heading }
}

const fen = (value: bigint) => `${value / 100n}.${String(value % 100n).padStart(2, '0')}`

/** A zod issue of one voucher → the row of its line (or the voucher's first) and the column. */
function reportIssue(
  issue: z.core.$ZodIssue,
  lines: readonly Line[],
  heading: (key: Key) => string,
  errors: RowError[],
): void {
  const path = issue.path.map(String)
  const lineIndex = path[0] === 'lines' && path.length > 1 ? Number(path[1]) : null
  const field = path.at(-1) ?? ''
  const key = VOUCHER_FIELD_COLUMN[field]
  const rule =
    issue.code === 'custom' && (field === 'debit' || field === 'credit')
      ? 'one_side'
      : (RULE_OF_FIELD[field] ?? 'invalid')
  errors.push({
    row: (lineIndex !== null ? lines[lineIndex] : lines[0])?.row ?? lines[0]!.row,
    column: key ? heading(key) : null,
    rule,
    message: issue.message,
  })
}
