/**
 * Citus distribution at migration time. When the database has the `citus` extension, every table
 * of a migration set's schemas becomes distributed by `county_code` (tenant = county), all in
 * one colocation group so a county's rows of every table share a shard and a request's joins
 * and foreign keys stay on one node. The few tables that are global by nature are declared by
 * their set as reference tables (a copy on every node). On PGlite and plain PostgreSQL this is
 * one catalogue query that finds no extension and returns.
 *
 * Idempotent: a table already in `pg_dist_partition` is skipped, so a restart or a later
 * migration only distributes what is new. Tables are distributed in foreign-key order
 * (referenced first), because Citus refuses a distributed table that references a local one.
 */
import { sql } from 'drizzle-orm'
import { type Database, selectRows } from './database.js'

/** The distribution column of every tenant table. */
export const DISTRIBUTION_COLUMN = 'county_code'

/** True when the connected database has the Citus extension installed. */
export async function hasCitus(db: Database): Promise<boolean> {
  const [row] = await selectRows<{ present: boolean }>(
    db,
    sql`select exists (select 1 from pg_extension where extname = 'citus') as present`,
  )
  return row?.present === true
}

interface TableRow {
  name: string
  has_county: boolean
  references: string[] | null
}

/**
 * Distributes the tables of `schemas` that Citus does not manage yet. `referenceTables` names
 * (as `schema.table`) the global ones; every other table must have a `county_code` column, or
 * this throws: a tenant table without the tenant cannot be placed.
 */
export async function distributeTables(
  db: Database,
  schemas: readonly string[],
  referenceTables: readonly string[] = [],
): Promise<{ citus: boolean; distributed: string[]; reference: string[] }> {
  const done = { citus: false, distributed: [] as string[], reference: [] as string[] }
  if (schemas.length === 0 || !(await hasCitus(db))) return done
  done.citus = true
  const tables = await selectRows<TableRow>(
    db,
    sql`select format('%I.%I', n.nspname, c.relname) as name,
          exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = ${DISTRIBUTION_COLUMN}
                  and not a.attisdropped) as has_county,
          (select array_agg(distinct f.confrelid::regclass::text) from pg_constraint f
            where f.conrelid = c.oid and f.contype = 'f' and f.confrelid <> c.oid) as references
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and not c.relispartition
          and n.nspname in (${sql.join(
            schemas.map((schema) => sql`${schema}`),
            sql`, `,
          )})
          and not exists (select 1 from pg_dist_partition p where p.logicalrelid = c.oid)
        order by 1`,
  )
  const pending = new Map(tables.map((table) => [table.name, table]))
  const visit = async (table: TableRow, path: Set<string>): Promise<void> => {
    if (!pending.has(table.name) || path.has(table.name)) return
    path.add(table.name)
    for (const referenced of table.references ?? []) {
      const target = pending.get(referenced)
      if (target) await visit(target, path)
    }
    pending.delete(table.name)
    if (referenceTables.includes(table.name)) {
      await db.execute(sql`select create_reference_table(${table.name})`)
      done.reference.push(table.name)
    } else if (table.has_county) {
      await db.execute(
        sql`select create_distributed_table(${table.name}, ${DISTRIBUTION_COLUMN}, colocate_with => 'default')`,
      )
      done.distributed.push(table.name)
    } else {
      throw new Error(
        `${table.name} has no ${DISTRIBUTION_COLUMN} column and is not declared a reference table: Citus cannot place it`,
      )
    }
  }
  for (const table of tables) await visit(table, new Set())
  return done
}
