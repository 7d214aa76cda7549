import { describe, expect, it } from 'vitest'
import { isUniqueViolation } from './database.js'

/** How a unique violation is recognised on PostgreSQL/PGlite and when Citus relays it from a worker. */
const pg = (constraint?: string, message = '') => ({ cause: { code: '23505', constraint, message } })

describe('isUniqueViolation', () => {
  it('matches the constraint field, or a shard copy of it', () => {
    expect(isUniqueViolation(pg('slot_idx'), 'slot_idx')).toBe(true)
    expect(isUniqueViolation(pg('slot_idx_102008'), 'slot_idx')).toBe(true)
    expect(isUniqueViolation(pg('other_idx'), 'slot_idx')).toBe(false)
    expect(isUniqueViolation(pg('other_idx'))).toBe(true)
  })

  it("reads the message when a Citus worker's error arrives without the field", () => {
    const relayed = 'duplicate key value violates unique constraint "slot_idx_102474"'
    expect(isUniqueViolation(pg(undefined, relayed), 'slot_idx')).toBe(true)
    expect(isUniqueViolation(pg(undefined, relayed), 'slot')).toBe(false)
    expect(isUniqueViolation(pg(undefined, 'duplicate key value'), 'slot_idx')).toBe(false)
    // With a field that names another constraint, the message is not consulted.
    expect(isUniqueViolation(pg('other_idx', relayed), 'slot_idx')).toBe(false)
  })

  it('is false for other errors', () => {
    expect(isUniqueViolation({ cause: { code: '23503', constraint: 'slot_idx' } }, 'slot_idx')).toBe(false)
    expect(isUniqueViolation(new Error('boom'), 'slot_idx')).toBe(false)
  })
})
