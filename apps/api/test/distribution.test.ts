import {
  acrossCounties,
  distributeTables,
  hasCitus,
  isConstraintNamed,
  isUniqueViolation,
  selectRows,
} from '@liancun/core'
import { createTestDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { migrateAll, migrationSets } from '../src/database.js'

/**
 * Citus distribution at migration time: on a Citus database every table of the project's schemas
 * is distributed by county_code in one colocation group, or is one of the declared reference
 * tables; elsewhere the step finds no extension and changes nothing.
 */
const database = await createTestDatabase('api-app', migrateAll)
const citus = await hasCitus(database.db)
afterAll(() => database.close())

const schemas = migrationSets.flatMap((set) => [...set.schemas])
const references = migrationSets.flatMap((set) => [...(set.referenceTables ?? [])])

describe('distribution on Citus', () => {
  it.runIf(citus)(
    'places every table of the project: distributed by county_code, one colocation group, or reference',
    async () => {
      const rows = await selectRows<{
        name: string
        method: string | null
        column: string | null
        colocation: number | null
      }>(
        database.db,
        sql`select format('%I.%I', n.nspname, c.relname) as name, p.partmethod::text as method,
            case when p.partmethod = 'h' then column_to_column_name(p.logicalrelid, p.partkey) end as column,
            p.colocationid as colocation
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          left join pg_dist_partition p on p.logicalrelid = c.oid
          where c.relkind in ('r', 'p') and n.nspname in (${sql.join(
            schemas.map((s) => sql`${s}`),
            sql`, `,
          )})
          order by 1`,
      )
      expect(rows.length).toBeGreaterThan(50)
      const reference = rows.filter((r) => r.method === 'n').map((r) => r.name)
      expect(reference.sort()).toEqual([...references].sort())
      const distributed = rows.filter((r) => r.method === 'h')
      expect(distributed.length + reference.length).toBe(rows.length)
      expect(new Set(distributed.map((r) => r.column))).toEqual(new Set(['county_code']))
      expect(new Set(distributed.map((r) => r.colocation)).size).toBe(1)
    },
  )

  it.runIf(citus)('is idempotent: migrating again distributes nothing more', async () => {
    await migrateAll(database.db)
    for (const set of migrationSets) {
      expect(await distributeTables(database.db, set.schemas, set.referenceTables)).toMatchObject({
        citus: true,
        distributed: [],
        reference: [],
      })
    }
  })

  it.runIf(citus)(
    'refuses a statement that touches several shards, unless it is a listed cross-county read',
    async () => {
      await expect(database.db.execute(sql`select count(*) from ledger.vouchers`)).rejects.toThrow()
      const [row] = await acrossCounties(database.db, 'ops.whole-database', (db) =>
        selectRows<{ n: number }>(db, sql`select count(*)::int as n from ledger.vouchers`),
      )
      expect(row?.n).toBe(0)
    },
  )

  it.runIf(!citus)('changes nothing without the citus extension', async () => {
    expect(await distributeTables(database.db, schemas, references)).toEqual({
      citus: false,
      distributed: [],
      reference: [],
    })
  })
})

describe('constraint names', () => {
  it('match their Citus shard copies, and nothing else', () => {
    expect(isConstraintNamed('ledgers_uscc_idx', 'ledgers_uscc_idx')).toBe(true)
    expect(isConstraintNamed('ledgers_uscc_idx_102008', 'ledgers_uscc_idx')).toBe(true)
    expect(isConstraintNamed('ledgers_uscc_idx_other', 'ledgers_uscc_idx')).toBe(false)
    expect(isConstraintNamed('ledgers_uscc_idx_', 'ledgers_uscc_idx')).toBe(false)
    expect(isConstraintNamed('ledgers_uscc', 'ledgers_uscc_idx')).toBe(false)
    expect(isConstraintNamed(undefined, 'ledgers_uscc_idx')).toBe(false)
    const shardError = { code: '23505', constraint: 'api_keys_pkey_102040' }
    expect(isUniqueViolation(shardError, 'api_keys_pkey')).toBe(true)
    expect(isUniqueViolation({ ...shardError, code: '23503' }, 'api_keys_pkey')).toBe(false)
  })
})
