import { Id, VillageCode } from '@liancun/core'
import { z } from 'zod'
import { Problem, problemType } from '../http/problem.js'
import { IMPORT_ERRORS_SHOWN, type RowError } from './errors.js'
import type { JobRow } from './job-store.js'
import type { Column } from './layout.js'
import type { ImportTarget } from './runner.js'

/** The wire form of an import job (GET /v1/villages/{code}/imports/{id}, and the upload's answer). */
const RowErrorOut = z
  .object({
    row: z.number().int().meta({ description: 'spreadsheet row (the heading row is 1)', example: 5 }),
    column: z
      .string()
      .nullable()
      .meta({ description: 'the column heading, null for the whole row', example: '借方' }),
    rule: z.string().meta({
      description: 'the rule broken (a layout rule or a domain error code)',
      example: 'amount_decimals',
    }),
    message: z.string().meta({ example: 'an amount has at most two decimals (分); this one has more' }),
  })
  .meta({ id: 'ImportRowError' })

export const ImportJobOut = z
  .object({
    id: Id,
    target: z.enum(['vouchers', 'people', 'party-members', 'representatives', 'village-posts']),
    scope: z
      .string()
      .meta({ description: 'the ledger id (vouchers) or the village code the file goes into' }),
    villageCode: VillageCode,
    fileSha256: z.string().meta({
      description: 'SHA-256 of the uploaded bytes: the same file into the same scope is one import',
    }),
    fileName: z.string().nullable(),
    status: z.enum(['queued', 'checking', 'writing', 'succeeded', 'rejected', 'failed']).meta({
      description:
        'queued → checking (reading the file, every row against the layout) → writing (through the services, in one ' +
        'transaction) → succeeded (all rows written) | rejected (rules broken: nothing written, see errors) | failed ' +
        '(the server stopped or an internal error: nothing written)',
    }),
    progress: z.object({
      rowsTotal: z.number().int().nullable().meta({ description: 'data rows in the file, once read' }),
      rowsChecked: z.number().int(),
      rowsWritten: z
        .number()
        .int()
        .meta({ description: 'records written so far (tentative until succeeded)' }),
    }),
    errorCount: z.number().int(),
    errors: z.array(RowErrorOut).meta({ description: `the first ${IMPORT_ERRORS_SHOWN} errors, by row` }),
    problem: Problem.nullable().meta({
      description:
        'when rejected: the 422 problem+json of the file (`imports.rows_invalid`, `context.errors`)',
    }),
    result: z
      .object({
        imported: z.number().int(),
        items: z.array(z.object({ row: z.number().int(), id: Id, label: z.string().optional() })),
      })
      .nullable()
      .meta({ description: 'when succeeded: each record written, with the (first) row it came from' }),
    failure: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ImportJob' })

type JobOut = z.infer<typeof ImportJobOut>

export function jobOut(job: JobRow): JobOut {
  const errors = job.errors as RowError[]
  const path = jobPath(job)
  return {
    id: job.id,
    target: job.target as ImportTarget,
    scope: job.scope,
    villageCode: job.villageCode,
    fileSha256: job.fileSha256,
    fileName: job.fileName,
    status: job.status as JobOut['status'],
    progress: { rowsTotal: job.rowsTotal, rowsChecked: job.rowsChecked, rowsWritten: job.rowsWritten },
    errorCount: job.errorCount,
    errors,
    problem:
      job.status === 'rejected'
        ? {
            type: problemType('imports.rows_invalid'),
            title: 'Unprocessable Content',
            status: 422,
            code: 'imports.rows_invalid',
            detail: `${job.errorCount} rule(s) broken in the file; nothing was written`,
            instance: path,
            requestId: job.requestId,
            context: { errors, errorCount: job.errorCount, shown: errors.length },
          }
        : null,
    result: (job.result as JobOut['result']) ?? null,
    failure: job.failure,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  }
}

export const jobPath = (job: { villageCode: string; id: string }) =>
  `/v1/villages/${job.villageCode}/imports/${job.id}`

/** The layout as Markdown, for the operation's description in the console. */
export const layoutTable = (columns: readonly Column[]) =>
  `| column | required | holds |\n|---|---|---|\n${columns
    .map(
      (c) => `| ${[c.heading, ...(c.aliases ?? [])].join(' / ')} | ${c.required ? 'yes' : ''} | ${c.note} |`,
    )
    .join('\n')}`
