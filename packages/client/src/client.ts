import createFetchClient from 'openapi-fetch'
import type { paths } from './generated/openapi.js'
import { IDEMPOTENT_POSTS } from './generated/operations.js'
import { ProblemError } from './problem.js'
import type {
  CallOptions,
  InitArgs,
  InitOf,
  ItemOf,
  ListPath,
  Method,
  PageOf,
  PathOf,
  RawClient,
  ResponseOf,
} from './types.js'

export interface ClientOptions {
  /** Where the API answers, e.g. `http://127.0.0.1:3000` (no `/v1`: paths carry it). */
  baseUrl: string
  /** An API key's secret (`lc_…`), sent as `Authorization: Bearer …`; omit for the public pages. */
  key?: string
  /** A fetch of your own (a proxy agent, a test double); default `globalThis.fetch`. */
  fetch?: (request: Request) => Promise<Response>
  /** Headers sent with every request (e.g. `X-Request-Id` of your own system). */
  headers?: Record<string, string>
  /** Retries after a network error or a 502/503/504, for GET, PUT and keyed POSTs. Default 2. */
  retries?: number
  /** Wait before the first retry, doubled each time (a `Retry-After` answer wins). Default 200 ms. */
  retryDelayMs?: number
}

/**
 * The typed client. `get`/`post`/`put`/`patch`/`delete` answer the success body and throw a
 * {@link ProblemError} for any other answer; `paginate` walks a list; `raw` is the underlying
 * openapi-fetch client for `{ data, error, response }` (response headers, other media types).
 */
export interface LiancunClient {
  get<P extends PathOf<'get'>>(path: P, ...init: InitArgs<InitOf<'get', P>>): Promise<ResponseOf<'get', P>>
  post<P extends PathOf<'post'>>(
    path: P,
    ...init: InitArgs<InitOf<'post', P>>
  ): Promise<ResponseOf<'post', P>>
  put<P extends PathOf<'put'>>(path: P, ...init: InitArgs<InitOf<'put', P>>): Promise<ResponseOf<'put', P>>
  patch<P extends PathOf<'patch'>>(
    path: P,
    ...init: InitArgs<InitOf<'patch', P>>
  ): Promise<ResponseOf<'patch', P>>
  delete<P extends PathOf<'delete'>>(
    path: P,
    ...init: InitArgs<InitOf<'delete', P>>
  ): Promise<ResponseOf<'delete', P>>
  /** Every item of a cursor-paginated list, fetching the next page as the loop reaches it. */
  paginate<P extends ListPath>(path: P, ...init: InitArgs<InitOf<'get', P>>): AsyncIterableIterator<ItemOf<P>>
  /** The pages of a list, one request each, until `nextCursor` is null. */
  pages<P extends ListPath>(path: P, ...init: InitArgs<InitOf<'get', P>>): AsyncIterableIterator<PageOf<P>>
  readonly raw: RawClient
}

/** A fresh Idempotency-Key (a random UUID), for a write you will retry yourself. */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID()
}

type AnyInit = CallOptions & {
  params?: {
    query?: Record<string, unknown>
    header?: Record<string, unknown>
    path?: Record<string, unknown>
  }
  headers?: Record<string, string>
  signal?: AbortSignal | null
  [option: string]: unknown
}
type RawCall = (
  path: string,
  init: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>

const RETRY_STATUSES = new Set([502, 503, 504])
const MAX_RETRY_AFTER_MS = 10_000

export function createClient(options: ClientOptions): LiancunClient {
  const raw = createFetchClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: {
      ...options.headers,
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
    },
  })
  const defaultRetries = options.retries ?? 2
  const baseDelay = options.retryDelayMs ?? 200
  const byMethod: Record<Method, RawCall> = {
    get: raw.GET as unknown as RawCall,
    put: raw.PUT as unknown as RawCall,
    post: raw.POST as unknown as RawCall,
    patch: raw.PATCH as unknown as RawCall,
    delete: raw.DELETE as unknown as RawCall,
  }

  async function call(method: Method, path: string, init: AnyInit = {}): Promise<unknown> {
    const { idempotencyKey, retries, ...rest } = init
    // A key given as the typed header parameter counts as given.
    const given = idempotencyKey ?? headerValue(rest.params?.header, 'idempotency-key')
    const key =
      method !== 'post' || given === false
        ? undefined
        : (given ?? (IDEMPOTENT_POSTS.has(path) ? newIdempotencyKey() : undefined))
    const request = key ? { ...rest, headers: { ...rest.headers, 'idempotency-key': key } } : rest
    // Only a repeat that cannot write twice is retried: reads, PUT (an upsert), keyed POSTs.
    // PATCH and DELETE are not: a DELETE whose answer was lost would come back 404.
    const attempts = 1 + (method === 'get' || method === 'put' || key ? (retries ?? defaultRetries) : 0)
    for (let attempt = 1; ; attempt++) {
      let result: Awaited<ReturnType<RawCall>>
      try {
        result = await byMethod[method](path, request)
      } catch (error) {
        // A network failure; the write may or may not have happened — the key makes a retry safe.
        if (attempt >= attempts || isAbort(error, rest.signal)) throw error
        await sleep(delay(attempt), rest.signal)
        continue
      }
      const { response } = result
      if (response.ok) return result.data
      const problem = new ProblemError(response, result.error)
      // `idempotency.in_progress`: a twin with the same key was still running; it has ended now.
      const transient = RETRY_STATUSES.has(response.status) || problem.code === 'idempotency.in_progress'
      if (!transient || attempt >= attempts) throw problem
      await sleep(
        problem.retryAfterSeconds === undefined
          ? delay(attempt)
          : Math.min(problem.retryAfterSeconds * 1000, MAX_RETRY_AFTER_MS),
        rest.signal,
      )
    }
  }
  const delay = (attempt: number) => baseDelay * 2 ** (attempt - 1)

  async function* pages(path: string, init: AnyInit = {}): AsyncIterableIterator<PageOf<ListPath>> {
    let cursor: string | undefined
    const seen = new Set<string>()
    for (;;) {
      const query = { ...init.params?.query, ...(cursor ? { cursor } : {}) }
      const page = (await call('get', path, {
        ...init,
        params: { ...init.params, query },
      })) as PageOf<ListPath>
      yield page
      if (page.nextCursor === null) return
      // A cursor the API already gave would loop forever: stop rather than spin.
      if (seen.has(page.nextCursor))
        throw new Error(`${path}: the API returned cursor ${page.nextCursor} twice`)
      seen.add(page.nextCursor)
      cursor = page.nextCursor
    }
  }

  async function* paginate(path: string, init?: AnyInit): AsyncIterableIterator<ItemOf<ListPath>> {
    for await (const page of pages(path, init)) yield* page.items
  }

  return {
    get: (path, ...init) => call('get', path, first(init)) as never,
    post: (path, ...init) => call('post', path, first(init)) as never,
    put: (path, ...init) => call('put', path, first(init)) as never,
    patch: (path, ...init) => call('patch', path, first(init)) as never,
    delete: (path, ...init) => call('delete', path, first(init)) as never,
    paginate: (path, ...init) => paginate(path, first(init)) as never,
    pages: (path, ...init) => pages(path, first(init)) as never,
    raw,
  }
}

/** The optional `init` of a call, as the untyped shape the implementation reads. */
const first = (init: readonly unknown[]) => init[0] as AnyInit | undefined

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)
  return typeof entry?.[1] === 'string' ? entry[1] : undefined
}

function isAbort(error: unknown, signal: AbortSignal | null | undefined): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError')
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason)
      },
      { once: true },
    )
  })
}
