import fc from 'fast-check'
import {
  CONTENT_TYPES,
  encode,
  hostileString,
  hostileValue,
  printable,
  queryValues,
  RAW_SEGMENTS,
  toJsonText,
} from './fuzz-hostile.js'

/**
 * Requests derived from the OpenAPI document: for each operation, values shaped by its parameter
 * and body schemas (types, enums, patterns, bounds, examples, real ids), mixed with the hostile
 * ones of fuzz-hostile.ts. Used by fuzz.test.ts (a few runs per operation) and, through it,
 * scripts/fuzz.mjs (many).
 */

type Schema = Record<string, unknown> & {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  pattern?: string
  example?: unknown
  default?: unknown
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>
  components?: { schemas?: Record<string, Schema> }
}

interface OperationObject {
  operationId?: string
  parameters?: { in: string; name: string; required?: boolean; schema: Schema }[]
  requestBody?: { required?: boolean; content?: Record<string, { schema: Schema }> }
}

export interface Operation {
  method: string
  path: string
  operationId: string
  parameters: { in: string; name: string; required: boolean; schema: Schema }[]
  body: Schema | null
}

export interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
}

/** Real values the fuzz draws from so that requests get past "not found" into the rules. */
export interface Pools {
  ids: string[]
  divisionCodes: string[]
  accountCodes: string[]
  /** Cursors of the shapes lists return (of ids and codes above). */
  cursors: string[]
  /** Ids by the resource the API names them after: `ledgers`, `vouchers`, `people`… */
  idsByKind: Record<string, string[]>
}

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete']
const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
const ACCOUNT_PATTERN = '^[0-9]{3}([0-9]{2})*$'

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(method)) continue
      out.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId ?? `${method} ${path}`,
        parameters: (op.parameters ?? []).map((p) => ({ ...p, required: p.required ?? p.in === 'path' })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      })
    }
  }
  return out
}

interface Context {
  doc: OpenApiDocument
  pools: Pools
  /** Per leaf, how often a hostile value replaces a well-shaped one (0 for clean requests). */
  hostility: number
}

function resolve(schema: Schema, doc: OpenApiDocument): Schema {
  let current = schema
  for (let i = 0; current.$ref && i < 10; i++) {
    const name = current.$ref.replace('#/components/schemas/', '')
    current = doc.components?.schemas?.[name] ?? {}
  }
  return current
}

/** Building a stringMatching arbitrary costs milliseconds (a uuid pattern ~20 ms): once per pattern. */
const matchingByPattern = new Map<string, fc.Arbitrary<string> | null>()

function safeStringMatching(pattern: string): fc.Arbitrary<string> | null {
  if (!matchingByPattern.has(pattern)) {
    let arbitrary: fc.Arbitrary<string> | null = null
    try {
      arbitrary = fc.stringMatching(new RegExp(pattern))
    } catch {
      // A pattern fast-check cannot generate from: the example and plain strings stand in.
    }
    matchingByPattern.set(pattern, arbitrary)
  }
  return matchingByPattern.get(pattern) ?? null
}

type Weighted<T> = { arbitrary: fc.Arbitrary<T>; weight: number }

/** The pool of ids a field or parameter name refers to: `ledgerId`, `voucherIds` → ledgers, vouchers. */
function idsFor(hint: string | undefined, pools: Pools): string[] {
  const stem = hint?.replace(/Ids?$/, '')
  const kind = stem === 'person' ? 'people' : stem?.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()
  const plural = kind && !kind.endsWith('s') && kind !== 'people' ? `${kind}s` : kind
  return (plural && pools.idsByKind[plural]) || pools.ids
}

const BUSINESS_DATE = '^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$'
const isoDate = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10))

function stringArbitrary(schema: Schema, ctx: Context, hint: string | undefined): fc.Arbitrary<string> {
  const choices: Weighted<string>[] = []
  const add = (weight: number, arbitrary: fc.Arbitrary<string>) => choices.push({ arbitrary, weight })
  const example = typeof schema.example === 'string' ? schema.example : null
  const matching = schema.pattern ? safeStringMatching(schema.pattern) : null
  if (schema.pattern === UUID_PATTERN) {
    const ids = idsFor(hint, ctx.pools)
    if (ids.length > 0) add(8, fc.constantFrom(...ids))
    if (ctx.pools.ids.length > 0) add(1, fc.constantFrom(...ctx.pools.ids))
    add(1, fc.uuid({ version: 7 }))
  } else if (schema.pattern === BUSINESS_DATE) {
    // Mostly days the rules care about (around the test's today), sometimes anywhere in range.
    add(4, isoDate('2023-01-01', '2025-06-30'))
    add(1, isoDate('1900-01-01', '2099-12-31'))
    add(1, fc.constantFrom('1900-01-01', '2099-12-31', '2024-02-29'))
  } else if (schema.pattern === ACCOUNT_PATTERN && ctx.pools.accountCodes.length > 0) {
    add(4, fc.constantFrom(...ctx.pools.accountCodes))
    if (matching) add(1, matching)
  } else if (example && /^[0-9]{6}([0-9]{3}){0,2}$/.test(example) && ctx.pools.divisionCodes.length > 0) {
    add(4, fc.constantFrom(...ctx.pools.divisionCodes))
    add(1, fc.constant(example))
  } else {
    if (example !== null) add(2, fc.constant(example))
    if (typeof schema.default === 'string') add(1, fc.constant(schema.default))
    if (matching)
      add(
        2,
        matching.filter((v) => v.length <= (schema.maxLength ?? 1000)),
      )
    else if (example === null || ctx.hostility > 0) {
      const minLength = schema.minLength ?? 0
      const maxLength = Math.min(schema.maxLength ?? 30, minLength + 30)
      add(2, fc.string({ minLength, maxLength, unit: 'grapheme' }))
    }
  }
  return fc.oneof(...choices)
}

function numberArbitrary(schema: Schema, integer: boolean, ctx: Context): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1_000_000
  const max = schema.maximum ?? 1_000_000
  const inRange = integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
  const edges = ctx.hostility === 0 ? [min, max] : [min, max, integer ? min - 1 : min - 0.5, max + 1]
  return fc.oneof({ arbitrary: inRange, weight: 4 }, { arbitrary: fc.constantFrom(...edges), weight: 1 })
}

/**
 * Values shaped by `schema` (`hint`: the field or parameter name, to pick real ids); with
 * `ctx.hostility` > 0 any part may be replaced by a hostile value or bent.
 */
export function arbitraryOf(schema: Schema, ctx: Context, depth = 0, hint?: string): fc.Arbitrary<unknown> {
  const shaped = shapedValueOf(resolve(schema, ctx.doc), ctx, depth, hint)
  if (ctx.hostility === 0) return shaped
  const hostileWeight = Math.max(1, Math.round(100 * ctx.hostility))
  return fc.oneof(
    { arbitrary: shaped, weight: 100 - hostileWeight },
    { arbitrary: hostileValue, weight: hostileWeight },
  )
}

function shapedValueOf(schema: Schema, ctx: Context, depth: number, hint?: string): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => arbitraryOf(s, ctx, depth, hint)))
  if (schema.allOf && schema.allOf.length > 0) return arbitraryOf(schema.allOf[0]!, ctx, depth, hint)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'string':
      return stringArbitrary(schema, ctx, hint)
    case 'integer':
      return numberArbitrary(schema, true, ctx)
    case 'number':
      return numberArbitrary(schema, false, ctx)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      if (depth > 6) return fc.constant([])
      const minLength = schema.minItems ?? 0
      const maxLength = Math.min(schema.maxItems ?? 4, minLength + 3)
      return fc.array(arbitraryOf(schema.items ?? {}, ctx, depth + 1, hint), { minLength, maxLength })
    }
    case 'object':
      return objectOf(schema, ctx, depth)
    default:
      if (schema.example !== undefined) return fc.constant(schema.example)
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean())
  }
}

function objectOf(schema: Schema, ctx: Context, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {}
  const required = schema.required ?? []
  if (depth > 6) return fc.constant({})
  const model = Object.fromEntries(
    Object.entries(properties).map(([name, s]) => [name, arbitraryOf(s, ctx, depth + 1, name)]),
  )
  const shaped = fc.record(model, { requiredKeys: required.filter((k) => k in model) })
  const withExample =
    schema.example && typeof schema.example === 'object'
      ? fc.oneof(shaped, exampleOf(schema.example, ctx))
      : shaped
  if (ctx.hostility === 0) return withExample
  // Bent objects: a required key missing, unknown keys added.
  return fc.oneof(
    { arbitrary: withExample, weight: 6 },
    {
      arbitrary: fc
        .tuple(withExample, fc.dictionary(hostileString, hostileValue, { minKeys: 1, maxKeys: 2 }))
        .map(([value, extra]) => ({ ...extra, ...(value as object) })),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(withExample, fc.constantFrom(...(required.length > 0 ? required : ['-'])))
        .map(([value, drop]) => {
          const { [drop]: _dropped, ...rest } = value as Record<string, unknown>
          return rest
        }),
      weight: 1,
    },
  )
}

const UUID = new RegExp(UUID_PATTERN)

/**
 * A schema's example with its ids swapped for real ones (so the request gets past "not found"),
 * and, in hostile modes, one leaf replaced by a hostile value: valid requests carrying one
 * strange string into storage are where a 500 hides best.
 */
function exampleOf(example: unknown, ctx: Context): fc.Arbitrary<unknown> {
  const realized = realize(example, ctx, undefined)
  if (ctx.hostility === 0) return realized
  return fc.tuple(realized, fc.nat(), hostileValue).map(([value, pick, hostile]) => {
    const leaves: [Record<string, unknown> | unknown[], string | number][] = []
    const walk = (node: Record<string, unknown> | unknown[]) => {
      const entries: [string | number, unknown][] = Array.isArray(node)
        ? [...node.entries()]
        : Object.entries(node)
      for (const [key, child] of entries) {
        if (isObject(child) || Array.isArray(child)) walk(child)
        else leaves.push([node, key])
      }
    }
    const copy = structuredClone(value)
    if (isObject(copy) || Array.isArray(copy)) walk(copy)
    const leaf = leaves[pick % Math.max(1, leaves.length)]
    if (leaf) (leaf[0] as Record<string | number, unknown>)[leaf[1]] = hostile
    return copy
  })
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

function realize(example: unknown, ctx: Context, key: string | undefined): fc.Arbitrary<unknown> {
  if (typeof example === 'string' && UUID.test(example)) {
    const ids = idsFor(key, ctx.pools)
    return ids.length > 0 ? fc.constantFrom(...ids) : fc.constant(example)
  }
  if (Array.isArray(example)) return fc.tuple(...example.map((item) => realize(item, ctx, key)))
  if (isObject(example)) {
    const entries = Object.entries(example)
    return fc
      .tuple(...entries.map(([k, v]) => realize(v, ctx, k)))
      .map((values) => Object.fromEntries(entries.map(([k], i) => [k, values[i]])))
  }
  return fc.constant(example)
}

export function requestOf(op: Operation, doc: OpenApiDocument, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const clean: Context = { doc, pools, hostility: 0 }
  const light: Context = { doc, pools, hostility: 0.08 }
  const heavy: Context = { doc, pools, hostility: 0.35 }
  return fc.oneof(
    { arbitrary: requestWith(op, clean), weight: 2 },
    { arbitrary: requestWith(op, light), weight: 3 },
    { arbitrary: requestWith(op, heavy), weight: 2 },
  )
}

/** `value` about once in `every` draws, null otherwise. */
function sometimes<T>(every: number, value: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ arbitrary: value, weight: 1 }, { arbitrary: fc.constant(null), weight: every - 1 })
}

function requestWith(op: Operation, ctx: Context): fc.Arbitrary<FuzzRequest> {
  const hostile = ctx.hostility > 0
  const paramModel: Record<string, fc.Arbitrary<unknown>> = {}
  for (const p of op.parameters) {
    const cursor = p.in === 'query' && p.name === 'cursor' && ctx.pools.cursors.length > 0
    // `{id}` names the resource before it: /v1/ledgers/{id} → ledgers.
    const hint = p.name === 'id' ? op.path.split('/{id}')[0]!.split('/').at(-1) : p.name
    const value = arbitraryOf(p.schema, ctx, 0, hint)
    // A cursor that is not one the API returned is always a 400: page with real ones mostly.
    paramModel[`${p.in}:${p.name}`] = cursor
      ? hostile
        ? fc.oneof(
            { arbitrary: fc.constantFrom(...ctx.pools.cursors), weight: 3 },
            { arbitrary: value, weight: 1 },
          )
        : fc.constantFrom(...ctx.pools.cursors)
      : value
  }
  const params = fc.record(paramModel, {
    requiredKeys: op.parameters
      .filter((p) => p.in === 'path' || (p.required && !hostile))
      .map((p) => `${p.in}:${p.name}`),
  })
  const rawSegment = hostile ? sometimes(15, fc.constantFrom(...RAW_SEGMENTS)) : fc.constant(null)
  const extraQuery = hostile ? sometimes(6, fc.tuple(hostileString, hostileString)) : fc.constant(null)
  const body: fc.Arbitrary<string | null> = op.body
    ? hostile
      ? fc.oneof(
          { arbitrary: arbitraryOf(op.body, ctx).map(toJsonText), weight: 12 },
          { arbitrary: hostileValue.map(toJsonText), weight: 1 },
          {
            arbitrary: fc.constantFrom('', '{', '{"a":1,}', '[]', 'null', '"x"', '{"a":"\\ud800"}'),
            weight: 1,
          },
          { arbitrary: fc.constant(null), weight: 1 },
        )
      : arbitraryOf(op.body, ctx).map(toJsonText)
    : hostile
      ? sometimes(10, fc.constantFrom('{}', '{"a":1}', 'x'))
      : fc.constant(null)
  const contentType = hostile ? sometimes(12, fc.constantFrom(...CONTENT_TYPES)) : fc.constant(null)
  // Printable ASCII only: anything else is refused by the HTTP layer before the app sees it.
  const idempotencyKey =
    op.method === 'POST'
      ? sometimes(8, fc.string({ unit: 'binary-ascii', maxLength: 300 }).map(printable))
      : fc.constant(null)
  return fc
    .tuple(params, rawSegment, extraQuery, body, contentType, idempotencyKey)
    .map(([values, raw, extra, payload, type, key]) => {
      let url = op.path
      const query: string[] = []
      for (const p of op.parameters) {
        const value = values[`${p.in}:${p.name}`]
        if (p.in === 'path') {
          const text = raw ?? queryValues(value)[0] ?? ''
          url = url.replace(`{${p.name}}`, raw ? text : encode(text))
        } else if (p.in === 'query') {
          for (const v of queryValues(value)) query.push(`${encode(p.name)}=${encode(v)}`)
        }
      }
      if (extra) query.push(`${encode(extra[0])}=${encode(extra[1])}`)
      if (query.length > 0) url += `?${query.join('&')}`
      const headers: Record<string, string> = {}
      if (payload !== null) headers['content-type'] = type ?? 'application/json'
      if (key !== null) headers['idempotency-key'] = key
      return { method: op.method, url, headers, ...(payload === null ? {} : { payload }) }
    })
}
