export { type ClientOptions, createClient, type LiancunClient, newIdempotencyKey } from './client.js'
export type { components, operations, paths } from './generated/openapi.js'
export { type Problem, ProblemError, type ProblemField } from './problem.js'
export type {
  BodyOf,
  CallOptions,
  InitOf,
  ItemOf,
  ListPath,
  Method,
  PageOf,
  PathOf,
  RawClient,
  ResponseOf,
  Schema,
} from './types.js'
