import { FileRejected, type RowError } from './errors.js'
import type { Cell, Table } from './read-file.js'

/**
 * A file's column layout: each column by its Chinese heading (with accepted aliases), whether the
 * heading must be present. Headings are matched after dropping spaces, a required-marker `*` and a
 * unit such as `(元)`, so `借方金额（元）*` is 借方金额.
 */
export interface Column<K extends string = string> {
  key: K
  heading: string
  aliases?: readonly string[]
  required?: boolean
  /** What the column holds, for the README and the OpenAPI description. */
  note: string
}

/** Headings every layout tolerates and ignores (a row number, a name shown beside a code). */
const IGNORED = new Set(['序号', '行号', '科目名称', '备注说明'])

export function normalizeHeading(heading: string): string {
  return heading
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/[（(](元|人民币元|¥|￥)[)）]$/, '')
    .toLowerCase()
}

export interface Columns<K extends string> {
  /** The cell of column `key` in a row's cells (null when the column is absent or the cell blank). */
  cell(cells: readonly Cell[], key: K): Cell
  /** The heading the file itself uses for `key` (for error reports), or the layout's. */
  heading(key: K): string
}

/** Matches the file's headings to the layout; every missing, unknown or repeated heading is an error. */
export function mapColumns<K extends string>(table: Table, layout: readonly Column<K>[]): Columns<K> {
  const byName = new Map<string, Column<K>>()
  for (const column of layout) {
    for (const name of [column.heading, ...(column.aliases ?? [])]) byName.set(normalizeHeading(name), column)
  }
  const index = new Map<K, number>()
  const used = new Map<K, string>()
  const errors: RowError[] = []
  for (const [i, raw] of table.headers.entries()) {
    if (raw === '' || IGNORED.has(normalizeHeading(raw))) continue
    const column = byName.get(normalizeHeading(raw))
    if (!column) {
      errors.push({
        row: 1,
        column: raw,
        rule: 'unknown_column',
        message: `no column ${raw} in this layout; expected ${layout.map((c) => c.heading).join(', ')}`,
      })
    } else if (index.has(column.key)) {
      errors.push({
        row: 1,
        column: raw,
        rule: 'duplicate_column',
        message: `${raw} repeats the column ${used.get(column.key)}`,
      })
    } else {
      index.set(column.key, i)
      used.set(column.key, raw)
    }
  }
  for (const column of layout) {
    if (column.required && !index.has(column.key)) {
      errors.push({
        row: 1,
        column: column.heading,
        rule: 'missing_column',
        message: `the heading row has no ${column.heading} column`,
      })
    }
  }
  if (errors.length > 0) throw new FileRejected(errors)
  const headingOf = new Map(layout.map((c) => [c.key, c.heading]))
  return {
    cell: (cells, key) => {
      const i = index.get(key)
      return i === undefined ? null : (cells[i] ?? null)
    },
    heading: (key) => used.get(key) ?? headingOf.get(key) ?? key,
  }
}
