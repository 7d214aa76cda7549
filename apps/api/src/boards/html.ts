/**
 * HTML that escapes by default. Every value interpolated into an `html` template is escaped
 * unless it is itself `SafeHtml` (another `html` template, or `trusted()` markup this code made,
 * such as the QR code's SVG). Villagers' names, summaries and titles are user input: a board must
 * print them, never run them, so there is no way to splice a plain string in unescaped.
 */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
}

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ENTITIES[c]!)
}

type Value = SafeHtml | string | number | bigint | boolean | null | undefined | readonly Value[]

function render(value: Value): string {
  if (value instanceof SafeHtml) return value.text
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(String(value))
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes `name`; arrays are joined. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '')
  })
  return new SafeHtml(out)
}

/** Markup this code produced itself (never user input): inserted as is. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup)
}
