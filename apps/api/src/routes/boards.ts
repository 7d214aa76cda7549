import { createHash } from 'node:crypto'
import { Id, VillageCode } from '@liancun/core'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  chromiumCandidates,
  createPdfPrinter,
  financialBoardPage,
  findChromium,
  PAPERS,
  type Paper,
  PdfBusyError,
  PdfUnavailableError,
  villageBoardPage,
  villageDisclosureRecord,
} from '../boards/index.js'
import { Problem } from '../http/problem.js'
import { sendProblem } from '../plugins/errors.js'

/**
 * Printable 公开栏 boards (no key): each published disclosure — 晒财务 of a ledger, 晒村务 of a
 * matter — as an A4/A3 HTML page with its sha256 and a QR code of its public JSON record, and the
 * same page as a PDF. Plus the public record of one 晒村务 disclosure, which the QR code opens.
 */
export interface BoardRouteOptions {
  /** Base of the URLs the QR codes hold (LIANCUN_PUBLIC_URL); absent → the request's own host. */
  publicUrl: string | undefined
  /** LIANCUN_CHROMIUM_PATH: a path, `off` (no PDFs), or absent (the system's, found at run time). */
  chromiumPath?: string | undefined
}

const Params = z.object({ code: VillageCode, disclosureId: Id })
const PaperQuery = z.strictObject({
  paper: z.enum(PAPERS).default('A4').meta({ description: 'paper size: A4 (default) or A3', example: 'A4' }),
})
/**
 * A response of another media type than JSON: @fastify/swagger takes a schema's own `content` as
 * the response's content, so the error responses stay problem+json (no route-wide `produces`).
 */
const mediaResponse = (type: string, description: string, schema: Record<string, unknown>) =>
  z.string().meta({ description, content: { [type]: { schema: { type: 'string', ...schema } } } })
const HtmlPage = mediaResponse('text/html', 'the board: an HTML document laid out for print (CSS @page)', {})
const PdfFile = mediaResponse('application/pdf', 'the same board printed as PDF', {
  contentMediaType: 'application/pdf',
})
const NotFound = Problem.describe(
  'Not found: no published disclosure with this id in this village (`ledger.disclosure_not_found`, `boards.disclosure_not_found`)',
)
const Unavailable = Problem.describe(
  'No PDF now: `boards.pdf_unavailable` (this server has no Chromium; the HTML board works) or `boards.pdf_busy` ' +
    '(too many PDFs at once; retry after `Retry-After` seconds)',
)

const AffairsRecordOut = z
  .object({
    id: Id,
    villageCode: z.string(),
    matterId: Id,
    kind: z.string().meta({ description: 'resolution (决议公开) or result (实施结果公开)' }),
    from: z.string(),
    until: z.string(),
    sha256: z.string().meta({ description: 'sha256 of `content`, byte for byte (printed on the board)' }),
    content: z
      .string()
      .meta({ description: 'the published part as exact JSON text; sha256(content) = sha256' }),
    document: z.record(z.string(), z.unknown()).meta({ description: 'content, parsed' }),
    state: z.string().meta({ description: 'the matter’s state now (not part of the hash)' }),
    objections: z
      .array(
        z.object({
          submittedOn: z.string(),
          outcome: z.string().nullable(),
          respondedOn: z.string().nullable(),
        }),
      )
      .meta({
        description: 'objections and their answers now, without who raised them (not part of the hash)',
      }),
  })
  .meta({ id: 'VillageAffairsDisclosure' })

/** At most this many PDFs are kept; a board's PDF is reused while its HTML is byte for byte the same. */
const PDF_CACHE_SIZE = 32

const boardRoutes: FastifyPluginAsyncZod<BoardRouteOptions> = async (app, options) => {
  const chromium = options.chromiumPath
  const printer = createPdfPrinter(() =>
    chromium === 'off' ? null : findChromium(chromium ? [chromium] : chromiumCandidates()),
  )
  app.addHook('onClose', () => printer.close())
  const pdfs = new Map<string, Buffer>()

  const base = (request: FastifyRequest) => options.publicUrl ?? `${request.protocol}://${request.host}`
  const financialUrl = (request: FastifyRequest, code: string, id: string) =>
    `${base(request)}/v1/public/villages/${code}/financial-disclosures/${id}`
  const affairsUrl = (request: FastifyRequest, code: string, id: string) =>
    `${base(request)}/v1/public/villages/${code}/disclosures/${id}`

  const boardPage = (
    kind: 'financial' | 'village',
    request: FastifyRequest,
    code: string,
    id: string,
    paper: Paper,
  ) =>
    (kind === 'financial' ? financialBoardPage : villageBoardPage)(app.services, {
      villageCode: code,
      disclosureId: id,
      recordUrl: (kind === 'financial' ? financialUrl : affairsUrl)(request, code, id),
      paper,
    })

  /** The page loads nothing and runs nothing: a CSP that says so, stricter than the API's default. */
  function sendHtml(reply: FastifyReply, page: string) {
    return reply
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
      .type('text/html; charset=utf-8')
      .send(page)
  }

  async function sendPdf(
    request: FastifyRequest,
    reply: FastifyReply,
    page: string,
    paper: Paper,
    name: string,
  ) {
    const key = createHash('sha256').update(paper).update('\0').update(page).digest('hex')
    let pdf = pdfs.get(key)
    if (!pdf) {
      try {
        pdf = await printer.print(page, paper)
      } catch (error) {
        if (error instanceof PdfBusyError) {
          reply.header('retry-after', '5')
          return sendProblem(reply, request, 503, 'boards.pdf_busy', error.message)
        }
        if (!(error instanceof PdfUnavailableError)) throw error
        request.log.warn({ err: error }, 'PDF board unavailable')
        return sendProblem(reply, request, 503, 'boards.pdf_unavailable', error.message)
      }
      if (pdfs.size >= PDF_CACHE_SIZE) pdfs.delete(pdfs.keys().next().value!)
      pdfs.set(key, pdf)
    }
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${name}-${paper}.pdf"`)
      .send(pdf)
  }

  const publicRoute = { config: { public: true } } as const
  const common = { tags: ['public'], security: [], params: Params }

  app.get(
    '/v1/public/villages/:code/financial-disclosures/:disclosureId/board',
    {
      ...publicRoute,
      schema: {
        ...common,
        operationId: 'getFinancialDisclosureBoard',
        summary: '晒财务 公开栏 (no key): one financial disclosure as a printable A4/A3 page',
        description:
          'No key. The disclosure’s content as tables (income and expenditure item by item, balances, receivables and ' +
          'payables, 收益分配), the village and period, its sha256, and a QR code of its public record ' +
          '(getPublicFinancialDisclosure) — print it from the browser, or take the PDF.',
        querystring: PaperQuery,
        response: { 200: HtmlPage, 400: Problem, 404: NotFound },
      },
    },
    async (request, reply) => {
      const { code, disclosureId } = request.params
      return sendHtml(reply, await boardPage('financial', request, code, disclosureId, request.query.paper))
    },
  )

  app.get(
    '/v1/public/villages/:code/financial-disclosures/:disclosureId/board.pdf',
    {
      ...publicRoute,
      schema: {
        ...common,
        operationId: 'getFinancialDisclosureBoardPdf',
        summary: '晒财务 公开栏 (no key): the printable page as PDF',
        description:
          'No key. The page of getFinancialDisclosureBoard printed by a headless Chromium on the server. 503 ' +
          '`boards.pdf_unavailable` where the server has no Chromium.',
        querystring: PaperQuery,
        response: { 200: PdfFile, 400: Problem, 404: NotFound, 503: Unavailable },
      },
    },
    async (request, reply) => {
      const { code, disclosureId } = request.params
      const page = await boardPage('financial', request, code, disclosureId, request.query.paper)
      return sendPdf(request, reply, page, request.query.paper, `financial-disclosure-${disclosureId}`)
    },
  )

  app.get(
    '/v1/public/villages/:code/disclosures/:disclosureId',
    {
      ...publicRoute,
      schema: {
        ...common,
        operationId: 'getPublicVillageDisclosure',
        summary:
          '晒村务 (no key): one matter disclosure with its content and sha256, to check a notice board against',
        description:
          'No key. One 四议两公开 disclosure of listPublicVillageDisclosures: its published part as exact JSON text ' +
          '(`content`) with `sha256` = sha256(content), the hash its printed board shows; and, beside it, the matter’s ' +
          'state and the objections now. No names, ID numbers or phones.',
        response: { 200: AffairsRecordOut, 400: Problem, 404: NotFound },
      },
    },
    async (request) =>
      villageDisclosureRecord(app.services, request.params.code, request.params.disclosureId),
  )

  app.get(
    '/v1/public/villages/:code/disclosures/:disclosureId/board',
    {
      ...publicRoute,
      schema: {
        ...common,
        operationId: 'getVillageDisclosureBoard',
        summary: '晒村务 公开栏 (no key): one matter disclosure as a printable A4/A3 page',
        description:
          'No key. The disclosed matter, its category and stage, the disclosure period and channels, the objections ' +
          'and their answers (never who raised them), the sha256 of getPublicVillageDisclosure’s content and a QR code ' +
          'of that record.',
        querystring: PaperQuery,
        response: { 200: HtmlPage, 400: Problem, 404: NotFound },
      },
    },
    async (request, reply) => {
      const { code, disclosureId } = request.params
      return sendHtml(reply, await boardPage('village', request, code, disclosureId, request.query.paper))
    },
  )

  app.get(
    '/v1/public/villages/:code/disclosures/:disclosureId/board.pdf',
    {
      ...publicRoute,
      schema: {
        ...common,
        operationId: 'getVillageDisclosureBoardPdf',
        summary: '晒村务 公开栏 (no key): the printable page as PDF',
        description:
          'No key. The page of getVillageDisclosureBoard printed by a headless Chromium on the server. 503 ' +
          '`boards.pdf_unavailable` where the server has no Chromium.',
        querystring: PaperQuery,
        response: { 200: PdfFile, 400: Problem, 404: NotFound, 503: Unavailable },
      },
    },
    async (request, reply) => {
      const { code, disclosureId } = request.params
      const page = await boardPage('village', request, code, disclosureId, request.query.paper)
      return sendPdf(request, reply, page, request.query.paper, `village-disclosure-${disclosureId}`)
    },
  )
}

export default boardRoutes
