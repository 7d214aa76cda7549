import { PageQuery, pageRequest } from '@liancun/core'
import { CreateDisclosureInput, Period } from '@liancun/ledger'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  balanceSheetDocument,
  ExportFile,
  ExportFormat,
  entriesDocument,
  exportAccess,
  incomeStatementDocument,
  ledgerHead,
  loadLedgerSubject,
  sendExport,
  trialBalanceDocument,
} from '../../exports/index.js'
import { hotResponse } from '../../http/hot-response.js'
import { errorResponses } from '../../http/problem.js'
import { resolveWithin, WithinQuery } from '../../http/scope-query.js'
import { ledgerAccess } from './access.js'
import { AccountCodeParam, LedgerParams } from './ledgers.js'
import { Year } from './periods.js'
import {
  BalanceSheetOut,
  balanceSheetToWire,
  EntriesOut,
  entriesToWire,
  IncomeStatementOut,
  IntegrityOut,
  incomeStatementToWire,
  TrialBalanceOut,
  trialBalanceToWire,
} from './schemas.js'

const RangeQuery = PageQuery.extend({ from: Period, to: Period })

/** One ledger's books: 科目余额表, 明细账 and 日记账, the chain check, the statements. */
const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const ledgers = () => app.services.ledger

  app.get(
    '/v1/ledgers/:id/trial-balance',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'getTrialBalance',
        description:
          'Any role whose key covers the ledger’s village. 科目余额表 over a period range from posted vouchers: opening, debit, credit and closing per account, rolled up to first-level accounts.',
        summary:
          '科目余额表: opening, period debit and credit, closing per account, rolled up, from posted vouchers',
        params: LedgerParams,
        querystring: z.object({ from: Period, to: Period }),
        response: { 200: hotResponse(TrialBalanceOut), ...errorResponses(404) },
      },
    },
    async (request) =>
      trialBalanceToWire(
        await ledgers().trialBalance(
          request.params.id,
          request.query.from,
          request.query.to,
          ledgerAccess(request).options(),
        ),
      ),
  )

  app.get(
    '/v1/ledgers/:id/accounts/:code/entries',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'listAccountEntries',
        description:
          'Any role whose key covers the ledger’s village. 明细账 of an account and its sub-accounts over a period range, with a running balance, cursor-paginated.',
        summary: '明细账: posted lines of an account and its sub-accounts with a running balance, paged',
        params: LedgerParams.extend({ code: AccountCodeParam }),
        querystring: RangeQuery,
        response: { 200: hotResponse(EntriesOut), ...errorResponses(404) },
      },
    },
    async (request) => {
      const { from, to } = request.query
      return entriesToWire(
        await ledgers().accountEntries(
          request.params.id,
          request.params.code,
          { from, to, ...pageRequest(request.query) },
          ledgerAccess(request).options(),
        ),
      )
    },
  )

  for (const [journal, code, title] of [
    ['cash', '101', '现金日记账 (101 库存现金)'],
    ['bank', '102', '银行存款日记账 (102 银行存款)'],
  ] as const) {
    app.get(
      `/v1/ledgers/:id/journals/${journal}`,
      {
        schema: {
          tags: ['ledgers'],
          operationId: `get${journal === 'cash' ? 'Cash' : 'Bank'}Journal`,
          summary: `${title}: every posted movement in date order with the running balance`,
          description: `Any role whose key covers the ledger’s village. ${title}: the posted movements of account ${code} over a period range, in date order, with the running balance.`,
          params: LedgerParams,
          querystring: RangeQuery,
          response: { 200: hotResponse(EntriesOut), ...errorResponses(404) },
        },
      },
      async (request) => {
        const { from, to } = request.query
        return entriesToWire(
          await ledgers().accountEntries(
            request.params.id,
            code,
            { from, to, ...pageRequest(request.query) },
            ledgerAccess(request).options(),
          ),
        )
      },
    )
  }

  app.get(
    '/v1/ledgers/:id/integrity',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'verifyLedgerIntegrity',
        description:
          'Any role whose key covers the ledger’s village. Recomputes the hash chain over every posted voucher and reports the first break, if any.',
        summary: 'Re-verify the hash chain over every posted voucher; reports the first break',
        params: LedgerParams,
        response: { 200: IntegrityOut, ...errorResponses(404) },
      },
    },
    async (request) => ledgers().verifyIntegrity(request.params.id, ledgerAccess(request).options()),
  )

  app.get(
    '/v1/ledgers/:id/balance-sheet',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'getBalanceSheet',
        description:
          'Any role whose key covers the ledger’s village. 资产负债表 at the end of `period`, from posted vouchers: one line per first-level account, and `official`, the format of 《农村集体经济组织会计制度》(财会〔2023〕14号) with 行次, grouped lines and subtotals, 年初数 and 期末数.',
        summary: '资产负债表 at the end of a month, from posted vouchers',
        params: LedgerParams,
        querystring: z.object({ period: Period }),
        response: { 200: hotResponse(BalanceSheetOut), ...errorResponses(404) },
      },
    },
    async (request) =>
      balanceSheetToWire(
        await ledgers().balanceSheet(
          request.params.id,
          request.query.period,
          ledgerAccess(request).options(),
        ),
      ),
  )

  app.get(
    '/v1/ledgers/:id/income-statement',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'getIncomeStatement',
        description:
          'Any role whose key covers the ledger’s village. 收益及收益分配表 for `year`, with the year-end closing entries left out so the year’s income shows; both halves — 本年收益, then 年初未分配收益, 其他转入, 可分配收益, the distributions and 年末未分配收益 — in `official` (the 制度’s format, rows 1–21).',
        summary: '收益及收益分配表 for a year (closing entries excluded)',
        params: LedgerParams,
        querystring: z.object({ year: Year }),
        response: { 200: hotResponse(IncomeStatementOut), ...errorResponses(404) },
      },
    },
    async (request) =>
      incomeStatementToWire(
        await ledgers().incomeStatement(
          request.params.id,
          request.query.year,
          ledgerAccess(request).options(),
        ),
      ),
  )

  // Exports: each report above as .xlsx or .csv at `…/export`, authorised as its JSON route (the
  // same service call through the same guard) plus the ledger for the header; src/exports/ lays
  // out and writes the file.
  const headOf = async (request: Parameters<typeof ledgerAccess>[0], id: string) =>
    ledgerHead(await loadLedgerSubject(app.services, id, ledgerAccess(request).options()), app.clock.now())
  /** A whole book, not a page: an export prints every line of the range. */
  const everything = { limit: Number.MAX_SAFE_INTEGER, after: null }

  app.get(
    '/v1/ledgers/:id/trial-balance/export',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'exportTrialBalance',
        summary: '科目余额表 as an Excel workbook or CSV',
        description: `科目余额表 over a period range as a file, every amount as in getTrialBalance. ${exportAccess('getTrialBalance')}`,
        params: LedgerParams,
        querystring: z.object({ from: Period, to: Period, format: ExportFormat }),
        response: { 200: ExportFile, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { from, to, format } = request.query
      const report = await ledgers().trialBalance(
        request.params.id,
        from,
        to,
        ledgerAccess(request).options(),
      )
      const head = await headOf(request, request.params.id)
      return sendExport(reply, trialBalanceDocument(report, head), format, app.clock.now())
    },
  )

  app.get(
    '/v1/ledgers/:id/accounts/:code/entries/export',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'exportAccountEntries',
        summary: '明细账 of an account as an Excel workbook or CSV (every line of the range)',
        description: `明细账 of an account and its sub-accounts over a period range as a file: 期初余额, every posted line with its running balance (not paginated), 本期合计. ${exportAccess('listAccountEntries')}`,
        params: LedgerParams.extend({ code: AccountCodeParam }),
        querystring: z.object({ from: Period, to: Period, format: ExportFormat }),
        response: { 200: ExportFile, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { from, to, format } = request.query
      const { id, code } = request.params
      const report = await ledgers().accountEntries(
        id,
        code,
        { from, to, ...everything },
        ledgerAccess(request).options(),
      )
      const head = await headOf(request, id)
      return sendExport(reply, entriesDocument(report, head, 'ledger'), format, app.clock.now())
    },
  )

  for (const [journal, code, title] of [
    ['cash', '101', '现金日记账'],
    ['bank', '102', '银行存款日记账'],
  ] as const) {
    const operation = `get${journal === 'cash' ? 'Cash' : 'Bank'}Journal`
    app.get(
      `/v1/ledgers/:id/journals/${journal}/export`,
      {
        schema: {
          tags: ['ledgers'],
          operationId: `export${journal === 'cash' ? 'Cash' : 'Bank'}Journal`,
          summary: `${title} as an Excel workbook or CSV (every movement of the range)`,
          description: `${title} (account ${code}) over a period range as a file: 期初余额, every posted movement in date order with the running balance (not paginated), 本期合计. ${exportAccess(operation)}`,
          params: LedgerParams,
          querystring: z.object({ from: Period, to: Period, format: ExportFormat }),
          response: { 200: ExportFile, ...errorResponses(404) },
        },
      },
      async (request, reply) => {
        const { from, to, format } = request.query
        const { id } = request.params
        const report = await ledgers().accountEntries(
          id,
          code,
          { from, to, ...everything },
          ledgerAccess(request).options(),
        )
        const head = await headOf(request, id)
        return sendExport(reply, entriesDocument(report, head, journal), format, app.clock.now())
      },
    )
  }

  app.get(
    '/v1/ledgers/:id/balance-sheet/export',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'exportBalanceSheet',
        summary: '资产负债表 as an Excel workbook or CSV',
        description: `资产负债表 at the end of \`period\` as a file, every amount as in getBalanceSheet. ${exportAccess('getBalanceSheet')}`,
        params: LedgerParams,
        querystring: z.object({ period: Period, format: ExportFormat }),
        response: { 200: ExportFile, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { period, format } = request.query
      const report = await ledgers().balanceSheet(request.params.id, period, ledgerAccess(request).options())
      const head = await headOf(request, request.params.id)
      return sendExport(reply, balanceSheetDocument(report, head), format, app.clock.now())
    },
  )

  app.get(
    '/v1/ledgers/:id/income-statement/export',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'exportIncomeStatement',
        summary: '收益及收益分配表 as an Excel workbook or CSV',
        description: `收益及收益分配表 for \`year\` (closing entries excluded) as a file, every amount as in getIncomeStatement. ${exportAccess('getIncomeStatement')}`,
        params: LedgerParams,
        querystring: z.object({ year: Year, format: ExportFormat }),
        response: { 200: ExportFile, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { year, format } = request.query
      const report = await ledgers().incomeStatement(request.params.id, year, ledgerAccess(request).options())
      const head = await headOf(request, request.params.id)
      return sendExport(reply, incomeStatementDocument(report, head), format, app.clock.now())
    },
  )

  await app.register(coverageRoutes)
}

/** 财务公开 coverage of a township or county: villages with no published disclosure of a period. */
const MissingDisclosuresOut = z
  .object({
    within: z.string(),
    period: z.string(),
    ledgers: z.number().int().meta({ description: 'ledgers of villages within that book the period' }),
    disclosed: z.number().int(),
    missing: z.array(
      z.object({
        ledgerId: z.string(),
        villageCode: z.string(),
        collective: z.string(),
        published: z
          .array(z.string())
          .meta({ description: 'the disclosures of the period or its months there are' }),
      }),
    ),
  })
  .meta({ id: 'MissingDisclosures' })

const coverageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/books/financial-disclosures/missing',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'listMissingFinancialDisclosures',
        description:
          'Any role; a county or township inside the key’s scope. 财务公开 coverage: the villages whose ledger has no published disclosure of the month or quarter (a quarter is covered by its own disclosure or by all three months), for the township to follow up.',
        summary:
          '财务公开 coverage: villages of a township or county with no disclosure of a month or quarter',
        querystring: z.object({
          within: WithinQuery.meta({
            description: 'county (6 digits) or township (9 digits); defaults to the key’s scope',
          }),
          period: CreateDisclosureInput.shape.period,
        }),
        response: { 200: MissingDisclosuresOut, ...errorResponses() },
      },
    },
    async (request) =>
      app.services.ledger.missingDisclosures(
        resolveWithin(request, request.query.within) ?? '',
        request.query.period,
      ),
  )
}

export default reportRoutes
