import { COLLECTIVE_ERRORS } from '@liancun/collective'
import { FUNDS_ERRORS } from '@liancun/funds'
import { GOVERNANCE_ERRORS } from '@liancun/governance'
import { LEDGER_ERRORS } from '@liancun/ledger'
import { ORGANIZATION_ERRORS } from '@liancun/organization'
import { IMPORT_ERRORS } from '../imports/errors.js'

/**
 * Finishing touches on the generated OpenAPI document, so the console at /docs and the linters
 * (spectral:oas, redocly) read it as meant. Pure functions over the JSON document: the route
 * schemas stay the single source, this only fixes what the generators leave out or get wrong.
 */

type Json = Record<string, unknown>
type Operation = {
  operationId?: string
  tags?: string[]
  description?: string
  parameters?: Json[]
  responses?: Record<string, Json>
  security?: unknown[]
  [marker: `x-${string}`]: unknown
}

/** Set on an operation by the route transform; turned into the documented header here. */
export const IDEMPOTENT_MARKER = 'x-liancun-idempotent'

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']
const SCHEMAS = '#/components/schemas/'

type Catalogue = Record<string, { kind: string; meaning: string }>

/** Refusals of the key routes (routes/api-keys.ts, auth/*). */
const API_KEY_ERRORS: Catalogue = {
  'auth.invalid_scope': {
    kind: 'invalid',
    meaning: 'the scope is neither `*`, a division code nor an alliance id',
  },
  'auth.api_key_not_found': { kind: 'not_found', meaning: 'no API key with this id' },
  'organization.alliance_not_found': {
    kind: 'not_found',
    meaning: 'the alliance a scope names does not exist',
  },
  'auth.api_key_revoked': { kind: 'conflict', meaning: 'the key is already revoked' },
}

/** Which domain's error catalogue an operation's refusals come from, by its first tag. */
const CATALOGUE_BY_TAG: Record<string, Catalogue> = {
  'api-keys': API_KEY_ERRORS,
  divisions: ORGANIZATION_ERRORS,
  people: ORGANIZATION_ERRORS,
  villages: ORGANIZATION_ERRORS,
  partners: ORGANIZATION_ERRORS,
  alliances: ORGANIZATION_ERRORS,
  ledgers: LEDGER_ERRORS,
  funds: FUNDS_ERRORS,
  // Projects pay into village ledgers and need resolved 四议两公开 matters (workflows/).
  projects: { ...FUNDS_ERRORS, ...LEDGER_ERRORS, ...GOVERNANCE_ERRORS },
  governance: GOVERNANCE_ERRORS,
  // The 三资 registers draft vouchers in the collective's ledger (workflows/).
  collective: { ...COLLECTIVE_ERRORS, ...LEDGER_ERRORS },
  public: { ...ORGANIZATION_ERRORS, ...GOVERNANCE_ERRORS, ...FUNDS_ERRORS },
  // Imports write through the ledger and organisation services.
  imports: { ...IMPORT_ERRORS, ...LEDGER_ERRORS, ...ORGANIZATION_ERRORS },
}

/** The app's own codes (plugins/*, auth/*), which no package catalogue lists. */
const APP_CODES: Record<string, Record<string, string>> = {
  '400': {
    'request.invalid': 'the body, query or path failed validation; `errors[]` names each field',
    'core.invalid_cursor': 'the cursor is not one this API returned',
    'idempotency.invalid_key': 'Idempotency-Key must be 1–200 visible ASCII characters',
  },
  '401': {
    'auth.missing_key': 'no `Authorization: Bearer <key>` header',
    'auth.invalid_key': 'the key is unknown or revoked',
  },
  '403': { 'auth.forbidden': 'the key’s role or scope does not cover this request' },
  '409': {},
  '413': { 'request.ctp_body_too_large': 'the body is larger than this operation accepts' },
  '415': { 'imports.unsupported_media_type': 'the body is neither .xlsx nor .csv (by its Content-Type)' },
  '429': { 'auth.too_many_failures': 'too many failed authentications from this address or key prefix' },
  '500': { internal: 'an unexpected error; quote the requestId when reporting it' },
  '503': {
    'system.not_ready': 'migrations are pending',
    'system.database_unavailable': 'the database does not answer',
  },
}
const IDEMPOTENCY_CODES = {
  'idempotency.key_reused': 'the Idempotency-Key was used before with another body or path',
  'idempotency.in_progress': 'a request with the same Idempotency-Key is still running; retry',
}

const KIND_STATUS: Record<string, string> = {
  invalid: '400',
  not_found: '404',
  conflict: '409',
  rule: '422',
  forbidden: '403',
}

const ERROR_SUMMARY: Record<string, string> = {
  '400': 'Invalid input: `errors[]` holds the path of each offending field',
  '401': 'Missing, unknown or revoked API key',
  '403': 'The key’s role or scope does not allow this',
  '404': 'Not found: the record does not exist, or lies outside the key’s scope where existence is private',
  '409': 'Conflict with what is recorded (a duplicate, a state already changed, a reused Idempotency-Key)',
  '413': 'The body is too large',
  '415': 'The body’s Content-Type is not one this operation reads',
  '422': 'Well-formed, but a domain rule refuses it; `code` names the rule',
  '429': 'Too many requests; wait for the seconds in `Retry-After`',
  '500': 'Internal error (details are logged, never returned)',
  '503': 'Not ready: the database does not answer or migrations are pending',
}

const TITLES: Record<string, string> = {
  '400': 'Bad Request',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'Not Found',
  '409': 'Conflict',
  '413': 'Content Too Large',
  '415': 'Unsupported Media Type',
  '422': 'Unprocessable Content',
  '429': 'Too Many Requests',
  '500': 'Internal Server Error',
  '503': 'Service Unavailable',
}

/** Codes an operation may answer with this status: the app's own, then its domain's. */
export function codesFor(op: Operation, status: string): Record<string, string> {
  const codes: Record<string, string> = { ...APP_CODES[status] }
  if (status === '409' && op[IDEMPOTENT_MARKER]) Object.assign(codes, IDEMPOTENCY_CODES)
  if (status === '400' && !op[IDEMPOTENT_MARKER]) delete codes['idempotency.invalid_key']
  const catalogue = CATALOGUE_BY_TAG[op.tags?.[0] ?? '']
  for (const [code, entry] of Object.entries(catalogue ?? {})) {
    if (KIND_STATUS[entry.kind] === status) codes[code] = entry.meaning
  }
  if (op.operationId === 'createApiKey' && status === '400') {
    codes['idempotency.not_supported'] = 'this operation refuses Idempotency-Key (the secret is shown once)'
  }
  return codes
}

function problemExample(status: string, code: string, detail: string): Json {
  return {
    type: `urn:liancun:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status: Number(status),
    detail,
    code,
    requestId: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab',
    ...(status === '400'
      ? { errors: [{ field: 'body.name', message: 'Too small: expected string to have >=1 characters' }] }
      : {}),
  }
}

/** Error responses as `application/problem+json`, each with the codes it may carry and an example. */
function documentErrors(op: Operation): void {
  const responses = op.responses ?? {}
  if (op[IDEMPOTENT_MARKER] && !responses['409']) {
    responses['409'] = { content: { 'application/json': { schema: { $ref: `${SCHEMAS}Problem` } } } }
  }
  if (op.security?.length !== 0 && !responses['429']) {
    responses['429'] = { content: { 'application/json': { schema: { $ref: `${SCHEMAS}Problem` } } } }
  }
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) < 400) continue
    const content = (response.content ?? {}) as Record<string, Json>
    const media = content['application/json'] ?? content['application/problem+json'] ?? {}
    const codes = codesFor(op, status)
    const [firstCode, firstMeaning] = Object.entries(codes)[0] ?? ['internal', 'error']
    const given = response.description as string | undefined
    const summary = !given || given === 'Default Response' ? (ERROR_SUMMARY[status] ?? 'Error') : given
    const list = Object.entries(codes).map(([code, meaning]) => `- \`${code}\`: ${meaning}`)
    response.description = list.length ? `${summary}.\n\nCodes:\n${list.join('\n')}` : summary
    response.content = {
      'application/problem+json': { ...media, example: problemExample(status, firstCode, firstMeaning) },
    }
    if (status === '429') {
      response.headers = {
        'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer' } },
      }
    }
  }
  op.responses = responses
}

/** Success and redirect responses the generator left as "Default Response". */
function describeSuccess(op: Operation): void {
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    if (Number(status) >= 400 || (response.description && response.description !== 'Default Response'))
      continue
    const content = response.content as Record<string, { schema?: Json }> | undefined
    const schema = content?.['application/json']?.schema
    const ref = typeof schema?.$ref === 'string' ? schema.$ref.slice(SCHEMAS.length) : null
    const isPage = Boolean((schema?.properties as Json | undefined)?.nextCursor)
    const what = ref ? `a ${ref}` : isPage ? 'a page of results (`items`, `nextCursor`)' : 'the result'
    response.description =
      status === '201'
        ? `Created: ${what}`
        : status === '204'
          ? 'Done; no body'
          : /^3/.test(status)
            ? 'Redirect: the `Location` header names the target'
            : `OK: ${what}`
  }
}

function idempotencyHeader(op: Operation): void {
  if (!op[IDEMPOTENT_MARKER]) return
  delete op[IDEMPOTENT_MARKER]
  op.parameters = [
    ...(op.parameters ?? []),
    {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Any unique string (a UUID, say) naming this write. A retry with the same key and body returns the ' +
        'first response (with `Idempotent-Replayed: true`) instead of writing twice; the same key with another ' +
        'body or path is 409 `idempotency.key_reused`. Keys are per API key and kept without expiry.',
      schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]{1,200}$' },
    },
  ]
}

/**
 * Parameter examples that name the demo's data (`npm start`), so "Try it out" answers with
 * records rather than an empty list or a 404: 高青县 (370322), its township 唐坊镇 and village
 * 李孟德村, which keeps books and belongs to the 黑牛盒马 alliance (demo/ledgers.ts). Ids are made
 * by the services when the demo loads, so id parameters keep their schema's example and say
 * where to find a real one.
 */
const DEMO_EXAMPLES: { name: string; in: string; path?: RegExp; example: string }[] = [
  { name: 'code', in: 'path', path: /^\/v1\/(public\/)?(villages|divisions)\//, example: '370322104203' },
  { name: 'code', in: 'path', path: /^\/v1\/ledgers\//, example: '102' },
  { name: 'divisionCode', in: 'path', example: '370322104203' },
  { name: 'within', in: 'query', example: '370322' },
  { name: 'villageCode', in: 'query', example: '370322104203' },
  { name: 'parent', in: 'query', example: '370322104' },
  { name: 'year', in: 'path', example: '2024' },
  { name: 'year', in: 'query', example: '2024' },
]

/** Where a caller finds a real id for each id parameter, by the collection it addresses. */
const ID_SOURCES: Record<string, string> = {
  'api-keys': 'listApiKeys',
  people: 'listPeople (`villageCode=370322104203` on the demo)',
  partners: 'listPartners (`within=370322` on the demo)',
  alliances: 'listAlliances (`within=370322` on the demo)',
  ledgers: 'listLedgers (`within=370322` on the demo)',
  matters: 'listMatters (`within=370322` on the demo)',
  projects: 'listProjects (`within=370322` on the demo)',
  'fund-sources': 'listFundSources (`within=370322` on the demo)',
}

function demoExamples(path: string, op: Operation): void {
  for (const parameter of op.parameters ?? []) {
    const match = DEMO_EXAMPLES.find(
      (e) => e.name === parameter.name && e.in === parameter.in && (!e.path || e.path.test(path)),
    )
    if (match) {
      const type = (parameter.schema as Json | undefined)?.type
      parameter.example = type === 'integer' ? Number(match.example) : match.example
    }
    if (parameter.in !== 'path') continue
    const segments = path.split('/')
    const source = ID_SOURCES[segments[segments.indexOf(`{${String(parameter.name)}}`) - 1] ?? '']
    if (source) {
      const given = typeof parameter.description === 'string' ? `${parameter.description}; ` : ''
      parameter.description = `${given}${source} lists real ones`
    }
  }
}

/** Removes the `$id` (and `$schema`) zod's registry export puts on every component, recursively. */
function stripIds(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) stripIds(item)
  } else if (value && typeof value === 'object') {
    const record = value as Json
    if (typeof record.$id === 'string' && record.$id.startsWith(SCHEMAS)) delete record.$id
    if (typeof record.$schema === 'string') delete record.$schema
    for (const child of Object.values(record)) stripIds(child)
  }
}

function refsIn(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) refsIn(item, into)
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMAS))
        into.add(child.slice(SCHEMAS.length))
      else refsIn(child, into)
    }
  }
}

/** Drops component schemas no operation reaches (zod exports an input and an output twin of each). */
function pruneComponents(doc: Json): void {
  const components = doc.components as { schemas?: Record<string, unknown> } | undefined
  const schemas = components?.schemas
  if (!schemas) return
  const reached = new Set<string>()
  refsIn(doc.paths, reached)
  const queue = [...reached]
  while (queue.length) {
    const name = queue.pop()!
    const found = new Set<string>()
    refsIn(schemas[name], found)
    for (const next of found) if (!reached.has(next)) reached.add(next) && queue.push(next)
  }
  for (const name of Object.keys(schemas)) if (!reached.has(name)) delete schemas[name]
}

export function operationsOf(doc: Json): { path: string; method: string; op: Operation }[] {
  return Object.entries((doc.paths ?? {}) as Record<string, Record<string, Operation>>).flatMap(
    ([path, item]) =>
      Object.entries(item)
        .filter(([method]) => HTTP_METHODS.includes(method))
        .map(([method, op]) => ({ path, method, op })),
  )
}

/** Applies every fix above to the document in place and returns it. */
export function finishDocument<T extends object>(doc: T, options: { servers: Json[] }): T {
  const json = doc as Json
  stripIds(json)
  for (const { path, op } of operationsOf(json)) {
    demoExamples(path, op)
    documentErrors(op)
    describeSuccess(op)
    idempotencyHeader(op)
  }
  pruneComponents(json)
  json.servers = options.servers
  return doc
}
