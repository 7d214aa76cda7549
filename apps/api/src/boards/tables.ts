import { html, type SafeHtml } from './html.js'

export interface Column<T> {
  title: string
  cell: (row: T) => string | number | SafeHtml
  /** Amount columns are right-aligned with tabular digits. */
  amount?: boolean
}

/** A table of rows under a heading; an empty list says so instead of printing a bare header. */
export function table<T>(
  heading: string,
  columns: Column<T>[],
  rows: readonly T[],
  total?: { label: string; amount: string },
): SafeHtml {
  const cls = (c: Column<T>) => (c.amount ? 'amount' : null)
  const head = columns.map((c) => html`<th class="${cls(c)}">${c.title}</th>`)
  const body = rows.length
    ? rows.map((row) => html`<tr>${columns.map((c) => html`<td class="${cls(c)}">${c.cell(row)}</td>`)}</tr>`)
    : html`<tr><td class="empty" colspan="${columns.length}">本期无</td></tr>`
  const foot = total
    ? html`<tr class="total"><td colspan="${columns.length - 1}">${total.label}</td><td class="amount">${total.amount}</td></tr>`
    : null
  return html`<section><h2>${heading}</h2><table><thead><tr>${head}</tr></thead><tbody>${body}${foot}</tbody></table></section>`
}
