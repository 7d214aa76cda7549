import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { sendProblem } from './errors.js'

/**
 * Refuses, before validation and before any handler, input no field schema should have to think
 * about:
 * - text PostgreSQL cannot store as sent: NUL (U+0000) is refused in `text` and `jsonb` (a 500
 *   deep in a statement otherwise), and an unpaired UTF-16 surrogate (`"\ud800"` in JSON, legal
 *   for JSON.parse) would be silently replaced by U+FFFD on its way to UTF-8, so the record would
 *   differ from what the client sent;
 * - JSON nested deeper than any request of this API (no schema goes past a handful of levels), so
 *   nothing downstream ever recurses through an attacker's structure;
 * - a body on GET, HEAD or DELETE, which has no meaning here and would otherwise be ignored.
 *
 * One iterative walk over params, query and body (keys and values): linear in the input, which
 * the body limit already bounds.
 */

/** With the `u` flag a surrogate range only matches surrogates that are not part of a pair. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for
const BAD_TEXT = /[\u0000\uD800-\uDFFF]/u
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for
const BAD_TEXT_ALL = /[\u0000\uD800-\uDFFF]/gu
export const MAX_INPUT_DEPTH = 32
/** Enough to show a client what to fix without answering with a copy of a hostile body. */
const MAX_REPORTED = 20

interface FieldError {
  field: string
  message: string
}

function textProblem(text: string): string {
  return text.includes('\u0000')
    ? 'must not contain NUL (U+0000)'
    : 'must not contain an unpaired UTF-16 surrogate'
}

/** A key as it may appear in a field path: never the offending characters themselves. */
function pathKey(key: string): string {
  return key.replace(BAD_TEXT_ALL, '\uFFFD')
}

/** The problems found in `input`, named by path from `root` (`body.lines.0.summary`). */
export function inspectInput(
  root: string,
  input: unknown,
): { text: FieldError[]; tooDeep: FieldError | null } {
  const text: FieldError[] = []
  const stack: [unknown, string, number][] = [[input, root, 0]]
  while (stack.length > 0 && text.length < MAX_REPORTED) {
    const [value, path, depth] = stack.pop()!
    if (typeof value === 'string') {
      if (BAD_TEXT.test(value)) text.push({ field: path, message: textProblem(value) })
      continue
    }
    if (value === null || typeof value !== 'object') continue
    if (depth >= MAX_INPUT_DEPTH) {
      return { text, tooDeep: { field: path, message: `nested deeper than ${MAX_INPUT_DEPTH} levels` } }
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}.${i}`, depth + 1])
      continue
    }
    const keys = Object.keys(value)
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!
      const child = `${path}.${pathKey(key)}`
      if (BAD_TEXT.test(key)) text.push({ field: child, message: `its name ${textProblem(key)}` })
      else stack.push([(value as Record<string, unknown>)[key], child, depth + 1])
    }
  }
  return { text, tooDeep: null }
}

const BODYLESS = new Set(['GET', 'HEAD', 'DELETE'])

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length']
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
}

async function guard(request: FastifyRequest, reply: FastifyReply) {
  if (BODYLESS.has(request.method) && !request.routeOptions.schema?.body && hasBody(request)) {
    return sendProblem(
      reply,
      request,
      400,
      'request.body_not_allowed',
      `${request.method} takes no request body`,
      { errors: [{ field: 'body', message: `${request.method} takes no request body` }] },
    )
  }
  // Same context names as schema validation errors (`params.id`, `querystring.state`, `body.x`).
  const text: FieldError[] = []
  for (const [root, input] of [
    ['params', request.params],
    ['querystring', request.query],
    ['body', request.body],
  ] as const) {
    const found = inspectInput(root, input)
    if (found.tooDeep) {
      return sendProblem(
        reply,
        request,
        400,
        'request.too_deep',
        `${found.tooDeep.field}: ${found.tooDeep.message}`,
        {
          errors: [found.tooDeep],
        },
      )
    }
    text.push(...found.text)
  }
  if (text.length > 0) {
    const detail = text.map((e) => `${e.field}: ${e.message}`).join('; ')
    return sendProblem(reply, request, 400, 'request.invalid_text', detail, {
      errors: text.slice(0, MAX_REPORTED),
    })
  }
}

export default fp(
  async function inputGuardPlugin(app: FastifyInstance) {
    app.addHook('preValidation', guard)
  },
  { name: 'input-guard', dependencies: ['errors'] },
)
