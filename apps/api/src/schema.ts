import { sql } from 'drizzle-orm'
import {
  index,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

/**
 * The app's own tables: API keys, idempotency records, the audit log and app settings. Every
 * table carries `county_code` in its primary key (Citus tenant, DESIGN.md "Scale-out"); records
 * that belong to no county (a `*` key) use the national pseudo-county `000000`.
 */
export const apiSchema = pgSchema('api')

export const NATIONAL_COUNTY = '000000'

export const apiKeys = apiSchema.table(
  'api_keys',
  {
    countyCode: text('county_code').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    /** SHA-256 of the whole secret; the secret itself is never stored. */
    secretHash: text('secret_hash').notNull(),
    /** First characters of the secret, to let people tell keys apart. */
    prefix: text('prefix').notNull(),
    role: text('role').notNull(),
    scope: text('scope').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('api_keys_secret_hash_idx').on(t.countyCode, t.secretHash),
    index('api_keys_hash_lookup_idx').on(t.secretHash),
  ],
)

export const idempotencyRecords = apiSchema.table(
  'idempotency_records',
  {
    countyCode: text('county_code').notNull(),
    apiKeyId: text('api_key_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: smallint('status_code').notNull(),
    responseBody: text('response_body').notNull(),
    contentType: text('content_type').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.apiKeyId, t.key] })],
)

export const auditLog = apiSchema.table(
  'audit_log',
  {
    countyCode: text('county_code').notNull(),
    id: text('id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
    apiKeyId: text('api_key_id'),
    /** The server's own id of the request (never taken from the client). */
    requestId: text('request_id').notNull(),
    /** The client's `X-Request-Id`, when it sent one in the safe form; kept apart so it cannot forge ours. */
    clientRequestId: text('client_request_id'),
    operation: text('operation').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('audit_log_target_idx').on(t.countyCode, t.targetType, t.targetId),
  ],
)

export const settings = apiSchema.table(
  'settings',
  {
    countyCode: text('county_code').notNull(),
    name: text('name').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.name] })],
)
