import { randomBytes } from 'node:crypto'
import { z } from 'zod'

let lastMillis = 0
let sequence = 0

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids made in one process are
 * strictly increasing (a 12-bit counter orders ids of the same millisecond), so they sort by
 * creation and serve as pagination cursors.
 */
export function newId(now: number = Date.now()): string {
  let millis = Math.max(now, lastMillis)
  if (millis === lastMillis) {
    sequence++
    if (sequence > 0xfff) {
      millis++
      sequence = 0
    }
  } else {
    sequence = randomBytes(2).readUInt16BE() & 0x3ff
  }
  lastMillis = millis
  const bytes = randomBytes(16)
  bytes.writeUIntBE(millis, 0, 6)
  bytes[6] = 0x70 | (sequence >> 8)
  bytes[7] = sequence & 0xff
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function isId(value: string): boolean {
  return UUID_PATTERN.test(value)
}

export const Id = z
  .string()
  .regex(UUID_PATTERN, 'must be a lowercase UUID')
  .meta({ description: 'UUIDv7 id', example: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab' })
