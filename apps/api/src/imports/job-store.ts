import { acrossCounties, type Database } from '@liancun/core'
import { and, eq, inArray, lt, notInArray, sql } from 'drizzle-orm'
import { importJobs } from '../schema.js'

/** SQL of the import jobs only; every statement keyed by county (one shard on Citus). */
export type JobRow = typeof importJobs.$inferSelect
export type NewJob = typeof importJobs.$inferInsert

export const UNFINISHED = ['queued', 'checking', 'writing'] as const
export const FINISHED = ['succeeded', 'rejected', 'failed'] as const
export type JobStatus = (typeof UNFINISHED)[number] | (typeof FINISHED)[number]

const key = (countyCode: string, id: string) =>
  and(eq(importJobs.countyCode, countyCode), eq(importJobs.id, id))

/** The job that already took these bytes into this target (queued, running or succeeded). */
export async function findJobOfFile(
  db: Database,
  file: { countyCode: string; target: string; scope: string; fileSha256: string },
): Promise<JobRow | undefined> {
  const [row] = await db
    .select()
    .from(importJobs)
    .where(
      and(
        eq(importJobs.countyCode, file.countyCode),
        eq(importJobs.target, file.target),
        eq(importJobs.scope, file.scope),
        eq(importJobs.fileSha256, file.fileSha256),
        notInArray(importJobs.status, ['rejected', 'failed']),
      ),
    )
  return row
}

/** Inserts a job; undefined when a concurrent upload of the same file won the unique index. */
export async function insertJob(db: Database, job: NewJob): Promise<JobRow | undefined> {
  const [row] = await db.insert(importJobs).values(job).onConflictDoNothing().returning()
  return row
}

export async function findJob(db: Database, countyCode: string, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(importJobs).where(key(countyCode, id))
  return row
}

/** Progress, status or the outcome; every update is also a heartbeat. */
export async function updateJob(
  db: Database,
  countyCode: string,
  id: string,
  patch: Partial<Omit<NewJob, 'countyCode' | 'id'>>,
): Promise<void> {
  await db
    .update(importJobs)
    .set({ ...patch, heartbeatAt: sql`now()` })
    .where(key(countyCode, id))
}

/**
 * Marks unfinished jobs failed — those of a process that is gone. `quietSince` limits it to jobs
 * without a heartbeat since then (several processes may share a PostgreSQL database); `ids`, to
 * those jobs. Cross-county by purpose: run at start-up over the whole database.
 */
export async function failAbandonedJobs(
  db: Database,
  options: { quietSince?: Date; countyCode?: string; id?: string },
): Promise<number> {
  const failure = 'the server stopped while the job ran; nothing was written — upload the file again'
  const where = and(
    inArray(importJobs.status, [...UNFINISHED]),
    options.quietSince ? lt(importJobs.heartbeatAt, options.quietSince) : undefined,
    options.countyCode ? eq(importJobs.countyCode, options.countyCode) : undefined,
    options.id ? eq(importJobs.id, options.id) : undefined,
  )
  const run = (tx: Database) =>
    tx
      .update(importJobs)
      .set({ status: 'failed', failure, finishedAt: sql`now()`, rowsWritten: 0 })
      .where(where)
      .returning({ id: importJobs.id })
  const rows = options.countyCode ? await run(db) : await acrossCounties(db, 'ops.whole-database', run)
  return rows.length
}
