import { sql } from 'drizzle-orm'
import {
  index,
  integer,
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

/**
 * Import jobs (imports/*): one per uploaded file, durable so a client can poll its progress and a
 * restart can mark what it interrupted as failed. `scope` is the ledger id or village code the file
 * goes into; the same bytes (`file_sha256`) into the same target and scope are one import while
 * a job for them is queued, running or succeeded (a rejected or failed file may be sent again).
 */
export const importJobs = apiSchema.table(
  'import_jobs',
  {
    countyCode: text('county_code').notNull(),
    id: text('id').notNull(),
    target: text('target').notNull(),
    scope: text('scope').notNull(),
    /** The village whose keys may read the job (the ledger's village for vouchers). */
    villageCode: text('village_code').notNull(),
    fileSha256: text('file_sha256').notNull(),
    fileName: text('file_name'),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    status: text('status').notNull(),
    rowsTotal: integer('rows_total'),
    rowsChecked: integer('rows_checked').notNull().default(0),
    rowsWritten: integer('rows_written').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    /** The first row errors (at most IMPORT_ERRORS_SHOWN), never a cell's value. */
    errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),
    result: jsonb('result'),
    failure: text('failure'),
    createdBy: text('created_by').notNull(),
    requestId: text('request_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Last sign of life of the process running the job (progress updates). */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    uniqueIndex('import_jobs_file_idx')
      .on(t.countyCode, t.target, t.scope, t.fileSha256)
      .where(sql`status not in ('rejected', 'failed')`),
    index('import_jobs_unfinished_idx').on(t.status).where(sql`status in ('queued', 'checking', 'writing')`),
  ],
)
