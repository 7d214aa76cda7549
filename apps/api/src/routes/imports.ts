import { createHash } from 'node:crypto'
import { countyOfId, Id, newId, VillageCode } from '@liancun/core'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorResponses } from '../http/problem.js'
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, importError } from '../imports/errors.js'
import { findJob, findJobOfFile, insertJob } from '../imports/job-store.js'
import { ImportJobOut, jobOut, jobPath, layoutTable } from '../imports/job-view.js'
import type { Column } from '../imports/layout.js'
import { PEOPLE_COLUMNS } from '../imports/people.js'
import { CSV_TYPE, charsetOf, fileKindOf, XLSX_TYPE } from '../imports/read-file.js'
import { ROSTER_COLUMNS } from '../imports/rosters.js'
import { ImportRunner, type ImportTarget, OPERATION_OF } from '../imports/runner.js'
import { VOUCHER_COLUMNS } from '../imports/vouchers.js'
import { authorize, ORGANIZATION_WRITERS, REVIEWERS, requireActor } from '../plugins/auth.js'
import { sendProblem } from '../plugins/errors.js'
import { ledgerAccess } from './ledger/access.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The import jobs this process runs (imports/runner.ts). */
    imports: ImportRunner
  }
}

/**
 * The uploaded file. Its only enumerable key is the SHA-256 of the bytes: the generic input checks,
 * which walk every key of a body, see that one string (a Buffer's keys are one per byte), and an
 * `Idempotency-Key`'s request hash covers the file's content.
 */
class UploadedFile {
  readonly sha256: string
  readonly #bytes: Buffer
  constructor(bytes: Buffer) {
    this.#bytes = bytes
    this.sha256 = createHash('sha256').update(bytes).digest('hex')
  }
  get bytes(): Buffer {
    return this.#bytes
  }
}

const FileBody = z
  .custom<UploadedFile>((value) => value instanceof UploadedFile, 'send the file as the request body')
  .meta({
    type: 'string',
    format: 'binary',
    description: `the .xlsx (first worksheet) or .csv file itself, at most ${IMPORT_MAX_BYTES / 1024 / 1024} MiB and ${IMPORT_MAX_ROWS} data rows; the first row holds the column headings`,
  })

const UPLOAD_NOTES =
  `Send the file as the body with \`Content-Type: ${XLSX_TYPE}\` or \`${CSV_TYPE}\` (UTF-8, with or without BOM; ` +
  'GB18030 as Excel on Chinese Windows writes it, or `; charset=gbk`). Answers 202 with the job (its URL in ' +
  '`Location`); poll it (GET /v1/villages/{code}/imports/{id}). The whole file is checked first — every bad row is reported with its row, ' +
  'column and rule, and nothing is written unless every row passes — then written in one transaction through the ' +
  'same service calls as single entries. The same bytes into the same scope are one import: sending them again ' +
  'answers 200 with the first job (unless it was rejected or failed, which may be retried). An `Idempotency-Key` ' +
  'replays the first answer as on every POST (its request hash covers the file).'

interface TargetRoute {
  target: ImportTarget
  path: string
  tag: string
  summary: string
  layout: readonly Column[]
  about: string
}

const VILLAGE_TARGETS: TargetRoute[] = [
  {
    target: 'people',
    path: '/v1/imports/people',
    tag: 'imports',
    summary: 'Import the people of a village from .xlsx or .csv',
    layout: PEOPLE_COLUMNS,
    about:
      'One row per person of the village (`villageCode`). ID numbers are checked (GB 11643) and kept only as a keyed hash.',
  },
  {
    target: 'party-members',
    path: '/v1/imports/party-members',
    tag: 'imports',
    summary: 'Import a village’s Party member roster (党员名册) from .xlsx or .csv',
    layout: ROSTER_COLUMNS['party-members'],
    about: 'One row per member; the person by 人员ID or by a name unique in the village.',
  },
  {
    target: 'representatives',
    path: '/v1/imports/representatives',
    tag: 'imports',
    summary: 'Import a village’s 村民代表 roster from .xlsx or .csv',
    layout: ROSTER_COLUMNS.representatives,
    about: 'One row per representative term; the person by 人员ID or by a name unique in the village.',
  },
  {
    target: 'village-posts',
    path: '/v1/imports/village-posts',
    tag: 'imports',
    summary: 'Import the posts of a village’s bodies (支部委员会, 村委会, 村务监督委员会) from .xlsx or .csv',
    layout: ROSTER_COLUMNS['village-posts'],
    about: 'One row per post held; a holder from another village (跨村任职) is named by 人员ID.',
  },
]

const FileNameQuery = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .optional()
  .meta({ description: 'the file’s name, kept with the job' })

const uploadRoutes: FastifyPluginAsyncZod<{ runner: ImportRunner }> = async (app, { runner }) => {
  // The body is the file itself, whatever its type (checked in the handler, after the key).
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
    (_request, body, done) => {
      done(null, new UploadedFile(body as Buffer))
    },
  )

  /** After authorisation: the upload becomes a job, or the job that already took these bytes. */
  async function accept(
    request: FastifyRequest,
    reply: FastifyReply,
    target: ImportTarget,
    into: { countyCode: string; villageCode: string; scope: string },
    fileName: string | undefined,
  ) {
    const contentType = request.headers['content-type']
    const kind = fileKindOf(contentType)
    if (!kind) {
      const message = `send the file with Content-Type ${XLSX_TYPE} or ${CSV_TYPE}`
      return sendProblem(reply, request, 415, 'imports.unsupported_media_type', message, {
        errors: [{ field: 'headers.content-type', message }],
      })
    }
    const upload = request.body as UploadedFile
    const bytes = upload.bytes
    if (bytes.length === 0) {
      return sendProblem(reply, request, 400, 'request.invalid', 'body: the file is empty', {
        errors: [{ field: 'body', message: 'the file is empty' }],
      })
    }
    const fileSha256 = upload.sha256
    const file = { countyCode: into.countyCode, target, scope: into.scope, fileSha256 }
    // The same bytes again: the first job — unless a restart interrupted it (then it is failed now).
    const existing = await findJobOfFile(app.db, file)
    if (existing && !(await runner.settle(existing))) {
      return reply.code(200).header('location', jobPath(existing)).send(jobOut(existing))
    }
    const job = await insertJob(app.db, {
      ...file,
      id: newId(into.countyCode),
      villageCode: into.villageCode,
      fileName: fileName ?? null,
      contentType: String(contentType),
      sizeBytes: bytes.length,
      status: 'queued',
      createdBy: requireActor(request).keyId,
      requestId: request.id,
    })
    if (!job) {
      // A concurrent upload of the same bytes took the unique index first: answer with its job.
      const twin = await findJobOfFile(app.db, file)
      if (twin) return reply.code(200).header('location', jobPath(twin)).send(jobOut(twin))
      throw new Error('an import job vanished between its conflict and its read')
    }
    void runner.start(job, { bytes, kind, charset: charsetOf(contentType) })
    return reply.code(202).header('location', jobPath(job)).send(jobOut(job))
  }

  const uploadSchema = (route: {
    operationId: string
    tag: string
    summary: string
    description: string
  }) => ({
    tags: [route.tag],
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    consumes: [XLSX_TYPE, CSV_TYPE],
    body: FileBody,
    response: { 200: ImportJobOut, 202: ImportJobOut, ...errorResponses(404, 413, 415) },
  })

  app.post(
    '/v1/imports/vouchers',
    {
      schema: {
        ...uploadSchema({
          operationId: OPERATION_OF.vouchers,
          tag: 'imports',
          summary: 'Import reviewed vouchers (history) from .xlsx or .csv into a ledger',
          description:
            'One row per voucher line; lines sharing a 凭证号 are one voucher, written posted with the source’s 制单人 / ' +
            '审核人 through the ledger’s history import (every posting rule applies; numbered in date order after the ' +
            'ledger’s own vouchers). Amounts are 元 with at most two decimals, as text or as Excel numbers (never ' +
            `rounded: more decimals are refused). Who: a reviewer (审核) of the ledger’s village, or an admin.\n\n${layoutTable(VOUCHER_COLUMNS)}\n\n${UPLOAD_NOTES}`,
        }),
        querystring: z.object({ ledgerId: Id, fileName: FileNameQuery }),
      },
    },
    async (request, reply) => {
      const access = ledgerAccess(request, REVIEWERS)
      const ledger = await app.services.ledger.getLedger(request.query.ledgerId, access.options())
      return accept(
        request,
        reply,
        'vouchers',
        { countyCode: ledger.countyCode, villageCode: ledger.villageCode, scope: ledger.id },
        request.query.fileName,
      )
    },
  )

  for (const route of VILLAGE_TARGETS) {
    app.post(
      route.path,
      {
        schema: {
          ...uploadSchema({
            operationId: OPERATION_OF[route.target],
            tag: route.tag,
            summary: route.summary,
            description: `${route.about} Who: an organizer whose key covers the village, or an admin.\n\n${layoutTable(route.layout)}\n\n${UPLOAD_NOTES}`,
          }),
          querystring: z.object({ villageCode: VillageCode, fileName: FileNameQuery }),
        },
      },
      async (request, reply) => {
        const { villageCode } = request.query
        await authorize(request, {
          roles: ORGANIZATION_WRITERS,
          target: { kind: 'division', code: villageCode },
        })
        await app.services.organization.getDivision(villageCode)
        return accept(
          request,
          reply,
          route.target,
          { countyCode: villageCode.slice(0, 6), villageCode, scope: villageCode },
          request.query.fileName,
        )
      },
    )
  }

  app.get(
    '/v1/villages/:code/imports/:id',
    {
      schema: {
        tags: ['imports'],
        operationId: 'getImportJob',
        summary: 'Read an import job: status, progress, every error, the result',
        description:
          'Any role whose key covers the village the file went into (for vouchers, the ledger’s village); the upload ' +
          'answers with this URL in `Location`. Poll until `status` is succeeded, rejected or failed. A job ' +
          'interrupted by a server restart is reported failed (nothing of it was written).',
        params: z.object({ code: VillageCode, id: Id }),
        response: { 200: ImportJobOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { code, id } = request.params
      // Authorised on the village of the path before any read: nothing tells a key about other villages' jobs.
      await authorize(request, { target: { kind: 'division', code } })
      let job = countyOfId(id) === code.slice(0, 6) ? await findJob(app.db, code.slice(0, 6), id) : undefined
      if (!job || job.villageCode !== code)
        throw importError('imports.job_not_found', `no import job ${id} in ${code}`)
      if (await runner.settle(job)) job = (await findJob(app.db, job.countyCode, job.id)) ?? job
      return jobOut(job)
    },
  )
}

export default fp(
  async function importRoutes(app: FastifyInstance) {
    const runner = new ImportRunner(app)
    app.decorate('imports', runner)
    app.addHook('onClose', () => runner.close())
    // A job left unfinished by the previous run of this process is failed, not "running" forever.
    await runner.failInterrupted()
    await app.register(uploadRoutes, { runner })
  },
  { name: 'imports', dependencies: ['database', 'auth'] },
)
