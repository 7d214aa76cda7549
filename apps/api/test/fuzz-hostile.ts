import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'

/**
 * The hostile half of the fuzz (fuzz-arbitraries.ts derives the well-shaped half from the
 * OpenAPI document): values of every wrong kind, how they are written into a request, and the
 * contract every answer must keep.
 */

/** A token written into the JSON text as is: numbers JSON.stringify cannot produce. */
export class RawJson {
  constructor(readonly text: string) {}
}

const RAW_NUMBERS = [
  '1e309',
  '-1e309',
  '-0',
  '1e-400',
  '123456789012345678901234567890',
  '0.1',
  '9007199254740993',
]

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '😀',
  '𠀀𠀁',
  '\u202e\u200b\ufeff',
  '\r\n\t',
  '../../../etc/passwd',
  '..%2f..%2f',
  "' OR '1'='1",
  "'; DROP TABLE ledger.vouchers; --",
  '$1',
  '%00',
  '%E0%A4%A',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '{{7*7}}${7*7}',
  '\\',
  '-0',
  '1e309',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '99999999999999999999999',
  '0.001',
  '1,000.00',
  '9999-12-31',
  '0000-01-01',
  '2024-02-30',
  '2024-13-01',
  '1899-12-31',
  '2100-01-01',
  '2024-00',
  '0000-00',
  '0000',
  'null',
  'true',
  '__proto__',
  'constructor',
  'x'.repeat(257),
  'x'.repeat(20_000),
  '汉'.repeat(5_000),
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-7FFF-BFFF-FFFFFFFFFFFF',
  '370322104201370322104201',
]

export const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udc00', 'a', '😀', '/', '%'), maxLength: 12 }),
)

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53 + 1, -1e308, Number.MAX_SAFE_INTEGER),
  fc.constantFrom(...RAW_NUMBERS).map((text) => new RawJson(text)),
)

/** Anything at all, including values of the wrong type and structures where scalars belong. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileScalar, weight: 4 },
  { arbitrary: fc.array(hostileScalar, { maxLength: 3 }), weight: 1 },
  { arbitrary: fc.dictionary(hostileString, hostileScalar, { maxKeys: 3 }), weight: 1 },
  { arbitrary: fc.constant(Array.from({ length: 40 }).reduce<unknown>((inner) => [inner], 1)), weight: 1 },
)

/** JSON text of `value`, writing RawJson tokens as is. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** A query or path value as text: RawJson tokens, numbers and arrays as a client would send them. */
export function queryValues(value: unknown): string[] {
  if (value === undefined) return []
  if (Array.isArray(value)) return value.flatMap(queryValues)
  if (value instanceof RawJson) return [value.text]
  if (value !== null && typeof value === 'object') return [JSON.stringify(value)]
  return [String(value)]
}

/** Percent-encoding of any string, lone surrogates included (their WTF-8 bytes). */
export function encode(value: string): string {
  let out = ''
  for (const char of value) {
    const code = char.codePointAt(0)!
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('')
    } else out += encodeURIComponent(char).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)
  }
  return out
}

/** Path segments sent without encoding: what a router has to survive. */
export const RAW_SEGMENTS = ['..', '.', '%E0%A4%A', '%', '%zz', '%00', '%2e%2e', '%2F', '%C0%AF', '%ED%A0%80']

export const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'application/json; charset=latin1',
  'multipart/form-data; boundary=x',
]

export const printable = (text: string) => text.replace(/[^\x21-\x7e]/g, 'x')

/** What is wrong with a response to a fuzzed request, or null when it keeps the contract. */
export function contractViolation(response: LightMyRequestResponse): string | null {
  const status = response.statusCode
  if (status >= 500) return `answered ${status}: ${response.body.slice(0, 500)}`
  if (status < 400) return null
  const type = String(response.headers['content-type'] ?? '')
  if (!type.startsWith('application/problem+json'))
    return `${status} as ${type}: ${response.body.slice(0, 300)}`
  let body: { code?: unknown; errors?: { field?: unknown }[] }
  try {
    body = JSON.parse(response.body)
  } catch {
    return `${status} problem is not JSON: ${response.body.slice(0, 300)}`
  }
  if (typeof body.code !== 'string' || body.code === '') return `${status} problem without code`
  if (status === 400) {
    if (!Array.isArray(body.errors) || body.errors.length === 0)
      return `400 ${body.code} without errors[]: ${response.body.slice(0, 300)}`
    if (body.errors.some((e) => typeof e.field !== 'string' || e.field === ''))
      return `400 ${body.code} with an error lacking field: ${response.body.slice(0, 300)}`
  }
  return null
}
