import { type Database, newId } from '@liancun/core'
import type { FastifyInstance } from 'fastify'
import { auditLog } from '../schema.js'
import { FileRejected, IMPORT_ERRORS_SHOWN, type RowError } from './errors.js'
import { failAbandonedJobs, type JobRow, updateJob } from './job-store.js'
import { checkPeopleRows } from './people.js'
import { type FileKind, readTable, type Table } from './read-file.js'
import { checkRosterRows, type RosterTarget } from './rosters.js'
import { checkVoucherRows } from './vouchers.js'
import {
  type ResultItem,
  type WriteContext,
  type Written,
  writePeople,
  writeRoster,
  writeVouchers,
} from './writers.js'

export type ImportTarget = 'vouchers' | 'people' | RosterTarget

/** The operation each target is uploaded by (the audit row names it). */
export const OPERATION_OF: Record<ImportTarget, string> = {
  vouchers: 'importVoucherFile',
  people: 'importPeopleFile',
  'party-members': 'importPartyMemberFile',
  representatives: 'importRepresentativeFile',
  'village-posts': 'importVillagePostFile',
}

/**
 * A job without a heartbeat for this long, on PostgreSQL (where several processes may share the
 * database and one cannot tell another's live job from a dead one), belonged to a stopped process.
 */
export const STALE_AFTER_MS = 2 * 60 * 1000

/** Progress is written at most this often while rows are written (PostgreSQL only, see below). */
const PROGRESS_EVERY_MS = 1000

class Rollback extends Error {
  constructor(readonly written: Written) {
    super('the file has refused rows: nothing is written')
  }
}

class Stopping extends Error {
  constructor() {
    super('the server is stopping')
  }
}

export interface Upload {
  bytes: Uint8Array
  kind: FileKind
  charset: string | null
}

/** Checks a table for its target: the pure part of an import (no database). */
function check(job: JobRow, table: Table) {
  if (job.target === 'vouchers') {
    const checked = checkVoucherRows(table)
    return { ...checked, count: checked.vouchers.length, heading: checked.heading as (key: string) => string }
  }
  if (job.target === 'people') {
    const checked = checkPeopleRows(table, job.villageCode)
    return { ...checked, count: checked.people.length }
  }
  const checked = checkRosterRows(table, job.target as RosterTarget)
  return { ...checked, count: checked.rows.length }
}

/**
 * Runs import jobs in this process, one at a time, after the upload's 202: read the file, check
 * every row (pure), then write every row through the services in one transaction whose commit
 * also records the job's success — so a job says "succeeded" exactly when its rows are there.
 * Any refusal rolls everything back and the job is "rejected" with every (row, column, rule).
 */
export class ImportRunner {
  private readonly running = new Map<string, Promise<void>>()
  private queue: Promise<void> = Promise.resolve()
  private stopping = false
  /** Test seam: awaited after the checks, before the transaction opens. */
  beforeWrite: ((job: JobRow) => Promise<void>) | null = null

  constructor(private readonly app: FastifyInstance) {}

  isRunning(id: string): boolean {
    return this.running.has(id)
  }

  /** Settles when the job (if this process runs it) is finished. */
  async whenDone(id: string): Promise<void> {
    await this.running.get(id)
  }

  /** Queues the job; its promise settles when the job is finished (never rejects). */
  start(job: JobRow, upload: Upload): Promise<void> {
    const done = this.queue.then(() => this.run(job, upload)).finally(() => this.running.delete(job.id))
    this.running.set(job.id, done)
    this.queue = done
    return done
  }

  /** On shutdown: unfinished jobs stop at their next row, roll back and are marked failed. */
  async close(): Promise<void> {
    this.stopping = true
    await Promise.allSettled([...this.running.values()])
  }

  /** At start-up: jobs left unfinished by a stopped process are marked failed. */
  async failInterrupted(): Promise<number> {
    const { db, engine } = this.app
    // PGlite is embedded: whoever ran an unfinished job was this process, before its restart.
    return failAbandonedJobs(
      db,
      engine === 'pglite' ? {} : { quietSince: new Date(Date.now() - STALE_AFTER_MS) },
    )
  }

  /** A job read by a client: if no live process runs it, it is marked failed first. */
  async settle(job: JobRow): Promise<boolean> {
    if (!['queued', 'checking', 'writing'].includes(job.status) || this.isRunning(job.id)) return false
    const stale = this.app.engine === 'pglite' || Date.now() - job.heartbeatAt.getTime() > STALE_AFTER_MS
    if (!stale) return false
    return (await failAbandonedJobs(this.app.db, { countyCode: job.countyCode, id: job.id })) > 0
  }

  private async run(job: JobRow, upload: Upload): Promise<void> {
    const { db } = this.app
    const c = job.countyCode
    try {
      if (this.stopping) throw new Stopping()
      await updateJob(db, c, job.id, { status: 'checking', startedAt: new Date() })
      const table = await readTable(upload.bytes, upload.kind, upload.charset)
      await updateJob(db, c, job.id, { rowsTotal: table.rows.length })
      const checked = check(job, table)
      await updateJob(db, c, job.id, { rowsChecked: table.rows.length })
      // Rows that passed go through the services even when others failed, so one upload reports
      // every refusal (a duplicate ID number as well as a bad date); any error rolls all back.
      if (checked.count === 0) {
        const none = {
          row: 2,
          column: null,
          rule: 'no_rows',
          message: 'the file has its headings but no rows',
        }
        return await this.reject(job, checked.errors.length > 0 ? checked.errors : [none])
      }
      if (this.beforeWrite) await this.beforeWrite(job)
      await updateJob(db, c, job.id, { status: 'writing' })
      await this.write(job, checked)
    } catch (error) {
      if (error instanceof FileRejected) return this.reject(job, error.errors)
      if (error instanceof Rollback) return this.reject(job, error.written.errors)
      const stopping = error instanceof Stopping
      if (!stopping) this.app.log.error({ err: error, importJobId: job.id }, 'import job failed')
      await updateJob(db, c, job.id, {
        status: 'failed',
        rowsWritten: 0,
        finishedAt: new Date(),
        failure: stopping
          ? 'the server stopped while the job ran; nothing was written — upload the file again'
          : 'internal error; nothing was written — quote the job id when reporting it',
      }).catch((err) => this.app.log.error({ err, importJobId: job.id }, 'could not record the failure'))
    }
  }

  private async write(job: JobRow, checked: ReturnType<typeof check>): Promise<void> {
    const { db, engine } = this.app
    let reported = 0
    let reportedAt = Date.now()
    await this.app.inTransaction(async ({ tx, services }) => {
      const ctx: WriteContext = {
        services,
        heading: checked.heading,
        checkAborted: () => {
          if (this.stopping) throw new Stopping()
        },
        // On PGlite the one connection is this transaction's until it ends: a progress update
        // from outside would wait for it, so only PostgreSQL reports rows written as they go.
        progress: async (written) => {
          if (engine !== 'postgres' || written === reported || Date.now() - reportedAt < PROGRESS_EVERY_MS)
            return
          reported = written
          reportedAt = Date.now()
          await updateJob(db, job.countyCode, job.id, { rowsWritten: written })
        },
      }
      const written = await this.writeRows(job, ctx, checked)
      const errors = [...checked.errors, ...written.errors]
      if (errors.length > 0) throw new Rollback({ items: [], errors })
      await this.succeed(tx, job, written.items)
    })
  }

  private writeRows(job: JobRow, ctx: WriteContext, checked: ReturnType<typeof check>): Promise<Written> {
    if ('vouchers' in checked) {
      return writeVouchers(ctx, { ledgerId: job.scope, keyId: job.createdBy }, checked.vouchers)
    }
    if ('people' in checked) return writePeople(ctx, checked.people)
    return writeRoster(ctx, { kind: job.target as RosterTarget, villageCode: job.villageCode }, checked.rows)
  }

  /** The job's outcome and its audit row, in the transaction that wrote the rows. */
  private async succeed(tx: Database, job: JobRow, items: ResultItem[]): Promise<void> {
    await updateJob(tx, job.countyCode, job.id, {
      status: 'succeeded',
      rowsWritten: items.length,
      result: { imported: items.length, items },
      finishedAt: new Date(),
    })
    await tx.insert(auditLog).values({
      countyCode: job.countyCode,
      id: newId(),
      apiKeyId: job.createdBy,
      requestId: job.requestId,
      clientRequestId: null,
      operation: OPERATION_OF[job.target as ImportTarget] ?? job.target,
      targetType: 'import_job',
      targetId: job.id,
      before: null,
      after: {
        target: job.target,
        scope: job.scope,
        fileSha256: job.fileSha256,
        imported: items.length,
        ids: items.map((item) => item.id),
      },
    })
  }

  private async reject(job: JobRow, errors: RowError[]): Promise<void> {
    const sorted = [...errors].sort((a, b) => a.row - b.row)
    await updateJob(this.app.db, job.countyCode, job.id, {
      status: 'rejected',
      rowsWritten: 0,
      errorCount: sorted.length,
      errors: sorted.slice(0, IMPORT_ERRORS_SHOWN),
      finishedAt: new Date(),
    })
  }
}
