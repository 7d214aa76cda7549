import { formatMoney } from '@liancun/core'
import fastJson from 'fast-json-stringify'
import type { FastifySerializerCompiler } from 'fastify'
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod'
import { z } from 'zod'

/**
 * Response serialisation. Zod stays for input, and by default also checks every response
 * against its schema — which cost about 40% of throughput on small routes. Responses marked hot
 * (voucher reads, lists, reports) are instead written by fast-json-stringify from the same
 * schema's JSON Schema: no re-validation, but the same contract (unknown properties dropped,
 * required ones enforced). Routes build their wire objects before sending (money as "元"
 * strings), so nothing depends on zod transforming a response.
 */
const hot = new WeakSet<z.ZodType>()

/** Marks a response schema as hot; returns it, so it reads `response: { 200: hotResponse(X) }`. */
export function hotResponse<T extends z.ZodType>(schema: T): T {
  hot.add(schema)
  return schema
}

/** The JSON Schema fast-json-stringify compiles: the schema's output side, shared parts inlined. */
export function serializationSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-7',
    unrepresentable: 'any',
    reused: 'inline',
    // Component ids only matter to the OpenAPI document; here every part is inlined.
    metadata: new z.core.$ZodRegistry(),
  }) as Record<string, unknown>
}

/** The writer of a hot schema (also used by tests to compare it with zod's output). */
export function compileHot(schema: z.ZodType): (body: unknown) => string {
  return fastJson(serializationSchema(schema) as unknown as Parameters<typeof fastJson>[0])
}

type SerializerRoute = Parameters<typeof zodSerializerCompiler>[0]

/**
 * The one money codec of responses: money is the only bigint the domains hand out (integer fen),
 * so every bigint a response carries leaves as its "元" string with two places. A handler may
 * therefore return fen as they are; the wire form is made here, once.
 */
export function moneyToWire(value: unknown): unknown {
  if (typeof value === 'bigint') return formatMoney(value)
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null
    value.forEach((item, index) => {
      const wire = moneyToWire(item)
      if (wire === item) return
      copy ??= [...value]
      copy[index] = wire
    })
    return copy ?? value
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    let copy: Record<string, unknown> | null = null
    for (const [key, item] of Object.entries(value)) {
      const wire = moneyToWire(item)
      if (wire === item) continue
      copy ??= { ...(value as Record<string, unknown>) }
      copy[key] = wire
    }
    return copy ?? value
  }
  return value
}

export const serializerCompiler = ((route: SerializerRoute) => {
  const schema = route.schema as unknown
  const write =
    schema instanceof z.ZodType && hot.has(schema) ? compileHot(schema) : zodSerializerCompiler(route)
  return (data: unknown) => write(moneyToWire(data))
}) as unknown as FastifySerializerCompiler<unknown>
