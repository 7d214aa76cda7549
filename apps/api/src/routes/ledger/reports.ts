import { PageQuery, pageRequest } from '@liancun/core'
import { Period } from '@liancun/ledger'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hotResponse } from '../../http/hot-response.js'
import { errorResponses } from '../../http/problem.js'
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
          'Any role whose key covers the ledger’s village. 资产负债表 at the end of `period`, from posted vouchers.',
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
          'Any role whose key covers the ledger’s village. 收益及收益分配表 for `year`, with the year-end closing entries left out so the year’s income shows.',
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
}

export default reportRoutes
