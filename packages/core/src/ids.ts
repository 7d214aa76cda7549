import { randomFillSync } from 'node:crypto'
import { z } from 'zod'

let lastMillis = 0
let sequence = 0

/**
 * Random bytes drawn from a pool refilled 4 KiB at a time, as Node's own `randomUUID` does: one
 * call into the CSPRNG per 256 ids instead of one per id (ids are made on every write).
 */
const pool = Buffer.alloc(4096)
let poolOffset = pool.length

function randomCopy(size: number): Buffer {
  if (poolOffset + size > pool.length) {
    randomFillSync(pool)
    poolOffset = 0
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + size))
  poolOffset += size
  return bytes
}

/**
 * A time-ordered UUID (RFC 9562): 48-bit Unix milliseconds, a 12-bit counter that orders ids of
 * the same millisecond (so ids made in one process strictly increase, sort by creation and serve
 * as pagination cursors), then random bits.
 *
 * With a county code the id also **carries its tenant**: a UUIDv8 whose 20 bits after the variant
 * hold the 6-digit county, so `countyOfId` tells, without a query, which county (Citus shard) a
 * row lives in — every statement by id can then filter by `(county_code, id)`. Without one it is
 * a plain UUIDv7 (ids made before tenants were embedded, and ids that belong to no row). Ids of
 * one kind increase strictly; within one millisecond a v8 sorts after any v7.
 */
export function newId(countyCode?: string, now: number = Date.now()): string {
  let millis = Math.max(now, lastMillis)
  if (millis === lastMillis) {
    sequence++
    if (sequence > 0xfff) {
      millis++
      sequence = 0
    }
  } else {
    sequence = randomCopy(2).readUInt16BE() & 0x3ff
  }
  lastMillis = millis
  const bytes = randomCopy(16)
  bytes.writeUIntBE(millis, 0, 6)
  bytes[7] = sequence & 0xff
  if (countyCode === undefined) {
    bytes[6] = 0x70 | (sequence >> 8)
    bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f)
  } else {
    if (!COUNTY.test(countyCode)) throw new Error(`newId: ${countyCode} is not a 6-digit county code`)
    const county = Number(countyCode)
    bytes[6] = 0x80 | (sequence >> 8)
    bytes[8] = 0x80 | (county >> 14)
    bytes[9] = (county >> 6) & 0xff
    bytes[10] = ((county & 0x3f) << 2) | ((bytes[10] as number) & 0x03)
  }
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const COUNTY = /^[0-9]{6}$/

/**
 * The county an id was made for (`newId(countyCode)`), or null for an id that carries none (a
 * UUIDv7, or anything else). Pure: no lookup.
 */
export function countyOfId(id: string): string | null {
  if (!UUID_PATTERN.test(id) || id[14] !== '8') return null
  const byte8 = Number.parseInt(id.slice(19, 21), 16)
  const byte9 = Number.parseInt(id.slice(21, 23), 16)
  const byte10 = Number.parseInt(id.slice(24, 26), 16)
  if ((byte8 & 0xc0) !== 0x80) return null
  const county = ((byte8 & 0x3f) << 14) | (byte9 << 6) | (byte10 >> 2)
  return county <= 999_999 ? String(county).padStart(6, '0') : null
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function isId(value: string): boolean {
  return UUID_PATTERN.test(value)
}

export const Id = z.string().regex(UUID_PATTERN, 'must be a lowercase UUID').meta({
  description: 'time-ordered UUID (v8 carrying its county, or v7)',
  example: '019a4c1e-7b2a-8c3d-8e4f-0123456789ab',
})
