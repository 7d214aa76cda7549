import { createHash, randomBytes } from 'node:crypto'
import { countyOf, type Database, DomainError, newId, notFound } from '@liancun/core'
import { and, desc, eq, isNull, lt } from 'drizzle-orm'
import { apiKeys, NATIONAL_COUNTY } from '../schema.js'
import type { Role } from './scope.js'

export interface ApiKey {
  id: string
  name: string
  prefix: string
  role: Role
  scope: string
  createdBy: string | null
  createdAt: string
  revokedAt: string | null
}

const SECRET_PREFIX = 'lc_'

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

export function generateSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(30).toString('base64url')}`
}

/** The tenant a key lives in: its scope's county, or the national pseudo-county. */
export function keyCounty(scope: string, allianceCounty?: string): string {
  if (scope === '*') return NATIONAL_COUNTY
  if (allianceCounty) return allianceCounty
  return scope.length >= 6 ? countyOf(scope) : NATIONAL_COUNTY
}

function toApiKey(row: typeof apiKeys.$inferSelect): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role as Role,
    scope: row.scope,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
  }
}

/** Stores a key (hash only) and returns it with its secret, which is never retrievable again. */
export async function createApiKey(
  db: Database,
  input: {
    name: string
    role: Role
    scope: string
    countyCode: string
    createdBy: string | null
    secret?: string
  },
): Promise<ApiKey & { secret: string }> {
  const secret = input.secret ?? generateSecret()
  const [row] = await db
    .insert(apiKeys)
    .values({
      countyCode: input.countyCode,
      id: newId(),
      name: input.name,
      secretHash: hashSecret(secret),
      prefix: secret.slice(0, 10),
      role: input.role,
      scope: input.scope,
      createdBy: input.createdBy,
    })
    .returning()
  return { ...toApiKey(row!), secret }
}

/** The active key with this secret, or null when unknown or revoked. */
export async function findActiveKey(db: Database, secret: string): Promise<ApiKey | null> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.secretHash, hashSecret(secret)), isNull(apiKeys.revokedAt)))
    .limit(1)
  return row ? toApiKey(row) : null
}

export async function secretExists(db: Database, secret: string): Promise<boolean> {
  const [row] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(eq(apiKeys.secretHash, hashSecret(secret)))
  return row !== undefined
}

export async function getApiKey(db: Database, id: string): Promise<ApiKey> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id))
  if (!row) throw notFound('auth.api_key_not_found', `no API key ${id}`)
  return toApiKey(row)
}

/** Keys, newest first (ids are UUIDv7, so id order is creation order). */
export async function listApiKeys(
  db: Database,
  page: { limit: number; after: string | null },
): Promise<ApiKey[]> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(page.after ? lt(apiKeys.id, page.after) : undefined)
    .orderBy(desc(apiKeys.id))
    .limit(page.limit + 1)
  return rows.map(toApiKey)
}

/**
 * Revokes a key. The update itself decides (`revoked_at is null`), so of concurrent revocations
 * exactly one succeeds and the others answer 409 `auth.api_key_revoked`, never a 500.
 */
export async function revokeApiKey(db: Database, id: string, revokedBy: string): Promise<ApiKey> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date(), revokedBy })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning()
  if (row) return toApiKey(row)
  await getApiKey(db, id)
  throw new DomainError('auth.api_key_revoked', `API key ${id} is already revoked`, { kind: 'conflict' })
}
