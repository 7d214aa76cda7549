import { DrizzleQueryError } from 'drizzle-orm/errors'
import { describe, expect, it } from 'vitest'
import { safeError } from './logging.js'

const PHONE = '13912345678'

describe('safeError', () => {
  it('keeps the statement and the database code but never the bound values', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "people_pk"'), {
      code: '23505',
      constraint: 'people_pk',
      table: 'people',
      detail: `Key (phone)=(${PHONE}) already exists.`,
    })
    const error = new DrizzleQueryError('insert into people values ($1, $2)', ['张三', PHONE], cause)
    const logged = safeError(error)
    const text = JSON.stringify(logged)
    expect(text).not.toContain(PHONE)
    expect(text).not.toContain('张三')
    expect(text).toContain('insert into people values ($1, $2)')
    expect(logged).toMatchObject({
      type: 'DrizzleQueryError',
      cause: { code: '23505', constraint: 'people_pk', table: 'people' },
    })
    expect(text).not.toContain('already exists')
  })

  it('drops the value a data exception quotes, keeping its reason', () => {
    const error = Object.assign(new Error(`invalid input syntax for type integer: "${PHONE}"`), {
      code: '22P02',
    })
    const logged = safeError(error)
    expect(JSON.stringify(logged)).not.toContain(PHONE)
    expect(logged).toMatchObject({ message: 'invalid input syntax for type integer: [value not logged]' })
  })

  it('passes plain errors and strings through, and stops following causes after a few levels', () => {
    expect(safeError('boom')).toBe('boom')
    expect(safeError(42)).toBe('non-error thrown')
    let error = new Error('level 0')
    for (let i = 1; i < 6; i++) error = new Error(`level ${i}`, { cause: error })
    const text = JSON.stringify(safeError(error))
    expect(text).toContain('level 2')
    expect(text).not.toContain('level 1')
  })
})
