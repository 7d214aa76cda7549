import { formatMoney, MoneyOut } from '@liancun/core'
import { Period } from '@liancun/ledger'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  balanceSheetDocument,
  divisionHead,
  divisionName,
  ExportFile,
  ExportFormat,
  eliminatedTable,
  exportAccess,
  incomeStatementDocument,
  sendExport,
  trialBalanceDocument,
} from '../../exports/index.js'
import { hotResponse } from '../../http/hot-response.js'
import { errorResponses } from '../../http/problem.js'
import { resolveWithin, WithinQuery } from '../../http/scope-query.js'
import { Year } from './periods.js'
import {
  BalanceSheetOut,
  balanceSheetToWire,
  IncomeStatementOut,
  incomeStatementToWire,
  TrialBalanceOut,
  trialBalanceToWire,
} from './schemas.js'

/**
 * County books (县/镇 汇总): the statements of every ledger within a county or township, from the
 * maintained balances, equal to the sum of the single ledgers; `eliminateLinks=true` takes out
 * the legs of 飞地抱团 links between two ledgers of the division. Any role may read, within its
 * scope (the division defaults to the key's).
 */

const Division = WithinQuery.meta({
  description: 'the county (6 digits) or township (9 digits) to total; defaults to the key’s scope',
  example: '370322',
})
const Eliminate = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true')
  .meta({ description: 'take out the legs of links between two ledgers of the division' })

const Eliminated = z
  .array(
    z.object({
      code: z.string(),
      openingNet: MoneyOut.meta({ description: 'net (debit − credit) before the range' }),
      debit: MoneyOut,
      credit: MoneyOut,
    }),
  )
  .meta({ description: 'what was taken out per first-level account (empty unless eliminateLinks)' })
const divisionFields = {
  within: z.string(),
  ledgers: z.number().int().meta({ description: 'ledgers of villages within the division' }),
  eliminateLinks: z.boolean(),
  eliminated: Eliminated,
}
const DivisionTrialBalanceOut = TrialBalanceOut.omit({ ledgerId: true })
  .extend(divisionFields)
  .meta({ id: 'DivisionTrialBalance' })
// The 制度-format forms are always there on the books (consolidated by the same form functions).
const DivisionBalanceSheetOut = BalanceSheetOut.omit({ ledgerId: true })
  .extend({ ...divisionFields, official: BalanceSheetOut.shape.official.unwrap() })
  .meta({ id: 'DivisionBalanceSheet' })
const DivisionIncomeStatementOut = IncomeStatementOut.omit({ ledgerId: true })
  .extend({ ...divisionFields, official: IncomeStatementOut.shape.official.unwrap() })
  .meta({ id: 'DivisionIncomeStatement' })

type Books = {
  within: string
  ledgers: number
  eliminateLinks: boolean
  eliminated: { code: string; openingNet: bigint; debit: bigint; credit: bigint }[]
}
const divisionWire = (books: Books) => ({
  within: books.within,
  ledgers: books.ledgers,
  eliminateLinks: books.eliminateLinks,
  eliminated: books.eliminated.map((e) => ({
    code: e.code,
    openingNet: formatMoney(e.openingNet),
    debit: formatMoney(e.debit),
    credit: formatMoney(e.credit),
  })),
})

const bookRoutes: FastifyPluginAsyncZod = async (app) => {
  const ledgers = () => app.services.ledger
  const divisionOf = (request: Parameters<typeof resolveWithin>[0], within: string | undefined) =>
    resolveWithin(request, within) ?? ''

  app.get(
    '/v1/books/trial-balance',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'getDivisionTrialBalance',
        description:
          'Any role; over every ledger of a county or township inside the key’s scope. Per first-level account, read from the balances kept at posting time.',
        summary:
          '县/镇 科目余额表: every ledger of a county or township, per first-level account, from the balances',
        querystring: z.object({ within: Division, from: Period, to: Period, eliminateLinks: Eliminate }),
        response: { 200: hotResponse(DivisionTrialBalanceOut), ...errorResponses() },
      },
    },
    async (request) => {
      const { from, to, eliminateLinks } = request.query
      const books = await ledgers().divisionTrialBalance(
        divisionOf(request, request.query.within),
        from,
        to,
        {
          eliminateLinks,
        },
      )
      const { ledgerId: _ledgerId, ...tb } = trialBalanceToWire({ ...books, ledgerId: '' })
      return { ...tb, ...divisionWire(books) }
    },
  )

  app.get(
    '/v1/books/balance-sheet',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'getDivisionBalanceSheet',
        description:
          'Any role; over every ledger of a county or township inside the key’s scope, at the end of `period`: one line per first-level account, and `official`, the 制度’s format (行次, grouped lines, 年初数 and 期末数) summed over the ledgers, link legs taken out with `eliminateLinks`.',
        summary: '县/镇 资产负债表 at the end of a month, over every ledger of a county or township',
        querystring: z.object({ within: Division, period: Period, eliminateLinks: Eliminate }),
        response: { 200: hotResponse(DivisionBalanceSheetOut), ...errorResponses() },
      },
    },
    async (request) => {
      const { period, eliminateLinks } = request.query
      const books = await ledgers().divisionBalanceSheet(divisionOf(request, request.query.within), period, {
        eliminateLinks,
      })
      const { ledgerId: _ledgerId, official, ...sheet } = balanceSheetToWire({ ...books, ledgerId: '' })
      // The service always gives the books their 制度-format form.
      return { ...sheet, official: official!, ...divisionWire(books) }
    },
  )

  app.get(
    '/v1/books/income-statement',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'getDivisionIncomeStatement',
        description:
          'Any role; over every ledger of a county or township inside the key’s scope, for `year` (closing entries excluded); both halves of the 制度’s format in `official` (rows 1–21: 本年收益, then 年初未分配收益 … 年末未分配收益), summed over the ledgers, link legs and link vouchers taken out with `eliminateLinks`.',
        summary:
          '县/镇 收益及收益分配表 for a year over every ledger of a county or township (closing entries excluded)',
        querystring: z.object({ within: Division, year: Year, eliminateLinks: Eliminate }),
        response: { 200: hotResponse(DivisionIncomeStatementOut), ...errorResponses() },
      },
    },
    async (request) => {
      const { year, eliminateLinks } = request.query
      const books = await ledgers().divisionIncomeStatement(divisionOf(request, request.query.within), year, {
        eliminateLinks,
      })
      const {
        ledgerId: _ledgerId,
        official,
        ...statement
      } = incomeStatementToWire({ ...books, ledgerId: '' })
      return { ...statement, official: official!, ...divisionWire(books) }
    },
  )

  // Exports: each county book above as .xlsx or .csv at `…/export`, scoped as its JSON route;
  // what `eliminateLinks` took out is printed under the statement.
  const headOf = async (books: Books) =>
    divisionHead(
      { code: books.within, name: await divisionName(app.services, books.within), ...books },
      app.clock.now(),
    )
  const below = (books: Books) => eliminatedTable(books.eliminateLinks, books.eliminated)

  app.get(
    '/v1/books/trial-balance/export',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'exportDivisionTrialBalance',
        summary: '县/镇 科目余额表 as an Excel workbook or CSV',
        description: `县/镇 科目余额表 over every ledger of a county or township as a file, every amount as in getDivisionTrialBalance. ${exportAccess('getDivisionTrialBalance')}`,
        querystring: z.object({
          within: Division,
          from: Period,
          to: Period,
          eliminateLinks: Eliminate,
          format: ExportFormat,
        }),
        response: { 200: ExportFile, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const { from, to, eliminateLinks, format } = request.query
      const books = await ledgers().divisionTrialBalance(
        divisionOf(request, request.query.within),
        from,
        to,
        {
          eliminateLinks,
        },
      )
      const doc = trialBalanceDocument(books, await headOf(books), below(books))
      return sendExport(reply, doc, format, app.clock.now())
    },
  )

  app.get(
    '/v1/books/balance-sheet/export',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'exportDivisionBalanceSheet',
        summary: '县/镇 资产负债表 as an Excel workbook or CSV',
        description: `县/镇 资产负债表 at the end of \`period\` over every ledger of a county or township as a file, every amount as in getDivisionBalanceSheet. ${exportAccess('getDivisionBalanceSheet')}`,
        querystring: z.object({
          within: Division,
          period: Period,
          eliminateLinks: Eliminate,
          format: ExportFormat,
        }),
        response: { 200: ExportFile, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const { period, eliminateLinks, format } = request.query
      const books = await ledgers().divisionBalanceSheet(divisionOf(request, request.query.within), period, {
        eliminateLinks,
      })
      const doc = balanceSheetDocument(books, await headOf(books), below(books))
      return sendExport(reply, doc, format, app.clock.now())
    },
  )

  app.get(
    '/v1/books/income-statement/export',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'exportDivisionIncomeStatement',
        summary: '县/镇 收益及收益分配表 as an Excel workbook or CSV',
        description: `县/镇 收益及收益分配表 for \`year\` over every ledger of a county or township as a file, every amount as in getDivisionIncomeStatement. ${exportAccess('getDivisionIncomeStatement')}`,
        querystring: z.object({
          within: Division,
          year: Year,
          eliminateLinks: Eliminate,
          format: ExportFormat,
        }),
        response: { 200: ExportFile, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const { year, eliminateLinks, format } = request.query
      const books = await ledgers().divisionIncomeStatement(divisionOf(request, request.query.within), year, {
        eliminateLinks,
      })
      const doc = incomeStatementDocument(books, await headOf(books), below(books))
      return sendExport(reply, doc, format, app.clock.now())
    },
  )
}

export default bookRoutes
