import type { Client, ClientPathsWithMethod, MaybeOptionalInit, MethodResponse } from 'openapi-fetch'
import type { components, paths } from './generated/openapi.js'

/** The openapi-fetch client over the API's paths (`{ data, error, response }` per call). */
export type RawClient = Client<paths>

export type Method = 'get' | 'put' | 'post' | 'patch' | 'delete'

/** Every path of the API that has this method, e.g. `'/v1/alliances/{id}/members'` for `'post'`. */
export type PathOf<M extends Method> = ClientPathsWithMethod<RawClient, M>

/** `params` (path, query, header), `body` and fetch options of one operation. */
export type InitOf<M extends Method, P extends PathOf<M>> = MaybeOptionalInit<paths[P], M>

/** The success body of an operation: money as decimal strings in 元 (`"12345.67"`), never numbers. */
export type ResponseOf<M extends Method, P extends PathOf<M>, Init = unknown> = MethodResponse<
  RawClient,
  M,
  P,
  Init
>

/** The JSON body an operation takes. */
export type BodyOf<M extends Method, P extends PathOf<M>> = NonNullable<InitOf<M, P>>['body']

/** A named schema of the API's document, e.g. `Schema<'Alliance'>`, `Schema<'Problem'>`. */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N]

/** Options of one call, beside openapi-fetch's (`params`, `body`, `headers`, `signal`, …). */
export interface CallOptions {
  /**
   * POSTs that write take an `Idempotency-Key`: by default the client sends a new UUID, the same
   * one on each retry, so a retried write happens once. Pass your own key to make a retry across
   * processes safe (same key + same body → the stored first response), or `false` to send none.
   */
  idempotencyKey?: string | false
  /** Retries after a network error or a 502/503/504, for GET, PUT and keyed POSTs (default: the client's). */
  retries?: number
}

/** The argument list: `init` is optional when the operation needs no parameters or body. */
export type InitArgs<Init> = undefined extends Init
  ? [init?: NonNullable<Init> & CallOptions]
  : [init: Init & CallOptions]

/** The paths whose GET answers a page: `{ items, nextCursor }` (lists take `?limit=&cursor=`). */
export type ListPath = {
  [P in PathOf<'get'>]: ResponseOf<'get', P> extends { items: unknown[]; nextCursor: string | null }
    ? P
    : never
}[PathOf<'get'>]

/** One item of a list. */
export type ItemOf<P extends ListPath> = ResponseOf<'get', P> extends { items: (infer T)[] } ? T : never

/** One page of a list. */
export type PageOf<P extends ListPath> = { items: ItemOf<P>[]; nextCursor: string | null }
